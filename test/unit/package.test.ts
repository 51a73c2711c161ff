/**
 * What n8n's verification and loader expect of the published package: no runtime dependencies, n8n-workflow as a
 * "*" peer, a tarball of dist/ only holding every path the `n8n` section names, and each X.node.js / X.credentials.js
 * exporting a class named X (n8n skips a package that breaks this, silently in the editor).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

beforeAll(() => {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
}, 120000);

it('has no runtime dependencies and n8n-workflow as a "*" peer', () => {
	expect(pkg.dependencies).toBeUndefined();
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.files).toEqual(['dist']);
	expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
});

it('packs dist/ only (plus the files npm always adds), with every path the n8n section names', () => {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const files: string[] = packed.files.map((f: { path: string }) => f.path);
	const outsideDist = files.filter((f) => !f.startsWith('dist/'));
	expect(outsideDist.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
	expect(files.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
	for (const entry of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) expect(files).toContain(entry);
	// Icons and codex files travel with the nodes.
	for (const asset of [
		'dist/nodes/FitbitPlus/fitbitPlus.svg',
		'dist/nodes/FitbitPlus/fitbitPlus.dark.svg',
		'dist/nodes/FitbitPlus/FitbitPlus.node.json',
		'dist/nodes/FitbitPlusTrigger/FitbitPlusTrigger.node.json',
	]) {
		expect(files).toContain(asset);
	}
	// No tests, sandbox, source maps of tests or tooling in the tarball.
	expect(files.filter((f) => /test|sandbox|bench|scripts|tools/.test(f))).toEqual([]);
	console.log(
		`npm pack: ${files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} bytes unpacked`,
	);
});

it('exports from each node and credential file a class named after the file', () => {
	for (const entry of [...pkg.n8n.credentials, ...pkg.n8n.nodes] as string[]) {
		const className = path.basename(entry).split('.')[0];
		const loaded = require(path.join(root, entry));
		expect(typeof loaded[className]).toBe('function');
		const instance = new loaded[className]();
		expect(instance.description ?? instance.name).toBeDefined();
	}
});
