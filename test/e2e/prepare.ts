/**
 * What the end-to-end suite needs installed before it starts, each step a no-op once done: Debian's chromium and
 * redis-server (apt-get), then n8n 2.41.1 (tools/n8n) and n8n 1.123 (tools/n8n-1) at once, 1.x reusing 2.41.1's
 * sqlite3 build. A cold install is mostly waiting for the network
 * and the disk, so `npm test` (scripts/test.ts) runs this file in the background while lint, types and jest run,
 * and the suite's global setup calls `prepareE2eTools()` again, which then finds everything ready.
 *
 * `npx tsx test/e2e/prepare.ts` runs it alone.
 */
import { ensureN8n, ensureRedis, N8N_1_RUNTIME } from '../../scripts/n8n-runtime';
import { ensureChromium } from './browser/chromium';

export async function prepareE2eTools(
	log: (line: string) => void,
	seconds: Record<string, number> = {},
): Promise<void> {
	const timed = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
		const started = Date.now();
		const result = await fn();
		seconds[label] = (Date.now() - started) / 1000;
		return result;
	};
	// apt-get first (its calls block this thread, which the npm installs' steps need), then both n8n at once.
	await timed('chromium + redis', () => {
		ensureChromium(log);
		ensureRedis();
	});
	const n8n2 = timed('ensureN8n 2.41.1', () => ensureN8n());
	const n8n1 = timed('ensureN8n 1.x', () =>
		ensureN8n({ runtime: N8N_1_RUNTIME, sqliteFrom: n8n2 }),
	);
	await Promise.all([n8n2, n8n1]);
}

if (require.main === module) {
	const seconds: Record<string, number> = {};
	const started = Date.now();
	prepareE2eTools((line) => process.stdout.write(`[e2e tools] ${line}\n`), seconds).then(
		() => {
			const parts = Object.entries(seconds)
				.map(([label, s]) => `${label} ${Math.round(s)} s`)
				.join(', ');
			process.stdout.write(
				`[e2e tools] ready in ${Math.round((Date.now() - started) / 1000)} s (${parts})\n`,
			);
		},
		(error: unknown) => {
			process.stderr.write(`[e2e tools] ${(error as Error).stack ?? String(error)}\n`);
			process.exit(1);
		},
	);
}
