/**
 * Once for the e2e suite: the tools installed (`prepare.ts`: chromium, redis, n8n 2.41.1 in tools/n8n and 1.123
 * in tools/n8n-1 for n8n1.e2e.test.ts; `npm test` installs them in the background beforehand), the package
 * built, packed and installed into a fresh user folder (.n8n-e2e/user), the sandbox started in this process, two
 * credentials imported (one with a wrong secret), n8n started at debug log level, the owner set up. The test
 * files read .n8n-e2e/state.json.
 *
 * E2E_PACKAGE_TARBALL=<file.tgz> installs that tarball instead of building and packing the repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	DEMO_OWNER,
	freePort,
	importCredentials,
	installPackage,
	packPackage,
	setupOwner,
	startN8n,
	type N8nHandle,
} from '../../scripts/n8n-runtime';
import { startSandbox, type Sandbox } from '../sandbox';
import { prepareE2eTools } from './prepare';
import { CREDENTIAL, E2E_DIR, NODE_TYPE, WRONG_SECRET_CREDENTIAL, writeState } from './harness';

declare global {
	// Shared with global-teardown (same module context).
	var __FITBIT_PLUS_E2E__: { sandbox?: Sandbox; n8n?: N8nHandle } | undefined;
}

export default async function globalSetup(): Promise<void> {
	const seconds: Record<string, number> = {};
	const timed = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
		const t = Date.now();
		const r = await fn();
		seconds[label] = (Date.now() - t) / 1000;
		return r;
	};
	const log = (line: string) => process.stderr.write(`[e2e] ${line}\n`);
	process.stderr.write('\n');

	// Installed already when `npm test` ran test/e2e/prepare.ts beside lint and jest; else installed now.
	await timed('prepare tools', () => prepareE2eTools(log, seconds));
	const userFolder = path.join(E2E_DIR, 'user');
	fs.rmSync(E2E_DIR, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	const tarball =
		process.env.E2E_PACKAGE_TARBALL ?? (await timed('build+pack', () => packPackage({ log })));
	await timed('install package', () => installPackage(userFolder, tarball, { log }));

	const handles: { sandbox?: Sandbox; n8n?: N8nHandle } = {};
	globalThis.__FITBIT_PLUS_E2E__ = handles;
	try {
		// More groups and patients than one page (50), so returnAll has to page.
		handles.sandbox = await startSandbox({
			port: await freePort(),
			seed: 7,
			sizes: { groups: 60, patients: 120 },
		});
		const { sandbox } = handles;
		await timed('import credentials', () =>
			importCredentials(userFolder, [
				{
					...CREDENTIAL,
					baseUrl: sandbox.baseUrl,
					clientId: sandbox.clientId,
					clientSecret: sandbox.clientSecret,
					allowHttp: true,
				},
				{
					...WRONG_SECRET_CREDENTIAL,
					baseUrl: sandbox.baseUrl,
					clientId: sandbox.clientId,
					clientSecret: `${sandbox.clientSecret}-wrong`,
					allowHttp: true,
				},
			]),
		);
		handles.n8n = await timed('start n8n', () => startN8n({ userFolder, logLevel: 'debug' }));
		const api = await setupOwner(handles.n8n.url, DEMO_OWNER);
		const fitbitPlus = (await api.nodeTypes()).find((n) => n.name === NODE_TYPE) as
			{ properties?: Array<{ name: string; options?: Array<{ value: string }> }> } | undefined;
		const resources =
			fitbitPlus?.properties?.find((p) => p.name === 'resource')?.options?.map((o) => o.value) ??
			[];
		writeState({
			n8nUrl: handles.n8n.url,
			userFolder,
			logFile: handles.n8n.logFile,
			owner: { email: DEMO_OWNER.email, password: DEMO_OWNER.password },
			sandbox: {
				url: sandbox.url,
				baseUrl: sandbox.baseUrl,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
			},
			resources,
			tarball,
			setupSeconds: seconds,
		});
		log(
			`ready: ${Object.entries(seconds)
				.map(([k, v]) => `${k} ${v.toFixed(1)} s`)
				.join(', ')}`,
		);
	} catch (e) {
		await handles.n8n?.stop();
		await handles.sandbox?.close();
		throw e;
	}
}
