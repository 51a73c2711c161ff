/**
 * The run's API session against the sandbox, through n8n's engine: a whole-request deadline (a hung answer, a
 * body that trickles a byte at a time, a token request that never answers), one token renewal per execution when
 * the credential is refused on every call, and retries bounded per execution when the API fails every request.
 * Each test checks what the user sees and what the sandbox received.
 */

import { apiRequests, useSandbox } from '../helpers/sandbox';
import { byId } from '../coverage/cases';

/** Every API call (not the token request) of the sandbox. */
const EVERY_API_CALL = /^(?!.*\/oauth\/token$)/;

describe('the API session of a run', () => {
	const fixture = useSandbox({ sizes: { patients: 40 } });
	const patients = () => fixture.sandbox.ids.patients.slice(0, 20);
	const getPatients = (requestOptions: Record<string, number> = {}) => ({
		resource: 'patient',
		operation: 'get',
		patientId: byId('={{ $json.id }}'),
		requestOptions,
	});
	const input = () => patients().map((id) => ({ id }));
	const tokenRequests = () =>
		fixture.sandbox.requests.filter((r) => r.pathname.endsWith('/oauth/token'));

	beforeEach(async () => {
		fixture.sandbox.clearFaults();
		// Warm the token, so that the counts below are what the fault caused.
		const { error } = await fixture.engine.execute(getPatients(), [{ id: patients()[0] }]);
		expect(error).toBeUndefined();
		fixture.sandbox.resetLog();
	});

	describe('a deadline for the whole request', () => {
		it('an answer that never comes fails after Timeout, naming the request', async () => {
			const id = patients()[0];
			fixture.sandbox.injectFault({ path: `/pub/patient/${id}`, hang: 'headers', times: 5 });
			const started = Date.now();
			const { error } = await fixture.engine.execute(
				getPatients({ timeout: 300, retries: 1, maxRetryWait: 0.1 }),
				[{ id }],
			);
			// Bounded by the deadline, not by the server (which never answers); generous for a busy machine.
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(error?.message).toBe(
				`GET /patient/${id} got no answer from Fitbit Plus within 300 ms (timed out, ETIMEDOUT) [item 0]`,
			);
			expect(String(error?.description)).toContain(
				"If Fitbit Plus is slow, raise 'Timeout' under 'Request Options'; else check the status of the Fitbit Plus API.",
			);
			// Retries 1: sent twice.
			expect(apiRequests(fixture.sandbox).map((r) => r.fault)).toEqual([
				'hang:headers',
				'hang:headers',
			]);
		});

		it('headers sent, body never: the same', async () => {
			const id = patients()[0];
			fixture.sandbox.injectFault({ path: `/pub/patient/${id}`, hang: 'body', times: 5 });
			const { error } = await fixture.engine.execute(getPatients({ timeout: 300, retries: 0 }), [
				{ id },
			]);
			expect(error?.message).toBe(
				`GET /patient/${id} got no answer from Fitbit Plus within 300 ms (timed out, ETIMEDOUT) [item 0]`,
			);
		});

		it('a body that trickles a byte every 20 ms never beats an idle timer, but meets the deadline', async () => {
			const id = patients()[0];
			const document = JSON.stringify({ data: fixture.sandbox.get('patient', id) });
			// ~300 bytes at 20 ms each: 6 s for the whole answer, yet never 20 ms without a byte.
			fixture.sandbox.injectFault({
				path: `/pub/patient/${id}`,
				rawBody: document,
				trickleMs: 20,
				times: 5,
			});
			const started = Date.now();
			const { error } = await fixture.engine.execute(getPatients({ timeout: 400, retries: 0 }), [
				{ id },
			]);
			// The whole answer would take 6 s.
			expect(Date.now() - started).toBeLessThan(5000);
			expect(error?.message).toBe(
				`GET /patient/${id} got no answer from Fitbit Plus within 400 ms (timed out, ETIMEDOUT) [item 0]`,
			);
			expect(String(error?.description)).toContain("raise 'Timeout' under 'Request Options'");
		});

		it('a token request that never answers fails within the Timeout, and says it was the token request', async () => {
			fixture.sandbox.expireTokens();
			fixture.engine.editCredential({ accessTokenExpiresAt: new Date(0).toISOString() } as never);
			fixture.sandbox.injectFault({ path: '/pub/oauth/token', hang: 'headers', times: 5 });
			const started = Date.now();
			const { error } = await fixture.engine.execute(getPatients({ timeout: 300 }), [
				{ id: patients()[0] },
			]);
			// Bounded by the deadline, not by the server (which never answers); generous for a busy machine.
			expect(Date.now() - started).toBeLessThan(10_000);
			const origin = new URL(fixture.sandbox.baseUrl).origin;
			expect(error?.message).toBe(
				`Fitbit Plus did not answer the token request to ${origin} in time (the request's Timeout ran out). Check the credential's 'Base URL' and that Fitbit Plus is reachable, then try again.`,
			);
			// One token request for the run; the API was never called.
			expect(tokenRequests()).toHaveLength(1);
			expect(apiRequests(fixture.sandbox)).toHaveLength(0);
		});
	});

	describe('a revoked credential: every call answers 401', () => {
		it('20 items: one renewal, the client secret sent once, every item an error item with one message', async () => {
			fixture.sandbox.revokeRefreshTokens();
			fixture.sandbox.injectFault({
				path: EVERY_API_CALL,
				status: 401,
				times: Number.MAX_SAFE_INTEGER,
			});
			const { items, error } = await fixture.engine.execute(getPatients(), input(), {
				continueOnFail: true,
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(20);
			const messages = new Set(items.map((item) => item.json.error));
			expect(messages).toEqual(
				new Set([
					"Fitbit Plus refused the credential's token, also after renewing it: 401 Unauthorized: injected fault",
				]),
			);
			// The refresh token (refused), then the client credentials once: one renewal.
			expect(tokenRequests()).toHaveLength(2);
			expect(fixture.sandbox.tokenGrants()).toEqual(['client_credentials']);
			// 20 calls with the old token, 1 with the renewed one; none after.
			expect(apiRequests(fixture.sandbox)).toHaveLength(21);
		});

		it('without Continue On Fail the run stops with that message, no further token request', async () => {
			fixture.sandbox.injectFault({
				path: EVERY_API_CALL,
				status: 401,
				times: Number.MAX_SAFE_INTEGER,
			});
			const { error } = await fixture.engine.execute(getPatients(), input());
			expect(error?.message).toMatch(
				/^Fitbit Plus refused the credential's token, also after renewing it/,
			);
			expect(tokenRequests()).toHaveLength(1);
		});
	});

	it('503 on every request: 20 items with Retries 3 cost at most 20 + 15 requests, and say why they stopped', async () => {
		fixture.sandbox.injectFault({
			path: EVERY_API_CALL,
			status: 503,
			times: Number.MAX_SAFE_INTEGER,
		});
		const { items, error } = await fixture.engine.execute(
			getPatients({ maxRetryWait: 0.05 }),
			input(),
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.every((item) => typeof item.json.error === 'string')).toBe(true);
		expect(apiRequests(fixture.sandbox).length).toBeLessThanOrEqual(35);
	});
});
