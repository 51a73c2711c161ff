/** The credential's test, as the editor's "Test" button runs it (POST /rest/credentials/test), against the sandbox. */
import { CREDENTIAL, WRONG_SECRET_CREDENTIAL, api, readState, sandboxAdmin } from './harness';

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
