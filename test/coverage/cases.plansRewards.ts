/**
 * Coverage cases for plans (action, bundle), calendar events and their responses, the reward chain and the
 * token's own scope. They run in one sandbox in this order: a case that uses up something (a delete, a
 * one-per-reward earning, a one-per-earning fulfillment) makes its own record with `sandbox.insert` first.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import type { OperationCase } from './cases';
import { byId } from './cases';

type Ref = { type: string; id: string };

function relId(resource: { relationships?: Record<string, { data?: unknown }> } | undefined, name: string): string {
	const data = resource?.relationships?.[name]?.data as Ref | Ref[] | undefined;
	const ref = Array.isArray(data) ? data[0] : data;
	if (!ref) throw new Error(`the sandbox record has no ${name}`);
	return ref.id;
}

function patientWithGroup(sandbox: Sandbox): { patient: string; group: string } {
	for (const id of sandbox.ids.patients) {
		const patient = sandbox.get('patient', id);
		const groups = (patient?.relationships?.groups?.data ?? []) as Ref[];
		if (groups.length > 0) return { patient: id, group: groups[0].id };
	}
	throw new Error('no seeded patient with a group');
}

/** A seeded calendar event and one of its attendees, with whether that attendee is a patient or a coach. */
function eventAttendee(sandbox: Sandbox) {
	for (const id of sandbox.ids.calendarEvents) {
		const event = sandbox.get('calendar_event', id);
		const attendees = (event?.attributes.attendees ?? []) as Array<{ user: string }>;
		const coach = attendees.find((a) => sandbox.get('coach', a.user));
		if (coach) return { event: id, user: coach.user, userType: 'coach' };
	}
	throw new Error('no seeded calendar event with a coach attendee');
}

const now = new Date();
const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString();

export const plansRewardsCases: OperationCase[] = [
	// ---- plans ----------------------------------------------------------------------------------------------
	{
		operationId: 'createAction',
		resource: 'action',
		operation: 'create',
		parameters: (sandbox) => ({
			planId: byId(sandbox.ids.patientPlanSummaries[0]),
			actionType: 'other_lifestyle',
			title: 'Record Blood Pressure',
			effectiveFrom: day(0),
			additionalFields: {
				frequencyDays: [1, 3, 5],
				_thread: 'blood_pressure',
				metrics: {
					metric: [
						{
							metric_type: 'blood_pressure',
							unit: 'mmHg',
							goal: '{"data":{"systolic":{"value":150,"unit":"mmHg"},"diastolic":{"value":95,"unit":"mmHg"}}}',
							minimumValue: '40',
							minimumUnit: 'mmHg',
							maximumValue: '250',
							maximumUnit: 'mmHg',
						},
					],
				},
				windows: { window: [{ type: 'morning', title: 'Before breakfast' }] },
			},
		}),
		check: (items, sandbox) => {
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({
				title: 'Record Blood Pressure',
				plan: sandbox.ids.patientPlanSummaries[0],
				frequency_goal: { weeks: { days: [1, 3, 5] } },
			});
			expect(sandbox.get('action', String(items[0].id))?.attributes.metrics).toEqual([
				expect.objectContaining({ metric_type: 'blood_pressure', validations: { minimum: { value: 40, unit: 'mmHg' }, maximum: { value: 250, unit: 'mmHg' } } }),
			]);
		},
	},
	{
		operationId: 'fetchAction',
		resource: 'action',
		operation: 'get',
		parameters: (sandbox) => ({ actionId: byId(sandbox.ids.actions[0]) }),
		check: (items, sandbox) =>
			expect(items[0]).toMatchObject({ id: sandbox.ids.actions[0], title: sandbox.get('action', sandbox.ids.actions[0])?.attributes.title }),
	},
	{
		operationId: 'updateAction',
		resource: 'action',
		operation: 'update',
		parameters: (sandbox) => ({ actionId: byId(sandbox.ids.actions[1]), updateFields: { title: 'Walk after dinner', tracking: false } }),
		check: (items, sandbox) => {
			expect(items[0]).toMatchObject({ id: sandbox.ids.actions[1], title: 'Walk after dinner', tracking: false });
			expect(sandbox.get('action', sandbox.ids.actions[1])?.attributes).toMatchObject({ title: 'Walk after dinner', tracking: false });
		},
	},
	{
		operationId: 'createBundle',
		resource: 'bundle',
		operation: 'create',
		parameters: (sandbox) => ({
			planId: byId(sandbox.ids.patientPlanSummaries[1]),
			bundleType: 'other_lifestyle',
			title: 'Heart Health',
			effectiveFrom: day(0),
			additionalFields: { effective_to: day(90), _thread: 'heart_health' },
		}),
		check: (items, sandbox) =>
			expect(items[0]).toMatchObject({ title: 'Heart Health', plan: sandbox.ids.patientPlanSummaries[1], effective_to: day(90) }),
	},
	{
		operationId: 'fetchBundle',
		resource: 'bundle',
		operation: 'get',
		parameters: (sandbox) => ({ bundleId: byId(sandbox.ids.bundles[0]) }),
		check: (items, sandbox) => expect(items[0].id).toBe(sandbox.ids.bundles[0]),
	},
	{
		operationId: 'updateBundle',
		resource: 'bundle',
		operation: 'update',
		parameters: (sandbox) => ({ bundleId: byId(sandbox.ids.bundles[1]), updateFields: { title: 'Active Living' } }),
		check: (items, sandbox) => {
			expect(items[0]).toMatchObject({ id: sandbox.ids.bundles[1], title: 'Active Living' });
			expect(sandbox.get('bundle', sandbox.ids.bundles[1])?.attributes.title).toBe('Active Living');
		},
	},

	// ---- calendar -------------------------------------------------------------------------------------------
	{
		operationId: 'createCalendarEvent',
		resource: 'calendarEvent',
		operation: 'create',
		parameters: (sandbox) => ({
			patientId: byId(sandbox.ids.patients[0]),
			eventType: 'telephone-call',
			title: 'Monthly Check-In Call',
			startAt: '2030-05-02T14:00:00Z',
			coachAttendees: [sandbox.ids.coaches[0]],
			additionalFields: { end_at: '2030-05-02T14:30:00Z', time_zone: 'America/New_York' },
		}),
		check: (items, sandbox) => {
			expect(items[0]).toMatchObject({ type: 'telephone-call', owner: sandbox.ids.patients[0], end_at: '2030-05-02T14:30:00Z' });
			expect((items[0].attendees as IDataObject[]).map((a) => a.user)).toEqual([sandbox.ids.patients[0], sandbox.ids.coaches[0]]);
		},
	},
	{
		operationId: 'fetchCalendarEvents',
		resource: 'calendarEvent',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { patient: byId(sandbox.ids.patients[0]), type: 'telephone-call' } }),
		check: (items, sandbox) => {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) {
				expect(item.type).toBe('telephone-call');
				const users = (item.attendees as IDataObject[]).map((a) => a.user);
				expect(item.owner === sandbox.ids.patients[0] || users.includes(sandbox.ids.patients[0])).toBe(true);
			}
			expect(items.map((i) => i.title)).toContain('Monthly Check-In Call');
		},
	},
	{
		operationId: 'fetchCalendarEvent',
		resource: 'calendarEvent',
		operation: 'get',
		parameters: (sandbox) => ({ calendarEventId: byId(sandbox.ids.calendarEvents[0]) }),
		check: (items, sandbox) =>
			expect(items[0]).toMatchObject({
				id: sandbox.ids.calendarEvents[0],
				title: sandbox.get('calendar_event', sandbox.ids.calendarEvents[0])?.attributes.title,
			}),
	},
	{
		operationId: 'updateCalendarEvent',
		resource: 'calendarEvent',
		operation: 'update',
		parameters: (sandbox) => ({
			calendarEventId: byId(sandbox.ids.calendarEvents[1]),
			updateFields: { title: 'Rescheduled', location: 'Video link in the invitation' },
		}),
		check: (items, sandbox) =>
			expect(sandbox.get('calendar_event', sandbox.ids.calendarEvents[1])?.attributes).toMatchObject({
				title: 'Rescheduled',
				location: 'Video link in the invitation',
			}),
	},
	{
		operationId: 'deleteCalendarEvent',
		resource: 'calendarEvent',
		operation: 'delete',
		parameters: (sandbox) => {
			const event = sandbox.insert('calendar_event', {}, { owner: { data: { type: 'patient', id: sandbox.ids.patients[1] } } });
			return { calendarEventId: byId(event.id) };
		},
		check: (items, sandbox) => {
			expect(items).toEqual([{ deleted: true, id: expect.any(String) }]);
			expect(sandbox.get('calendar_event', String(items[0].id))).toBeUndefined();
		},
	},
	{
		operationId: 'createCalendarEventResponse',
		resource: 'calendarEventResponse',
		operation: 'create',
		parameters: (sandbox) => {
			const { event, user, userType } = eventAttendee(sandbox);
			return { calendarEventId: byId(event), userType, userId: user, responseStatus: 'declined' };
		},
		check: (items, sandbox) => {
			const { event, user } = eventAttendee(sandbox);
			expect(items[0]).toMatchObject({ response_status: 'declined', calendar_event: event, user });
			const attendees = sandbox.get('calendar_event', event)?.attributes.attendees as Array<{ user: string; response_status: string }>;
			expect(attendees.find((a) => a.user === user)?.response_status).toBe('declined');
		},
	},

	// ---- rewards --------------------------------------------------------------------------------------------
	{
		operationId: 'createRewardProgram',
		resource: 'rewardProgram',
		operation: 'create',
		parameters: (sandbox) => ({
			groupId: sandbox.ids.groups[0],
			name: 'Step Up Rewards',
			startAt: day(-1),
			endAt: day(364),
			budgetValue: 250,
			additionalFields: { budget_unit: 'point', duration_active: 180, tagline: 'Points for every active week' },
		}),
		check: (items, sandbox) =>
			expect(items[0]).toMatchObject({ name: 'Step Up Rewards', budget_value: 250, budget_unit: 'point', group: sandbox.ids.groups[0] }),
	},
	{
		operationId: 'fetchRewardPrograms',
		resource: 'rewardProgram',
		operation: 'getAll',
		parameters: () => ({ returnAll: true }),
		check: (items, sandbox) => {
			expect(items).toHaveLength(sandbox.list('reward_program').length);
			expect(items.map((i) => i.name)).toContain('Step Up Rewards');
		},
	},
	{
		operationId: 'fetchRewardProgram',
		resource: 'rewardProgram',
		operation: 'get',
		parameters: (sandbox) => ({ rewardProgramId: byId(sandbox.ids.rewardPrograms[0]) }),
		check: (items, sandbox) =>
			expect(items[0]).toMatchObject({ id: sandbox.ids.rewardPrograms[0], name: sandbox.get('reward_program', sandbox.ids.rewardPrograms[0])?.attributes.name }),
	},
	{
		operationId: 'fetchRewardProgramGroup',
		resource: 'rewardProgram',
		operation: 'getGroup',
		parameters: (sandbox) => ({ rewardProgramId: byId(sandbox.ids.rewardPrograms[0]) }),
		check: (items, sandbox) =>
			expect(items.map((i) => i.id)).toEqual([relId(sandbox.get('reward_program', sandbox.ids.rewardPrograms[0]), 'group')]),
	},
	{
		operationId: 'createRewardProgramActivation',
		resource: 'rewardProgramActivation',
		operation: 'create',
		parameters: (sandbox) => {
			const { patient, group } = patientWithGroup(sandbox);
			const program = sandbox.insert('reward_program', {}, { group: { data: { type: 'group', id: group } } });
			return { patientId: byId(patient), rewardProgramId: byId(program.id), activatedAt: day(0) };
		},
		check: (items, sandbox) =>
			expect(items[0]).toMatchObject({ patient: patientWithGroup(sandbox).patient, activated_at: day(0), active: true }),
	},
	{
		operationId: 'fetchRewardProgramActivations',
		resource: 'rewardProgramActivation',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { patient: byId(patientWithGroup(sandbox).patient) } }),
		check: (items, sandbox) => {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) expect(item.patient).toBe(patientWithGroup(sandbox).patient);
		},
	},
	{
		operationId: 'fetchRewardProgramActivation',
		resource: 'rewardProgramActivation',
		operation: 'get',
		parameters: (sandbox) => ({ rewardProgramActivationId: byId(sandbox.ids.rewardProgramActivations[0]) }),
		check: (items, sandbox) => expect(items[0].id).toBe(sandbox.ids.rewardProgramActivations[0]),
	},
	{
		operationId: 'createReward',
		resource: 'reward',
		operation: 'create',
		parameters: (sandbox) => ({
			rewardProgramActivationId: byId(sandbox.ids.rewardProgramActivations[0]),
			rewardDescription: 'Walk 8,000 steps a day for a week',
			allocatedValue: 15,
			allocatedAt: day(0),
			additionalFields: { target_at: day(7), _thread: 'activity' },
		}),
		check: (items, sandbox) =>
			expect(items[0]).toMatchObject({
				description: 'Walk 8,000 steps a day for a week',
				allocated_value: 15,
				reward_program_activation: sandbox.ids.rewardProgramActivations[0],
			}),
	},
	{
		operationId: 'fetchRewards',
		resource: 'reward',
		operation: 'getAll',
		parameters: (sandbox) => ({ returnAll: true, filters: { reward_program_activation: sandbox.ids.rewardProgramActivations[0] } }),
		check: (items, sandbox) => {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) expect(item.reward_program_activation).toBe(sandbox.ids.rewardProgramActivations[0]);
		},
	},
	{
		operationId: 'fetchReward',
		resource: 'reward',
		operation: 'get',
		parameters: (sandbox) => ({ rewardId: byId(sandbox.ids.rewards[0]) }),
		check: (items, sandbox) => expect(items[0].id).toBe(sandbox.ids.rewards[0]),
	},
	{
		operationId: 'createRewardEarning',
		resource: 'rewardEarning',
		operation: 'create',
		parameters: (sandbox) => {
			const activation = sandbox.ids.rewardProgramActivations[1];
			const reward = sandbox.insert('reward', {}, { reward_program_activation: { data: { type: 'reward_program_activation', id: activation } } });
			return { rewardId: byId(reward.id), earnedValue: 5, earnedAt: new Date().toISOString() };
		},
		check: (items, sandbox) => {
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({ earned_value: 5, resourceType: 'reward_earning' });
			expect(sandbox.get('reward_earning', String(items[0].id))).toBeDefined();
		},
	},
	{
		operationId: 'fetchRewardEarnings',
		resource: 'rewardEarning',
		operation: 'getAll',
		parameters: (sandbox) => {
			const patient = relId(sandbox.get('reward_earning', sandbox.ids.rewardEarnings[0]), 'patient');
			// The API scopes earnings by their patient's groups.
			return { patientId: byId(patient), groups: [relId(sandbox.get('patient', patient), 'groups')], returnAll: true };
		},
		check: (items, sandbox) => {
			const earning = sandbox.get('reward_earning', sandbox.ids.rewardEarnings[0]);
			expect(items.map((i) => i.id)).toContain(sandbox.ids.rewardEarnings[0]);
			for (const item of items) expect(item.patient).toBe(relId(earning, 'patient'));
		},
	},
	{
		operationId: 'fetchRewardEarning',
		resource: 'rewardEarning',
		operation: 'get',
		parameters: (sandbox) => ({ rewardEarningId: byId(sandbox.ids.rewardEarnings[0]) }),
		check: (items, sandbox) => expect(items[0].id).toBe(sandbox.ids.rewardEarnings[0]),
	},
	{
		operationId: 'createRewardEarningFulfillment',
		resource: 'rewardEarningFulfillment',
		operation: 'create',
		parameters: (sandbox) => {
			const activation = sandbox.ids.rewardProgramActivations[2];
			const reward = sandbox.insert('reward', {}, { reward_program_activation: { data: { type: 'reward_program_activation', id: activation } } });
			const earning = sandbox.insert('reward_earning', {}, { reward: { data: { type: 'reward', id: reward.id } } });
			return { rewardEarningId: byId(earning.id), fulfilledValue: 10, fulfilledAt: new Date().toISOString() };
		},
		check: (items, sandbox) => {
			expect(items[0]).toMatchObject({ fulfilled_value: 10 });
			const earning = sandbox.get('reward_earning', String(items[0].reward_earning));
			expect(earning?.attributes.fulfilled_value).toBe(10);
		},
	},
	{
		operationId: 'fetchRewardEarningFulfillments',
		resource: 'rewardEarningFulfillment',
		operation: 'getAll',
		parameters: (sandbox) => ({
			patientId: byId(relId(sandbox.get('reward_earning_fulfillment', sandbox.ids.rewardEarningFulfillments[0]), 'patient')),
			returnAll: true,
		}),
		check: (items, sandbox) => expect(items.map((i) => i.id)).toContain(sandbox.ids.rewardEarningFulfillments[0]),
	},
	{
		operationId: 'fetchRewardEarningFulfillment',
		resource: 'rewardEarningFulfillment',
		operation: 'get',
		parameters: (sandbox) => ({ rewardEarningFulfillmentId: byId(sandbox.ids.rewardEarningFulfillments[0]) }),
		check: (items, sandbox) => expect(items[0].id).toBe(sandbox.ids.rewardEarningFulfillments[0]),
	},

	// ---- token ----------------------------------------------------------------------------------------------
	{
		operationId: 'fetchTokenGroups',
		resource: 'token',
		operation: 'getGroups',
		parameters: () => ({ returnAll: true }),
		check: (items, sandbox) =>
			expect(items.map((i) => i.id).sort()).toEqual(sandbox.list('group').map((g) => g.id).sort()),
	},
	{
		operationId: 'fetchTokenOrganization',
		resource: 'token',
		operation: 'getOrganization',
		parameters: () => ({}),
		check: (items, sandbox) => expect(items).toEqual([expect.objectContaining({ id: sandbox.ids.organization, resourceType: 'organization' })]),
	},
];
