/**
 * Plan Summary Update with its relationships (actions, bundles, patient, current results) through the real n8n
 * engine against the spec-validating sandbox: the spec's rule that actions, bundles and patient go together is
 * checked before sending; what is sent is stored; the API's refusal of another patient's records is clear.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId } from '../coverage/cases';
import { apiRequests, planWithRecords as planWithRecordsOf, useSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

type Ref = { id: string };

const planWithRecords = () => planWithRecordsOf(fixture.sandbox);

async function update(planSummaryId: string, updateFields: IDataObject) {
	const { sandbox, engine } = fixture;
	sandbox.resetLog();
	const result = await engine.execute({
		resource: 'patientPlanSummary',
		operation: 'update',
		planSummaryId: byId(planSummaryId),
		updateFields,
	} as never);
	return { ...result, requests: apiRequests(sandbox) };
}

describe('Plan Summary Update: relationships', () => {
	it('sends actions, bundles, patient and current results together, as the spec describes', async () => {
		const { plan, patient, actions, bundles, results } = planWithRecords();
		const chosen = [actions[1], actions[0]];
		const { items, requests, error } = await update(plan, {
			actions: chosen.join(', '),
			bundles: bundles[0],
			patient: byId(patient),
			current_results: results[0],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({
			data: {
				type: 'patient_plan_summary',
				id: plan,
				relationships: {
					actions: { data: chosen.map((id) => ({ type: 'action', id })) },
					bundles: { data: [{ type: 'bundle', id: bundles[0] }] },
					patient: { data: { type: 'patient', id: patient } },
					current_results: { data: [{ type: 'result', id: results[0] }] },
				},
			},
		});
		expect(items[0].json).toMatchObject({
			actions: chosen,
			bundles: [bundles[0]],
			current_results: [results[0]],
		});
		const stored = fixture.sandbox.get('patient_plan_summary', plan)!;
		expect((stored.relationships!.actions.data as Ref[]).map((ref) => ref.id)).toEqual(chosen);
	});

	it('an added but empty list is sent as none', async () => {
		const { plan, patient, actions } = planWithRecords();
		const { requests, error } = await update(plan, {
			actions: actions[0],
			bundles: '',
			patient: byId(patient),
		});
		expect(error).toBeUndefined();
		const relationships = (requests[0].body as { data: IDataObject }).data
			.relationships as IDataObject;
		expect(relationships.bundles).toEqual({ data: [] });
	});

	it.each([
		[
			{ actions: 'X' },
			/add 'Bundle IDs' and 'Patient' under 'Update Fields', or remove 'Action IDs'\./,
		],
		[{ current_results: 'X' }, /add 'Action IDs' and 'Bundle IDs' and 'Patient'/],
		[{ actions: 'X', bundles: 'X', time_zone: 'UTC' }, /add 'Patient' under 'Update Fields'/],
	])('refuses %j before any request: they go together', async (fields, description) => {
		const { plan, actions } = planWithRecords();
		const updateFields = Object.fromEntries(
			Object.entries(fields).map(([name, value]) => [name, value === 'X' ? actions[0] : value]),
		);
		const { error, requests } = await update(plan, updateFields);
		expect(error?.message).toBe("'Action IDs', 'Bundle IDs' and 'Patient' go together [item 0]");
		expect(String(error?.description)).toMatch(description);
		expect(requests).toHaveLength(0);
	});

	it("another patient's plan or records: the API's refusal names what it refused, nothing is changed", async () => {
		const { plan, patient, actions, bundles } = planWithRecords();
		const other = fixture.sandbox.ids.patients.find((id) => id !== patient)!;
		const before = fixture.sandbox.get('patient_plan_summary', plan)!.relationships;
		const { error, requests } = await update(plan, {
			actions: actions[0],
			bundles: bundles[0],
			patient: byId(other),
		});
		expect(requests.map((r) => r.status)).toEqual([409]);
		expect(error?.message).toMatch(/is not the patient of plan summary/);
		expect(fixture.sandbox.get('patient_plan_summary', plan)!.relationships).toEqual(before);
	});
});
