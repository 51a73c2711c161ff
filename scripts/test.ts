/**
 * `npm test`: lint, types, the jest suites, then the end-to-end suite, stopping at the first that fails.
 *
 * The end-to-end suite needs n8n 2.41.1, n8n 1.123, chromium and redis installed (test/e2e/prepare.ts: about
 * 7-8 minutes cold, mostly waiting for the network and the disk). So that install starts first, in a child
 * process at low priority with its output in tools/e2e-tools.log, while lint, types and jest run; the
 * end-to-end suite starts once it is done (its global setup then finds everything ready). If the background
 * install fails, the suite's setup installs again in the foreground and reports what went wrong there.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..');
const LOG = path.join(REPO, 'tools', 'e2e-tools.log');

function run(script: string): void {
	const result = spawnSync('npm', ['run', script], { cwd: REPO, stdio: 'inherit' });
	if (result.status !== 0) {
		process.stderr.write(
			`\nnpm test: 'npm run ${script}' exited with ${result.status ?? result.signal}\n`,
		);
		process.exit(result.status ?? 1);
	}
}

function startToolsInstall(): Promise<number | null> {
	fs.mkdirSync(path.dirname(LOG), { recursive: true });
	const out = fs.openSync(LOG, 'w');
	const tsx = path.join(REPO, 'node_modules', '.bin', 'tsx');
	// nice: lint and jest come first on a machine with few cores.
	const child = spawn('nice', ['-n', '10', tsx, path.join('test', 'e2e', 'prepare.ts')], {
		cwd: REPO,
		stdio: ['ignore', out, out],
	});
	process.on('exit', () => child.exitCode === null && child.kill());
	return new Promise((resolve) => {
		child.on('exit', (code) => resolve(code));
		child.on('error', () => resolve(-1));
	});
}

async function main(): Promise<void> {
	const started = Date.now();
	process.stdout.write(
		`npm test: installing the end-to-end tools in the background (log: ${path.relative(REPO, LOG)})\n`,
	);
	const tools = startToolsInstall();
	run('lint');
	run('typecheck');
	run('test:unit');
	const waitStarted = Date.now();
	const code = await tools;
	const tail = fs.readFileSync(LOG, 'utf8').trim().split('\n').slice(-3).join('\n');
	process.stdout.write(
		`\nnpm test: end-to-end tools ${code === 0 ? 'ready' : `not installed (exit ${code}); the suite's setup tries again`}` +
			` (waited ${Math.round((Date.now() - waitStarted) / 1000)} s after jest)\n${tail}\n`,
	);
	run('test:e2e');
	process.stdout.write(
		`\nnpm test: all passed in ${Math.round((Date.now() - started) / 1000)} s\n`,
	);
}

void main();
