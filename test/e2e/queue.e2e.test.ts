/**
 * Queue mode: redis-server + n8n main + 2 workers (own user folder, same package, same sandbox). A published
 * webhook workflow is called 4 times at once; main enqueues, the workers run the Fitbit Plus node.
 * Needs `redis-server` (Debian: apt-get install -y redis-server); without it this file is skipped, visibly.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import axios from 'axios';
import { importCredentials, importWorkflows, installPackage, n8nCli, startQueueMode, type QueueHandle } from '../../scripts/n8n-runtime';
import { CREDENTIAL, E2E_DIR, NODE_TYPE, readState, sandboxAdmin } from './harness';

const state = readState();
const admin = sandboxAdmin(state);
const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
const describeIfRedis = hasRedis ? describe : describe.skip;

describeIfRedis('queue mode: main + 2 workers over redis', () => {
	let queue: QueueHandle | undefined;
	let organization = '';

	beforeAll(async () => {
		const userFolder = path.join(E2E_DIR, 'queue');
		fs.mkdirSync(userFolder, { recursive: true });
		installPackage(userFolder, state.tarball, { log: () => undefined });
		({ organization } = await admin.ids());
		await importCredentials(userFolder, [
			{ ...CREDENTIAL, baseUrl: state.sandbox.baseUrl, clientId: state.sandbox.clientId, clientSecret: state.sandbox.clientSecret, allowHttp: true },
		]);
		await importWorkflows(userFolder, [
			{
				id: 'e2eQueueWebhook1',
				name: 'e2e queue webhook',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					{
						id: 'q-w',
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId: '0f8e2b4a-6c1d-4e3f-9a7b-e2e0queue001',
						parameters: { httpMethod: 'GET', path: 'e2e-queue-groups', responseMode: 'lastNode', responseData: 'allEntries', options: {} },
					},
					{
						id: 'q-f',
						name: 'Fitbit Plus',
						type: NODE_TYPE,
						typeVersion: 1,
						position: [220, 0],
						parameters: { resource: 'group', operation: 'getAll', returnAll: true, filters: { organization } },
						credentials: { fitbitPlusApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
					},
				],
				connections: { Webhook: { main: [[{ node: 'Fitbit Plus', type: 'main', index: 0 }]] } },
			},
		]);
		const published = await n8nCli(userFolder, ['publish:workflow', '--id=e2eQueueWebhook1']);
		expect(published.code).toBe(0);
		queue = await startQueueMode({ userFolder, workers: 2 });
	});

	afterAll(async () => {
		await queue?.stop();
	});

	test('4 webhook calls are enqueued by main, run by both workers, and answer every group', async () => {
		const { groups } = await admin.ids();
		const answers = await Promise.all(
			[1, 2, 3, 4].map(() => axios.get(`${queue!.main.url}/webhook/e2e-queue-groups`, { timeout: 60_000, validateStatus: () => true })),
		);
		for (const answer of answers) {
			expect(answer.status).toBe(200);
			const ids = (answer.data as Array<{ id: string }>).map((g) => g.id).sort();
			expect(ids).toEqual([...groups].sort());
		}
		const started = queue!.workers.map((w) => (w.logs().match(/Worker started execution \d+/g) ?? []).length);
		expect(started.reduce((a, b) => a + b, 0)).toBe(4);
		expect(queue!.main.logs().match(/Enqueued execution \d+/g) ?? []).toHaveLength(4);
		// Both workers took jobs (BullMQ hands 4 concurrent jobs to the 2 idle workers).
		expect(started.every((n) => n > 0)).toBe(true);
		expect(await admin.takeViolations()).toEqual([]);
	});
});
