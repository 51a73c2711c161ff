/**
 * The transport through the node and the engine: cursor paging as the server links it, limits, error mapping,
 * retries and the failures that must never pass as a complete result.
 */
import { apiRequests, useSandbox } from '../helpers/sandbox';

import type { SandboxFixture } from '../helpers/sandbox';

/** Get Many groups of the seeded organization (named, so no organization look-up adds a request). */
const groupsOf =
	(fixture: SandboxFixture) =>
	(extra: object = {}) => ({
		resource: 'group',
		operation: 'getAll',
		filters: { organization: fixture.sandbox.ids.organization },
		...extra,
	});

describe('transport against the sandbox (absolute links)', () => {
	const fixture = useSandbox({ sizes: { groups: 120 }, maxPageSize: 50 });
	const getMany = groupsOf(fixture);

	beforeEach(async () => {
		// Warm the token so request counts below are API calls only.
		await fixture.engine.execute(getMany({ limit: 1 }));
		fixture.sandbox.resetLog();
		fixture.sandbox.clearFaults();
	});

	it('returns every record once with Return All, one request per page', async () => {
		const total = fixture.sandbox.list('group').length;
		const { items, error } = await fixture.engine.execute(getMany({ returnAll: true }));
		expect(error).toBeUndefined();
		const ids = items.map((item) => item.json.id);
		expect(new Set(ids).size).toBe(total);
		expect(ids).toEqual(fixture.sandbox.list('group').map((g) => g.id));
		const requests = apiRequests(fixture.sandbox);
		expect(requests).toHaveLength(Math.ceil(total / 50));
		expect(requests[0].query['page[limit]']).toBe('50');
	});

	it('fetches no more pages than a limit needs', async () => {
		const { items } = await fixture.engine.execute(getMany({ limit: 60 }));
		expect(items).toHaveLength(60);
		expect(apiRequests(fixture.sandbox)).toHaveLength(2);
		fixture.sandbox.resetLog();
		const small = await fixture.engine.execute(getMany({ limit: 20 }));
		expect(small.items).toHaveLength(20);
		const requests = apiRequests(fixture.sandbox);
		expect(requests).toHaveLength(1);
		expect(requests[0].query['page[limit]']).toBe('20');
	});

	it('pairs every output item with its input item and runs the operation once per item', async () => {
		const { items } = await fixture.engine.execute(getMany({ limit: 2 }), [{}, {}, {}]);
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 2 },
			{ item: 2 },
		]);
	});

	it('maps a JSON:API 404 to an error that names the status, code and what to fix', async () => {
		const { error } = await fixture.engine.execute({
			resource: 'group',
			operation: 'get',
			groupId: { __rl: true, mode: 'id', value: 'ffffffffffffffffffffffff' },
		});
		expect(error?.message).toMatch(/404 ResourceNotFound/);
		expect(String(error?.description)).toMatch(/Check the ID/);
	});

	it('waits as Retry-After says after a 429, then succeeds', async () => {
		fixture.sandbox.injectFault({
			method: 'GET',
			path: '/pub/group',
			status: 429,
			retryAfter: 1,
			times: 1,
		});
		const started = Date.now();
		const { items, error } = await fixture.engine.execute(getMany({ limit: 5 }));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(apiRequests(fixture.sandbox).map((r) => r.status)).toEqual([429, 200]);
	});

	it('retries a GET after 503s with backoff, but never repeats a POST', async () => {
		fixture.sandbox.injectFault({ method: 'GET', path: '/pub/group', status: 503, times: 2 });
		expect((await fixture.engine.execute(getMany({ limit: 5 }))).error).toBeUndefined();
		expect(apiRequests(fixture.sandbox).map((r) => r.status)).toEqual([503, 503, 200]);

		fixture.sandbox.resetLog();
		const before = fixture.sandbox.list('group').length;
		fixture.sandbox.injectFault({ method: 'POST', path: '/pub/group', status: 503, times: 1 });
		const { error } = await fixture.engine.execute({
			resource: 'group',
			operation: 'create',
			name: 'Once Only',
		});
		expect(error?.message).toMatch(/503/);
		expect(apiRequests(fixture.sandbox).filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(fixture.sandbox.list('group').length).toBe(before);
	});

	it('refuses a body that is not JSON (a proxy error page) instead of returning nothing', async () => {
		fixture.sandbox.injectFault({
			method: 'GET',
			path: '/pub/group',
			status: 200,
			contentType: 'text/html',
			rawBody: '<html><body>Gateway</body></html>',
			times: 1,
		});
		const { error, items } = await fixture.engine.execute(getMany({ limit: 5 }));
		expect(error?.message).toMatch(/not JSON/);
		expect(items).toHaveLength(0);
	});

	it('refuses a paging link that loops instead of hanging or returning a short result', async () => {
		const loop = `${fixture.sandbox.baseUrl}/group?page%5Blimit%5D=2&page%5Bafter%5D=${fixture.sandbox.list('group')[1].id}`;
		const page = JSON.stringify({ data: [], links: { next: loop }, meta: { count: 120 } });
		fixture.sandbox.injectFault({
			method: 'GET',
			path: '/pub/group',
			status: 200,
			contentType: 'application/vnd.api+json',
			rawBody: page,
			times: 5,
		});
		const { error, items } = await fixture.engine.execute(getMany({ returnAll: true }));
		expect(error?.message).toMatch(/paging link it had sent before/);
		expect(items).toHaveLength(0);
		expect(apiRequests(fixture.sandbox).length).toBeLessThanOrEqual(3);
	});

	it('continues with the other items when one fails under Continue On Fail', async () => {
		const { items, error } = await fixture.engine.execute(
			{
				resource: 'group',
				operation: 'get',
				groupId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			[
				{ id: fixture.sandbox.list('group')[0].id },
				{ id: 'not-an-id' },
				{ id: fixture.sandbox.list('group')[2].id },
			],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toMatch(/not a Fitbit Plus ID/);
		expect(items[0].json.id).toBe(fixture.sandbox.list('group')[0].id);
		expect(items[2].json.id).toBe(fixture.sandbox.list('group')[2].id);
		// The bad item sent nothing.
		expect(apiRequests(fixture.sandbox)).toHaveLength(2);
	});
});

describe('transport against the sandbox (relative links)', () => {
	const fixture = useSandbox({ sizes: { groups: 75 }, linkStyle: 'relative' });
	const getMany = groupsOf(fixture);

	it('follows root-relative links.next to the end', async () => {
		const { items, error } = await fixture.engine.execute(getMany({ returnAll: true }));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(fixture.sandbox.list('group').length);
	});
});
