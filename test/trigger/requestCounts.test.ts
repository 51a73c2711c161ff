/**
 * Request counts of the trigger against a collection of 100,000 records: first activation, idle polls, and polls
 * with k new records (page of 50, the API's largest).
 */
import { useSandbox } from '../helpers/sandbox';
import { ids, insertMetrics, pollCounting } from './helpers';

const EXISTING = 100_000;
const fixture = useSandbox({ sizes: { patientHealthMetrics: EXISTING } });

const report: string[] = [];
afterAll(() => {
	console.log(['trigger request counts (page 50):', ...report].join('\n'));
});

describe('request counts', () => {
	it(`first activation over ${EXISTING.toLocaleString('en-US')} records takes at most 2 requests; idle polls 1; k new records ⌈k/50⌉`, async () => {
		const { sandbox, engine } = fixture;
		const parameters = {
			event: 'newPatientHealthMetric',
			watch: 'organization',
			organization: sandbox.ids.organization,
			options: { retries: 0 },
		};
		expect(sandbox.counts().patient_health_metric).toBeGreaterThanOrEqual(EXISTING);

		const activation = await pollCounting(engine, sandbox, parameters, {});
		expect(activation.items).toBeNull();
		expect(activation.requests.length).toBeLessThanOrEqual(2);
		report.push(
			`first activation (${sandbox.counts().patient_health_metric} records): ${activation.requests.length} requests`,
		);

		const manual = await pollCounting(engine, sandbox, parameters, activation.staticData, 'manual');
		expect(manual.requests.length).toBeLessThanOrEqual(2);
		report.push(`manual run (newest record): ${manual.requests.length} requests`);

		let staticData = activation.staticData;
		const idle = await pollCounting(engine, sandbox, parameters, staticData);
		expect(idle.items).toBeNull();
		expect(idle.requests).toHaveLength(1);
		report.push(`idle poll: ${idle.requests.length} request`);

		const patient = sandbox.ids.patients[0];
		for (const k of [1, 49, 50, 51, 100, 101, 250, 499]) {
			const fresh = insertMetrics(sandbox, patient, k);
			const poll = await pollCounting(engine, sandbox, parameters, staticData);
			expect(ids(poll.items)).toEqual(fresh);
			const exact = Math.ceil(k / 50);
			expect(poll.requests).toHaveLength(exact);
			report.push(
				`poll with k=${k} new records: ${poll.requests.length} requests (⌈k/50⌉ = ${exact}, goal ⌈k/50⌉ + 1 = ${exact + 1})`,
			);
			staticData = poll.staticData;
		}
	});

	it('"Emit Existing Records" over 100,000 records: Max Records per Poll at a time, ⌈max/50⌉ requests each', async () => {
		const { sandbox, engine } = fixture;
		const parameters = {
			event: 'newPatientHealthMetric',
			watch: 'organization',
			organization: sandbox.ids.organization,
			options: { retries: 0, emitExisting: true, maxRecords: 500 },
		};
		const first = await pollCounting(engine, sandbox, parameters, {});
		expect(first.items).toHaveLength(500);
		expect(first.requests).toHaveLength(10);
		const second = await pollCounting(engine, sandbox, parameters, first.staticData);
		expect(ids(second.items)[0] > ids(first.items)[499]).toBe(true);
		expect(second.requests).toHaveLength(10);
		report.push(`emit existing, max 500 per poll: ${first.requests.length} requests per poll`);
	});
});
