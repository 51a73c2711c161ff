/**
 * Request counts of the trigger against a collection of 100,000 records: first activation, idle polls, and polls
 * with k new records (page of 50, the API's largest), each reading again the w records of its overlap window.
 */
import type { IDataObject } from 'n8n-workflow';

import { windowStart } from '../../nodes/FitbitPlusTrigger/created';
import { DEFAULT_OVERLAP_SECONDS } from '../../nodes/FitbitPlusTrigger/state';
import { useSandbox } from '../helpers/sandbox';
import { ids, insertMetrics, pollCounting, triggerState } from './helpers';

const EXISTING = 100_000;
const fixture = useSandbox({ sizes: { patientHealthMetrics: EXISTING } });

const report: string[] = [];
afterAll(() => {
	console.log(['trigger request counts (page 50):', ...report].join('\n'));
});

describe('request counts', () => {
	it(`first activation over ${EXISTING.toLocaleString('en-US')} records takes at most 2 requests; idle polls 1 (⌈w/50⌉ with w records in the overlap window); k new records ⌈(w + k)/50⌉`, async () => {
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

		// Each poll reads again the records emitted in the overlap window (10 s before the newest emitted): here
		// the previous burst, created within the same second. A poll with k new records reads w + k records.
		const patient = sandbox.ids.patients[0];
		const inserted: string[] = [];
		const inWindow = (state: IDataObject) => {
			const { cursor, floor } = triggerState(state) as { cursor: string; floor: string | null };
			const windowFrom = windowStart(cursor, DEFAULT_OVERLAP_SECONDS);
			// At activation the newest record then is the floor: nothing at or below it is read again. Above it
			// lie only the records inserted here (the seeded ones are a year older).
			const start = floor !== null && floor > windowFrom ? floor : windowFrom;
			return inserted.filter((id) => id > start && id <= cursor).length;
		};
		for (const k of [1, 49, 50, 51, 100, 101, 250, 499]) {
			const w = inWindow(staticData);
			const fresh = insertMetrics(sandbox, patient, k);
			inserted.push(...fresh);
			const poll = await pollCounting(engine, sandbox, parameters, staticData);
			expect(ids(poll.items)).toEqual(fresh);
			const exact = Math.ceil((w + k) / 50);
			expect(poll.requests).toHaveLength(exact);
			report.push(
				`poll with k=${k} new records, w=${w} in the window: ${poll.requests.length} requests (⌈(w+k)/50⌉ = ${exact})`,
			);
			staticData = poll.staticData;
		}
		const w = inWindow(staticData);
		const afterBurst = await pollCounting(engine, sandbox, parameters, staticData);
		expect(afterBurst.items).toBeNull();
		expect(afterBurst.requests).toHaveLength(Math.ceil(w / 50));
		report.push(`idle poll, w=${w} in the window: ${afterBurst.requests.length} requests (⌈w/50⌉)`);

		// Ten seconds later (the window's length), one new record: the window holds that record alone.
		sandbox.advanceClock(DEFAULT_OVERLAP_SECONDS + 1);
		const [single] = insertMetrics(sandbox, patient, 1);
		const one = await pollCounting(engine, sandbox, parameters, staticData);
		expect(ids(one.items)).toEqual([single]);
		expect(one.requests).toHaveLength(Math.ceil((w + 1) / 50));
		const quiet = await pollCounting(engine, sandbox, parameters, one.staticData);
		expect(quiet.items).toBeNull();
		expect(quiet.requests).toHaveLength(1);
		report.push(
			`idle poll once the burst is older than the window: ${quiet.requests.length} request`,
		);
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
		// The seeded records lie 1 to 40 s apart: the 10 s window before the last emitted holds at most 10.
		const newest = ids(first.items)[499];
		const start = windowStart(newest, DEFAULT_OVERLAP_SECONDS);
		const w = sandbox
			.list('patient_health_metric')
			.filter((r) => r.id > start && r.id <= newest).length;
		expect(second.requests).toHaveLength(Math.ceil((w + 500) / 50));
		report.push(`emit existing, max 500 per poll: ${first.requests.length} requests per poll`);
	});
});
