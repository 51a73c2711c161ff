/**
 * The browser suite drives Debian's Chromium (nothing downloads a browser). Where it is missing, the e2e set-up
 * installs it with apt-get, as it installs n8n on first use.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium(log: (line: string) => void): void {
	if (fs.existsSync(CHROMIUM_PATH)) return;
	log(`${CHROMIUM_PATH} is missing: installing Debian's chromium with apt-get`);
	const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
	for (const args of [
		['apt-get', 'update'],
		['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'],
	]) {
		const [command, ...rest] = [...asRoot, ...args];
		const result = spawnSync(command, rest, {
			stdio: ['ignore', 'ignore', 'pipe'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (result.status !== 0)
			throw new Error(
				`${args.join(' ')} failed (exit ${result.status}): ${String(result.stderr).slice(-800)}`,
			);
	}
	if (!fs.existsSync(CHROMIUM_PATH))
		throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} is still missing`);
}
