/**
 * What n8n's verification and loader expect of the published package: no runtime dependencies, n8n-workflow as a
 * "*" peer, a tarball of dist/ only holding every path the `n8n` section names, each X.node.js / X.credentials.js
 * exporting a class named X (n8n skips a package that breaks this, silently in the editor), and n8n's own
 * verification scan clean on the source and on the tarball. The scan's tarball leg is here because it needs the
 * build of beforeAll: two test files building dist/ at once could read each other's half-written files.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { packPackage } from '../../scripts/n8n-runtime';

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
	// strict: false: n8n-node lint's strict mode wants eslint.config.mjs to be its template, which would lint
	// test/, scripts/ and bench/ as node code; npm run lint applies that template to the shipped files instead.
	expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: false });
	// `npm publish` outside the release workflow is refused (n8n-node prerelease wants RELEASE_MODE).
	expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
	expect(pkg.scripts.lint).toContain('n8n-node lint');
});

it('packs dist/ only (plus the files npm always adds), with every path the n8n section names', () => {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			// Without jest's NODE_ENV=test: under it eslint-plugin-n8n-nodes-base treats every file as a node file.
			env: { ...process.env, NODE_ENV: undefined },
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

interface ScanReport {
	passed: boolean;
	filesLinted: number;
	errorCount: number;
	warningCount: number;
	messages: Array<{
		file: string;
		line: number;
		ruleId: string | null;
		severity: string;
		message: string;
	}>;
}

/** @n8n/scan-community-package's analyzePackage on a folder, through scripts/scan.mjs (the scanner is ESM). */
function scan(folder: string, leg: 'source' | 'tarball'): ScanReport {
	const out = execFileSync(
		process.execPath,
		[path.join(root, 'scripts', 'scan.mjs'), folder, leg],
		{
			cwd: root,
			// Without jest's NODE_ENV=test: under it eslint-plugin-n8n-nodes-base treats every file as a node file.
			env: { ...process.env, NODE_ENV: undefined },
			encoding: 'utf8',
			maxBuffer: 16 * 1024 * 1024,
		},
	);
	return JSON.parse(out.trim().split('\n').pop()!) as ScanReport;
}

const problems = (report: ScanReport) =>
	report.messages.map((m) => `${m.severity} ${m.file}:${m.line} ${m.ruleId}: ${m.message}`);

describe("n8n's verification scan (@n8n/scan-community-package), inline eslint-disable comments ignored", () => {
	const tempDirs: string[] = [];
	afterAll(() => {
		for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
	});
	const tempDir = (prefix: string) => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
		tempDirs.push(dir);
		return dir;
	};
	const sourceFileCount = () =>
		1 +
		['nodes', 'credentials']
			.flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }))
			.filter((file) => /\.(ts|js|json)$/.test(file)).length;

	it('passes on the committed source (package.json, nodes/, credentials/): 0 errors, 0 warnings', () => {
		const report = scan(root, 'source');
		expect(problems(report)).toEqual([]);
		expect(report).toMatchObject({ passed: true, errorCount: 0, warningCount: 0 });
		expect(report.filesLinted).toBe(sourceFileCount());
	}, 60000);

	it('passes on the packed tarball (its .js files and package.json): 0 errors, 0 warnings', () => {
		const tarball = packPackage({ build: false, log: () => undefined });
		tempDirs.push(path.dirname(tarball));
		const unpacked = tempDir('fitbit-plus-scan-tarball-');
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const report = scan(unpacked, 'tarball');
		expect(problems(report)).toEqual([]);
		expect(report).toMatchObject({ passed: true, errorCount: 0, warningCount: 0 });
		const packedJs = fs
			.readdirSync(unpacked, { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.js'));
		expect(report.filesLinted).toBe(packedJs.length + 1);
	}, 60000);

	it('fails on a planted violation, even one silenced by an eslint-disable comment', () => {
		const copy = tempDir('fitbit-plus-scan-planted-');
		fs.cpSync(path.join(root, 'nodes'), path.join(copy, 'nodes'), { recursive: true });
		fs.cpSync(path.join(root, 'credentials'), path.join(copy, 'credentials'), { recursive: true });
		// The author without an email, as package.json had it before the scan was run here.
		const authorWithoutEmail = { ...pkg, author: { name: pkg.author.name } };
		fs.writeFileSync(
			path.join(copy, 'package.json'),
			JSON.stringify(authorWithoutEmail, null, '\t'),
		);
		const nodeFile = path.join(copy, 'nodes', 'FitbitPlus', 'FitbitPlus.node.ts');
		fs.appendFileSync(
			nodeFile,
			"\n// eslint-disable-next-line no-console\nconsole.log('planted');\n",
		);
		const report = scan(copy, 'source');
		expect(report.passed).toBe(false);
		expect(report.messages.map((m) => `${m.file} ${m.ruleId}`).sort()).toEqual([
			'nodes/FitbitPlus/FitbitPlus.node.ts no-console',
			'package.json @n8n/community-nodes/valid-author',
		]);
	}, 60000);
});
