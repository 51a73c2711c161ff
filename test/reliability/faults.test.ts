/**
 * Faults the node must survive, or report clearly: a token that dies in the middle of a long Return All,
 * 5xx answers and timeouts (retried with capped exponential backoff for GET / PATCH only, never for a POST),
 * a Retry-After beyond the cap, and answers that are not what they claim (malformed JSON, a proxy's HTML page,
 * an empty body, a paging link to another host). Each test checks what the user sees (items, error) and what
 * the sandbox received.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest } from '../sandbox';
import { apiRequests, useSandbox } from '../helpers/sandbox';
import { byId } from '../coverage/cases';

const PATIENTS = 500;

/** Waits between consecutive requests of the log, in ms. */
function gaps(requests: RecordedRequest[]): number[] {
	return requests.slice(1).map((request, index) => request.at - requests[index].at);
}

describe('faults survived or reported clearly', () => {
	const fixture = useSandbox({ sizes: { patients: PATIENTS }, maxPageSize: 50 });
	const allPatients = (extra: IDataObject = {}) => ({
		resource: 'patient',
		operation: 'getAll',
		returnAll: true,
		filters: { organization: fixture.sandbox.ids.organization },
		...extra,
	});
	const onePatient = (extra: IDataObject = {}) => ({
		resource: 'patient',
		operation: 'get',
		patientId: byId(fixture.sandbox.ids.patients[0]),
		...extra,
	});

	beforeEach(async () => {
		fixture.sandbox.clearFaults();
		// Warm the token, so that the counts below are what the fault caused.
		expect((await fixture.engine.execute(onePatient())).error).toBeUndefined();
		fixture.sandbox.resetLog();
	});

	describe('a token that dies in the middle of Return All', () => {
		it.each([['revoked', 'revoke'] as const, ['expired on the server', 'expire'] as const])(
			'%s after page 3 of 10: one refresh, the run goes on, every record exactly once',
			async (_label, how) => {
				const expected = fixture.sandbox.list('patient').map((patient) => patient.id);
				expect(expected).toHaveLength(PATIENTS);
				fixture.sandbox.revokeTokensAfter(3, how);
				const { items, error } = await fixture.engine.execute(allPatients());
				expect(error).toBeUndefined();
				const ids = items.map((item) => item.json.id);
				expect(ids).toEqual(expected);
				expect(new Set(ids).size).toBe(PATIENTS);

				expect(fixture.sandbox.tokenExchanges()).toBe(1);
				const requests = apiRequests(fixture.sandbox);
				expect(requests.map((r) => r.status)).toEqual([
					200, 200, 200, 401, 200, 200, 200, 200, 200, 200, 200,
				]);
				// The refused page is asked for again, exactly as before: no page lost, none repeated.
				expect(requests[4].path).toBe(requests[3].path);
				const served = requests.filter((r) => r.status === 200).map((r) => r.path);
				expect(new Set(served).size).toBe(10);
				expect(requests.every((r) => r.hasAuthorization)).toBe(true);
			},
		);
	});

	describe('5xx and timeouts: capped exponential backoff, for GET and PATCH only', () => {
		it('retries a GET through 500, 502 and 503, doubling the wait from half a second', async () => {
			for (const status of [500, 502, 503])
				fixture.sandbox.injectFault({ method: 'GET', path: '/pub/patient', status, times: 1 });
			const { items, error } = await fixture.engine.execute(
				allPatients({ returnAll: false, limit: 5 }),
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(5);
			const requests = apiRequests(fixture.sandbox);
			expect(requests.map((r) => r.status)).toEqual([500, 502, 503, 200]);
			const [first, second, third] = gaps(requests);
			expect(first).toBeGreaterThanOrEqual(450);
			expect(second).toBeGreaterThanOrEqual(950);
			expect(third).toBeGreaterThanOrEqual(1950);
			expect(third).toBeLessThan(3500);
		});

		it('caps the backoff at Max Retry Wait, and gives up after Retries with a clear error', async () => {
			fixture.sandbox.injectFault({ method: 'GET', path: '/pub/patient', status: 503, times: 10 });
			const started = Date.now();
			const { items, error } = await fixture.engine.execute(
				allPatients({ requestOptions: { retries: 4, maxRetryWait: 0.2 } }),
			);
			expect(items).toHaveLength(0);
			expect(error?.message).toBe(
				'Fitbit Plus answered 503 ServiceUnavailable: injected fault [item 0]',
			);
			expect(String(error?.description)).toMatch(/Try again later/);
			const requests = apiRequests(fixture.sandbox);
			expect(requests.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
			for (const gap of gaps(requests)) {
				expect(gap).toBeGreaterThanOrEqual(180);
				expect(gap).toBeLessThan(700);
			}
			expect(Date.now() - started).toBeLessThan(3000);
		});

		it('retries an Update (PATCH) after one 502 and applies it once', async () => {
			const id = fixture.sandbox.ids.patients[7];
			fixture.sandbox.injectFault({
				method: 'PATCH',
				path: `/pub/patient/${id}`,
				status: 502,
				times: 1,
			});
			const { items, error } = await fixture.engine.execute({
				resource: 'patient',
				operation: 'update',
				patientId: byId(id),
				updateFields: { note: 'Retried once' },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([
				expect.objectContaining({ id, note: 'Retried once' }),
			]);
			expect(apiRequests(fixture.sandbox).map((r) => `${r.method} ${r.status}`)).toEqual([
				'PATCH 502',
				'PATCH 200',
			]);
			expect(fixture.sandbox.get('patient', id)?.attributes.note).toBe('Retried once');
		});

		it('retries a GET that times out (Timeout under Request Options) and returns the answer', async () => {
			fixture.sandbox.injectFault({
				method: 'GET',
				path: `/pub/patient/${fixture.sandbox.ids.patients[0]}`,
				delayMs: 600,
				times: 1,
			});
			const { items, error } = await fixture.engine.execute(
				onePatient({ requestOptions: { timeout: 200, maxRetryWait: 0.1 } }),
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.id)).toEqual([fixture.sandbox.ids.patients[0]]);
			const requests = apiRequests(fixture.sandbox);
			expect(requests).toHaveLength(2);
			expect(requests[0].fault).toBe('delay:600');
			expect(requests[1].status).toBe(200);
		});

		it('never repeats a Create (POST) that timed out, and says it may have reached Fitbit Plus', async () => {
			const before = fixture.sandbox.list('group').length;
			fixture.sandbox.injectFault({ method: 'POST', path: '/pub/group', delayMs: 500, times: 3 });
			const started = Date.now();
			const { items, error } = await fixture.engine.execute({
				resource: 'group',
				operation: 'create',
				name: 'Timed Out Group',
				requestOptions: { timeout: 150 },
			});
			expect(Date.now() - started).toBeLessThan(2000);
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(
				/^POST \/group got no answer from Fitbit Plus within 150 ms \(timed out, ETIMEDOUT\) \[item 0\]$/,
			);
			expect(String(error?.description)).toMatch(
				/never sent twice.*Check whether the record was created/,
			);
			expect((error?.context as IDataObject | undefined)?.itemIndex).toBe(0);
			expect(apiRequests(fixture.sandbox).filter((r) => r.method === 'POST')).toHaveLength(1);
			// The sandbox gave up on the answer when the client hung up: nothing was created.
			await new Promise((resolve) => setTimeout(resolve, 450));
			expect(fixture.sandbox.list('group').length).toBe(before);
		});

		it('does not repeat a POST after a 502 either', async () => {
			fixture.sandbox.injectFault({ method: 'POST', path: '/pub/group', status: 502, times: 1 });
			const { error } = await fixture.engine.execute({
				resource: 'group',
				operation: 'create',
				name: 'Once',
			});
			expect(error?.message).toMatch(/^Fitbit Plus answered 502 /);
			expect(apiRequests(fixture.sandbox).map((r) => `${r.method} ${r.status}`)).toEqual([
				'POST 502',
			]);
		});
	});

	describe('429 with a Retry-After beyond the cap', () => {
		it('waits Max Retry Wait, not the 30 s the server asked for, then succeeds', async () => {
			fixture.sandbox.injectFault({
				method: 'GET',
				path: '/pub/patient',
				status: 429,
				retryAfter: 30,
				times: 1,
			});
			const started = Date.now();
			const { items, error } = await fixture.engine.execute(
				allPatients({ returnAll: false, limit: 3, requestOptions: { maxRetryWait: 0.5 } }),
			);
			const elapsed = Date.now() - started;
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
			expect(elapsed).toBeGreaterThanOrEqual(450);
			expect(elapsed).toBeLessThan(3000);
			const requests = apiRequests(fixture.sandbox);
			expect(requests.map((r) => r.status)).toEqual([429, 200]);
			expect(gaps(requests)[0]).toBeGreaterThanOrEqual(450);
		});

		it('retries a POST after a 429 (the API refused it, so nothing was created)', async () => {
			fixture.sandbox.injectFault({
				method: 'POST',
				path: '/pub/group',
				status: 429,
				retryAfter: 30,
				times: 1,
			});
			const { items, error } = await fixture.engine.execute({
				resource: 'group',
				operation: 'create',
				name: 'After A Rate Limit',
				requestOptions: { maxRetryWait: 0.2 },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.name)).toEqual(['After A Rate Limit']);
			expect(apiRequests(fixture.sandbox).map((r) => `${r.method} ${r.status}`)).toEqual([
				'POST 429',
				'POST 201',
			]);
		});

		it('refuses a Request Option that is not a number, before any request', async () => {
			fixture.sandbox.resetLog();
			const { error } = await fixture.engine.execute(
				onePatient({ requestOptions: { retries: -1 } }),
			);
			expect(error?.message).toBe(
				"'Retries' under 'Request Options' must be a whole number of 0 or more",
			);
			expect(apiRequests(fixture.sandbox)).toHaveLength(0);
		});
	});

	describe('answers that are not what they claim: clear errors, no hang, no partial result', () => {
		const quick = { requestOptions: { retries: 1, maxRetryWait: 0.1 } };

		it('malformed JSON on page 2 of Return All', async () => {
			fixture.sandbox.injectFault({
				method: 'GET',
				path: '/pub/patient',
				skip: 1,
				status: 200,
				rawBody: '{"data": [',
				contentType: 'application/vnd.api+json',
				times: 1,
			});
			const { items, error } = await fixture.engine.execute(allPatients(quick));
			expect(items).toHaveLength(0);
			expect(error?.message).toBe('Fitbit Plus answered with a body that is not JSON [item 0]');
			expect(String(error?.description)).toMatch(/proxy or gateway/);
			expect(apiRequests(fixture.sandbox).map((r) => r.status)).toEqual([200, 200]);
		});

		it("a proxy's HTML error page with 502 (retried, then reported without the HTML)", async () => {
			const page =
				'<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
			fixture.sandbox.injectFault({
				method: 'GET',
				path: '/pub/patient',
				status: 502,
				rawBody: page,
				contentType: 'text/html',
				times: 5,
			});
			const { items, error } = await fixture.engine.execute(allPatients(quick));
			expect(items).toHaveLength(0);
			expect(error?.message).toBe(
				'Fitbit Plus answered 502 with a body that is not JSON:API (text/html) [item 0]',
			);
			expect(
				JSON.stringify({ message: error?.message, description: error?.description }),
			).not.toMatch(/<html|Bad Gateway<\//);
			expect(apiRequests(fixture.sandbox).map((r) => r.status)).toEqual([502, 502]);
		});

		it('an empty body on a GET by id', async () => {
			fixture.sandbox.injectFault({
				method: 'GET',
				path: `/pub/patient/${fixture.sandbox.ids.patients[0]}`,
				status: 200,
				rawBody: '',
				times: 1,
			});
			const { items, error } = await fixture.engine.execute(onePatient());
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(/empty body/);
			expect(String(error?.description)).toMatch(/No result is returned/);
			expect(apiRequests(fixture.sandbox)).toHaveLength(1);
		});

		it('an empty body on page 3 of Return All', async () => {
			fixture.sandbox.injectFault({
				method: 'GET',
				path: '/pub/patient',
				skip: 2,
				status: 200,
				rawBody: '',
				times: 1,
			});
			const { items, error } = await fixture.engine.execute(allPatients());
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(/empty body/);
			expect(apiRequests(fixture.sandbox)).toHaveLength(3);
		});

		it('links.next to another host: refused before the token goes there', async () => {
			const page = JSON.stringify({
				data: [fixture.sandbox.list('patient')[0]],
				links: {
					next: 'https://collector.example.net/pub/patient?page%5Blimit%5D=50&page%5Bcursor%5D=x',
				},
				meta: { count: PATIENTS },
			});
			fixture.sandbox.injectFault({
				method: 'GET',
				path: '/pub/patient',
				status: 200,
				rawBody: page,
				times: 1,
			});
			const started = Date.now();
			const { items, error } = await fixture.engine.execute(allPatients());
			expect(Date.now() - started).toBeLessThan(2000);
			expect(items).toHaveLength(0);
			expect(error?.message).toBe(
				'Fitbit Plus sent a paging link to another host (https://collector.example.net) [item 0]',
			);
			expect(apiRequests(fixture.sandbox)).toHaveLength(1);
		});

		it('a dropped connection on a GET is retried; the same on a POST is reported', async () => {
			fixture.sandbox.injectFault({ method: 'GET', path: '/pub/patient', drop: true, times: 1 });
			const first = await fixture.engine.execute(
				allPatients({ returnAll: false, limit: 2, ...quick }),
			);
			expect(first.error).toBeUndefined();
			expect(first.items).toHaveLength(2);

			fixture.sandbox.resetLog();
			fixture.sandbox.injectFault({ method: 'POST', path: '/pub/group', drop: true, times: 1 });
			const { error } = await fixture.engine.execute({
				resource: 'group',
				operation: 'create',
				name: 'Dropped',
				...quick,
			});
			expect(error?.message).toMatch(
				/^(Could not connect to Fitbit Plus|Fitbit Plus gave no answer in time \(timed out,) \(?E[A-Z]+\)? \[item 0\]$/,
			);
			expect(String(error?.description)).toMatch(/never sent twice/);
			expect(apiRequests(fixture.sandbox).filter((r) => r.method === 'POST')).toHaveLength(1);
		});
	});
});
