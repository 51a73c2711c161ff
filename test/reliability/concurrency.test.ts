/**
 * Per-item requests under Concurrency (Request Options): the output is exactly what a sequential loop gives
 * (order, pairedItem, Continue On Fail per item), bad input still stops the run before later items send, and a
 * rate limit met by one lane holds every lane. Checked against what the sandbox received, with its faults.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RecordedRequest } from '../sandbox';
import { apiRequests, useSandbox } from '../helpers/sandbox';
import { byId } from '../coverage/cases';

/** The largest number of requests the sandbox was serving at once. */
function maxInFlight(requests: RecordedRequest[]): number {
	const events = requests.flatMap((r) => [
		{ at: r.at, change: 1 },
		{ at: r.at + r.durationMs, change: -1 },
	]);
	// Ends before starts at the same millisecond, so back-to-back requests do not count as overlapping.
	events.sort((a, b) => a.at - b.at || a.change - b.change);
	let current = 0;
	let most = 0;
	for (const { change } of events) most = Math.max(most, (current += change));
	return most;
}

const pairing = (items: INodeExecutionData[]) =>
	items.map((item) => (item.pairedItem as { item: number }).item);

describe('per-item requests under Concurrency', () => {
	const fixture = useSandbox({ sizes: { patients: 200 } });
	const patients = () => fixture.sandbox.ids.patients;
	const getPatients = (concurrency?: number, extra: IDataObject = {}) => ({
		resource: 'patient',
		operation: 'get',
		patientId: byId('={{ $json.id }}'),
		...(concurrency === undefined ? {} : { requestOptions: { concurrency, ...extra } }),
	});

	beforeEach(async () => {
		fixture.sandbox.clearFaults();
		// Warm the token, so that the logs below hold only what the runs sent.
		const { error } = await fixture.engine.execute(getPatients(1), [{ id: patients()[0] }]);
		expect(error).toBeUndefined();
		fixture.sandbox.resetLog();
	});

	it('keeps input order and pairing when earlier items answer last, with requests overlapping', async () => {
		const ids = patients().slice(0, 40);
		// The first items answer slowest: a lane-by-lane finish order would differ from the input order.
		for (const id of ids.slice(0, 3))
			fixture.sandbox.injectFault({ method: 'GET', path: `/pub/patient/${id}`, delayMs: 300 });
		const { items, error } = await fixture.engine.execute(
			getPatients(8),
			ids.map((id) => ({ id })),
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(pairing(items)).toEqual(ids.map((_, index) => index));
		const requests = apiRequests(fixture.sandbox);
		expect(requests).toHaveLength(40);
		expect(maxInFlight(requests)).toBeGreaterThan(1);
		expect(maxInFlight(requests)).toBeLessThanOrEqual(8);
		// The slow first item was still being answered when later items had been: they really overlapped.
		const first = requests.find((r) => r.pathname.endsWith(ids[0]))!;
		expect(requests.some((r) => r.at > first.at && r.at < first.at + first.durationMs)).toBe(true);
	});

	it('Concurrency 1 sends one item after the other, as before', async () => {
		const ids = patients().slice(0, 12);
		const { items, error } = await fixture.engine.execute(
			getPatients(1),
			ids.map((id) => ({ id })),
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(maxInFlight(apiRequests(fixture.sandbox))).toBe(1);
		expect(apiRequests(fixture.sandbox).map((r) => r.pathname)).toEqual(
			ids.map((id) => `/pub/patient/${id}`),
		);
	});

	it('Continue On Fail: each failing item becomes its own error item, in place, the others go on', async () => {
		const ids = patients().slice(0, 20);
		const input: IDataObject[] = ids.map((id) => ({ id }));
		input[3] = { id: 'not-an-id' }; // refused before any request
		input[9] = { id: 'aaaaaaaaaaaaaaaaaaaaaaaa' }; // well formed, unknown: 404
		fixture.sandbox.injectFault({ method: 'GET', path: `/pub/patient/${ids[14]}`, status: 400 });
		const { items, error } = await fixture.engine.execute(getPatients(6), input, {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(20);
		expect(pairing(items)).toEqual(input.map((_, index) => index));
		items.forEach((item, index) => {
			if ([3, 9, 14].includes(index)) expect(item.json.error).toEqual(expect.any(String));
			else expect(item.json).toEqual(expect.objectContaining({ id: ids[index] }));
		});
		expect(items[3].json.error).toMatch(/Patient/);
		// 19 sent: the malformed id never was.
		expect(apiRequests(fixture.sandbox)).toHaveLength(19);
		expect(apiRequests(fixture.sandbox).some((r) => r.pathname.includes('not-an-id'))).toBe(false);
	});

	it('without Continue On Fail, bad input stops the run before any later item sends', async () => {
		const ids = patients().slice(0, 30);
		const input: IDataObject[] = ids.map((id) => ({ id }));
		input[5] = { id: 'bad id' };
		const { items, error } = await fixture.engine.execute(getPatients(8), input);
		expect(items).toHaveLength(0);
		expect((error?.context as IDataObject | undefined)?.itemIndex).toBe(5);
		// Exactly the items before it were sent, as a sequential loop would have.
		expect(
			apiRequests(fixture.sandbox)
				.map((r) => r.pathname)
				.sort(),
		).toEqual(
			ids
				.slice(0, 5)
				.map((id) => `/pub/patient/${id}`)
				.sort(),
		);
	});

	it('a 429 with Retry-After met by one lane holds every lane until it has passed', async () => {
		const ids = patients().slice(0, 60);
		fixture.sandbox.injectFault({
			method: 'GET',
			path: `/pub/patient/${ids[10]}`,
			status: 429,
			retryAfter: 1,
			times: 1,
		});
		// Every other read takes 20 ms, so that requests the client has on their way overlap at the server too.
		fixture.sandbox.injectFault({
			method: 'GET',
			path: /\/patient\/[^/]+$/,
			delayMs: 20,
			times: Number.MAX_SAFE_INTEGER,
		});
		const { items, error } = await fixture.engine.execute(
			getPatients(8),
			ids.map((id) => ({ id })),
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(pairing(items)).toEqual(ids.map((_, index) => index));

		const requests = apiRequests(fixture.sandbox);
		expect(requests).toHaveLength(61);
		const limited = requests.find((r) => r.status === 429)!;
		const retried = requests.filter((r) => r.pathname === limited.pathname);
		expect(retried.map((r) => r.status)).toEqual([429, 200]);
		const answeredAt = limited.at + limited.durationMs;
		expect(retried[1].at - answeredAt).toBeGreaterThanOrEqual(950);
		// Other lanes may have had requests on their way before the client read the 429 (more of them when the
		// machine is busy). Once it has, no lane sends until the second has passed: from 300 ms on the log is silent,
		// where a back-off of the one lane alone would have let the other 7 lanes send throughout (~50 of the 60).
		const lateInWait = requests.filter(
			(r) => r !== retried[1] && r.at >= answeredAt + 300 && r.at < answeredAt + 950,
		);
		expect(lateInWait).toHaveLength(0);
		const arrivals = requests
			.filter((r) => r.at >= answeredAt && r.at <= retried[1].at)
			.map((r) => r.at)
			.sort((x, y) => x - y);
		const silence = Math.max(...arrivals.slice(1).map((at, index) => at - arrivals[index]));
		expect(silence).toBeGreaterThanOrEqual(500);
		// And the run went on afterwards on every lane.
		const after = requests.filter((r) => r.at >= answeredAt + 950);
		expect(after.length).toBeGreaterThan(20);
		expect(maxInFlight(after)).toBeGreaterThan(1);
	});

	it('an API that serves 4 requests at once: Concurrency 32 narrows to what it allows and reads every item', async () => {
		const ids = patients().slice(0, 80);
		const patientRead = /\/patient\/[^/]+$/;
		fixture.sandbox.limitInFlight({
			method: 'GET',
			path: patientRead,
			maxInFlight: 4,
			retryAfter: 0.2,
		});
		fixture.sandbox.injectFault({
			method: 'GET',
			path: patientRead,
			delayMs: 20,
			times: Number.MAX_SAFE_INTEGER,
		});
		const { items, error } = await fixture.engine.execute(
			getPatients(32),
			ids.map((id) => ({ id })),
		);
		const requests = apiRequests(fixture.sandbox);
		const refused = requests.filter((r) => r.status === 429);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(pairing(items)).toEqual(ids.map((_, index) => index));
		expect(requests.filter((r) => r.status === 200)).toHaveLength(80);
		// Lanes that stayed at 32 would send ~28 too many after every pause and use up an item's 3 retries (the run
		// fails). Each refusal takes a lane away: 28 in the first burst leave 4, and nothing more is refused.
		expect(refused.length).toBeLessThanOrEqual(32);
		expect(requests.slice(-40).filter((r) => r.status === 429).length).toBeLessThanOrEqual(2);
	});

	it('creates (POST) under Concurrency are never repeated after a 502; Continue On Fail keeps the rest', async () => {
		const before = fixture.sandbox.list('group').length;
		const names = Array.from({ length: 8 }, (_, index) => `Concurrent Group ${index}`);
		fixture.sandbox.injectFault({ method: 'POST', path: '/pub/group', status: 502, skip: 2 });
		const { items, error } = await fixture.engine.execute(
			{
				resource: 'group',
				operation: 'create',
				name: '={{ $json.name }}',
				requestOptions: { concurrency: 4 },
			},
			names.map((name) => ({ name })),
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(pairing(items)).toEqual(names.map((_, index) => index));
		const failed = items.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(1);
		const posts = apiRequests(fixture.sandbox).filter((r) => r.method === 'POST');
		expect(posts).toHaveLength(8);
		expect(posts.filter((r) => r.status === 502)).toHaveLength(1);
		expect(fixture.sandbox.list('group').length).toBe(before + 7);
		items.forEach((item, index) => {
			if (item.json.error === undefined) expect(item.json.name).toBe(names[index]);
		});
	});

	it('refuses a Concurrency that is not a whole number from 1 to 500, before any request', async () => {
		for (const concurrency of [0, 2.5, 501]) {
			const { error } = await fixture.engine.execute(getPatients(concurrency), [
				{ id: patients()[0] },
				{ id: patients()[1] },
			]);
			expect(error?.message).toBe(
				"'Concurrency' under 'Request Options' must be a whole number of 1 or more and 500 or less",
			);
		}
		expect(apiRequests(fixture.sandbox)).toHaveLength(0);
	});
});
