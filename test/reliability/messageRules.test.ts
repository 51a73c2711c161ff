/**
 * n8n's UX guidelines for error messages (section "Errors"), checked on the messages the node really writes:
 * every bad-input row of the reliability table and the malformed or refused answers below, run through n8n's
 * engine against the sandbox. For each error: none of the words the guidelines ask to avoid ("error",
 * "problem", "failed"/"failure", "mistake") outside what the API itself sent; ` [item N]` at the end with the
 * right N when the error concerns an item, and none for an error of the whole run; every parameter display
 * name it mentions in single quotes, and every quoted name one the node or credential has.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../coverage/cases';
import { namesOfPaths, violations } from '../helpers/messageRules';
import { useSandbox } from '../helpers/sandbox';
import { badRun, build, rows } from './badInputRows';

describe('error messages by n8n UX guidelines', () => {
	const fixture = useSandbox();

	const run = async (
		parameters: INodeParameters,
		input: IDataObject[] = [{}],
		options: { continueOnFail?: boolean } = {},
	) => {
		fixture.engine.setCredential({
			baseUrl: fixture.sandbox.baseUrl,
			clientId: fixture.sandbox.clientId,
			clientSecret: fixture.sandbox.clientSecret,
		});
		return await fixture.engine.execute(parameters, input, options);
	};

	afterEach(() => fixture.sandbox.clearFaults());

	describe('bad input (every row of the reliability table)', () => {
		it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
			const { parameters, input } = badRun(fixture.sandbox, row);
			const { error } = await run(parameters, input);
			expect(error).toBeDefined();
			const paths = Object.keys(row.set(fixture.sandbox));
			const names = namesOfPaths(paths);
			// Batch Size serves the whole run (read once): its error names no item.
			const ofTheRun = paths.every((path) => /(^|\.)batchSize$/.test(path));
			expect(violations(error!, { itemIndex: ofTheRun ? undefined : 0, names })).toEqual([]);
		});

		const expressionRows = rows.filter((row) => row.expression);

		it.each(expressionRows.map((row) => [row.name, row] as const))(
			'Continue On Fail, the middle item of three: %s',
			async (_name, row) => {
				const { path: bad, good } = row.expression!;
				const overrides = {
					...row.set(fixture.sandbox),
					...row.expression!.also,
					[bad]: '={{ $json.v }}',
				};
				const { parameters, input } = build(fixture.sandbox, row, overrides);
				const values = [
					good(fixture.sandbox),
					row.set(fixture.sandbox)[bad],
					good(fixture.sandbox),
				];
				const items = values.map((v, index) => ({ ...input[index % input.length], v }));
				const result = await run(parameters, items as IDataObject[], { continueOnFail: true });
				expect(result.error).toBeUndefined();
				const errorItems = result.items.filter((item) => item.json.error !== undefined);
				expect(errorItems.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
				const names = namesOfPaths(Object.keys(row.set(fixture.sandbox)));
				expect(
					violations({ message: String(errorItems[0].json.error) }, { itemIndex: 1, names }),
				).toEqual([]);
			},
		);
	});

	describe('malformed and refused answers', () => {
		const patientIds = () => fixture.sandbox.list('patient').map((patient) => patient.id);
		const getPatient = (id: string, requestOptions: INodeParameters = { retries: 0 }) => ({
			resource: 'patient',
			operation: 'get',
			patientId: byId(id),
			requestOptions,
		});
		/** A JSON:API error document with the API's own words, "failed" among them (kept as sent). */
		const apiError = (status: number, code: string, detail: string) =>
			JSON.stringify({ errors: [{ status: String(status), code, title: 'Refused', detail }] });

		it.each([
			['200 with data: null', { answer: 'data-null' as const }, []],
			['200 without data', { answer: 'no-data' as const }, []],
			['200 with an errors member', { answer: 'errors-member' as const }, ['lookup failed']],
			['200 with a record without id', { answer: 'records-without-id' as const }, []],
			[
				'404 JSON:API error',
				{ status: 404, rawBody: apiError(404, 'ResourceNotFound', 'the lookup failed') },
				['ResourceNotFound', 'the lookup failed'],
			],
			[
				'500 JSON:API error',
				{ status: 500, rawBody: apiError(500, 'InternalError', 'database failure') },
				['InternalError', 'database failure'],
			],
			[
				'502 HTML page of a gateway',
				{ status: 502, rawBody: '<html><body>Bad Gateway</body></html>', contentType: 'text/html' },
				[],
			],
			['a dropped connection', { drop: true }, []],
		] as const)('%s: the rules hold, under the item it met', async (_label, fault, apiWords) => {
			const ids = patientIds().slice(0, 3);
			fixture.sandbox.injectFault({ method: 'GET', path: `/pub/patient/${ids[1]}`, ...fault });
			const parameters = { ...getPatient(ids[0]), patientId: byId('={{ $json.id }}') };
			const { error } = await run(
				parameters,
				ids.map((id) => ({ id })),
			);
			expect(error).toBeDefined();
			expect(violations(error!, { itemIndex: 1, apiWords: [...apiWords] })).toEqual([]);
		});

		it('a request with no answer in time says which request, how long, and what to do', async () => {
			const id = patientIds()[0];
			fixture.sandbox.injectFault({ method: 'GET', path: `/pub/patient/${id}`, hang: 'headers' });
			const { error } = await run(getPatient(id, { retries: 0, timeout: 300 }));
			expect(error!.message).toBe(
				`GET /patient/${id} got no answer from Fitbit Plus within 300 ms (timed out, ETIMEDOUT) [item 0]`,
			);
			expect(String(error!.description)).toMatch(/raise 'Timeout' under 'Request Options'/);
			expect(violations(error!, { itemIndex: 0 })).toEqual([]);
		});

		it('a 409 refusal of a create keeps the API words, under its item', async () => {
			fixture.sandbox.injectFault({
				method: 'POST',
				path: '/pub/group',
				status: 409,
				rawBody: apiError(409, 'InvalidBodyParameter', 'name failed validation'),
			});
			const { error } = await run({
				resource: 'group',
				operation: 'create',
				name: 'Cardiology',
				organizationId: fixture.sandbox.ids.organization,
				requestOptions: { retries: 0 },
			});
			expect(error).toBeDefined();
			expect(
				violations(error!, {
					itemIndex: 0,
					apiWords: ['InvalidBodyParameter', 'name failed validation'],
				}),
			).toEqual([]);
		});

		it('Continue On Fail: the error item names its item', async () => {
			const ids = patientIds().slice(0, 3);
			fixture.sandbox.injectFault({
				method: 'GET',
				path: `/pub/patient/${ids[2]}`,
				answer: 'data-null',
			});
			const { items } = await run(
				{ ...getPatient(ids[0]), patientId: byId('={{ $json.id }}') },
				ids.map((id) => ({ id })),
				{ continueOnFail: true },
			);
			const errorItem = items.find((item) => item.json.error !== undefined)!;
			expect(errorItem.pairedItem).toEqual({ item: 2 });
			expect(violations({ message: String(errorItem.json.error) }, { itemIndex: 2 })).toEqual([]);
		});
	});

	describe('errors of the whole run name no item', () => {
		it('a bad Request Option', async () => {
			const { error } = await run(getPatientOf(fixture, { concurrency: 0 }), [{}, {}]);
			expect(error!.message).toMatch(/^'Concurrency' under 'Request Options' must be/);
			expect(violations(error!, {})).toEqual([]);
		});

		it('a refused credential', async () => {
			fixture.engine.setCredential({
				baseUrl: fixture.sandbox.baseUrl,
				clientId: fixture.sandbox.clientId,
				clientSecret: 'not-the-secret',
			});
			const { error } = await fixture.engine.execute(getPatientOf(fixture), [{}, {}]);
			expect(error!.message).toMatch(/invalid client credentials/);
			expect(violations(error!, {})).toEqual([]);
		});

		it('a Base URL the credential may not use', async () => {
			fixture.engine.setCredential({
				baseUrl: fixture.sandbox.baseUrl.replace(/^http:/, 'ftp:'),
				clientId: fixture.sandbox.clientId,
				clientSecret: fixture.sandbox.clientSecret,
			});
			const { error } = await fixture.engine.execute(getPatientOf(fixture), [{}, {}]);
			expect(error).toBeDefined();
			expect(violations(error!, {})).toEqual([]);
		});
	});
});

function getPatientOf(
	fixture: ReturnType<typeof useSandbox>,
	requestOptions: INodeParameters = {},
) {
	return {
		resource: 'patient',
		operation: 'get',
		patientId: byId(fixture.sandbox.list('patient')[0].id),
		requestOptions,
	};
}
