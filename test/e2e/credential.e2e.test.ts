/**
 * The credential's test, as the editor's "Test" button runs it (POST /rest/credentials/test), against the sandbox;
 * and its token renewal across real executions (n8n keeping the refresh token with the credential).
 */
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
