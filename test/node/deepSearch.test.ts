/**
 * The locator searches in an organization of 2,000 patients (40 pages of 50): a name that sits on page 30 is
 * found in one call, an MRN in a handful of requests, and no call reads more than the page budget (40 pages);
 * beyond it the pagination token goes on where the call stopped.
 */
import { apiRequests, useSandbox } from '../helpers/sandbox';

type Resource = { id: string; attributes?: Record<string, unknown> };

const PAGE = 50;
const PAGE_BUDGET = 40;

const nameOf = (patient: Resource) =>
	`${String(patient.attributes?.first_name)} ${String(patient.attributes?.last_name)}`;

describe('deep search of 2,000 patients', () => {
	const fixture = useSandbox({ seed: 11, sizes: { patients: 2000 } });

	/** Requests (token exchanges aside) that `run` sent to the API's patient collection and elsewhere. */
	async function counted<T>(run: () => Promise<T>) {
		fixture.sandbox.resetLog();
		const result = await run();
		const requests = apiRequests(fixture.sandbox);
		return {
			result,
			pages: requests.filter(
				(r) => r.pathname === '/pub/patient' && !r.query['filter[identifier][value]'],
			).length,
			identifierLookups: requests.filter((r) => r.query['filter[identifier][value]']).length,
			total: requests.length,
		};
	}

	/** A patient on page 30 whose name occurs on no earlier page (the seed is fixed, so this is always the same). */
	function patientOnPage30(): Resource {
		const patients = fixture.sandbox.list('patient') as Resource[];
		const earlier = new Set(patients.slice(0, 29 * PAGE).map(nameOf));
		const candidate = patients.slice(29 * PAGE, 30 * PAGE).find((p) => !earlier.has(nameOf(p)));
		if (!candidate) throw new Error('the seed has no patient with a name first seen on page 30');
		return candidate;
	}

	it('finds a patient on page 30 by name in one call, within the page budget', async () => {
		const target = patientOnPage30();
		const { result, pages, total } = await counted(() =>
			fixture.engine.listSearch('searchPatients', nameOf(target).toUpperCase()),
		);
		expect(result.results.map((r) => r.value)).toContain(target.id);
		// The whole organization is 40 pages: read to the end (fewer than 20 matches), never beyond the budget.
		expect(pages).toBeGreaterThanOrEqual(30);
		expect(pages).toBeLessThanOrEqual(PAGE_BUDGET);
		// Besides the pages: the organization look-up of the credential's token (and its token id on first use).
		expect(total - pages).toBeLessThanOrEqual(2);
		expect(result.paginationToken).toBeUndefined();
	});

	it('labels each patient with the MRN and date of birth, so same-named patients differ', async () => {
		const patients = fixture.sandbox.list('patient') as Resource[];
		const byName = new Map<string, Resource[]>();
		for (const p of patients.slice(0, PAGE))
			byName.set(nameOf(p), [...(byName.get(nameOf(p)) ?? []), p]);
		const twins = [...byName.values()].find((group) => group.length > 1);
		expect(twins).toBeDefined();
		const { results } = await fixture.engine.listSearch('searchPatients');
		const labels = twins!.map((p) => results.find((r) => r.value === p.id)?.name);
		expect(new Set(labels).size).toBe(twins!.length);
		const mrn = (twins![0].attributes?.identifiers as Array<{ value: string }>)[0].value;
		expect(labels[0]).toBe(
			`${nameOf(twins![0])} · ${mrn} · born ${String(twins![0].attributes?.birth_date)}`,
		);
	});

	it('finds a patient by MRN straight away, whatever page it is on', async () => {
		const target = patientOnPage30();
		const mrn = (target.attributes?.identifiers as Array<{ value: string }>)[0].value;
		const { result, pages, identifierLookups } = await counted(() =>
			fixture.engine.listSearch('searchPatients', mrn),
		);
		expect(result.results.map((r) => r.value)).toEqual([target.id]);
		// The first page (to learn the identifier systems in use) and one identifier query.
		expect(pages).toBe(1);
		expect(identifierLookups).toBe(1);
	});

	it('stops at 20 matches and goes on from the token without repeating an entry', async () => {
		const patients = fixture.sandbox.list('patient') as Resource[];
		const firstName = String(patients[0].attributes?.first_name);
		const expected = patients
			.filter((p) => String(p.attributes?.first_name) === firstName)
			.map((p) => p.id);
		const seen: string[] = [];
		let token: string | undefined;
		let calls = 0;
		let mostPages = 0;
		do {
			const { result, pages } = await counted(() =>
				fixture.engine.listSearch('searchPatients', firstName.toLowerCase(), token),
			);
			seen.push(...result.results.map((r) => String(r.value)));
			token = result.paginationToken as string | undefined;
			mostPages = Math.max(mostPages, pages);
			calls++;
		} while (token && calls < 50);
		// Entries whose label holds the name elsewhere (e.g. a last name) may match too; each is offered once.
		expect(seen).toEqual([...new Set(seen)]);
		expect(seen).toEqual(expect.arrayContaining(expected));
		// Common names: each call stopped after about 20 matches, well before the budget.
		expect(calls).toBeGreaterThan(1);
		expect(mostPages).toBeLessThan(PAGE_BUDGET);
	});

	it('reads at most 40 pages per call, then hands back a token that reaches later patients', async () => {
		// Two more pages of patients after the 2,000, the last one with a name nobody else has.
		for (let i = 0; i < 2 * PAGE - 1; i++) fixture.sandbox.insert('patient');
		const late = fixture.sandbox.insert('patient', {
			first_name: 'Zebulon',
			last_name: 'Quillfeather',
		});
		const first = await counted(() => fixture.engine.listSearch('searchPatients', 'quillfeather'));
		expect(first.result.results).toEqual([]);
		expect(first.pages).toBe(PAGE_BUDGET);
		expect(first.result.paginationToken).toEqual(expect.any(String));
		const second = await counted(() =>
			fixture.engine.listSearch(
				'searchPatients',
				'quillfeather',
				first.result.paginationToken as string,
			),
		);
		expect(second.result.results.map((r) => r.value)).toEqual([late.id]);
		expect(second.pages).toBe(2);
		expect(second.result.paginationToken).toBeUndefined();
	});
});
