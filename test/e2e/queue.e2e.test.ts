/**
 * Queue mode: redis-server + n8n main + 2 workers (own user folder, same package, same sandbox). A published
 * webhook workflow is called 4 times at once; main enqueues, the workers run the Fitbit Plus node.
 * Needs `redis-server` (Debian: apt-get install -y redis-server); without it this file is skipped, visibly.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import axios from 'axios';
import {
	importCredentials,
	importWorkflows,
	installPackage,
	n8nCli,
	setupOwner,
	startQueueMode,
	type QueueHandle,
	type RestClient,
} from '../../scripts/n8n-runtime';
import {
	CREDENTIAL,
	E2E_DIR,
	NODE_TYPE,
	TRIGGER_TYPE,
	e2eLog,
	elapsed,
	readState,
	sandboxAdmin,
	triggerEmissions,
	waitFor,
} from './harness';

const state = readState();
const admin = sandboxAdmin(state);
const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
const describeIfRedis = hasRedis ? describe : describe.skip;

describeIfRedis('queue mode: main + 2 workers over redis', () => {
	let queue: QueueHandle | undefined;
	let organization = '';
	let client: RestClient;

	beforeAll(async () => {
		const userFolder = path.join(E2E_DIR, 'queue');
		fs.mkdirSync(userFolder, { recursive: true });
		installPackage(userFolder, state.tarball, { log: () => undefined });
		({ organization } = await admin.ids());
		await importCredentials(userFolder, [
			{
				...CREDENTIAL,
				baseUrl: state.sandbox.baseUrl,
				clientId: state.sandbox.clientId,
				clientSecret: state.sandbox.clientSecret,
				allowHttp: true,
			},
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
						parameters: {
							httpMethod: 'GET',
							path: 'e2e-queue-groups',
							responseMode: 'lastNode',
							responseData: 'allEntries',
							options: {},
						},
					},
					{
						id: 'q-f',
						name: 'Fitbit Plus',
						type: NODE_TYPE,
						typeVersion: 1,
						position: [220, 0],
						parameters: {
							resource: 'group',
							operation: 'getAll',
							returnAll: true,
							filters: { organization },
						},
						credentials: { fitbitPlusApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
					},
				],
				connections: { Webhook: { main: [[{ node: 'Fitbit Plus', type: 'main', index: 0 }]] } },
			},
			{
				id: 'e2eQueueTrigger1',
				name: 'e2e queue trigger',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					{
						id: 'q-t',
						name: 'Trigger',
						type: TRIGGER_TYPE,
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							event: 'newPatientHealthMetric',
							watch: 'organization',
							organization,
							pollTimes: { item: [{ mode: 'everyMinute' }] },
						},
						credentials: { fitbitPlusApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
					},
				],
				connections: {},
			},
		]);
		for (const id of ['e2eQueueWebhook1', 'e2eQueueTrigger1']) {
			const published = await n8nCli(userFolder, ['publish:workflow', `--id=${id}`]);
			expect(published.code).toBe(0);
		}
		queue = await startQueueMode({ userFolder, workers: 2 });
		client = await setupOwner(queue.main.url);
	});

	afterAll(async () => {
		await queue?.stop();
	});

	test('4 webhook calls are enqueued by main, run by both workers, and answer every group', async () => {
		// Every group the sandbox holds now: other files of the suite create some.
		const groups = await admin.currentIds('group');
		const answers = await Promise.all(
			[1, 2, 3, 4].map(() =>
				axios.get(`${queue!.main.url}/webhook/e2e-queue-groups`, {
					timeout: 60_000,
					validateStatus: () => true,
				}),
			),
		);
		for (const answer of answers) {
			expect(answer.status).toBe(200);
			const ids = (answer.data as Array<{ id: string }>).map((g) => g.id).sort();
			expect(ids).toEqual([...groups].sort());
		}
		const started = queue!.workers.map(
			(w) => (w.logs().match(/Worker started execution \d+/g) ?? []).length,
		);
		expect(started.reduce((a, b) => a + b, 0)).toBe(4);
		expect(queue!.main.logs().match(/Enqueued execution \d+/g) ?? []).toHaveLength(4);
		// Both workers took jobs (BullMQ hands 4 concurrent jobs to the 2 idle workers).
		expect(started.every((n) => n > 0)).toBe(true);
		expect(await admin.takeViolations()).toEqual([]);
	});

	test('the trigger polls on main; records inserted after activation run on a worker at the next poll, once each', async () => {
		const t = Date.now();
		const { patients } = await admin.ids();
		expect((await client.workflow('e2eQueueTrigger1')).active).toBe(true);
		const inserted = (
			await admin.insert('patient_health_metric', {
				count: 3,
				relationships: { patient: { data: { type: 'patient', id: patients[40] } } },
			})
		).map((r) => r.id);
		await waitFor(
			async () =>
				(await client.executions('e2eQueueTrigger1')).some((e) => e.status === 'success')
					? true
					: undefined,
			90_000,
		);
		await new Promise((r) => setTimeout(r, 3000)); // a second execution, if any, would show now
		const { emitted, failed } = await triggerEmissions(client, 'e2eQueueTrigger1', 'Trigger');
		e2eLog(`queue trigger: ${emitted.length} execution(s) in ${elapsed(t)}`);
		expect(failed).toEqual([]);
		expect(emitted).toEqual([inserted]);
		// Enqueued by main, run by one of the workers.
		const [execution] = await client.executions('e2eQueueTrigger1');
		expect(queue!.main.logs()).toMatch(new RegExp(`Enqueued execution ${execution.id}\\b`));
		expect(
			queue!.workers.some((w) =>
				new RegExp(`Worker started execution ${execution.id}\\b`).test(w.logs()),
			),
		).toBe(true);
		expect(await admin.takeViolations()).toEqual([]);
	});
});
