/**
 * Every dropdown (loadOptions) and every resource-locator search (listSearch) of the node, through n8n-core's
 * LoadOptionsContext and the credential, against the sandbox: each lists what the credential can see.
 */
import * as listSearch from '../../nodes/shared/methods/listSearch';
import * as loadOptions from '../../nodes/shared/methods/loadOptions';
import type { SandboxFixture } from '../helpers/sandbox';
import { useSandbox } from '../helpers/sandbox';

type Resource = { id: string; attributes?: Record<string, unknown> };

const idsOf = (fixture: SandboxFixture, type: string) =>
	(fixture.sandbox.list(type) as Resource[]).map((r) => r.id).sort();

describe('dropdowns and searches', () => {
	const fixture = useSandbox({ sizes: { patients: 130 } });

	/** What each method must list: the ids of a sandbox collection (all seeded records are the credential's). */
	const expected: Record<string, (f: SandboxFixture) => string[]> = {
		getGroups: (f) => idsOf(f, 'group'),
		getCoaches: (f) => idsOf(f, 'coach'),
		getRewardPrograms: (f) => idsOf(f, 'reward_program'),
		getHealthQuestionDefinitions: (f) => idsOf(f, 'health_question_definition'),
		getOrganizations: (f) => [f.sandbox.ids.organization],
		// The empty value first: the trigger's default, the credential's own organization.
		getWatchOrganizations: (f) => ['', f.sandbox.ids.organization],
	};

	it('has a test for every loadOptions method', () => {
		expect(Object.keys(loadOptions).sort()).toEqual(Object.keys(expected).sort());
	});

	it.each(Object.keys(expected))(
		"%s lists the credential's records with readable names",
		async (method) => {
			const options = await fixture.engine.loadOptions(method);
			expect(options.map((o) => o.value).sort()).toEqual(expected[method](fixture));
			// A readable name, not the bare id, wherever the record has one.
			expect(options.filter((o) => o.name !== o.value).length).toBeGreaterThan(0);
			// Sorted by name for the user.
			// (the trigger's default entry stays first)
			const names = options
				.map((o) => o.name)
				.filter((_, i) => !(method === 'getWatchOrganizations' && i === 0));
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		},
	);

	it("searchPatients pages with the API's own cursor until every patient was offered", async () => {
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await fixture.engine.listSearch('searchPatients', undefined, token);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken as string | undefined;
			pages++;
		} while (token && pages < 10);
		expect(seen.sort()).toEqual(idsOf(fixture, 'patient'));
		expect(pages).toBe(3);
	});

	it('searchPatients finds a patient by name and by exact id', async () => {
		const patient = fixture.sandbox.list('patient')[7] as Resource;
		const lastName = String(patient.attributes?.last_name);
		const byName = await fixture.engine.listSearch('searchPatients', lastName.toLowerCase());
		expect(byName.results.map((r) => r.value)).toContain(patient.id);
		const byId = await fixture.engine.listSearch('searchPatients', patient.id);
		expect(byId.results.map((r) => r.value)).toEqual([patient.id]);
	});

	it('getCoaches and searchCoaches tell same-named coaches apart by the end of their ids', async () => {
		const twins = [1, 2].map(() =>
			fixture.sandbox.insert('coach', { first_name: 'Maria', last_name: 'Twinsworth' }),
		);
		const options = await fixture.engine.loadOptions('getCoaches');
		const found = await fixture.engine.listSearch('searchCoaches', 'twinsworth');
		for (const list of [options, found.results])
			expect(
				list
					.filter((o) => o.name.startsWith('Maria Twinsworth'))
					.map((o) => o.name)
					.sort(),
			).toEqual(twins.map((coach) => `Maria Twinsworth (…${coach.id.slice(-6)})`).sort());
	});

	const searches: Record<string, (f: SandboxFixture) => string[]> = {
		searchGroups: (f) => idsOf(f, 'group'),
		searchCoaches: (f) => idsOf(f, 'coach'),
		searchRewardPrograms: (f) => idsOf(f, 'reward_program'),
		searchHealthQuestionDefinitions: (f) => idsOf(f, 'health_question_definition'),
		searchRewardProgramActivations: (f) => idsOf(f, 'reward_program_activation'),
		searchRewards: (f) => idsOf(f, 'reward'),
		searchPlanSummaries: (f) => idsOf(f, 'patient_plan_summary'),
		searchHealthMetrics: (f) => idsOf(f, 'patient_health_metric'),
		searchHealthProfiles: (f) => idsOf(f, 'health_profile'),
		searchHealthProfileQuestions: (f) => idsOf(f, 'health_profile_question'),
		searchHealthProfileAnswers: (f) => idsOf(f, 'health_profile_answer'),
		searchOrganizations: (f) => [f.sandbox.ids.organization],
	};

	it.each(Object.keys(searches))('%s offers the records of its collection', async (method) => {
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await fixture.engine.listSearch(method, undefined, token);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken as string | undefined;
		} while (token && ++pages < 20);
		expect(seen.sort()).toEqual(searches[method](fixture));
	});

	it("searchRewardProgramActivations names each by its program and patient, and finds a patient's by id", async () => {
		type Related = Resource & { relationships: Record<string, { data: { id: string } }> };
		const activation = fixture.sandbox.list('reward_program_activation')[0] as Related;
		const program = fixture.sandbox.get(
			'reward_program',
			activation.relationships.reward_program.data.id,
		) as Resource;
		const patientId = activation.relationships.patient.data.id;
		const { results } = await fixture.engine.listSearch('searchRewardProgramActivations');
		expect(results.find((r) => r.value === activation.id)?.name).toMatch(
			new RegExp(`^${String(program.attributes?.name)} · patient …${patientId.slice(-6)}`),
		);
		const ofPatient = await fixture.engine.listSearch('searchRewardProgramActivations', patientId);
		const expected = (fixture.sandbox.list('reward_program_activation') as Related[])
			.filter((a) => a.relationships.patient.data.id === patientId)
			.map((a) => a.id);
		expect(ofPatient.results.map((r) => r.value).sort()).toEqual(expected.sort());
	});

	it("searchRewards labels rewards by description, value and day, and finds a patient's by id", async () => {
		type Related = Resource & { relationships: Record<string, { data: { id: string } }> };
		const reward = fixture.sandbox.list('reward')[0] as Related;
		const { results } = await fixture.engine.listSearch('searchRewards');
		expect(results.find((r) => r.value === reward.id)?.name).toBe(
			[
				reward.attributes?.description,
				`${reward.attributes?.allocated_value} ${reward.attributes?.allocated_unit}`,
				String(reward.attributes?.allocated_at).slice(0, 10),
			].join(' · '),
		);
		const patientId = reward.relationships.patient.data.id;
		const ofPatient = await fixture.engine.listSearch('searchRewards', patientId);
		expect(ofPatient.results.map((r) => r.value)).toContain(reward.id);
		expect(ofPatient.results.length).toBe(
			(fixture.sandbox.list('reward') as Related[]).filter(
				(r) => r.relationships.patient.data.id === patientId,
			).length,
		);
	});

	/** Collections the API lists only for one patient (or receiver): the search text is that ID. */
	const ofOneUser: Array<[string, string, string]> = [
		['searchHealthResults', 'result', 'patient'],
		['searchEmailHistories', 'email_history', 'receiver'],
		['searchRewardEarningFulfillments', 'reward_earning_fulfillment', 'patient'],
	];

	it.each(ofOneUser)(
		"%s lists a patient's records when their ID is typed, nothing without one",
		async (method, type, relationship) => {
			type Related = Resource & { relationships: Record<string, { data?: { id: string } }> };
			const records = fixture.sandbox.list(type) as Related[];
			const userId = records.find((r) => r.relationships[relationship]?.data)!.relationships[
				relationship
			].data!.id;
			const expected = records
				.filter((r) => r.relationships[relationship]?.data?.id === userId)
				.map((r) => r.id);
			expect(expected.length).toBeGreaterThan(0);
			const { results } = await fixture.engine.listSearch(method, userId);
			expect(results.map((r) => String(r.value)).sort()).toEqual(expected.sort());
			// A readable name: what and when, not the bare id.
			expect(results.every((r) => r.name !== r.value && /\d{4}-\d{2}-\d{2}/.test(r.name))).toBe(
				true,
			);
			expect((await fixture.engine.listSearch(method)).results).toEqual([]);
		},
	);

	it('has a test for every listSearch method', () => {
		const tested = [
			...Object.keys(searches),
			...ofOneUser.map(([method]) => method),
			'searchPatients',
			'searchCalendarEvents',
			'searchRewardEarnings',
		];
		expect(Object.keys(listSearch).sort()).toEqual(tested.sort());
	});
});
