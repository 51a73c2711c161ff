/**
 * The credential through the real engine path: preAuthentication (client_credentials as JSON:API), the token
 * cached in the credential store across executions, renewed on expiry and on a 401, and clear errors.
 */
import { TestEngine } from '../helpers/engine';
import { apiRequests, useSandbox } from '../helpers/sandbox';
import { startSandbox } from '../sandbox';

describe('fitbitPlusApi credential', () => {
	const fixture = useSandbox();
	const listGroups = () => ({
		resource: 'group',
		operation: 'getAll',
		returnAll: true,
		filters: { organization: fixture.sandbox.ids.organization },
	});

	beforeEach(() => {
		fixture.sandbox.resetLog();
		fixture.engine.setCredential({
			baseUrl: fixture.sandbox.baseUrl,
			clientId: fixture.sandbox.clientId,
			clientSecret: fixture.sandbox.clientSecret,
		});
	});

	it('exchanges the client credentials once across three executions', async () => {
		for (let run = 0; run < 3; run++) {
			const { error, items } = await fixture.engine.execute(listGroups());
			expect(error).toBeUndefined();
			expect(items.length).toBe(fixture.sandbox.list('group').length);
		}
		expect(fixture.sandbox.tokenExchanges()).toBe(1);
		const exchanges = fixture.sandbox.requests.filter((r) => r.pathname.endsWith('/oauth/token'));
		expect(exchanges).toHaveLength(1);
		expect(exchanges[0].method).toBe('POST');
		expect(exchanges[0].contentType).toMatch(/^application\/vnd\.api\+json/);
		expect(exchanges[0].hasAuthorization).toBe(false);
		// Every API call carried the bearer token.
		expect(apiRequests(fixture.sandbox).every((r) => r.hasAuthorization && r.status === 200)).toBe(
			true,
		);
		const stored = fixture.engine.storedCredential();
		expect(stored.accessToken).not.toBe('');
		expect(Date.parse(String(stored.accessTokenExpiresAt))).toBeGreaterThan(Date.now());
	});

	it('fetches a new token once after the API refuses the old one (401), and the run goes on', async () => {
		await fixture.engine.execute(listGroups());
		fixture.sandbox.revokeTokens();
		fixture.sandbox.resetLog();
		const { error } = await fixture.engine.execute(listGroups());
		expect(error).toBeUndefined();
		expect(fixture.sandbox.tokenExchanges()).toBe(1);
		expect(apiRequests(fixture.sandbox).map((r) => r.status)).toEqual([401, 200]);
	});

	it('gives a clear error for a wrong secret, without echoing it', async () => {
		const secret = 'wrong-secret-7f3a9c1e';
		fixture.engine.setCredential({
			baseUrl: fixture.sandbox.baseUrl,
			clientId: fixture.sandbox.clientId,
			clientSecret: secret,
		});
		const { error } = await fixture.engine.execute(listGroups());
		expect(error).toBeDefined();
		expect(error!.message).toMatch(/invalid client credentials/i);
		expect(
			JSON.stringify({
				message: error!.message,
				description: error!.description,
				context: error!.context,
			}),
		).not.toContain(secret);
		expect(apiRequests(fixture.sandbox)).toHaveLength(0);
	});

	it('refuses a plain-http Base URL for a remote host before sending anything', async () => {
		fixture.engine.setCredential({
			baseUrl: 'http://fitbit-plus.example.org/pub',
			clientId: 'a',
			clientSecret: 'b',
		});
		const { error } = await fixture.engine.execute(listGroups());
		expect(error?.message).toMatch(/plain http/);
		expect(fixture.sandbox.requests).toHaveLength(0);
	});
});

describe('token lifetime', () => {
	it('renews the token before it runs out, without meeting a 401', async () => {
		// 31 s lifetime: the node renews 30 s before expiry, so the token is "old" after one second.
		const sandbox = await startSandbox({ tokenLifetimeSeconds: 31 });
		try {
			const listGroups = () => ({
				resource: 'group',
				operation: 'getAll',
				returnAll: true,
				filters: { organization: sandbox.ids.organization },
			});
			const engine = new TestEngine({
				baseUrl: sandbox.baseUrl,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
			});
			expect((await engine.execute(listGroups())).error).toBeUndefined();
			await new Promise((resolve) => setTimeout(resolve, 1100));
			expect((await engine.execute(listGroups())).error).toBeUndefined();
			expect(sandbox.tokenExchanges()).toBe(2);
			expect(sandbox.requests.filter((r) => r.status === 401)).toHaveLength(0);
			expect(sandbox.violations).toEqual([]);
		} finally {
			await sandbox.close();
		}
	});
});
