/**
 * Simplify in version 2: at most 10 fields a workflow uses most, flat (n8n's guideline for a simplified output);
 * version 1 (saved workflows) keeps every attribute, and Simplify off keeps the JSON:API resource.
 */
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeProperties,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';

const fixture = useSandbox({ seed: 11, sizes: { groups: 6, patients: 30 } });

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const isFlat = (record: IDataObject) =>
	Object.values(record).every(
		(value) =>
			value === null ||
			typeof value !== 'object' ||
			(Array.isArray(value) && value.every((entry) => typeof entry !== 'object')),
	);

describe('Simplify, version 2', () => {
	test('a patient row: name, birth date, identifiers, email, primary phone, archived, groups, coaches', async () => {
		const { sandbox, engine } = fixture;
		const parameters = {
			resource: 'patient',
			operation: 'getAll',
			limit: 5,
			filters: { organization: sandbox.ids.organization },
		};
		const v2 = (await engine.execute(parameters, [{}], { typeVersion: 2 })).items.map(
			(i) => i.json,
		);
		expect(v2).toHaveLength(5);
		for (const row of v2) {
			expect(Object.keys(row).length).toBeLessThanOrEqual(10);
			expect(isFlat(row)).toBe(true);
		}
		// Version 1 (saved workflows): every attribute, nested lists as they are.
		const v1 = (await engine.execute(parameters)).items.map((i) => i.json);
		const full = v1[0];
		const phones = full.phone_numbers as IDataObject[];
		expect(phones.length).toBeGreaterThan(0);
		expect(full).toHaveProperty('addresses');
		expect(full).toHaveProperty('resourceType', 'patient');
		expect(Object.keys(full).length).toBeGreaterThan(10);

		expect(v2[0]).toEqual({
			id: full.id,
			first_name: full.first_name,
			last_name: full.last_name,
			birth_date: full.birth_date,
			identifiers: (full.identifiers as IDataObject[])
				.map((identifier) => `${identifier.label}: ${identifier.value}`)
				.join(', '),
			email_address: full.email_address,
			phone_number: (phones.find((phone) => phone.primary) ?? phones[0]).value,
			archived: full.archived,
			groups: full.groups,
			coaches: full.coaches,
		});
		expect(v2[0].identifiers).toMatch(/^MRN: MRN-\d{6}$/);

		// Simplify off: the JSON:API resource, in both versions.
		const raw = (
			await engine.execute({ ...parameters, simplify: false }, [{}], { typeVersion: 2 })
		).items.map((i) => i.json);
		expect(raw[0]).toHaveProperty('attributes.phone_numbers', phones);
	});

	test.each([
		['group', { resource: 'group', operation: 'getAll', limit: 3 }, ['name']],
		['coach', { resource: 'coach', operation: 'getAll', limit: 3 }, ['first_name', 'last_name']],
		[
			'calendar event',
			{ resource: 'calendarEvent', operation: 'get', calendarEventId: 'calendarEvents' },
			['type', 'title', 'start_at'],
		],
		[
			'reward program',
			{ resource: 'rewardProgram', operation: 'get', rewardProgramId: 'rewardPrograms' },
			['name', 'budget_value', 'budget_unit'],
		],
		[
			'plan summary',
			{
				resource: 'patientPlanSummary',
				operation: 'get',
				planSummaryId: 'patientPlanSummaries',
			},
			['patient', 'adherence'],
		],
	])('%s: id and at most 9 fields, without bookkeeping', async (_label, given, expected) => {
		const { sandbox, engine } = fixture;
		const parameters: INodeParameters = { ...given };
		for (const [name, value] of Object.entries(parameters))
			if (name.endsWith('Id') && name !== 'resourceId')
				parameters[name] = byId(
					(sandbox.ids as unknown as Record<string, string[]>)[String(value)][0],
				);
		const [v2] = (await engine.execute(parameters, [{}], { typeVersion: 2 })).items.map(
			(i) => i.json,
		);
		const [v1] = (await engine.execute(parameters)).items.map((i) => i.json);
		expect(v2.id).toBe(v1.id);
		expect(Object.keys(v2).length).toBeLessThanOrEqual(10);
		for (const name of expected) expect(v2).toHaveProperty(name, v1[name]);
		for (const left of ['resourceType', 'created_at', 'updated_at']) {
			expect(v1).toHaveProperty(left);
			expect(v2).not.toHaveProperty(left);
		}
	});

	test('a count is a count in both versions', async () => {
		const { sandbox, engine } = fixture;
		const parameters = {
			resource: 'patient',
			operation: 'count',
			filters: { organization: sandbox.ids.organization },
		};
		const v2 = (await engine.execute(parameters, [{}], { typeVersion: 2 })).items[0].json;
		expect(v2).toEqual((await engine.execute(parameters)).items[0].json);
	});
});

describe('version 2 pickers: Organization Get and Reward Program Create pick as Group Get does', () => {
	test('Organization Get: a locator in version 2, the dropdown value in version 1', async () => {
		const { sandbox, engine } = fixture;
		const organization = sandbox.ids.organization;
		const v2 = await engine.execute(
			{ resource: 'organization', operation: 'get', organizationId: byId(organization) },
			[{}],
			{ typeVersion: 2 },
		);
		expect(v2.items[0].json.id).toBe(organization);
		const v1 = await engine.execute({
			resource: 'organization',
			operation: 'get',
			organizationId: organization,
		});
		expect(v1.items[0].json.id).toBe(organization);
		// The locator's list: the credential's own organization.
		const { results } = await engine.listSearch('searchOrganizations');
		expect(results.map((r) => r.value)).toEqual([organization]);
	});

	test('the fields each version shows', () => {
		const { FitbitPlus } = jest.requireActual('../../nodes/FitbitPlus/FitbitPlus.node');
		const properties = (new FitbitPlus().description.properties as INodeProperties[]).filter(
			(p) =>
				(p.name === 'organizationId' && p.displayOptions?.show?.resource?.[0] === 'organization') ||
				(p.name === 'groupId' && p.displayOptions?.show?.resource?.[0] === 'rewardProgram'),
		);
		const shown = (version: number) =>
			properties
				.filter((p) =>
					NodeHelpers.displayParameter(
						{
							resource: String(p.displayOptions?.show?.resource?.[0]),
							operation: String(p.displayOptions?.show?.operation?.[0]),
							bodyFrom: 'fields',
						},
						p,
						{ typeVersion: version } as INode,
						{ version } as INodeTypeDescription,
					),
				)
				.map((p) => `${p.name}: ${p.type}`);
		expect(shown(1)).toEqual(['groupId: options', 'organizationId: options']);
		expect(shown(2)).toEqual(['groupId: resourceLocator', 'organizationId: resourceLocator']);
	});
});
