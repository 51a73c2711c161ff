/**
 * The credential through the real engine path: preAuthentication (client_credentials as JSON:API), the token
 * cached in the credential store across executions, renewed on expiry and on a 401, and clear errors.
 */
import { apiRequests, useSandbox, withOwnSandbox } from '../helpers/sandbox';
import type { Sandbox } from '../sandbox';

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
		// The organization the token answer names: the nodes' default organization without another request.
		expect(stored.accessTokenOrganizationId).toBe(fixture.sandbox.ids.organization);
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

describe('refresh_token grant', () => {
	const fixture = useSandbox({
		clients: [
			{ clientId: 'client-a', clientSecret: 'secret-a' },
			{ clientId: 'client-b', clientSecret: 'secret-b' },
		],
	});
	const listGroups = () => ({
		resource: 'group',
		operation: 'getAll',
		returnAll: true,
		filters: { organization: fixture.sandbox.ids.organization },
	});
	const tokenCalls = () =>
		fixture.sandbox.requests.filter((r) => r.pathname.endsWith('/oauth/token'));

	beforeEach(() => {
		fixture.sandbox.resetLog();
		fixture.engine.setCredential({
			baseUrl: fixture.sandbox.baseUrl,
			clientId: 'client-a',
			clientSecret: 'secret-a',
		});
	});

	it('renews with the refresh token, without the client secret, and keeps one exchange per token', async () => {
		expect((await fixture.engine.execute(listGroups())).error).toBeUndefined();
		const first = fixture.engine.storedCredential();
		expect(first.refreshToken).not.toBe('');
		// A secret changed since would be refused: the renewal below works only because it does not send it.
		fixture.engine.editCredential({ clientSecret: 'changed-since' });
		fixture.sandbox.expireTokens();
		for (let run = 0; run < 3; run++)
			expect((await fixture.engine.execute(listGroups())).error).toBeUndefined();
		expect(fixture.sandbox.tokenGrants()).toEqual(['client_credentials', 'refresh_token']);
		expect(tokenCalls()).toHaveLength(2);
		expect(apiRequests(fixture.sandbox).map((r) => r.status)).toEqual([200, 401, 200, 200, 200]);
		const renewed = fixture.engine.storedCredential();
		expect(renewed.accessToken).not.toBe(first.accessToken);
		expect(renewed.refreshToken).toBe(first.refreshToken);
	});

	it('falls back to the client credentials when the API refuses the refresh token', async () => {
		await fixture.engine.execute(listGroups());
		fixture.sandbox.revokeRefreshTokens();
		fixture.sandbox.expireTokens();
		const { error } = await fixture.engine.execute(listGroups());
		expect(error).toBeUndefined();
		expect(tokenCalls().map((r) => r.status)).toEqual([201, 401, 201]);
		expect(fixture.sandbox.tokenGrants()).toEqual(['client_credentials', 'client_credentials']);
		// The new refresh token serves the next renewal.
		fixture.sandbox.expireTokens();
		expect((await fixture.engine.execute(listGroups())).error).toBeUndefined();
		expect(fixture.sandbox.tokenGrants()).toEqual([
			'client_credentials',
			'client_credentials',
			'refresh_token',
		]);
	});

	it('after a revoke (401), one refused refresh then one client_credentials exchange; the run goes on', async () => {
		await fixture.engine.execute(listGroups());
		fixture.sandbox.revokeTokens();
		fixture.sandbox.resetLog();
		expect((await fixture.engine.execute(listGroups())).error).toBeUndefined();
		expect(tokenCalls().map((r) => r.status)).toEqual([401, 201]);
		expect(fixture.sandbox.tokenGrants()).toEqual(['client_credentials']);
		expect(apiRequests(fixture.sandbox).map((r) => r.status)).toEqual([401, 200]);
	});

	it('never sends a refresh token to another client: after the Client ID changes, client credentials', async () => {
		await fixture.engine.execute(listGroups());
		fixture.engine.editCredential({ clientId: 'client-b', clientSecret: 'secret-b' });
		fixture.sandbox.expireTokens();
		expect((await fixture.engine.execute(listGroups())).error).toBeUndefined();
		expect(tokenCalls().map((r) => r.status)).toEqual([201, 201]);
		expect(fixture.sandbox.tokenGrants()).toEqual(['client_credentials', 'client_credentials']);
	});

	it('a refused refresh and a wrong secret give the invalid-credentials error, without either secret', async () => {
		await fixture.engine.execute(listGroups());
		const { refreshToken } = fixture.engine.storedCredential();
		fixture.engine.editCredential({ clientSecret: 'wrong-secret-5d2e' });
		fixture.sandbox.revokeTokens();
		const { error } = await fixture.engine.execute(listGroups());
		expect(error?.message).toMatch(/invalid client credentials/i);
		const shown = JSON.stringify({
			message: error!.message,
			description: error!.description,
			context: error!.context,
		});
		expect(shown).not.toContain('wrong-secret-5d2e');
		expect(shown).not.toContain(String(refreshToken));
	});
});

describe('token exchanges under concurrent requests', () => {
	const getPatients = (sandbox: Sandbox) => ({
		params: {
			resource: 'patient',
			operation: 'get',
			patientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			requestOptions: { concurrency: 16 },
		},
		items: sandbox.ids.patients.slice(0, 40).map((id) => ({ id })),
	});

	it('a first run with 16 lanes exchanges one token, not one per lane', async () => {
		await withOwnSandbox({}, async (sandbox, engine) => {
			const { params, items } = getPatients(sandbox);
			const { error, items: output } = await engine.execute(params, items);
			expect(error).toBeUndefined();
			expect(output).toHaveLength(40);
			expect(sandbox.tokenGrants()).toEqual(['client_credentials']);
			// Read once for the run, not once per request (on n8n's server: a database query and a decryption).
			expect(engine.credentialsHelper.reads).toBe(1);
			expect(apiRequests(sandbox).every((r) => r.status === 200)).toBe(true);
		});
	});

	it('a token running out while 16 lanes send is renewed once, without a 401', async () => {
		await withOwnSandbox({ tokenLifetimeSeconds: 31 }, async (sandbox, engine) => {
			const { params, items } = getPatients(sandbox);
			expect((await engine.execute(params, items.slice(0, 1))).error).toBeUndefined();
			await new Promise((resolve) => setTimeout(resolve, 1100));
			const { error, items: output } = await engine.execute(params, items);
			expect(error).toBeUndefined();
			expect(output.map((item) => item.json.id)).toEqual(items.map((item) => item.id));
			expect(sandbox.tokenGrants()).toEqual(['client_credentials', 'refresh_token']);
			expect(sandbox.requests.filter((r) => r.status === 401)).toHaveLength(0);
		});
	});
});

describe('token lifetime', () => {
	it('renews the token before it runs out, without meeting a 401', async () => {
		// 31 s lifetime: the node renews 30 s before expiry, so the token is "old" after one second.
		await withOwnSandbox({ tokenLifetimeSeconds: 31 }, async (sandbox, engine) => {
			const listGroups = () => ({
				resource: 'group',
				operation: 'getAll',
				returnAll: true,
				filters: { organization: sandbox.ids.organization },
			});
			expect((await engine.execute(listGroups())).error).toBeUndefined();
			await new Promise((resolve) => setTimeout(resolve, 1100));
			expect((await engine.execute(listGroups())).error).toBeUndefined();
			expect(sandbox.tokenGrants()).toEqual(['client_credentials', 'refresh_token']);
			expect(sandbox.requests.filter((r) => r.status === 401)).toHaveLength(0);
			expect(sandbox.violations).toEqual([]);
		});
	});
});
