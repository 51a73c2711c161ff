/**
 * Count operations through the real n8n engine against the spec-validating sandbox: for every collection, the
 * count equals what Get Many returns with the same filters, in one request (`page[limit]=0`) however large
 * the collection; bad filters are refused as Get Many refuses them; a count the API does not give is an error.
 */
import type { IDataObject } from 'n8n-workflow';

import { countParameters } from '../coverage/cases.counts';
import { coreCases } from '../coverage/cases.core';
import { patientCareCases } from '../coverage/cases.patientCare';
import { plansRewardsCases } from '../coverage/cases.plansRewards';
import { apiRequests, useSandbox, withOwnSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

async function run(parameters: IDataObject, input: IDataObject[] = [{}], continueOnFail = false) {
	const { sandbox, engine } = fixture;
	sandbox.resetLog();
	const result = await engine.execute(parameters as never, input, { continueOnFail });
	return { ...result, requests: apiRequests(sandbox) };
}

const getManyCases = [...coreCases, ...patientCareCases, ...plansRewardsCases].filter(
	(c) => c.operation === 'getAll',
);

describe('Count', () => {
	it.each(getManyCases.map((c) => [c.resource, c] as const))(
		'%s: the count of Get Many with the same filters, in one request',
		async (_resource, c) => {
			const parameters = { resource: c.resource, ...c.parameters(fixture.sandbox) };
			const input = c.input ? c.input(fixture.sandbox) : [{}];
			const listed = await run({ ...parameters, operation: 'getAll', returnAll: true }, input);
			expect(listed.error).toBeUndefined();
			const counted = await run(
				{ ...countParameters(parameters), resource: c.resource, operation: 'count' },
				input,
			);
			expect(counted.error).toBeUndefined();
			expect(counted.items.map((item) => item.json)).toEqual([{ count: listed.items.length }]);
			const requests = counted.requests.filter((r) => r.operationId === c.operationId);
			expect(requests).toHaveLength(1);
			expect(requests[0].query['page[limit]']).toBe('0');
			// The same filters Get Many sent (its first page), but for paging and what only shapes the output.
			const filtersOf = (query: IDataObject) =>
				Object.fromEntries(
					Object.entries(query).filter(
						([name]) => !name.startsWith('page[') && name !== 'include' && name !== 'sort',
					),
				);
			const listedFirst = listed.requests.find((r) => r.operationId === c.operationId)!;
			expect(filtersOf(requests[0].query)).toEqual(filtersOf(listedFirst.query));
		},
	);

	it('one output item per input item, paired', async () => {
		const patients = fixture.sandbox.ids.patients.slice(0, 3);
		const { items, requests } = await run(
			{
				resource: 'patientHealthMetric',
				operation: 'count',
				filters: { patient: '={{ $json.patient }}' },
			},
			patients.map((patient) => ({ patient })),
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const metricsOf = (patient: string) =>
			fixture.sandbox
				.list('patient_health_metric')
				.filter((metric) => (metric.relationships?.patient?.data as { id: string }).id === patient)
				.length;
		expect(items.map((item) => item.json.count)).toEqual(patients.map(metricsOf));
		expect(requests.filter((r) => r.operationId === 'fetchPatientHealthMetrics')).toHaveLength(3);
	});

	it('refuses bad filters before any request, as Get Many does; Continue On Fail goes on', async () => {
		const bad = await run({
			resource: 'patient',
			operation: 'count',
			filters: { groups: 'not-an-id' },
		});
		expect(bad.error?.message).toMatch(/Group/);
		expect(bad.requests).toHaveLength(0);
		const mixed = await run(
			{
				resource: 'patient',
				operation: 'count',
				filters: { organization: '={{ $json.organization }}' },
			},
			[{ organization: 'nope' }, { organization: fixture.sandbox.ids.organization }],
			true,
		);
		expect(mixed.items[0].json.error).toMatch(/Organization/);
		expect(mixed.items[1].json.count).toBe(fixture.sandbox.list('patient').length);
		expect(mixed.requests).toHaveLength(1);
	});

	it('a page without meta.count is an error, not a count of 0', async () => {
		fixture.sandbox.injectFault({
			path: '/pub/coach',
			status: 200,
			rawBody: JSON.stringify({ data: [] }),
		});
		const { error } = await run({
			resource: 'coach',
			operation: 'count',
			filters: { organization: fixture.sandbox.ids.organization },
		});
		fixture.sandbox.clearFaults();
		expect(error?.message).toMatch(/without a count/);
	});
});

describe('Count at scale', () => {
	it('counts 10,000 patients in one request', async () => {
		await withOwnSandbox({ sizes: { patients: 10_000 } }, async (sandbox, engine) => {
			const { items, error } = await engine.execute({
				resource: 'patient',
				operation: 'count',
				filters: { organization: sandbox.ids.organization },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([{ count: 10_000 }]);
			expect(apiRequests(sandbox)).toHaveLength(1);
			// Without the filter: the credential's organization, as its token names it (no request to find it).
			sandbox.resetLog();
			const unfiltered = await engine.execute({ resource: 'patient', operation: 'count' });
			expect(unfiltered.items.map((item) => item.json)).toEqual([{ count: 10_000 }]);
			expect(apiRequests(sandbox)).toHaveLength(1);
			expect(apiRequests(sandbox)[0].query['filter[organization]']).toBe(sandbox.ids.organization);
			expect(sandbox.violations).toEqual([]);
		});
	});
});
