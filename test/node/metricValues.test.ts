/**
 * Health metric values of every type the spec allows (`value` has no type: number, string, boolean, object),
 * from the fields, through the real n8n engine against the spec-validating sandbox: sent with their type, in
 * one batch, stored and returned as sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiRequests, useSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

const reading = { systolic: 120, diastolic: 80, position: 'sitting' };

describe('health metric values of every type', () => {
	it('number, text, yes/no and structured values in one batch, each sent and stored with its type', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const patient = sandbox.ids.patients[0];
		const input: IDataObject[] = [
			{ kind: 'number', metric: 'weight', number: 81.5 },
			{ kind: 'string', metric: 'blood_pressure', text: '120/80' },
			{ kind: 'boolean', metric: 'inhaler_usage', yes: 'true' },
			{ kind: 'object', metric: 'blood_pressure', reading: JSON.stringify(reading) },
		];
		const { items, error } = await engine.execute(
			{
				resource: 'patientHealthMetric',
				operation: 'create',
				patientId: patient,
				metricType: '={{ $json.metric }}',
				valueType: '={{ $json.kind }}',
				value: '={{ $json.number ?? 0 }}',
				textValue: '={{ $json.text ?? "" }}',
				booleanValue: '={{ $json.yes ?? false }}',
				objectValue: '={{ $json.reading ?? "{}" }}',
				occurredAt: '2025-03-01T08:00:00.000Z',
			} as never,
			input,
		);
		expect(error).toBeUndefined();
		const posts = apiRequests(sandbox).filter((r) => r.operationId === 'createPatientHealthMetric');
		expect(posts).toHaveLength(1);
		const sent = ((posts[0].body as IDataObject).data as IDataObject[]).map(
			(resource) => resource.attributes as IDataObject,
		);
		const values = [81.5, '120/80', true, reading];
		expect(sent.map((attributes) => attributes.value)).toEqual(values);
		expect(sent.every((attributes) => !('systolic' in attributes))).toBe(true);
		expect(items.map((item) => item.json.value)).toEqual(values);
		for (const item of items)
			expect(sandbox.get('patient_health_metric', String(item.json.id))?.attributes?.value).toEqual(
				item.json.value,
			);
	});

	it('a blood pressure given as numbers is sent as systolic and diastolic', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const { items, error } = await engine.execute({
			resource: 'patientHealthMetric',
			operation: 'create',
			patientId: sandbox.ids.patients[1],
			metricType: 'blood_pressure',
			systolic: 131,
			diastolic: 84,
			unit: 'mmHg',
			occurredAt: '2025-03-01T09:00:00.000Z',
		} as never);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ systolic: 131, diastolic: 84 });
		expect(items[0].json.value).toBeUndefined();
	});
});
