/**
 * The credential's test, as the editor's "Test" button runs it (POST /rest/credentials/test), against the sandbox;
 * and its token renewal across real executions (n8n keeping the refresh token with the credential).
 */
import axios from 'axios';

import { startOtherOrigin } from '../helpers/otherOrigin';
import {
	CREDENTIAL,
	WRONG_SECRET_CREDENTIAL,
	api,
	outcome,
	readState,
	runManual,
	sandboxAdmin,
} from './harness';

const state = readState();
const admin = sandboxAdmin(state);

// Every request n8n sent on our behalf must match the spec (the sandbox records violations).
beforeAll(() => admin.resetLog());
afterEach(async () => {
	expect(await admin.takeViolations()).toEqual([]);
});

describe('Fitbit Plus credential test in n8n', () => {
	test('succeeds with the sandbox client ID and secret', async () => {
		const client = await api(state);
		const result = await client.testCredential(CREDENTIAL.id);
		expect(`${result.status}: ${result.message}`).toMatch(/^OK: /);
	});

	test('fails clearly with a wrong secret (stored credential)', async () => {
		const client = await api(state);
		const result = await client.testCredential(WRONG_SECRET_CREDENTIAL.id);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/client|secret|credential|unauthori[sz]ed|401/i);
		expect(result.message).not.toContain(state.sandbox.clientSecret);
	});

	test('fails with a wrong secret typed into the form (editor override of the stored one)', async () => {
		const client = await api(state);
		const result = await client.testCredential(CREDENTIAL.id, { clientSecret: 'not-the-secret' });
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('not-the-secret');
	});

	// n8n's test runs preAuthentication (our token exchange) when the credential holds no token, then the test
	// request (its own POST with the secret): a redirect of either sends nothing to the other host.
	test.each([
		['the token exchange (no token stored)', { accessToken: '' }, true],
		["the test's own token request (a token stored)", {}, false],
	])(
		'a 307 redirect of %s to another host: nothing sent there, a clear error',
		async (_, overrides, originShown) => {
			const other = await startOtherOrigin();
			const faults = `${state.sandbox.url}/__admin/faults`;
			try {
				await axios.post(faults, {
					method: 'POST',
					pathRegex: '/oauth/token$',
					status: 307,
					headers: { Location: `${other.origin}/pub/oauth/token?from=PATH-CANARY` },
					rawBody: '',
				});
				const client = await api(state);
				const result = await client.testCredential(CREDENTIAL.id, overrides);
				expect(other.leaked(state.sandbox.clientSecret)).toEqual([]);
				expect(result.status).toBe('Error');
				expect(result.message).toContain(
					`Fitbit Plus answered with a redirect (307${originShown ? ` to ${other.origin}` : ''})`,
				);
				expect(result.message).toMatch(/client secret .*never leaves the host of the 'Base URL'/);
				expect(result.message).toMatch(/set the credential's 'Base URL'/);
				expect(result.message).not.toContain('PATH-CANARY');
				expect(result.message).not.toContain(state.sandbox.clientSecret);
			} finally {
				await axios.delete(faults);
				await other.close();
			}
		},
	);
});

describe('the credential test and a plain-http Base URL', () => {
	// A host *name* that merely begins like a loopback address is not this machine: the test refuses it before
	// anything is sent (with a token stored, n8n runs no token exchange, only the test's own POST with the secret).
	test.each([
		['a token stored', {}],
		['no token stored', { accessToken: '' }],
	])('http://127.evil.example is refused, %s', async (_, overrides) => {
		const client = await api(state);
		const result = await client.testCredential(CREDENTIAL.id, {
			...overrides,
			baseUrl: 'http://127.evil.example/pub',
			// The suite's credential ticks it (n8n reaches the sandbox at 127.0.0.1 over http anyway).
			allowHttp: false,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/'Base URL' uses plain http for a host that is not this machine\. Use https:\/\/, or tick 'Allow Plain HTTP'/,
		);
		expect(result.message).not.toContain(state.sandbox.clientSecret);
	});
});

describe('token renewal in n8n', () => {
	test('after the token runs out, the next execution renews it with the refresh grant n8n kept', async () => {
		const ids = await admin.ids();
		const listGroups = {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: { organization: ids.organization },
		};
		// From a known start: no valid token anywhere, so the first execution exchanges the client credentials.
		await admin.revokeTokens();
		await admin.resetLog();
		expect(outcome(await runManual('e2eRefreshGrant', listGroups))).toEqual({ code: 0, ran: true });
		await admin.expireTokens();
		expect(outcome(await runManual('e2eRefreshGrant', listGroups))).toEqual({ code: 0, ran: true });
		expect(outcome(await runManual('e2eRefreshGrant', listGroups))).toEqual({ code: 0, ran: true });
		const { tokenGrants } = await admin.stats();
		expect(tokenGrants).toEqual(['client_credentials', 'refresh_token']);
	});
});
