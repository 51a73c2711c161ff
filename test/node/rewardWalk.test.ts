/**
 * Reward Earning and Reward Earning Fulfillment Get Many for a group or the organization: the API lists them per
 * patient, so the node walks the patients with a reward program activation in scope. What comes back, and what
 * it costs (1 request per 50 activations, 1 or more per patient; an organization also lists its groups).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { activationOf, earningOf, fulfil, patientIn, rewardProgramOf } from '../helpers/rewards';
import { apiRequests, useSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

async function run(parameters: INodeParameters) {
	fixture.sandbox.resetLog();
	const result = await fixture.engine.execute(parameters, [{}]);
	return {
		...result,
		json: result.items.map((item) => item.json),
		requests: apiRequests(fixture.sandbox),
	};
}

/** A new group: 3 patients, each with an activation of a fulfill-as-earned program and 2 earnings, 1 fulfilled. */
function groupWithEarnings() {
	const { sandbox } = fixture;
	const group = sandbox.insert('group').id;
	const program = rewardProgramOf(sandbox, group);
	const earnings: string[] = [];
	const fulfillments: string[] = [];
	const patients: string[] = [];
	for (let p = 0; p < 3; p++) {
		const patient = patientIn(sandbox, group);
		patients.push(patient);
		const activation = activationOf(sandbox, patient, program);
		for (let e = 0; e < 2; e++) {
			const earning = earningOf(sandbox, activation);
			earnings.push(earning);
			if (e === 0) fulfillments.push(fulfil(sandbox, earning));
		}
	}
	return { group, patients, earnings, fulfillments };
}

describe('Reward Earning Get Many, Scope Groups / Organization', () => {
	it('groups: every earning of the patients with an activation there, in 1 + 1 per patient requests', async () => {
		const { group, earnings } = groupWithEarnings();
		const { json, requests, error } = await run({
			resource: 'rewardEarning',
			operation: 'getAll',
			scope: 'groups',
			groups: [group],
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(json.map((e) => e.id).sort()).toEqual([...earnings].sort());
		expect(requests.map((r) => r.operationId)).toEqual([
			'fetchRewardProgramActivations',
			'fetchRewardEarnings',
			'fetchRewardEarnings',
			'fetchRewardEarnings',
		]);
		for (const r of requests.slice(1)) expect(r.query['filter[groups]']).toBe(group);
	});

	it('groups with Ready for Fulfillment on: only the fulfilment queue (ready, not fulfilled)', async () => {
		const { group, earnings } = groupWithEarnings();
		const { json, error } = await run({
			resource: 'rewardEarning',
			operation: 'getAll',
			scope: 'groups',
			groups: [group],
			returnAll: true,
			filters: { ready_for_fulfillment: true },
		});
		expect(error).toBeUndefined();
		// The second earning of each patient (the first was fulfilled).
		expect(json.map((e) => e.id).sort()).toEqual(earnings.filter((_, i) => i % 2 === 1).sort());
	});

	it("organization: the credential's organization, its groups listed once for filter[groups]; Limit holds", async () => {
		groupWithEarnings();
		const { json, requests, error } = await run({
			resource: 'rewardEarning',
			operation: 'getAll',
			scope: 'organization',
			returnAll: false,
			limit: 4,
		});
		expect(error).toBeUndefined();
		expect(json).toHaveLength(4);
		const ops = requests.map((r) => r.operationId);
		expect(ops.filter((o) => o === 'fetchGroups')).toHaveLength(1);
		expect(ops).toContain('fetchRewardProgramActivations');
	});

	it('patient scope is the Get Many it was: one request', async () => {
		const { group, patients } = groupWithEarnings();
		const { json, requests, error } = await run({
			resource: 'rewardEarning',
			operation: 'getAll',
			patientId: { __rl: true, mode: 'id', value: patients[0] },
			groups: [group],
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(json).toHaveLength(2);
		expect(requests).toHaveLength(1);
	});
});

describe('Reward Earning Fulfillment Get Many, Scope Groups', () => {
	it('every fulfillment of the patients with an activation in the groups', async () => {
		const { group, fulfillments } = groupWithEarnings();
		const { json, requests, error } = await run({
			resource: 'rewardEarningFulfillment',
			operation: 'getAll',
			scope: 'groups',
			groups: [group],
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(json.map((f) => f.id).sort()).toEqual([...fulfillments].sort());
		expect(requests).toHaveLength(4);
		for (const r of requests.slice(1))
			expect((r.query as IDataObject)['filter[groups]']).toBeUndefined();
	});

	it('groups empty (from an expression): refused before any request', async () => {
		const { requests, error } = await run({
			resource: 'rewardEarningFulfillment',
			operation: 'getAll',
			scope: 'groups',
			groups: '={{ [] }}',
			returnAll: true,
		});
		expect(String((error as Error)?.message)).toMatch(/'Group Names or IDs' is empty \[item 0\]/);
		expect(requests).toHaveLength(0);
	});
});
