/**
 * The package in a real n8n: build, pack, install into a user folder, and read n8n's loader problems.
 *
 * Community packages are found by scanning `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-*`. `n8n-workflow`
 * (the package's peer) is resolved from n8n's own install: n8n puts its module paths on NODE_PATH at start-up, and
 * its own installer strips peerDependencies. So it must NOT be installed in `.n8n/nodes` (a second copy breaks
 * `instanceof` checks between n8n and the node).
 */
import { spawnSync, type SpawnOptions } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { defaultLog, PACKAGE_NAME, REPO_ROOT, type Log } from './common';

function runSync(cmd: string, args: string[], opts: SpawnOptions & { label: string }): string {
	const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (r.status !== 0) {
		throw new Error(
			`${opts.label} failed (exit ${r.status}):\n${String(r.stdout ?? '').slice(-4000)}\n${String(r.stderr ?? '').slice(-4000)}`,
		);
	}
	return String(r.stdout ?? '');
}

/** `npm run build` + `npm pack` into a new temp dir; returns the tarball's path (remove its folder when done). */
export function packPackage(opts: { build?: boolean; log?: Log; repoRoot?: string } = {}): string {
	const log = opts.log ?? defaultLog;
	const root = opts.repoRoot ?? REPO_ROOT;
	if (opts.build !== false) {
		log('building the package (npm run build)');
		runSync('npm', ['run', 'build'], { cwd: root, label: 'npm run build' });
	}
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'fitbit-plus-pack-'));
	const out = runSync('npm', ['pack', '--json', '--pack-destination', dest], {
		cwd: root,
		label: 'npm pack',
	});
	const info = JSON.parse(out.slice(out.indexOf('[')))[0] as { filename: string };
	const tarball = path.join(dest, path.basename(info.filename));
	log(`packed ${path.basename(tarball)}`);
	return tarball;
}

/**
 * Installs a packed tarball where n8n looks for community packages: `<userFolder>/.n8n/nodes/node_modules`.
 * --legacy-peer-deps: the peer `n8n-workflow` is not installed (n8n provides it); --offline: the package has no
 * dependencies, so nothing is fetched.
 */
export function installPackage(
	userFolder: string,
	tarball: string,
	opts: { log?: Log } = {},
): string {
	const log = opts.log ?? defaultLog;
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgJson)) {
		fs.writeFileSync(
			pkgJson,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const name = JSON.parse(
		spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout,
	).name as string;
	// A re-install of the same version must not keep stale files.
	fs.rmSync(path.join(nodesDir, 'node_modules', name), { recursive: true, force: true });
	runSync(
		'npm',
		[
			'install',
			tarball,
			'--ignore-scripts',
			'--legacy-peer-deps',
			'--offline',
			'--no-audit',
			'--no-fund',
			'--no-package-lock',
			'--bin-links=false',
		],
		{ cwd: nodesDir, label: 'npm install <tarball>' },
	);
	const installed = path.join(nodesDir, 'node_modules', name);
	if (!fs.existsSync(path.join(installed, 'package.json')))
		throw new Error(`${name} not found in ${nodesDir}/node_modules`);
	if (fs.existsSync(path.join(nodesDir, 'node_modules', 'n8n-workflow'))) {
		throw new Error(
			'n8n-workflow was installed into .n8n/nodes: n8n must provide it (peer dependency)',
		);
	}
	log(`installed ${name} into ${path.relative(process.cwd(), nodesDir) || nodesDir}`);
	return installed;
}

/**
 * Warnings and errors of n8n's start-up (up to "Editor is now accessible") about a package or about loading
 * nodes: e.g. `Failed to load package "<name>" … "cause":"TypeError: require(...).X is not a constructor"`
 * (n8n 2.41.1 logs it at error level). Later errors (executions, credential tests) are not loader problems.
 */
export function loaderProblems(logs: string, packageName = PACKAGE_NAME): string[] {
	const entries = logs.split(/\n(?=\d{4}-\d\d-\d\dT[\d:.]+Z \| )/);
	const ready = entries.findIndex((e) => e.includes('Editor is now accessible'));
	return (ready >= 0 ? entries.slice(0, ready) : entries)
		.filter((e) => /^\S+ \| (warn|error)\s*\|/.test(e))
		.filter(
			(e) =>
				e.includes(packageName) ||
				/(load|loading) (the )?(package|node|credential)|Unrecognized node type/i.test(e),
		)
		.map((e) => e.slice(0, 1000));
}

/** A fresh, empty n8n user folder in the temp directory. */
export function makeUserFolder(prefix = 'fitbit-plus-n8n-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The user folder's encryption key (created by n8n on first use in `.n8n/config`); made here if absent. */
export function ensureEncryptionKey(userFolder: string): string {
	const file = path.join(userFolder, '.n8n', 'config');
	try {
		const key = JSON.parse(fs.readFileSync(file, 'utf8')).encryptionKey;
		if (key) return key;
	} catch {
		/* absent */
	}
	const key = crypto.randomBytes(24).toString('base64');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify({ encryptionKey: key }, null, '\t'), { mode: 0o600 });
	return key;
}
