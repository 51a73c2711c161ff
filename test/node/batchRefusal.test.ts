/**
 * A batch the API refuses in part (node version 2), through the real n8n engine against the sandbox, which names
 * each refused element by its pointer (`/data/7/…`). The refused items become error items; the others are sent
 * again once, with `ignore_duplicates` where the type has it (patients, health metrics), so nothing is created
 * twice whether or not the refused request created them; reward earnings, which have no such guard, are not sent
 * again and are reported as possibly created. Version 1 keeps failing the whole batch (patientBatch.test.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { apiRequests, useSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

const MISSING = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const REFUSED = [7, 31];

async function run(parameters: IDataObject, input: IDataObject[], continueOnFail = true) {
	const { sandbox, engine } = fixture;
	sandbox.resetLog();
	const result = await engine.execute(parameters as never, input, {
		continueOnFail,
		typeVersion: 2,
	});
	const posts = apiRequests(sandbox).filter((request) => request.method === 'POST');
	const gets = apiRequests(sandbox).filter((request) => request.method === 'GET');
	return { ...result, posts, gets };
}

function sentData(post: { body?: unknown }): IDataObject[] {
	return (post.body as IDataObject).data as IDataObject[];
}

// Version 2 maps Fields Below from columns; these tests give each item's resource as JSON, the form whose batches
// are the same in both versions.
const metricParameters = {
	resource: 'patientHealthMetric',
	operation: 'create',
	bodyFrom: 'json',
	jsonBody:
		'={{ JSON.stringify({ type: "patient_health_metric", attributes: { type: "heart_rate", value: $json.bpm, unit: "bpm", occurred_at: $json.at }, relationships: { patient: { data: { type: "patient", id: $json.patient } } } }) }}',
};

let runNumber = 0;
/** 50 metrics, each at its own minute of a run's own day; items 7 and 31 name a patient that does not exist. */
function metricInputs(): IDataObject[] {
	const patients = fixture.sandbox.ids.patients;
	runNumber++;
	return Array.from({ length: 50 }, (_, index) => ({
		patient: REFUSED.includes(index) ? MISSING : patients[index % patients.length],
		bpm: 40 + index,
		at: new Date(Date.UTC(2024, 5, runNumber, 0, index)).toISOString(),
	}));
}

const patientParameters = {
	resource: 'patient',
	operation: 'create',
	bodyFrom: 'json',
	jsonBody:
		'={{ JSON.stringify({ type: "patient", attributes: { first_name: $json.first, last_name: "Refusal", identifiers: [{ system: "refusal-mrn", value: $json.mrn, unique: true }] }, relationships: { groups: { data: [{ type: "group", id: $json.groups[0] }] } } }) }}',
};

/** 50 patients; items 7 and 31 name a group that does not exist. */
function patientInputs(): IDataObject[] {
	const group = fixture.sandbox.ids.groups[0];
	runNumber++;
	return Array.from({ length: 50 }, (_, index) => ({
		first: `Refusal${index}`,
		mrn: `RF${runNumber}-${index}`,
		groups: [REFUSED.includes(index) ? MISSING : group],
	}));
}

function metricsOfRun(input: IDataObject[]) {
	const times = new Set(input.map((item) => Date.parse(String(item.at))));
	return fixture.sandbox
		.list('patient_health_metric')
		.filter((metric) => times.has(Date.parse(String(metric.attributes?.occurred_at))));
}

function patientsOfRun(input: IDataObject[]) {
	const mrns = new Set(input.map((item) => item.mrn));
	return fixture.sandbox
		.list('patient')
		.filter((patient) =>
			((patient.attributes?.identifiers ?? []) as IDataObject[]).some(
				(identifier) => identifier.system === 'refusal-mrn' && mrns.has(identifier.value),
			),
		);
}

function expectRefusedItems(
	items: Array<{ json: IDataObject; pairedItem?: unknown }>,
	detail: RegExp,
) {
	for (const index of REFUSED) {
		expect(items[index].pairedItem).toEqual({ item: index });
		expect(items[index].json.error).toMatch(
			new RegExp(`^Fitbit Plus refused this item: .* \\[item ${index}\\]$`),
		);
		expect(items[index].json.error).toMatch(detail);
		expect(items[index].json.item).toBe(index);
		expect(items[index].json.id).toBeUndefined();
	}
}

describe('a batch the API refuses in part (version 2, Continue On Fail)', () => {
	it('50 health metrics, 2 refused: 48 created and paired, 2 error items, one re-send of the 48 with ignore_duplicates', async () => {
		const input = metricInputs();
		const { items, posts, error } = await run(
			{ ...metricParameters, options: { batchSize: 100 } },
			input,
		);
		expect(error).toBeUndefined();
		// createPatientHealthMetric answers 200 (createPatient 201).
		expect(posts.map((post) => post.status)).toEqual([409, 200]);
		expect(sentData(posts[0])).toHaveLength(50);
		expect(sentData(posts[1])).toHaveLength(48);
		expect((posts[1].body as IDataObject).meta).toEqual({ ignore_duplicates: true });
		expect(items).toHaveLength(50);
		expectRefusedItems(items, new RegExp(`${MISSING} was not found`));
		for (const index of REFUSED)
			expect(items[index].json.fields).toEqual(['relationships/patient/data/id']);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (REFUSED.includes(index)) return;
			expect(item.json.error).toBeUndefined();
			expect(item.json).toMatchObject({
				value: input[index].bpm,
				occurred_at: input[index].at,
				patient: input[index].patient,
			});
		});
		expect(metricsOfRun(input)).toHaveLength(48);
	});

	it('50 patients, 2 refused, where the refused request created the 48 others: the re-send creates none twice, each is found by its identifier and paired', async () => {
		const { sandbox } = fixture;
		sandbox.injectFault({ method: 'POST', path: '/patient', bulkCreatesOthers: true });
		const input = patientInputs();
		const { items, posts, gets, error } = await run(
			{ ...patientParameters, options: { batchSize: 100 } },
			input,
		);
		expect(error).toBeUndefined();
		expect(posts.map((post) => post.status)).toEqual([409, 201]);
		expect(sentData(posts[1])).toHaveLength(48);
		expect((posts[1].body as IDataObject).meta).toEqual({ ignore_duplicates: true });
		// Every one of the 48 was skipped as a duplicate, and found again by its identifier.
		expect(gets.filter((get) => get.operationId === 'fetchPatients')).toHaveLength(48);
		expectRefusedItems(items, new RegExp(`group ${MISSING}|${MISSING}`));
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (REFUSED.includes(index)) return;
			expect(item.json.error).toBeUndefined();
			expect(item.json.first_name).toBe(input[index].first);
			// Version 2's Simplify gives the identifiers as one text.
			expect(String(item.json.identifiers)).toContain(String(input[index].mrn));
		});
		expect(patientsOfRun(input)).toHaveLength(48);
	});

	it('health metrics the refused request created: skipped by the re-send, never created twice, reported as duplicates', async () => {
		const { sandbox } = fixture;
		sandbox.injectFault({
			method: 'POST',
			path: '/patient_health_metric',
			bulkCreatesOthers: true,
		});
		const input = metricInputs();
		const { items, posts, error } = await run(
			{ ...metricParameters, options: { batchSize: 100 } },
			input,
		);
		expect(error).toBeUndefined();
		// createPatientHealthMetric answers 200 (createPatient 201).
		expect(posts.map((post) => post.status)).toEqual([409, 200]);
		expectRefusedItems(items, new RegExp(`${MISSING} was not found`));
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (REFUSED.includes(index)) return;
			expect(item.json.duplicate).toBe(true);
			expect(item.json.error).toMatch(
				/^Skipped as a duplicate when sent again without items 7, 31 .*a health metric with the same patient, type and occurred at already exists, most likely created by the refused request, so it was not created twice/,
			);
		});
		expect(metricsOfRun(input)).toHaveLength(48);
	});

	it('patients without a unique identifier are not sent again (nothing tells them from a copy) and are reported', async () => {
		const group = fixture.sandbox.ids.groups[0];
		runNumber++;
		const patient = (index: number) => ({
			type: 'patient',
			attributes: {
				first_name: `NoId${index}`,
				...(index % 2 === 0
					? { identifiers: [{ system: 'refusal-mrn', value: `NI${runNumber}-${index}` }] }
					: {}),
			},
			relationships: { groups: { data: [{ type: 'group', id: index === 3 ? MISSING : group }] } },
		});
		const { items, posts, error } = await run(
			{
				resource: 'patient',
				operation: 'create',
				bodyFrom: 'json',
				jsonBody: '={{ JSON.stringify($json.patient) }}',
			},
			[0, 1, 2, 3, 4].map((index) => ({ patient: patient(index) })),
		);
		expect(error).toBeUndefined();
		expect(posts.map((post) => post.status)).toEqual([409, 201]);
		expect(sentData(posts[1]).map((sent) => (sent.attributes as IDataObject).first_name)).toEqual([
			'NoId0',
			'NoId2',
			'NoId4',
		]);
		expect(
			items.map((item) => item.json.first_name ?? item.json.mayHaveBeenCreated ?? 'refused'),
		).toEqual(['NoId0', true, 'NoId2', 'refused', 'NoId4']);
		expect(items[1].json.error).toMatch(
			/may or may not have been created by it \('Ignore Duplicates' cannot tell it apart: it has no unique identifier\)\. Check with Get Many Patients, filtered by its identifier/,
		);
	});

	it('reward earnings (no duplicate guard): nothing sent twice; the items not named may or may not have been created, and say how to check', async () => {
		const { sandbox } = fixture;
		const earned = new Set(
			sandbox
				.list('reward_earning')
				.map((earning) => (earning.relationships?.reward?.data as IDataObject | undefined)?.id),
		);
		const free = sandbox
			.list('reward')
			.filter((reward) => !earned.has(reward.id))
			.slice(0, 10);
		const taken = [...earned][0];
		expect(free).toHaveLength(10);
		// Items 3 and 6 name a reward that already has an earning.
		const input = free.map((reward, index) => ({
			reward: [3, 6].includes(index) ? taken : reward.id,
		}));
		const { items, posts, error } = await run(
			{
				resource: 'rewardEarning',
				operation: 'create',
				rewardId: { __rl: true, mode: 'id', value: '={{ $json.reward }}' },
				earnedValue: 1,
				earnedAt: '2025-03-01T00:00:00.000Z',
				options: { batchSize: 100 },
			},
			input,
		);
		expect(error).toBeUndefined();
		expect(posts.map((post) => post.status)).toEqual([409]);
		expect(items).toHaveLength(10);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if ([3, 6].includes(index)) {
				expect(item.json.error).toMatch(
					new RegExp(
						`^Fitbit Plus refused this item: .*already has an earning.* \\[item ${index}\\]$`,
					),
				);
				return;
			}
			expect(item.json.mayHaveBeenCreated).toBe(true);
			expect(item.json.error).toMatch(
				/^Not sent again: Request 1 of 1 \(items 0–9\) was refused for items 3, 6, and this reward earning may or may not have been created by it\. Check with Get Many Reward Earnings for the patient \(an earning of its reward\) before sending it again\./,
			);
		});
	});

	it('a re-send answer that matches no item sent is not paired to any: each re-sent item says so', async () => {
		const { sandbox } = fixture;
		const stranger = {
			type: 'patient_health_metric',
			id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
			attributes: { type: 'weight', value: 80, occurred_at: '2020-01-01T00:00:00.000Z' },
			relationships: { patient: { data: { type: 'patient', id: sandbox.ids.patients[0] } } },
		};
		// The first request reaches the sandbox (refused for items 7 and 31); the re-send gets this answer.
		sandbox.injectFault({
			method: 'POST',
			path: '/patient_health_metric',
			skip: 1,
			status: 200,
			rawBody: JSON.stringify({ meta: { req_id: 'r' }, data: [stranger] }),
		});
		const { items, posts } = await run(
			{ ...metricParameters, options: { batchSize: 100 } },
			metricInputs(),
		);
		expect(posts.map((post) => post.status)).toEqual([409, 200]);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.id).toBeUndefined();
			if (REFUSED.includes(index)) return;
			expect(item.json.error).toMatch(
				/answered 1 created health metric\(s\) for 48 sent, which cannot be paired to their items/,
			);
		});
	});

	it('a refusal that names no item fails the whole batch, as before', async () => {
		fixture.sandbox.injectFault({ method: 'POST', path: '/patient_health_metric', status: 409 });
		const input = metricInputs();
		const { items, posts } = await run({ ...metricParameters, options: { batchSize: 100 } }, input);
		expect(posts).toHaveLength(1);
		expect(items).toHaveLength(50);
		for (const item of items) expect(item.json.error).toMatch(/^Request 1 of 1 \(items 0–49\):/);
		expect(metricsOfRun(input)).toHaveLength(0);
	});
});

describe('a batch the API refuses in part (version 2, without Continue On Fail)', () => {
	it('stops the run at the refusal, saying what was created, what was refused and what may have been', async () => {
		const patients = fixture.sandbox.ids.patients;
		runNumber++;
		// Batch Size 25: items 0–24 are created, the second request (items 25–49) is refused for item 31.
		const input = Array.from({ length: 70 }, (_, index) => ({
			patient: index === 31 ? MISSING : patients[index % patients.length],
			bpm: 40 + (index % 50),
			at: new Date(Date.UTC(2024, 6, runNumber, 0, index)).toISOString(),
		}));
		const { error, posts } = await run(
			{ ...metricParameters, options: { batchSize: 25 } },
			input,
			false,
		);
		expect(posts.map((post) => post.status)).toEqual([200, 409]);
		expect(error?.message).toBe(
			'Request 2 of 3 (items 25–49): Fitbit Plus refused item 31 [item 31]',
		);
		const description = String(error?.description);
		expect(description).toMatch(
			new RegExp(`Item 31 was refused: InvalidBodyParameter: patient ${MISSING} was not found`),
		);
		expect(description).toMatch(
			/items 25–30, 32–49 may or may not have been created by this request: check with Get Many Patient Health Metrics/,
		);
		expect(description).toMatch(/or send them again with 'Ignore Duplicates' on/);
		expect(description).toMatch(
			/items 0–24 were created by earlier requests; do not send them again/,
		);
		expect(description).toMatch(/items 50–69 were not sent/);
	});
});
