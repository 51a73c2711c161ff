/**
 * `npm start`: the package in a real n8n, against the local sandbox, ready to click through.
 *
 * 1. installs n8n 2.41.1 + Node 24 into tools/n8n on first use (about 6-8 minutes on 2 free cores, 2.8 GB, once: see the README);
 * 2. builds and packs this package and installs it as a community package;
 * 3. starts the sandbox (fake Fitbit Plus API, seeded data) and n8n on http://localhost:5678;
 * 4. imports the credential "Fitbit Plus Sandbox" (pointing at the sandbox) and the workflows in examples/, and
 *    activates the MCP server example (its bearer token is made once and kept in the user folder);
 * 5. sets up the owner account (first run) and prints how to log in and the MCP endpoint; Ctrl-C stops everything.
 *
 * n8n's data stays in tools/n8n/.demo (git-ignored) between runs; `npm start -- --fresh` starts from scratch.
 * Environment: N8N_PORT (5678), SANDBOX_PORT (5690), N8N_LOG_LEVEL (info), N8N_LISTEN_ADDRESS (127.0.0.1).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../test/sandbox';
import {
	DEMO_OWNER,
	N8N_TOOL_DIR,
	REPO_ROOT,
	ensureN8n,
	fitbitPlusCredential,
	importCredentialObjects,
	importWorkflowFiles,
	installPackage,
	n8nCli,
	needsOwnerSetup,
	packPackage,
	setupOwner,
	startN8n,
	type N8nLogLevel,
} from './n8n-runtime';

const CREDENTIAL_ID = 'fitbitPlusSandbox';
/** The MCP server example (examples/mcp-server-care-team.json): its workflow, path and bearer credential. */
const MCP_EXAMPLE = {
	file: 'mcp-server-care-team.json',
	workflowId: 'exampleMcpCareTeam',
	path: 'fitbit-plus',
};
const MCP_CREDENTIAL = { id: 'fitbitPlusMcpToken', name: 'Fitbit Plus MCP token' };
const log = (line: string) => process.stdout.write(`[start] ${line}\n`);

async function main(): Promise<void> {
	const n8nPort = Number(process.env.N8N_PORT ?? 5678);
	const sandboxPort = Number(process.env.SANDBOX_PORT ?? 5690);
	const userFolder = path.join(N8N_TOOL_DIR, '.demo');
	if (process.argv.includes('--fresh')) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });

	await ensureN8n({ log });
	const tarball = packPackage({ log });
	installPackage(userFolder, tarball, { log });
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });

	const sandbox = await startSandbox({ port: sandboxPort, seed: 1 });
	log(`sandbox (fake Fitbit Plus API) at ${sandbox.baseUrl}`);
	let stopping = false;
	let n8n: Awaited<ReturnType<typeof startN8n>> | undefined;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('stopping …');
		await n8n?.stop();
		await sandbox.close();
		log('stopped');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		// The MCP example's bearer token: made on first start, kept (0600) so connected clients keep working.
		const tokenFile = path.join(userFolder, 'mcp-token');
		if (!fs.existsSync(tokenFile))
			fs.writeFileSync(tokenFile, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
		const mcpToken = fs.readFileSync(tokenFile, 'utf8').trim();
		// Re-imported on every start: the sandbox's address or client may have changed.
		await importCredentialObjects(userFolder, [
			fitbitPlusCredential({
				id: CREDENTIAL_ID,
				name: 'Fitbit Plus Sandbox',
				baseUrl: sandbox.baseUrl,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
				// Off: the sandbox listens on 127.0.0.1, which plain http is accepted for without it.
			}),
			{ ...MCP_CREDENTIAL, type: 'httpBearerAuth', data: { token: mcpToken } },
		]);
		// Examples are imported once each, so your edits to them survive a restart (--fresh re-imports them).
		const importedFile = path.join(userFolder, 'imported-examples.json');
		const imported: string[] = fs.existsSync(importedFile)
			? JSON.parse(fs.readFileSync(importedFile, 'utf8'))
			: [];
		const examplesDir = path.join(REPO_ROOT, 'examples');
		const examples = fs.existsSync(examplesDir)
			? fs
					.readdirSync(examplesDir)
					.filter((f) => f.endsWith('.json') && !imported.includes(f))
					.sort()
			: [];
		if (examples.length > 0) {
			await importWorkflowFiles(
				userFolder,
				examples.map((f) => path.join(examplesDir, f)),
			);
			fs.writeFileSync(importedFile, JSON.stringify([...imported, ...examples], null, 2));
			log(`imported ${examples.length} example workflow(s): ${examples.join(', ')}`);
			if (examples.includes(MCP_EXAMPLE.file)) {
				// Activated once, when imported: if you deactivate it later, it stays so.
				const published = await n8nCli(userFolder, [
					'publish:workflow',
					`--id=${MCP_EXAMPLE.workflowId}`,
				]);
				if (published.code !== 0) log('could not activate the MCP server example; see n8n.log');
			}
		}

		log(
			`starting n8n on port ${n8nPort} (log: ${path.relative(REPO_ROOT, path.join(userFolder, 'n8n.log'))})`,
		);
		n8n = await startN8n({
			userFolder,
			port: n8nPort,
			logLevel: (process.env.N8N_LOG_LEVEL as N8nLogLevel | undefined) ?? 'info',
			// This machine only by default: the demo login is public. N8N_LISTEN_ADDRESS=0.0.0.0 opens it up.
			env: {
				N8N_LISTEN_ADDRESS: process.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1',
				N8N_EDITOR_BASE_URL: `http://localhost:${n8nPort}`,
			},
		});
		if (await needsOwnerSetup(n8n.url)) {
			await setupOwner(n8n.url, DEMO_OWNER);
			log('owner account created');
		}
		process.stdout.write(
			[
				'',
				`  n8n editor:   http://localhost:${n8nPort}`,
				`  login:        ${DEMO_OWNER.email} / ${DEMO_OWNER.password}   (local demo account)`,
				`  credential:   "Fitbit Plus Sandbox" → ${sandbox.baseUrl}`,
				`  workflows:    the examples/ folder, under Overview`,
				`  MCP server:   http://localhost:${n8nPort}/mcp/${MCP_EXAMPLE.path}   (Streamable HTTP, read-only tools)`,
				`  MCP token:    ${mcpToken}   (Authorization: Bearer …; kept in ${path.relative(REPO_ROOT, tokenFile)})`,
				'',
				'  Ctrl-C stops n8n and the sandbox.',
				'',
			].join('\n'),
		);
		n8n.process.once('exit', (code) => {
			if (!stopping) {
				log(`n8n exited unexpectedly (${code}); see ${n8n?.logFile}`);
				void stop(1);
			}
		});
	} catch (e) {
		log(`failed: ${(e as Error).message}`);
		await stop(1);
	}
}

void main();
