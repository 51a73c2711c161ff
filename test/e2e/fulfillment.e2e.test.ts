/**
 * examples/reward-earning-fulfillment.json for real: published in `n8n start`, its trigger ("Reward Earning Ready
 * for Fulfillment", watching a group) polling every minute. A group of 3 patients, each with an activation of a
 * program paid at deactivation (earnings wait) and one paid as earned. After activation, earnings are made
 * ready in random order across the 3 patients, in two waves a poll apart: new earnings under the as-earned
 * programs, and the waiting ones released by deactivating their activations. Every earning made ready is
 * fulfilled exactly once by the workflow (the sandbox refuses a second fulfilment of an earning), none before.
 * About 3-6 minutes of wall time (minute polls, n8n start-up on a busy machine).
 */
import {
	importWorkflows,
	login,
	runDataItems,
	setupOwner,
	startN8n,
} from '../../scripts/n8n-runtime';
import type { N8nHandle } from '../../scripts/n8n-runtime';
import {
	adaptExample,
	e2eLog,
	elapsed,
	prepareUserFolder,
	publish,
	readExample,
	readState,
	sandboxAdmin,
	waitFor,
} from './harness';
import { rel } from '../helpers/rewards';

const state = readState();
const admin = sandboxAdmin(state);

let n8n: N8nHandle | undefined;
afterAll(async () => {
	await n8n?.stop();
});

function shuffled<T>(values: T[], seed: number): T[] {
	const copy = [...values];
	let a = seed;
	for (let i = copy.length - 1; i > 0; i--) {
		a = (a * 1103515245 + 12345) % 2147483648;
		const j = a % (i + 1);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

async function earningFor(activation: string): Promise<string> {
	const [reward] = await admin.insert('reward', {
		attributes: { allocated_value: 5 },
		relationships: { reward_program_activation: rel('reward_program_activation', activation) },
	});
	const [earning] = await admin.insert('reward_earning', {
		attributes: { earned_value: 5 },
		relationships: { reward: rel('reward', reward.id) },
	});
	return earning.id;
}

async function deactivate(activation: string): Promise<void> {
	const response = await fetch(
		`${state.sandbox.url}/__admin/update/reward_program_activation/${activation}`,
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ attributes: { active: false } }),
		},
	);
	if (!response.ok) throw new Error(`deactivate: ${response.status}`);
}

test('reward-earning-fulfillment: earnings made ready in random order across 3 patients of a group are each fulfilled once', async () => {
	await admin.resetLog();
	const t0 = Date.now();
	const note = (s: string) => e2eLog(`fulfillment ${elapsed(t0)}: ${s}`);
	const { organization } = await admin.ids();
	const [group] = await admin.insert('group');
	const programs = [];
	for (const asEarned of [false, true]) {
		const [program] = await admin.insert('reward_program', {
			attributes: { fulfill_as_earned: asEarned, frozen: false },
			relationships: { group: rel('group', group.id) },
		});
		programs.push(program.id);
	}
	const patients = await admin.insert('patient', {
		count: 3,
		relationships: { groups: { data: [{ type: 'group', id: group.id }] } },
	});
	const waiting: string[] = [];
	const asEarned: string[] = [];
	for (const patient of patients) {
		for (const [index, program] of programs.entries()) {
			const [activation] = await admin.insert('reward_program_activation', {
				attributes: { active: true },
				relationships: {
					patient: rel('patient', patient.id),
					reward_program: rel('reward_program', program),
				},
			});
			(index === 0 ? waiting : asEarned).push(activation.id);
		}
	}
	// Earnings waiting for deactivation, made before activation: not ready, so not in the queue yet.
	const held = new Map<string, string[]>();
	for (const activation of waiting)
		held.set(activation, [await earningFor(activation), await earningFor(activation)]);

	const userFolder = await prepareUserFolder('fulfillment');
	const wf = adaptExample(readExample('reward-earning-fulfillment.json'), {
		organization,
		groups: [group.id],
	}) as unknown as { id: string; nodes: Array<{ parameters: Record<string, unknown> }> };
	for (const node of wf.nodes)
		if ('pollTimes' in node.parameters)
			node.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	await importWorkflows(userFolder, [wf]);
	await publish(userFolder, [wf.id]);
	n8n = await startN8n({ userFolder, env: {} });
	await setupOwner(n8n.url);
	note('n8n started (activation poll)');
	const client = await login(n8n.url);
	await waitFor(async () => ((await client.workflow(wf.id)).active ? true : undefined), 30_000);
	// The activation poll (n8n's test poll at start-up) reads every patient's queue once: only what becomes ready
	// after it is the trigger's to emit. On a busy machine it can come a while after n8n answers.
	const activationPoll = await waitFor(async () => {
		const reads = (await admin.requests()).filter(
			(r) => r.pathname.endsWith('/reward_earning') && r.query['filter[groups]'] === group.id,
		);
		return reads.length >= patients.length ? true : undefined;
	}, 120_000);
	expect(activationPoll).toBe(true);
	await new Promise((r) => setTimeout(r, 2000)); // n8n saves the starting point after the poll
	note('activation poll done');

	// Wave 1: random order across the patients, mixing release by deactivation and new as-earned earnings.
	const expected: string[] = [];
	const order = shuffled([...waiting, ...asEarned], Date.now() % 100_000);
	const wave = async (activations: string[]) => {
		for (const activation of activations) {
			if (held.has(activation)) {
				await deactivate(activation);
				expected.push(...held.get(activation)!);
			} else {
				expected.push(await earningFor(activation));
			}
		}
	};
	await wave(order.slice(0, 3));
	note(`wave 1: ${expected.length} earnings ready`);
	await waitFor(
		async () => ((await client.executions(wf.id)).length >= 1 ? true : undefined),
		90_000,
	);
	await wave(order.slice(3));
	note(`wave 2: ${expected.length} earnings ready`);

	const fulfilledIds = async () => {
		const ids: string[] = [];
		const failed: string[] = [];
		for (const e of await client.executions(wf.id)) {
			const detail = await client.execution(e.id);
			if (detail.status !== 'success') failed.push(`${e.id} ${detail.status}`);
			if (detail.runData['Record Fulfillment'])
				ids.push(
					...runDataItems(detail.runData, 'Record Fulfillment').map((i) =>
						String(i.reward_earning),
					),
				);
		}
		return { ids, failed };
	};
	const done = await waitFor(async () => {
		const got = await fulfilledIds();
		return got.ids.length >= expected.length ? got : undefined;
	}, 240_000);
	await new Promise((r) => setTimeout(r, 3000)); // a further execution, if any, would show now
	const final = await fulfilledIds();
	note(`fulfilled ${final.ids.length} of ${expected.length}`);
	expect(done).toBeDefined();
	expect(final.failed).toEqual([]);
	expect([...final.ids].sort()).toEqual([...expected].sort());
	expect(new Set(final.ids).size).toBe(final.ids.length);
	const posts = (await admin.requests()).filter(
		(r) => r.method === 'POST' && r.pathname.endsWith('/reward_earning_fulfillment'),
	);
	expect(posts.every((r) => r.status < 300)).toBe(true);
	expect(await admin.violations()).toEqual([]);
}, 720_000);
