/**
 * One operation of every resource in one workflow, run by n8n's CLI: a Manual Trigger fans out to one Fitbit Plus
 * node per resource (parameters as in test/coverage/cases*.ts); each node's output is compared, by id, with what
 * the sandbox holds (`/__admin/ids`). Then Continue On Fail: one bad id among good ones becomes an error item.
 */
import { executeWorkflow, importWorkflows, nodeOutput } from '../../scripts/n8n-runtime';
import { CREDENTIAL, NODE_TYPE, outcome, readState, sandboxAdmin, startNode } from './harness';

const state = readState();
const admin = sandboxAdmin(state);

beforeAll(() => admin.resetLog());
afterEach(async () => {
	expect(await admin.takeViolations()).toEqual([]);
});

type Ids = Awaited<ReturnType<typeof admin.ids>>;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const credentials = { fitbitPlusApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
const sorted = (values: unknown[]) => values.map(String).sort();

interface ResourceCase {
	resource: string;
	operation: string;
	parameters: (ids: Ids) => Record<string, unknown>;
	/** The node's input comes from this node instead of the Manual Trigger. */
	after?: string;
	/** What the sandbox holds: the expected ids of the output, in any order. */
	expectIds?: (ids: Ids) => string[];
	check?: (items: Array<Record<string, unknown>>, ids: Ids) => void;
}

/** One read (or, where a resource has nothing else, one create) per resource: all 22. */
const CASES: ResourceCase[] = [
	{
		resource: 'group',
		operation: 'getAll',
		parameters: (ids) => ({ returnAll: true, filters: { organization: ids.organization } }),
		expectIds: (ids) => ids.groups,
	},
	{
		resource: 'organization',
		operation: 'get',
		parameters: (ids) => ({ organizationId: ids.organization }),
		expectIds: (ids) => [ids.organization],
	},
	{
		resource: 'patient',
		operation: 'get',
		parameters: (ids) => ({ patientId: byId(ids.patients[1]) }),
		expectIds: (ids) => [ids.patients[1]],
	},
	{
		resource: 'patientHealthMetric',
		operation: 'get',
		parameters: (ids) => ({ metricId: byId(ids.patientHealthMetrics[0]) }),
		expectIds: (ids) => [ids.patientHealthMetrics[0]],
	},
	{
		resource: 'patientHealthResult',
		operation: 'get',
		parameters: (ids) => ({ resultId: byId(ids.results[0]) }),
		expectIds: (ids) => [ids.results[0]],
	},
	{
		resource: 'patientPlanSummary',
		operation: 'get',
		parameters: (ids) => ({ planSummaryId: byId(ids.patientPlanSummaries[0]) }),
		expectIds: (ids) => [ids.patientPlanSummaries[0]],
	},
	{
		resource: 'healthProfile',
		operation: 'getAll',
		parameters: (ids) => ({ returnAll: true, filters: { organization: ids.organization } }),
		expectIds: (ids) => ids.healthProfiles,
	},
	{
		resource: 'healthProfileQuestion',
		operation: 'getAll',
		parameters: (ids) => ({ returnAll: true, filters: { organization: ids.organization } }),
		expectIds: (ids) => ids.healthProfileQuestions,
	},
	{
		resource: 'healthProfileAnswer',
		operation: 'get',
		parameters: (ids) => ({ healthProfileAnswerId: byId(ids.healthProfileAnswers[0]) }),
		expectIds: (ids) => [ids.healthProfileAnswers[0]],
	},
	{
		resource: 'healthQuestionDefinition',
		operation: 'getAll',
		parameters: () => ({ returnAll: true }),
		expectIds: (ids) => ids.healthQuestionDefinitions,
	},
	{
		resource: 'coach',
		operation: 'getAll',
		parameters: (ids) => ({ returnAll: true, filters: { organization: ids.organization } }),
		expectIds: (ids) => ids.coaches,
	},
	{
		resource: 'emailHistory',
		operation: 'get',
		parameters: (ids) => ({ emailHistoryId: byId(ids.emailHistories[0]) }),
		expectIds: (ids) => [ids.emailHistories[0]],
	},
	{
		resource: 'action',
		operation: 'get',
		parameters: (ids) => ({ actionId: byId(ids.actions[0]) }),
		expectIds: (ids) => [ids.actions[0]],
	},
	{
		resource: 'bundle',
		operation: 'get',
		parameters: (ids) => ({ bundleId: byId(ids.bundles[0]) }),
		expectIds: (ids) => [ids.bundles[0]],
	},
	{
		resource: 'calendarEvent',
		operation: 'get',
		parameters: (ids) => ({ calendarEventId: byId(ids.calendarEvents[0]) }),
		expectIds: (ids) => [ids.calendarEvents[0]],
	},
	{
		// The only operation of this resource is a create: the event's owner (a patient attendee) declines it.
		resource: 'calendarEventResponse',
		operation: 'create',
		after: 'calendarEvent',
		parameters: () => ({
			calendarEventId: byId('={{ $json.id }}'),
			userType: 'patient',
			userId: '={{ $json.owner }}',
			responseStatus: 'declined',
		}),
		check: (items, ids) => {
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({
				calendar_event: ids.calendarEvents[0],
				response_status: 'declined',
			});
		},
	},
	{
		resource: 'rewardProgram',
		operation: 'get',
		parameters: (ids) => ({ rewardProgramId: byId(ids.rewardPrograms[0]) }),
		expectIds: (ids) => [ids.rewardPrograms[0]],
	},
	{
		resource: 'rewardProgramActivation',
		operation: 'get',
		parameters: (ids) => ({ rewardProgramActivationId: byId(ids.rewardProgramActivations[0]) }),
		expectIds: (ids) => [ids.rewardProgramActivations[0]],
	},
	{
		resource: 'reward',
		operation: 'get',
		parameters: (ids) => ({ rewardId: byId(ids.rewards[0]) }),
		expectIds: (ids) => [ids.rewards[0]],
	},
	{
		resource: 'rewardEarning',
		operation: 'get',
		parameters: (ids) => ({ rewardEarningId: byId(ids.rewardEarnings[0]) }),
		expectIds: (ids) => [ids.rewardEarnings[0]],
	},
	{
		resource: 'rewardEarningFulfillment',
		operation: 'get',
		parameters: (ids) => ({ rewardEarningFulfillmentId: byId(ids.rewardEarningFulfillments[0]) }),
		expectIds: (ids) => [ids.rewardEarningFulfillments[0]],
	},
	{
		resource: 'token',
		operation: 'getGroups',
		parameters: () => ({ returnAll: true }),
		expectIds: (ids) => ids.groups,
	},
];

function fanOutWorkflow(id: string, ids: Ids) {
	const nodes: object[] = [startNode(`${id}-start`)];
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }
	> = {};
	CASES.forEach((c, i) => {
		nodes.push({
			id: `${id}-${i}`,
			name: c.resource,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [300, i * 120],
			parameters: { resource: c.resource, operation: c.operation, ...c.parameters(ids) },
			credentials,
		});
		const from = c.after ?? 'Start';
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: c.resource, type: 'main', index: 0 });
	});
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
	};
}

describe('every resource in one workflow', () => {
	test('22 resources, one Fitbit Plus node each: every output matches the sandbox', async () => {
		const ids = await admin.ids();
		// Every group the sandbox holds now (other files of the suite create some), the seeded ones first.
		const seededGroups = ids.groups;
		const created = (await admin.currentIds('group')).filter((id) => !seededGroups.includes(id));
		ids.groups = [...seededGroups, ...created];
		expect(sorted(CASES.map((c) => c.resource))).toEqual(
			sorted(state.resources.filter((r) => r !== '__CUSTOM_API_CALL__')),
		); // n8n adds the custom API call option
		expect(CASES).toHaveLength(22);
		const t = Date.now();
		await importWorkflows(state.userFolder, [fanOutWorkflow('e2eAllResources1', ids)]);
		const result = await executeWorkflow(state.userFolder, 'e2eAllResources1');
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		process.stderr.write(
			`[e2e] 22-resource workflow: import + execute ${((Date.now() - t) / 1000).toFixed(1)} s\n`,
		);
		for (const c of CASES) {
			const items = nodeOutput(result.run!, c.resource);
			if (c.expectIds) {
				const got = items.map((i) => String(i.id));
				expect({
					resource: c.resource,
					ids: got.sort(),
					unique: new Set(got).size === got.length,
				}).toEqual({
					resource: c.resource,
					ids: sorted(c.expectIds(ids)),
					unique: true,
				});
			}
			c.check?.(items, ids);
		}
	});

	test('Continue On Fail: one bad id among the items becomes an error item, the others pass', async () => {
		const ids = await admin.ids();
		const good = [ids.patients[0], ids.patients[5], ids.patients[9]];
		// Well-formed, but no such patient: the API answers 404 for it.
		const missing = 'ffffffffffffffffffffffff';
		const patients = [good[0], missing, good[1], good[2]];
		const id = 'e2eContinueFail1';
		await importWorkflows(state.userFolder, [
			{
				id,
				name: `e2e ${id}`,
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					startNode(`${id}-t`),
					{
						id: `${id}-l`,
						name: 'List',
						type: 'n8n-nodes-base.set',
						typeVersion: 3.4,
						position: [100, 0],
						parameters: {
							mode: 'manual',
							includeOtherFields: false,
							assignments: {
								assignments: [
									{
										id: 'p',
										name: 'patient',
										type: 'array',
										value: `={{ ${JSON.stringify(patients)} }}`,
									},
								],
							},
							options: {},
						},
					},
					{
						id: `${id}-s`,
						name: 'Patient Ids',
						type: 'n8n-nodes-base.splitOut',
						typeVersion: 1,
						position: [200, 0],
						parameters: { fieldToSplitOut: 'patient', options: {} },
					},
					{
						id: `${id}-f`,
						name: 'Fitbit Plus',
						type: NODE_TYPE,
						typeVersion: 1,
						position: [400, 0],
						onError: 'continueRegularOutput',
						parameters: {
							resource: 'patient',
							operation: 'get',
							patientId: byId('={{ $json.patient }}'),
						},
						credentials,
					},
				],
				connections: {
					Start: { main: [[{ node: 'List', type: 'main', index: 0 }]] },
					List: { main: [[{ node: 'Patient Ids', type: 'main', index: 0 }]] },
					'Patient Ids': { main: [[{ node: 'Fitbit Plus', type: 'main', index: 0 }]] },
				},
			},
		]);
		const result = await executeWorkflow(state.userFolder, id);
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		const items = nodeOutput(result.run!, 'Fitbit Plus');
		expect(items).toHaveLength(4);
		expect(items.map((i) => (i.error ? 'error' : String(i.id)))).toEqual([
			good[0],
			'error',
			good[1],
			good[2],
		]);
		expect(
			String(
				(items[1].error as { message?: string } | string | undefined) &&
					JSON.stringify(items[1].error),
			),
		).toMatch(/404|not found/i);
	});
});

describe('a batched create the API refuses in part (version 2)', () => {
	test('50 health metrics, 2 refused, Continue On Fail: 48 created and paired, 2 error items, one re-send', async () => {
		const ids = await admin.ids();
		const missing = 'aaaaaaaaaaaaaaaaaaaaaaaa';
		const refused = [7, 31];
		const metrics = Array.from({ length: 50 }, (_, index) => ({
			patient: refused.includes(index) ? missing : ids.patients[index % ids.patients.length],
			bpm: 40 + index,
			at: new Date(Date.UTC(2023, 3, 3, 0, index)).toISOString(),
		}));
		const before = (await admin.currentIds('patient_health_metric')).length;
		await admin.resetLog();
		const id = 'e2eBatchRefusal1';
		await importWorkflows(state.userFolder, [
			{
				id,
				name: `e2e ${id}`,
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					startNode(`${id}-t`),
					{
						id: `${id}-l`,
						name: 'List',
						type: 'n8n-nodes-base.set',
						typeVersion: 3.4,
						position: [100, 0],
						parameters: {
							mode: 'manual',
							includeOtherFields: false,
							assignments: {
								assignments: [
									{
										id: 'm',
										name: 'metrics',
										type: 'array',
										value: `={{ ${JSON.stringify(metrics)} }}`,
									},
								],
							},
							options: {},
						},
					},
					{
						id: `${id}-s`,
						name: 'Metrics',
						type: 'n8n-nodes-base.splitOut',
						typeVersion: 1,
						position: [200, 0],
						parameters: { fieldToSplitOut: 'metrics', options: {} },
					},
					{
						id: `${id}-f`,
						name: 'Fitbit Plus',
						type: NODE_TYPE,
						typeVersion: 2,
						position: [400, 0],
						onError: 'continueRegularOutput',
						// Version 2 maps Fields Below from columns: each item's resource given as JSON instead.
						parameters: {
							resource: 'patientHealthMetric',
							operation: 'create',
							bodyFrom: 'json',
							jsonBody:
								'={{ JSON.stringify({ type: "patient_health_metric", attributes: { type: "heart_rate", value: $json.bpm, unit: "bpm", occurred_at: $json.at }, relationships: { patient: { data: { type: "patient", id: $json.patient } } } }) }}',
						},
						credentials,
					},
				],
				connections: {
					Start: { main: [[{ node: 'List', type: 'main', index: 0 }]] },
					List: { main: [[{ node: 'Metrics', type: 'main', index: 0 }]] },
					Metrics: { main: [[{ node: 'Fitbit Plus', type: 'main', index: 0 }]] },
				},
			},
		]);
		const result = await executeWorkflow(state.userFolder, id);
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		const items = nodeOutput(result.run!, 'Fitbit Plus');
		expect(items).toHaveLength(50);
		items.forEach((item, index) => {
			if (refused.includes(index)) {
				expect(String(item.error)).toMatch(
					new RegExp(
						`^Fitbit Plus refused this item: .*${missing} was not found.* \\[item ${index}\\]$`,
					),
				);
				return;
			}
			expect(item).toMatchObject({
				value: metrics[index].bpm,
				occurred_at: metrics[index].at,
				patient: metrics[index].patient,
			});
		});
		const posts = (await admin.requests()).filter(
			(request) => request.method === 'POST' && request.pathname.endsWith('/patient_health_metric'),
		);
		expect(posts.map((post) => post.status)).toEqual([409, 200]);
		expect((await admin.currentIds('patient_health_metric')).length - before).toBe(48);
	});
});
