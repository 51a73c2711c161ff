/**
 * Plans, calendar events and rewards through the n8n engine against the sandbox: filters and bodies as the spec
 * wants them, the reward chain end to end, reward earning batching, the token's own scope, and refusals.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../coverage/cases';
import { TestEngine } from '../helpers/engine';
import { apiRequests, useSandbox } from '../helpers/sandbox';
import type { Sandbox } from '../sandbox';

const fixture = useSandbox();

type Ref = { type: string; id: string };

async function run(
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	continueOnFail = false,
) {
	fixture.sandbox.resetLog();
	const result = await fixture.engine.execute(parameters, items, { continueOnFail });
	return {
		...result,
		json: result.items.map((item) => item.json),
		requests: apiRequests(fixture.sandbox),
	};
}

function patientWithGroup(sandbox: Sandbox): { patient: string; group: string } {
	for (const id of sandbox.ids.patients) {
		const groups = (sandbox.get('patient', id)?.relationships?.groups?.data ?? []) as Ref[];
		if (groups.length > 0) return { patient: id, group: groups[0].id };
	}
	throw new Error('no patient with a group');
}

function itemIndexOf(error: unknown): unknown {
	return (error as { context?: IDataObject })?.context?.itemIndex;
}

describe('calendar event: Get Many', () => {
	it('sends the type enum, the completed boolean and the start range joined from..to', async () => {
		const patient = fixture.sandbox.ids.patients[0];
		const { json, requests, error } = await run({
			resource: 'calendarEvent',
			operation: 'getAll',
			returnAll: true,
			filters: {
				patient: byId(patient),
				type: 'plan-check-in',
				completed: false,
				start_at: { range: { from: '2020-01-01T00:00:00Z', to: '2040-01-01T00:00:00Z' } },
			},
		});
		expect(error).toBeUndefined();
		expect(requests[0].operationId).toBe('fetchCalendarEvents');
		expect(requests[0].query).toMatchObject({
			'filter[patient]': patient,
			'filter[type]': 'plan-check-in',
			'filter[completed]': 'false',
			'filter[start_at]': '2020-01-01T00:00:00Z..2040-01-01T00:00:00Z',
		});
		const expected = fixture.sandbox
			.list('calendar_event')
			.filter((e) => e.attributes.type === 'plan-check-in' && e.attributes.completed_at == null)
			.filter((e) => {
				const owner = (e.relationships?.owner?.data as Ref | undefined)?.id;
				const users = ((e.attributes.attendees ?? []) as Array<{ user: string }>).map(
					(a) => a.user,
				);
				return owner === patient || users.includes(patient);
			})
			.map((e) => e.id);
		expect(json.map((i) => i.id)).toEqual(expected);
		for (const item of json)
			expect(item).toMatchObject({ type: 'plan-check-in', resourceType: 'calendar_event' });
	});

	it('refuses a range whose From is after its To, before any request, naming the item', async () => {
		const { error, requests } = await run(
			{
				resource: 'calendarEvent',
				operation: 'getAll',
				filters: {
					organization: fixture.sandbox.ids.organization,
					created_at: { range: { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' } },
				},
			},
			[{}, {}],
		);
		expect(error?.message).toContain("'Created At': 'From' must be before 'To' [item 0]");
		expect(itemIndexOf(error)).toBe(0);
		expect(requests).toHaveLength(0);
	});

	it("without a scope filter lists the events of the credential's organization, owners included in place", async () => {
		const { json, requests, error } = await run({
			resource: 'calendarEvent',
			operation: 'getAll',
			limit: 5,
			options: { includeOwner: true },
		});
		expect(error).toBeUndefined();
		const list = requests.find((r) => r.operationId === 'fetchCalendarEvents')!;
		expect(list.query).toMatchObject({
			'filter[organization]': fixture.sandbox.ids.organization,
			include: 'owner',
		});
		expect(json).toHaveLength(5);
		const owned = json.filter((i) => i.owner !== null && typeof i.owner === 'object');
		expect(owned.length).toBeGreaterThan(0);
		for (const item of owned) {
			const owner = item.owner as IDataObject;
			expect(owner.resourceType).toBe('patient');
			expect(owner.given_name).toBe(
				fixture.sandbox.get('patient', String(owner.id))?.attributes.given_name,
			);
		}
	});

	it('without Simplify returns the JSON:API resources as sent', async () => {
		const id = fixture.sandbox.ids.calendarEvents[3];
		const { json } = await run({
			resource: 'calendarEvent',
			operation: 'get',
			calendarEventId: byId(id),
			simplify: false,
		});
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({
			type: 'calendar_event',
			id,
			attributes: { title: fixture.sandbox.get('calendar_event', id)?.attributes.title },
		});
		expect(json[0].resourceType).toBeUndefined();
	});
});

describe('calendar event: create, update, delete', () => {
	it('creates with the body the spec wants', async () => {
		const { patients, coaches } = fixture.sandbox.ids;
		const { json, requests, error } = await run({
			resource: 'calendarEvent',
			operation: 'create',
			patientId: byId(patients[2]),
			eventType: 'plan-check-in',
			title: 'Plan Check-In',
			startAt: '2030-02-20T00:00:00Z',
			coachAttendees: [coaches[1]],
			additionalFields: { time_zone: 'America/New_York' },
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', operationId: 'createCalendarEvent' });
		expect(requests[0].body).toEqual({
			data: {
				type: 'calendar_event',
				attributes: {
					type: 'plan-check-in',
					title: 'Plan Check-In',
					start_at: '2030-02-20T00:00:00Z',
					all_day: true,
					time_zone: 'America/New_York',
					attendees: [{ user: patients[2] }, { user: coaches[1] }],
				},
				relationships: { owner: { data: { type: 'patient', id: patients[2] } } },
			},
		});
		expect(json[0]).toMatchObject({ owner: patients[2], all_day: true, type: 'plan-check-in' });
	});

	it('refuses the combinations the API forbids before any request', async () => {
		const { error, requests } = await run({
			resource: 'calendarEvent',
			operation: 'create',
			patientId: byId(fixture.sandbox.ids.patients[2]),
			eventType: 'plan-check-in',
			title: 'Check-In',
			startAt: '2030-02-20T00:00:00Z',
			additionalFields: { end_at: '2030-02-21T00:00:00Z' },
		});
		expect(error?.message).toBe("A plan check-in has no 'End At' [item 0]");
		expect(requests).toHaveLength(0);
	});

	it('updates only what was set, and un-completes with nulls', async () => {
		const event = fixture.sandbox.insert(
			'calendar_event',
			{
				type: 'plan-check-in',
				all_day: true,
				end_at: undefined,
				completed_at: '2025-01-02T10:00:00.000Z',
				completed_by: fixture.sandbox.ids.coaches[0],
			},
			{ owner: { data: { type: 'patient', id: fixture.sandbox.ids.patients[3] } } },
		);
		const { json, requests, error } = await run({
			resource: 'calendarEvent',
			operation: 'update',
			calendarEventId: byId(event.id),
			updateFields: { title: 'Quarterly review', markNotCompleted: true },
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'PATCH', operationId: 'updateCalendarEvent' });
		expect(requests[0].body).toEqual({
			data: {
				type: 'calendar_event',
				id: event.id,
				attributes: { title: 'Quarterly review', completed_at: null, completed_by: null },
			},
		});
		expect(json[0].title).toBe('Quarterly review');
		expect(
			fixture.sandbox.get('calendar_event', event.id)?.attributes.completed_at,
		).toBeUndefined();
	});

	it('refuses an update with nothing to change', async () => {
		const { error, requests } = await run({
			resource: 'calendarEvent',
			operation: 'update',
			calendarEventId: byId(fixture.sandbox.ids.calendarEvents[0]),
			updateFields: {},
		});
		expect(error?.message).toBe('Nothing to update [item 0]');
		expect(requests).toHaveLength(0);
	});

	it('deletes and says so', async () => {
		const event = fixture.sandbox.insert(
			'calendar_event',
			{},
			{ owner: { data: { type: 'patient', id: fixture.sandbox.ids.patients[4] } } },
		);
		const { json, requests } = await run({
			resource: 'calendarEvent',
			operation: 'delete',
			calendarEventId: byId(event.id),
		});
		expect(requests.map((r) => [r.method, r.operationId, r.status])).toEqual([
			['DELETE', 'deleteCalendarEvent', 200],
		]);
		expect(json).toEqual([{ deleted: true, id: event.id }]);
		expect(fixture.sandbox.get('calendar_event', event.id)).toBeUndefined();
	});

	it('answers for an attendee with a calendar event response', async () => {
		const { patients } = fixture.sandbox.ids;
		const event = fixture.sandbox.insert(
			'calendar_event',
			{ type: 'video-call', all_day: false },
			{ owner: { data: { type: 'patient', id: patients[5] } } },
		);
		const { requests, error } = await run({
			resource: 'calendarEventResponse',
			operation: 'create',
			calendarEventId: byId(event.id),
			userType: 'patient',
			userId: patients[5],
			responseStatus: 'tentative',
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			data: {
				type: 'calendar_event_response',
				attributes: { attendee: { user: patients[5] }, response_status: 'tentative' },
				relationships: {
					user: { data: { type: 'patient', id: patients[5] } },
					calendar_event: { data: { type: 'calendar_event', id: event.id } },
				},
			},
		});
		const attendees = fixture.sandbox.get('calendar_event', event.id)?.attributes
			.attendees as Array<{ user: string; response_status: string }>;
		expect(attendees.find((a) => a.user === patients[5])?.response_status).toBe('tentative');
	});
});

describe('action and bundle', () => {
	it('creates an action with nested metrics, windows and identifiers as the spec wants', async () => {
		const plan = fixture.sandbox.ids.patientPlanSummaries[2];
		const { requests, error } = await run({
			resource: 'action',
			operation: 'create',
			planId: byId(plan),
			actionType: 'other_lifestyle',
			title: 'Record Weight',
			effectiveFrom: '2025-03-01T08:00:00Z',
			additionalFields: {
				frequencyDays: [0, 3],
				identifiers: {
					identifier: [{ system: 'http://loinc.org', value: '29463-7', label: 'Body weight' }],
				},
				metrics: {
					metric: [
						{
							metric_type: 'weight',
							unit: 'lb',
							goal: '{}',
							maximumValue: '500',
							maximumUnit: 'lb',
						},
					],
				},
				windows: { window: [{ type: 'morning' }] },
				details: '{"instructions": "Before breakfast"}',
				tracking: true,
			},
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			data: {
				type: 'action',
				attributes: {
					type: 'other_lifestyle',
					title: 'Record Weight',
					effective_from: '2025-03-01T08:00:00Z',
					tracking: true,
					frequency_goal: { weeks: { days: [0, 3] } },
					identifiers: [{ system: 'http://loinc.org', value: '29463-7', label: 'Body weight' }],
					details: { instructions: 'Before breakfast' },
					metrics: [
						{
							metric_type: 'weight',
							unit: 'lb',
							validations: { maximum: { value: 500, unit: 'lb' } },
						},
					],
					windows: [{ type: 'morning' }],
				},
				relationships: { plan: { data: { type: 'patient_plan_summary', id: plan } } },
			},
		});
	});

	it('updates an action: what was set, plus the attributes the spec requires as they are now', async () => {
		const id = fixture.sandbox.ids.actions[5];
		const before = fixture.sandbox.get('action', id)!.attributes;
		const { requests, error } = await run({
			resource: 'action',
			operation: 'update',
			actionId: byId(id),
			updateFields: { metric_required: true },
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.operationId)).toEqual(['fetchAction', 'updateAction']);
		expect(requests[1].body).toEqual({
			data: {
				type: 'action',
				id,
				attributes: {
					metric_required: true,
					type: before.type,
					title: before.title,
					effective_from: before.effective_from,
				},
			},
		});
		expect(fixture.sandbox.get('action', id)?.attributes).toMatchObject({
			metric_required: true,
			title: before.title,
		});
	});

	it('updates a bundle without a lookup when the required attributes are all given', async () => {
		const id = fixture.sandbox.ids.bundles[2];
		const { requests } = await run({
			resource: 'bundle',
			operation: 'update',
			bundleId: byId(id),
			updateFields: {
				type: 'other_lifestyle',
				title: 'Healthy Eating',
				effective_from: '2025-04-01T00:00:00Z',
			},
		});
		expect(requests.map((r) => r.operationId)).toEqual(['updateBundle']);
		expect(requests[0].body).toEqual({
			data: {
				type: 'bundle',
				id,
				attributes: {
					type: 'other_lifestyle',
					title: 'Healthy Eating',
					effective_from: '2025-04-01T00:00:00Z',
				},
			},
		});
	});
});

describe('the reward chain', () => {
	it('creates program → activation → reward → earning → fulfillment through the node', async () => {
		const { patient, group } = patientWithGroup(fixture.sandbox);
		const today = new Date();
		const iso = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString();

		const program = await run({
			resource: 'rewardProgram',
			operation: 'create',
			groupId: group,
			name: 'Chain Rewards',
			startAt: iso(-10),
			endAt: iso(355),
			budgetValue: 100,
			additionalFields: { fulfill_as_earned: true },
		});
		expect(program.requests[0].body).toEqual({
			data: {
				type: 'reward_program',
				attributes: {
					name: 'Chain Rewards',
					start_at: iso(-10),
					end_at: iso(355),
					budget_value: 100,
					fulfill_as_earned: true,
				},
				relationships: { group: { data: { type: 'group', id: group } } },
			},
		});
		const programId = String(program.json[0].id);

		const activation = await run({
			resource: 'rewardProgramActivation',
			operation: 'create',
			patientId: byId(patient),
			rewardProgramId: byId(programId),
			activatedAt: iso(-1),
		});
		expect(activation.json[0]).toMatchObject({ patient, reward_program: programId, active: true });
		const activationId = String(activation.json[0].id);

		const reward = await run({
			resource: 'reward',
			operation: 'create',
			rewardProgramActivationId: byId(activationId),
			rewardDescription: 'Log your weight 5 days a week',
			allocatedValue: 20,
			allocatedAt: iso(0),
		});
		expect(reward.json[0]).toMatchObject({
			reward_program_activation: activationId,
			patient,
			allocated_value: 20,
		});
		const rewardId = String(reward.json[0].id);

		const earning = await run({
			resource: 'rewardEarning',
			operation: 'create',
			rewardId: byId(rewardId),
			earnedValue: 20,
			earnedAt: iso(0),
		});
		expect(earning.requests[0].body).toEqual({
			data: [
				{
					type: 'reward_earning',
					attributes: { earned_value: 20, earned_at: iso(0) },
					relationships: { reward: { data: { type: 'reward', id: rewardId } } },
				},
			],
		});
		const earningId = String(earning.json[0].id);

		const fulfillment = await run({
			resource: 'rewardEarningFulfillment',
			operation: 'create',
			rewardEarningId: byId(earningId),
			fulfilledValue: 20,
			fulfilledAt: iso(0),
		});
		expect(fulfillment.json[0]).toMatchObject({ reward_earning: earningId, fulfilled_value: 20 });

		// The chain as the API now tells it.
		const activationAfter = await run({
			resource: 'rewardProgramActivation',
			operation: 'get',
			rewardProgramActivationId: byId(activationId),
		});
		expect(activationAfter.json[0]).toMatchObject({
			allocated_count: 1,
			total_allocated_value: 20,
			earned_count: 1,
			total_earned_value: 20,
		});
		const rewards = await run({
			resource: 'reward',
			operation: 'getAll',
			returnAll: true,
			filters: { patient: byId(patient), reward_program_activation: activationId },
		});
		expect(rewards.json.map((r) => r.id)).toEqual([rewardId]);
		expect(rewards.json[0]).toMatchObject({ earned_value: 20, fulfilled_value: 20 });
		const fulfillments = await run({
			resource: 'rewardEarningFulfillment',
			operation: 'getAll',
			patientId: byId(patient),
			returnAll: true,
		});
		expect(fulfillments.json.map((f) => f.reward_earning)).toContain(earningId);
	});

	it('lists earnings by patient and group, only those ready to pay out', async () => {
		const { patient, group } = patientWithGroup(fixture.sandbox);
		const { json, requests } = await run({
			resource: 'rewardEarning',
			operation: 'getAll',
			patientId: byId(patient),
			groups: [group],
			returnAll: true,
			filters: { ready_for_fulfillment: true },
		});
		expect(requests[0].query).toMatchObject({
			'filter[patient]': patient,
			'filter[groups]': group,
			'filter[ready_for_fulfillment]': 'true',
		});
		for (const item of json) expect(item).toMatchObject({ patient, ready_for_fulfillment: true });
	});
});

describe('reward earning batching', () => {
	function newRewards(count: number): string[] {
		const activation = fixture.sandbox.ids.rewardProgramActivations[3];
		return Array.from(
			{ length: count },
			() =>
				fixture.sandbox.insert(
					'reward',
					{},
					{
						reward_program_activation: {
							data: { type: 'reward_program_activation', id: activation },
						},
					},
				).id,
		);
	}

	it('sends 250 items in 3 requests of 100, 100 and 50, each earning paired to its item', async () => {
		const rewards = newRewards(250);
		const { items, requests, error } = await run(
			{
				resource: 'rewardEarning',
				operation: 'create',
				rewardId: byId('={{ $json.reward }}'),
				earnedValue: '={{ $json.value }}',
				earnedAt: '={{ $json.at }}',
			},
			rewards.map((reward, index) => ({
				reward,
				value: (index % 5) + 1,
				at: '2025-06-01T12:00:00Z',
			})),
		);
		expect(error).toBeUndefined();
		expect(requests.map((r) => [r.method, r.operationId])).toEqual(
			Array(3).fill(['POST', 'createRewardEarning']),
		);
		expect(requests.map((r) => (r.body as { data: unknown[] }).data.length)).toEqual([
			100, 100, 50,
		]);
		expect(items).toHaveLength(250);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({ reward: rewards[index], earned_value: (index % 5) + 1 });
		});
	});

	it('with Batch Size 1 sends one request per item, data as one object', async () => {
		const rewards = newRewards(3);
		const { items, requests } = await run(
			{
				resource: 'rewardEarning',
				operation: 'create',
				rewardId: byId('={{ $json.reward }}'),
				earnedValue: 1,
				earnedAt: '2025-06-01T12:00:00Z',
				options: { batchSize: 1 },
			},
			rewards.map((reward) => ({ reward })),
		);
		expect(requests).toHaveLength(3);
		for (const request of requests)
			expect(Array.isArray((request.body as { data: unknown }).data)).toBe(false);
		expect(items.map((i) => i.json.reward)).toEqual(rewards);
	});

	it('refuses a bad item before any request, naming it', async () => {
		const rewards = newRewards(3);
		const { error, requests } = await run(
			{
				resource: 'rewardEarning',
				operation: 'create',
				rewardId: byId('={{ $json.reward }}'),
				earnedValue: 5,
				earnedAt: '={{ $json.at }}',
			},
			[
				{ reward: rewards[0], at: '2025-06-01T12:00:00Z' },
				{ reward: rewards[1], at: 'yesterday' },
				{ reward: rewards[2], at: '2025-06-01T12:00:00Z' },
			],
		);
		expect(error?.message).toContain(`'Earned At' "yesterday" is not an ISO 8601 date [item 1]`);
		expect(itemIndexOf(error)).toBe(1);
		expect(requests).toHaveLength(0);
	});
});

describe('token', () => {
	it("gets the organization and groups of the credential's token, fetching a token first on first use", async () => {
		const engine = new TestEngine({
			baseUrl: fixture.sandbox.baseUrl,
			clientId: fixture.sandbox.clientId,
			clientSecret: fixture.sandbox.clientSecret,
		});
		fixture.sandbox.resetLog();
		const organization = await engine.execute({ resource: 'token', operation: 'getOrganization' });
		expect(organization.error).toBeUndefined();
		expect(organization.items.map((i) => i.json.id)).toEqual([fixture.sandbox.ids.organization]);
		const tokenId = String(engine.storedCredential().accessTokenId);
		expect(tokenId).toMatch(/^[0-9a-f]{24}$/);
		expect(
			apiRequests(fixture.sandbox)
				.map((r) => r.pathname)
				.pop(),
		).toBe(`/pub/oauth/token/${tokenId}/organization`);

		fixture.sandbox.resetLog();
		const groups = await engine.execute({
			resource: 'token',
			operation: 'getGroups',
			returnAll: true,
		});
		expect(groups.items.map((i) => i.json.id).sort()).toEqual(
			fixture.sandbox
				.list('group')
				.map((g) => g.id)
				.sort(),
		);
		// The token id is known now: no extra request.
		expect(apiRequests(fixture.sandbox).map((r) => r.operationId)).toEqual(['fetchTokenGroups']);
	});

	it('uses the Token ID option when given', async () => {
		const own = await run({ resource: 'token', operation: 'getOrganization' });
		const tokenId = own.requests.pop()!.pathname.split('/')[4];
		const { requests, json } = await run({
			resource: 'token',
			operation: 'getGroups',
			limit: 2,
			options: { tokenId },
		});
		expect(requests.map((r) => r.pathname)).toEqual([`/pub/oauth/token/${tokenId}/groups`]);
		expect(json).toHaveLength(2);
	});
});

describe('refusals and Continue On Fail', () => {
	it('refuses a reward program ending before it starts, naming the item, before any request', async () => {
		const { error, requests } = await run(
			{
				resource: 'rewardProgram',
				operation: 'create',
				groupId: fixture.sandbox.ids.groups[0],
				name: 'Backwards',
				startAt: '={{ $json.start }}',
				endAt: '2025-01-01T00:00:00Z',
				budgetValue: 50,
			},
			[{ start: '2024-01-01T00:00:00Z' }, { start: '2026-01-01T00:00:00Z' }],
		);
		expect(error?.message).toBe("'End At' must be after 'Start At' [item 1]");
		expect(itemIndexOf(error)).toBe(1);
		// The first item was valid and went through; nothing was sent for the second.
		expect(requests.map((r) => r.operationId)).toEqual(['createRewardProgram']);
	});

	it('refuses a malformed id before any request', async () => {
		const { error, requests } = await run(
			{ resource: 'reward', operation: 'get', rewardId: byId('={{ $json.id }}') },
			[{ id: 'not-an-id' }],
		);
		expect(error?.message).toBe(`'Reward' "not-an-id" is not a Fitbit Plus ID [item 0]`);
		expect(requests).toHaveLength(0);
	});

	it('gives an error item under Continue On Fail while the other items pass', async () => {
		const [first, , third] = fixture.sandbox.ids.rewardPrograms.concat(
			fixture.sandbox.ids.rewardPrograms,
		);
		const { items, error, requests } = await run(
			{ resource: 'rewardProgram', operation: 'get', rewardProgramId: byId('={{ $json.id }}') },
			[{ id: first }, { id: 'abc' }, { id: third }],
			true,
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.id).toBe(first);
		expect(String(items[1].json.error)).toContain('is not a Fitbit Plus ID');
		expect(items[2].json.id).toBe(third);
		expect(requests).toHaveLength(2);
	});

	it('turns an API refusal into an error item under Continue On Fail', async () => {
		const earning = fixture.sandbox.ids.rewardEarningFulfillments[0];
		const alreadyFulfilled = String(
			(
				fixture.sandbox.get('reward_earning_fulfillment', earning)?.relationships?.reward_earning
					?.data as Ref
			).id,
		);
		const { items } = await run(
			{
				resource: 'rewardEarningFulfillment',
				operation: 'create',
				rewardEarningId: byId(alreadyFulfilled),
				fulfilledValue: 1,
				fulfilledAt: '2025-06-01T00:00:00Z',
			},
			[{}],
			true,
		);
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toContain('already has a fulfillment');
	});
});

describe('dropdowns and list searches', () => {
	it('lists groups, coaches and reward programs of the credential within the spec', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const groups = await engine.loadOptions('getGroups');
		expect(groups.map((g) => g.value).sort()).toEqual(
			sandbox
				.list('group')
				.map((g) => g.id)
				.sort(),
		);
		const coaches = await engine.loadOptions('getCoaches');
		expect(coaches.map((c) => c.value).sort()).toEqual(
			sandbox
				.list('coach')
				.map((c) => c.id)
				.sort(),
		);
		const programs = await engine.loadOptions('getRewardPrograms');
		expect(programs.map((p) => p.value).sort()).toEqual(
			sandbox
				.list('reward_program')
				.map((p) => p.id)
				.sort(),
		);
		expect(apiRequests(sandbox).every((r) => r.status < 400)).toBe(true);
	});

	it('searches calendar events and reward programs by name, and reward earnings by patient ID', async () => {
		const { sandbox, engine } = fixture;
		const event = sandbox.get('calendar_event', sandbox.ids.calendarEvents[0])!;
		const events = await engine.listSearch('searchCalendarEvents', String(event.attributes.title));
		expect(events.results.length).toBeGreaterThan(0);
		for (const result of events.results)
			expect(result.name).toContain(String(event.attributes.title));

		const program = sandbox.get('reward_program', sandbox.ids.rewardPrograms[0])!;
		const programs = await engine.listSearch(
			'searchRewardPrograms',
			String(program.attributes.name),
		);
		expect(programs.results.map((r) => r.value)).toContain(program.id);

		const earning = sandbox.get('reward_earning', sandbox.ids.rewardEarnings[0])!;
		const patient = (earning.relationships?.patient?.data as Ref).id;
		const earnings = await engine.listSearch('searchRewardEarnings', patient);
		expect(earnings.results.map((r) => r.value)).toContain(earning.id);
		expect((await engine.listSearch('searchRewardEarnings', 'walk')).results).toEqual([]);
	});
});
