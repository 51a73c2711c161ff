/**
 * No request of ours follows a redirect: n8n's helpers would follow it and copy the Authorization header (and
 * a 307/308 resends the token request's body, with the client secret) to another host. The sandbox answers a
 * 3xx pointing at a second local server (another port: another origin) that records whatever reaches it; the
 * node must fail clearly, naming the status and the target's origin only, and that server must get nothing.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { toNodeApiError } from '../../nodes/shared/transport/errors';
import { byId } from '../coverage/cases';
import type { OtherOrigin } from '../helpers/otherOrigin';
import { startOtherOrigin } from '../helpers/otherOrigin';
import { apiRequests, useSandbox } from '../helpers/sandbox';

const SECRET = 'S3cr3t-REDIRECT-CANARY-41c7';
const TOKEN_PREFIX = 'TOKEN-REDIRECT-CANARY-';
/** The redirect's path and query: data that must never appear in an error. */
const TARGET_PATH = '/pub/patient/PHI-CANARY?email=jane%40example.org';

describe('redirects are never followed', () => {
	const fixture = useSandbox({
		clients: [{ clientId: 'redirect-client', clientSecret: SECRET }],
		tokenPrefix: TOKEN_PREFIX,
		maxPageSize: 5,
	});
	let other: OtherOrigin;

	beforeAll(async () => {
		other = await startOtherOrigin();
	});
	afterAll(async () => {
		await other.close();
	});

	const onePatient = (id = fixture.sandbox.ids.patients[0]) => ({
		resource: 'patient',
		operation: 'get',
		patientId: byId(id),
	});
	const allPatients = () => ({
		resource: 'patient',
		operation: 'getAll',
		returnAll: true,
		filters: { organization: fixture.sandbox.ids.organization },
	});
	const redirect = (status: number, method: string, path: string, extra: IDataObject = {}) =>
		fixture.sandbox.injectFault({
			method,
			path,
			status,
			headers: { Location: `${other.origin}${TARGET_PATH}` },
			rawBody: '',
			...extra,
		});

	beforeEach(async () => {
		fixture.sandbox.clearFaults();
		fixture.engine.setCredential({
			baseUrl: fixture.sandbox.baseUrl,
			clientId: fixture.sandbox.clientId,
			clientSecret: SECRET,
		});
		fixture.sandbox.resetLog();
		other.received.length = 0;
	});

	const leaked = () => other.leaked(SECRET);

	/** The error says what happened (status, origin only) and what to fix, and holds no secret, token or data. */
	function expectRedirectError(error: (Error & IDataObject) | undefined, status: number): void {
		expect(error).toBeDefined();
		const text = JSON.stringify({
			message: error!.message,
			description: error!.description,
			context: error!.context,
		});
		expect(error!.message).toContain(
			`Fitbit Plus answered with a redirect (${status} to ${other.origin})`,
		);
		expect(text).toMatch(/Redirects are not followed/);
		expect(text).toMatch(/never leaves the host of the 'Base URL'/);
		expect(text).toMatch(/set the credential's 'Base URL'/);
		expect(text).not.toContain('PHI-CANARY');
		expect(text).not.toContain('example.org');
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain(TOKEN_PREFIX);
	}

	it.each([302, 307])(
		'Get of one patient answered %i: the other origin gets nothing, the error says where and what to fix, no retry',
		async (status) => {
			await fixture.engine.execute(onePatient());
			fixture.sandbox.resetLog();
			const id = fixture.sandbox.ids.patients[0];
			redirect(status, 'GET', `/pub/patient/${id}`, { times: 5 });
			const { error, items } = await fixture.engine.execute(onePatient());
			expect(leaked()).toEqual([]);
			expectRedirectError(error, status);
			expect(error!.description).toMatch(/the access token never leaves/);
			expect(error!.context).toMatchObject({ itemIndex: 0 });
			expect(items).toEqual([]);
			// Asked once: a redirect is not retried.
			expect(apiRequests(fixture.sandbox).map((r) => [r.path, r.status])).toEqual([
				[`/pub/patient/${id}`, status],
			]);
		},
	);

	it.each([302, 307])(
		'Get Many whose third page is answered %i: no partial result, nothing sent to the other origin',
		async (status) => {
			await fixture.engine.execute(onePatient());
			fixture.sandbox.resetLog();
			redirect(status, 'GET', '/pub/patient', { skip: 2 });
			const { error, items } = await fixture.engine.execute(allPatients());
			expect(leaked()).toEqual([]);
			expectRedirectError(error, status);
			expect(items).toEqual([]);
			expect(apiRequests(fixture.sandbox).map((r) => r.status)).toEqual([200, 200, status]);
		},
	);

	it.each([302, 307])(
		'token exchange answered %i: the client secret goes nowhere else, the error says so',
		async (status) => {
			redirect(status, 'POST', '/pub/oauth/token', { times: 5 });
			const { error, items } = await fixture.engine.execute(onePatient());
			expect(leaked()).toEqual([]);
			expectRedirectError(error, status);
			expect(error!.message).toMatch(/the client secret .*never leaves/);
			expect(items).toEqual([]);
			// One exchange asked, no API request without a token.
			expect(fixture.sandbox.requests.map((r) => [r.pathname, r.status])).toEqual([
				['/pub/oauth/token', status],
			]);
			expect(fixture.engine.storedCredential().accessToken).toBe('');
		},
	);

	it('a renewal with the refresh token answered 307 does not go on to send the client secret', async () => {
		await fixture.engine.execute(onePatient());
		expect(fixture.engine.storedCredential().refreshToken).not.toBe('');
		// The token runs out: the next run renews it with the refresh grant.
		fixture.engine.credentialsHelper.store.set('cred-1', {
			...fixture.engine.storedCredential(),
			accessToken: '',
		});
		fixture.sandbox.resetLog();
		redirect(307, 'POST', '/pub/oauth/token', { times: 5 });
		const { error } = await fixture.engine.execute(onePatient());
		expect(leaked()).toEqual([]);
		expectRedirectError(error, 307);
		expect(fixture.sandbox.requests.map((r) => [r.pathname, r.status])).toEqual([
			['/pub/oauth/token', 307],
		]);
	});

	it('Continue On Fail: the redirected item becomes an error item, the items around it are read', async () => {
		const ids = fixture.sandbox.ids.patients.slice(0, 3);
		redirect(302, 'GET', `/pub/patient/${ids[1]}`, { times: 5 });
		const { error, items } = await fixture.engine.execute(
			{ ...onePatient(), patientId: byId('={{ $json.id }}') },
			ids.map((id) => ({ id })),
			{ continueOnFail: true },
		);
		expect(leaked()).toEqual([]);
		expect(error).toBeUndefined();
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect([items[0].json.id, items[2].json.id]).toEqual([ids[0], ids[2]]);
		expect(String(items[1].json.error)).toBe(
			`Fitbit Plus answered with a redirect (302 to ${other.origin}) [item 1]`,
		);
		expect(JSON.stringify(items[1].json)).not.toContain('PHI-CANARY');
	});
});

describe('a redirect error names the target by its origin only', () => {
	const node = { name: 'Fitbit Plus' } as INode;
	it.each([
		[
			'https://ALICE:PW-CANARY@api.example.org:8443/PATH-CANARY/1?q=QS-CANARY',
			'to https://api.example.org:8443',
		],
		['https://api.example.org:443/PATH-CANARY?q=QS-CANARY', 'to https://api.example.org'],
		['http://[::1]:8080/PATH-CANARY#FRAG-CANARY', 'to http://[::1]:8080'],
		['/PATH-CANARY/1?q=QS-CANARY', 'to another address on the same host'],
		['mailto:ALICE@example.org', 'to a mailto: address'],
		['', 'without a target'],
	])('Location %j is shown as "%s"', (location, shown) => {
		const error = toNodeApiError(node, { status: 301, headers: { location } }, 2);
		expect(error.message).toBe(`Fitbit Plus answered with a redirect (301 ${shown})`);
		expect(error.context.itemIndex).toBe(2);
		expect(error.httpCode).toBe('301');
		expect(`${error.message} ${error.description}`).not.toMatch(/ALICE|CANARY/);
	});
});
