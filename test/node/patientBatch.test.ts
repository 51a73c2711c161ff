/**
 * Create Patient in batches through the real n8n engine against the spec-validating sandbox (which takes
 * `data` as an array on POST /patient, the spec's bulk create): request counts, pairing, groups by id and by
 * name in one batch, failed batches reported per item, Batch Size 1, and the JSON Body mode.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiRequests, useSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

async function run(parameters: IDataObject, input: IDataObject[], continueOnFail = false) {
	const { sandbox, engine } = fixture;
	sandbox.resetLog();
	const result = await engine.execute(parameters as never, input, { continueOnFail });
	return {
		...result,
		posts: apiRequests(sandbox).filter((r) => r.operationId === 'createPatient'),
	};
}

const patientParameters = (options: IDataObject = {}) => ({
	resource: 'patient',
	operation: 'create',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	groupIds: '={{ $json.groups }}',
	additionalFields: {
		identifiers: {
			identifier: [{ system: 'batch-mrn', value: '={{ $json.mrn }}', unique: true }],
		},
	},
	options,
});

let runNumber = 0;
function inputs(count: number, groupsOf?: (index: number) => string[]): IDataObject[] {
	const groups = fixture.sandbox.ids.groups;
	runNumber++;
	return Array.from({ length: count }, (_, index) => ({
		first: `First${index}`,
		last: `Last${runNumber}`,
		mrn: `R${runNumber}-${index}`,
		groups: groupsOf ? groupsOf(index) : [groups[index % groups.length]],
	}));
}

describe('Create Patient in batches', () => {
	it('5,000 patients with the default Batch Size: 50 requests, each patient paired to its input item', async () => {
		const { sandbox } = fixture;
		const before = sandbox.list('patient').length;
		const input = inputs(5_000);
		const { items, posts, error } = await run(patientParameters(), input);
		expect(error).toBeUndefined();
		expect(posts).toHaveLength(50);
		expect(
			posts.every((post) => ((post.body as IDataObject).data as unknown[]).length === 100),
		).toBe(true);
		expect(items).toHaveLength(5_000);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				first_name: input[index].first,
				groups: input[index].groups,
				identifiers: [{ system: 'batch-mrn', value: input[index].mrn, unique: true }],
			});
		});
		expect(sandbox.list('patient').length - before).toBe(5_000);
	});

	it('Batch Size 1: one request per patient, data as one object', async () => {
		const { items, posts } = await run(patientParameters({ batchSize: 1 }), inputs(3));
		expect(posts).toHaveLength(3);
		for (const post of posts) expect(Array.isArray((post.body as IDataObject).data)).toBe(false);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('groups by name and by id, for several patients in one request', async () => {
		const { sandbox } = fixture;
		const [first, second] = sandbox.ids.groups.map((id) => sandbox.get('group', id)!);
		const { items, posts, error } = await run(
			{
				...patientParameters(),
				groupsByName: {
					group: [{ name: '={{ $json.groupName }}', organization: sandbox.ids.organization }],
				},
			},
			inputs(4).map((item, index) => ({
				...item,
				groups: index % 2 === 0 ? [second.id] : [],
				groupName: String(first.attributes!.name),
			})),
		);
		expect(error).toBeUndefined();
		expect(posts).toHaveLength(1);
		expect(items.map((item) => item.json.groups)).toEqual([
			[second.id, first.id],
			[first.id],
			[second.id, first.id],
			[first.id],
		]);
	});

	it('a failed batch under Continue On Fail: its items become error items, the item the API blames is marked, the other batches go on', async () => {
		const { sandbox } = fixture;
		const before = sandbox.list('patient').length;
		const input = inputs(5);
		// Item 3 repeats item 2's identifier: the API refuses their request (items 2–3), naming element 1.
		input[3].mrn = input[2].mrn;
		const { items, posts, error } = await run(patientParameters({ batchSize: 2 }), input, true);
		expect(error).toBeUndefined();
		expect(posts.map((post) => post.status)).toEqual([201, 409, 201]);
		expect(items).toHaveLength(5);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		for (const index of [0, 1, 4]) expect(items[index].json.id).toEqual(expect.any(String));
		for (const index of [2, 3]) {
			expect(items[index].json.error).toMatch(/^Request 2 of 3 \(items 2–3\):/);
			expect(items[index].json.causedByThisItem).toBe(index === 3);
		}
		expect(sandbox.list('patient').length - before).toBe(3);
	});

	it('a failed batch without Continue On Fail stops the run, naming its items and those already created', async () => {
		const input = inputs(5);
		input[3].mrn = input[2].mrn;
		const { error, posts } = await run(patientParameters({ batchSize: 2 }), input);
		expect(error?.message).toMatch(/^Request 2 of 3 \(items 2–3\):/);
		expect(String(error?.description)).toMatch(/items 0–1 were created by earlier requests/);
		expect(posts).toHaveLength(2);
	});

	it('an item refused before sending stops the run before any request', async () => {
		const input = inputs(3);
		input[2].groups = ['not-a-group'];
		const { error, posts } = await run(patientParameters(), input);
		expect(error?.message).toMatch(/'Group' "not-a-group" is not a Fitbit Plus ID \[item 2\]/);
		expect(posts).toHaveLength(0);
	});

	it('JSON Body: one patient resource per item, still sent in batches', async () => {
		const group = fixture.sandbox.ids.groups[0];
		const { items, posts, error } = await run(
			{
				resource: 'patient',
				operation: 'create',
				bodyFrom: 'json',
				jsonBody: '={{ JSON.stringify($json.patient) }}',
			},
			[0, 1, 2].map((index) => ({
				patient: {
					type: 'patient',
					attributes: { first_name: `Json${index}` },
					relationships: { groups: { data: [{ type: 'group', id: group }] } },
				},
			})),
		);
		expect(error).toBeUndefined();
		expect(posts).toHaveLength(1);
		expect(items.map((item) => item.json.first_name)).toEqual(['Json0', 'Json1', 'Json2']);
	});
});
