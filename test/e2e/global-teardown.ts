import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readState } from './harness';

/** Stops n8n and the sandbox started by global-setup. The user folder and n8n's log stay in .n8n-e2e/. */
export default async function globalTeardown(): Promise<void> {
	const handles = globalThis.__FITBIT_PLUS_E2E__;
	await handles?.n8n?.stop();
	await handles?.sandbox?.close();
	globalThis.__FITBIT_PLUS_E2E__ = undefined;
	// The tarball packed by the setup (not one given with E2E_PACKAGE_TARBALL).
	try {
		const dir = path.dirname(readState().tarball);
		if (
			!process.env.E2E_PACKAGE_TARBALL &&
			dir.startsWith(path.join(os.tmpdir(), 'fitbit-plus-pack-'))
		) {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	} catch {
		/* setup failed before writing the state */
	}
}
