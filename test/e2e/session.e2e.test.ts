/**
 * The run's API session in a real n8n, as its requests leave the process: an answer that never comes ends the
 * execution within Timeout with a message naming the request (n8n's own request helper would wait until the
 * server hangs up), and a credential refused on every call costs one token request, not one per retry.
 */
import axios from 'axios';

import { outcome, readState, runManual, sandboxAdmin } from './harness';

const state = readState();
const admin = sandboxAdmin(state);
const faults = `${state.sandbox.url}/__admin/faults`;

afterEach(async () => {
	await axios.delete(faults);
	expect(await admin.takeViolations()).toEqual([]);
});

describe('the API session in n8n', () => {
	test('a patient read that is never answered fails after Timeout (2 s), naming the request', async () => {
		const ids = await admin.ids();
		const patient = ids.patients[0];
		await axios.post(faults, {
			method: 'GET',
			pathRegex: `/patient/${patient}$`,
			hang: 'headers',
			times: 10,
		});
		await admin.resetLog();
		const result = await runManual('e2eHungAnswer', {
			resource: 'patient',
			operation: 'get',
			patientId: { __rl: true, mode: 'id', value: patient },
			requestOptions: { timeout: 2000, retries: 1, maxRetryWait: 0.1 },
		});
		expect(outcome(result)).toMatchObject({
			code: 1,
			ran: false,
			error: `GET /patient/${patient} got no answer from Fitbit Plus within 2 s (timed out, ETIMEDOUT) [item 0]`,
		});
		// Sent twice (Retries 1), the first given up about 2 s after it left (its deadline starts just before it
		// reaches the server), the second 0.1 s later.
		const reads = (await admin.requests()).filter((r) => r.pathname.endsWith(patient));
		expect(reads).toHaveLength(2);
		const gap = reads[1].at - reads[0].at;
		expect(gap).toBeGreaterThanOrEqual(1500);
		expect(gap).toBeLessThan(5000);
	});

	test('every call answered 401: one renewal, then the run stops with one message', async () => {
		await axios.post(faults, {
			pathRegex: '^(?!.*/oauth/token$)',
			status: 401,
			times: 1000,
		});
		await admin.resetLog();
		const ids = await admin.ids();
		const result = await runManual('e2eRefusedCredential', {
			resource: 'patient',
			operation: 'getAll',
			returnAll: true,
			filters: { organization: ids.organization },
		});
		expect(outcome(result)).toMatchObject({ code: 1, ran: false });
		expect(outcome(result).error).toMatch(
			/^Fitbit Plus refused the credential's token, also after renewing it: 401/,
		);
		const requests = await admin.requests();
		// One token request (a renewal, or the first token if n8n held none), and the read at most twice: once with
		// the token n8n held, once with the renewed one. Without the session n8n would renew on every refused call.
		expect(requests.filter((r) => r.pathname.endsWith('/oauth/token'))).toHaveLength(1);
		const reads = requests.filter((r) => !r.pathname.endsWith('/oauth/token'));
		expect(reads.length).toBeGreaterThanOrEqual(1);
		expect(reads.length).toBeLessThanOrEqual(2);
	});
});
