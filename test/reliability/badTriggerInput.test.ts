/**
 * The trigger's bad input is refused before any request (not even a token exchange), with a NodeOperationError
 * that names the field and says what to fix: the scope fields of every kind of event (the state-based ones
 * included), the Filters of the calendar and patient events, and the options. Values that can come by
 * expression come that way, as in real workflows.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import { useSandbox } from '../helpers/sandbox';
import { byId } from '../trigger/helpers';

interface TriggerRow {
	name: string;
	parameters: (sandbox: Sandbox) => INodeParameters;
	message: RegExp;
	/** The field's label, in the message or the description. */
	field: string;
}

const expr = (value: unknown) => `={{ ${JSON.stringify(value)} }}`;
const NOT_AN_ID = /is not a Fitbit Plus ID$/;

/** An event watched for the sandbox's organization, with these further parameters. */
const ofOrganization =
	(event: string, parameters: IDataObject) =>
	(sandbox: Sandbox): INodeParameters => ({
		event,
		watch: 'organization',
		organization: sandbox.ids.organization,
		...(parameters as INodeParameters),
	});

const rows: TriggerRow[] = [
	// ── scope fields of the state-based events ────────────────────────────────────────────────────────────
	{
		name: 'Patient Created or Updated: Watch "patient" (an imported workflow)',
		parameters: () => ({ event: 'updatedPatient', watch: 'patient' }),
		message: /^'Watch' "patient" is not available for Patient Created or Updated$/,
		field: 'Watch',
	},
	{
		name: 'Patient Created or Updated: Organization "org-1"',
		parameters: () => ({ event: 'updatedPatient', watch: 'organization', organization: 'org-1' }),
		message: /^'Organization Name or ID' "org-1" is not a Fitbit Plus ID$/,
		field: 'Organization Name or ID',
	},
	{
		name: 'Calendar Event Created or Updated: Groups "abc"',
		parameters: () => ({ event: 'updatedCalendarEvent', watch: 'groups', groups: expr(['abc']) }),
		message: NOT_AN_ID,
		field: 'Group Names or IDs',
	},
	{
		name: 'Calendar Event Created or Updated: no group',
		parameters: () => ({ event: 'updatedCalendarEvent', watch: 'groups', groups: expr([]) }),
		message: /^'Group Names or IDs' is empty$/,
		field: 'Group Names or IDs',
	},
	{
		name: 'Calendar Event Completed: Patient empty',
		parameters: () => ({ event: 'completedCalendarEvent', watch: 'patient', patient: byId(' ') }),
		message: /^'Patient' is empty$/,
		field: 'Patient',
	},
	{
		name: 'Patient Health Result Created or Updated: Groups "../group"',
		parameters: () => ({
			event: 'updatedPatientHealthResult',
			watch: 'groups',
			groups: expr('../group'),
		}),
		message: /^'Group Names or IDs' "\.\.\/group" is not a Fitbit Plus ID$/,
		field: 'Group Names or IDs',
	},
	{
		name: 'Patient Health Result Created or Updated: Patient "a/b?x=1"',
		parameters: () => ({
			event: 'updatedPatientHealthResult',
			watch: 'patient',
			patient: byId(expr('a/b?x=1')),
		}),
		message: /^'Patient' "a\/b\?x=1" is not a Fitbit Plus ID$/,
		field: 'Patient',
	},
	{
		name: 'Reward Earning Ready for Fulfillment, Patient: no group',
		parameters: (s) => ({
			event: 'rewardEarningReadyForFulfillment',
			watch: 'patient',
			patient: byId(s.ids.patients[0]),
			groups: expr(''),
		}),
		message: /^'Group Names or IDs' is empty$/,
		field: 'Group Names or IDs',
	},
	{
		name: 'Reward Earning Ready for Fulfillment: Organization empty',
		parameters: () => ({
			event: 'rewardEarningReadyForFulfillment',
			watch: 'organization',
			organization: expr(''),
		}),
		message: /^'Organization Name or ID' is empty$/,
		field: 'Organization Name or ID',
	},
	{
		name: 'Reward Earning Ready for Fulfillment: Watch "everyone" (an imported workflow)',
		parameters: () => ({ event: 'rewardEarningReadyForFulfillment', watch: 'everyone' }),
		message: /^'Watch' "everyone" is not available for Reward Earning Ready for Fulfillment$/,
		field: 'Watch',
	},
	{
		name: 'Trigger On "deletedPatient" (an imported workflow)',
		parameters: (s) => ({ event: 'deletedPatient', organization: s.ids.organization }),
		message: /^'Trigger On' "deletedPatient" is not an event of this trigger$/,
		field: 'Trigger On',
	},
	// ── Filters: Completed, Attendees, Type, Archived ─────────────────────────────────────────────────────
	{
		name: 'New Calendar Event: Completed "yes"',
		parameters: ofOrganization('newCalendarEvent', { filters: { completed: expr('yes') } }),
		message: /^'Completed' "yes" is not true or false$/,
		field: 'Completed',
	},
	{
		name: 'Calendar Event Created or Updated: Completed 1',
		parameters: ofOrganization('updatedCalendarEvent', { filters: { completed: expr(1) } }),
		message: /^'Completed' "1" is not true or false$/,
		field: 'Completed',
	},
	{
		name: 'Calendar Event Completed: Attendee IDs with "abc"',
		parameters: ofOrganization('completedCalendarEvent', {
			filters: { attendees: '58c4554710123c5c40dbab81, abc' },
		}),
		message: /^'Attendee IDs' "abc" is not a Fitbit Plus ID$/,
		field: 'Attendee IDs',
	},
	{
		name: 'Calendar Event Created or Updated: Attendee IDs only commas',
		parameters: ofOrganization('updatedCalendarEvent', { filters: { attendees: ' , ' } }),
		message: /^'Attendee IDs' is empty$/,
		field: 'Attendee IDs',
	},
	{
		name: 'New Calendar Event: Type "party"',
		parameters: ofOrganization('newCalendarEvent', { filters: { type: expr('party') } }),
		message: /^'Type' "party" is not one of the values Fitbit Plus accepts$/,
		field: 'Type',
	},
	{
		name: 'Patient Created or Updated: Archived "maybe"',
		parameters: ofOrganization('updatedPatient', { filters: { archived: expr('maybe') } }),
		message: /^'Archived' "maybe" is not true or false$/,
		field: 'Archived',
	},
	// ── options ───────────────────────────────────────────────────────────────────────────────────────────
	{
		name: 'New Reward Earning, Groups: Concurrency 0',
		parameters: (s) => ({
			event: 'newRewardEarning',
			watch: 'groups',
			groups: [s.ids.groups[0]],
			options: { concurrency: 0 },
		}),
		message: /^'Concurrency' must be a number of at least 1$/,
		field: 'Concurrency',
	},
	{
		name: 'Patient Health Result Created or Updated, Organization: Concurrency "many"',
		parameters: ofOrganization('updatedPatientHealthResult', {
			options: { concurrency: expr('many') },
		}),
		message: /^'Concurrency' must be a number of at least 1$/,
		field: 'Concurrency',
	},
	{
		name: 'New Patient: Max Records per Poll 0',
		parameters: ofOrganization('newPatient', { options: { maxRecords: 0 } }),
		message: /^'Max Records per Poll' must be a number of at least 1$/,
		field: 'Max Records per Poll',
	},
];

describe("the trigger's bad input is refused before any request", () => {
	const fixture = useSandbox();

	it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
		const { sandbox, engine } = fixture;
		// A credential with no token yet: any request at all (even the token exchange) would show in the log.
		engine.setCredential({
			baseUrl: sandbox.baseUrl,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
		});
		sandbox.resetLog();
		const staticData: IDataObject = {};
		const failure = await engine.poll(row.parameters(sandbox), staticData).then(
			() => undefined,
			(error: Error & IDataObject) => error,
		);
		expect(failure?.name).toBe('NodeOperationError');
		expect(failure!.message).toMatch(row.message);
		const description = String(failure!.description ?? '');
		expect(`${failure!.message} ${description}`).toContain(row.field);
		// What to fix, beyond the message.
		expect(description.length).toBeGreaterThan(10);
		expect(sandbox.requests).toEqual([]);
		expect(sandbox.tokenExchanges()).toBe(0);
		expect(staticData).toEqual({});
	});
});
