/**
 * n8n's UX guidelines for nodes, checked mechanically over every property of both nodes (every version) and the
 * credential: sorted lists and collections, Title Case option names, short actions in n8n's style, tooltip
 * punctuation, "e.g." placeholders, n8n's standard Simplify text, parameter names quoted in tooltips, one name
 * for one thing; and what the editor's node panel and canvas show. docs/ux-guidelines.md lists each rule.
 */
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { FitbitPlusApi } from '../../credentials/FitbitPlusApi.credentials';
import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import { FitbitPlusTrigger } from '../../nodes/FitbitPlusTrigger/FitbitPlusTrigger.node';
import { resources } from '../../nodes/FitbitPlus/actions/resources';
import { forbiddenIn } from '../helpers/messageRules';

const node = new FitbitPlus().description;
const trigger = new FitbitPlusTrigger().description;
const credential = new FitbitPlusApi();

/** A property, option or collection entry, with where it is (for messages). */
interface Entry {
	where: string;
	property: INodeProperties;
}

/** Every property of a list, and those inside collections and fixed collections. */
function walk(properties: INodeProperties[], where: string): Entry[] {
	return properties.flatMap((property) => {
		const here = `${where} > ${property.displayName}`;
		const own: Entry[] = [{ where: here, property }];
		if (property.type === 'collection')
			return [...own, ...walk((property.options ?? []) as INodeProperties[], here)];
		if (property.type === 'fixedCollection')
			return [
				...own,
				...((property.options ?? []) as INodePropertyCollection[]).flatMap((group) =>
					walk(group.values, `${here} > ${group.displayName}`),
				),
			];
		return own;
	});
}

const entries: Entry[] = [
	...walk(node.properties, 'Fitbit Plus'),
	...walk(trigger.properties, 'Fitbit Plus Trigger'),
	...walk(credential.properties, 'Fitbit Plus API credential'),
];

const staticOptions = (property: INodeProperties): INodePropertyOptions[] =>
	(property.type === 'options' || property.type === 'multiOptions') &&
	Array.isArray(property.options)
		? (property.options as INodePropertyOptions[])
		: [];

const isSorted = (names: string[]) =>
	names.every((name, i) => i === 0 || names[i - 1].localeCompare(name) <= 0);

/** Words n8n writes in lower case inside a Title Case name ("Create or Update", "Get Many"). */
const SMALL_WORDS = new Set(
	'a an and as at by for from in into of on or per the to vs with'.split(' '),
);

function isTitleCase(name: string): boolean {
	return name
		.split(/[\s/]+/)
		.every(
			(word, i) => !/^[a-z]/.test(word) || (i > 0 && SMALL_WORDS.has(word.replace(/[^a-z]/g, ''))),
		);
}

/** Sentences of a tooltip, links and parentheses set aside ("e.g." is no sentence end). */
function sentences(text: string): string[] {
	return text
		.replace(/<a [^>]*>(.*?)<\/a>/g, '$1')
		.replace(/\be\.g\./g, 'eg')
		.replace(/\([^)]*\)/g, '()')
		.split(/(?<=[.!?])\s+(?=[A-Z'"])/)
		.filter((s) => s.trim() !== '');
}

describe('n8n UX rules over every property', () => {
	test('the walk reaches both nodes, every version, and the credential', () => {
		expect(entries.length).toBeGreaterThan(600);
		expect(node.version).toEqual([1, 2]);
		expect(entries.some((e) => e.where.startsWith('Fitbit Plus API credential'))).toBe(true);
	});

	test("the trigger's versions are walked too: version 1's toggles and version 2's choices", () => {
		expect(trigger.version).toEqual([1, 2]);
		const filters = entries
			.filter(({ where }) => where.startsWith('Fitbit Plus Trigger > Filters > '))
			.map(({ property }) => `${property.name}: ${property.type}`);
		expect(filters).toEqual(
			expect.arrayContaining([
				'completed: boolean',
				'completedStatus: options',
				'archived: boolean',
				'archivedStatus: options',
			]),
		);
	});

	test('a choice with an explicit "Any" (no filter sent) lists it first', () => {
		const withAny = entries.filter(({ property }) =>
			staticOptions(property).some((o) => o.value === 'any'),
		);
		expect(withAny.length).toBeGreaterThanOrEqual(5);
		const wrong = withAny
			.filter(({ property }) => staticOptions(property)[0].name !== 'Any')
			.map(({ where }) => where);
		expect(wrong).toEqual([]);
	});

	test('dropdown and multi-select options in alphabetical order', () => {
		const unsorted = entries
			// The days of a week keep the week's order, as n8n's Schedule Trigger lists them.
			.filter(({ property }) => staticOptions(property)[0]?.name !== 'Sunday')
			.filter(({ property }) => !isSorted(staticOptions(property).map((o) => o.name)))
			.map(
				({ where, property }) =>
					`${where}: ${staticOptions(property)
						.map((o) => o.name)
						.join(', ')}`,
			);
		expect(unsorted).toEqual([]);
	});

	test('collection options in alphabetical order of their names', () => {
		const unsorted = entries
			.filter(({ property }) => property.type === 'collection')
			.filter(
				({ property }) =>
					!isSorted(((property.options ?? []) as INodeProperties[]).map((o) => o.displayName)),
			)
			.map(
				({ where, property }) =>
					`${where}: ${((property.options ?? []) as INodeProperties[]).map((o) => o.displayName).join(', ')}`,
			);
		expect(unsorted).toEqual([]);
	});

	test('option names and field names in Title Case', () => {
		const miscased = [
			...entries.flatMap(({ where, property }) =>
				staticOptions(property)
					.filter((o) => !isTitleCase(o.name))
					.map((o) => `${where}: ${o.name}`),
			),
			...entries
				// A notice's "name" is its text.
				.filter(({ property }) => property.type !== 'notice')
				.filter(({ property }) => !isTitleCase(property.displayName))
				.map(({ where }) => where),
		];
		expect(miscased).toEqual([]);
	});

	test("operations' actions: at most 40 characters, sentence case, no punctuation, as n8n writes them", () => {
		const actions = node.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => staticOptions(p).map((o) => o.action ?? ''));
		expect(actions).toHaveLength(78);
		expect(actions.filter((a) => a.length > 40)).toEqual([]);
		expect(actions.filter((a) => !/^[A-Z][a-z]*( ([a-z]+|[A-Z]{2,}))*$/.test(a))).toEqual([]);
		// n8n's own: "Get many contacts", "Get a contact", "Create or update a contact".
		expect(actions).toContain('Get many patients');
		expect(actions).toContain('Get a patient');
		expect(actions).toContain('Create or update a patient');
	});

	test('tooltips: no period after one sentence, a period after several', () => {
		const texts = entries.flatMap(({ where, property }) => [
			{ where, text: property.description ?? '' },
			...staticOptions(property).map((o) => ({
				where: `${where}: ${o.name}`,
				text: o.description ?? '',
			})),
		]);
		const wrong = texts
			.filter(({ text }) => text !== '')
			.filter(({ text }) => {
				const many = sentences(text).length > 1;
				const period = /\.$/.test(text.replace(/<\/a>\.$/, '</a>.').trim());
				return many !== period;
			})
			.map(({ where, text }) => `${where}: ${text}`);
		expect(wrong).toEqual([]);
	});

	test('text field placeholders start with "e.g."; collection placeholders say what they add', () => {
		const wrong = entries
			.filter(({ property }) => property.placeholder !== undefined)
			.filter(({ property }) =>
				['collection', 'fixedCollection'].includes(property.type)
					? !/^Add [A-Z]/.test(property.placeholder!)
					: // n8n's own placeholder for an email address (its lint rule wants this one).
						!/^e\.g\. /.test(property.placeholder!) && property.placeholder !== 'name@email.com',
			)
			.map(({ where, property }) => `${where}: ${property.placeholder}`);
		expect(wrong).toEqual([]);
	});

	test("every Simplify has n8n's standard name and description", () => {
		const simplify = entries.filter(({ property }) => property.name === 'simplify');
		expect(simplify.length).toBeGreaterThan(40);
		for (const { property } of simplify) {
			expect(property.displayName).toBe('Simplify');
			expect(property.description).toBe(
				'Whether to return a simplified version of the response instead of the raw data',
			);
		}
	});

	test("tooltips quote the parameters they name ('Return All')", () => {
		const names = new Set(
			entries
				.map(({ property }) => property.displayName)
				.filter((name) => name.includes(' ') && !/ (ID|IDs|Name or ID|Names or IDs)$/.test(name)),
		);
		const unquoted = entries.flatMap(({ where, property }) =>
			[...names]
				.filter((name) => name !== property.displayName)
				.filter((name) =>
					// Not part of a longer name ("Calendar Event Response", a resource).
					new RegExp(`(^|[^'\\w])${name.replace(/[()]/g, '\\$&')}(?!['\\w]|\\s[A-Z])`).test(
						property.description ?? '',
					),
				)
				.map((name) => `${where} names ${name}`),
		);
		expect(unquoted).toEqual([]);
	});

	test('descriptions avoid "error", "problem", "failed" and "mistake" (as messages do)', () => {
		const texts = entries.flatMap(({ where, property }) => [
			[where, property.description ?? ''],
			[where, property.hint ?? ''],
			...staticOptions(property).map((o) => [`${where} > ${o.name}`, o.description ?? '']),
		]);
		expect(
			texts
				.filter(([, text]) => forbiddenIn(text).length > 0)
				.map(([where, text]) => `${where}: ${text}`),
		).toEqual([]);
	});

	test('one name for one thing', () => {
		const shown = entries.flatMap(({ property }) => [
			property.displayName,
			property.description ?? '',
			...staticOptions(property).flatMap((o) => [o.name, o.description ?? '', o.action ?? '']),
		]);
		expect(shown.filter((text) => /fulfilment/i.test(text))).toEqual([]);
		expect(shown.filter((text) => /check in\b/i.test(text))).toEqual([]);
		// The trigger's Options call what the node's Request Options hold by the same names.
		const requestOptions = node.properties.find((p) => p.name === 'requestOptions')!
			.options as INodeProperties[];
		const triggerOptions = trigger.properties.find((p) => p.name === 'options')!
			.options as INodeProperties[];
		for (const option of triggerOptions) {
			const same = requestOptions.find((o) => o.name === option.name);
			if (same)
				expect(`${option.name}: ${option.displayName}`).toBe(`${option.name}: ${same.displayName}`);
		}
		expect(
			triggerOptions.filter((o) => requestOptions.some((r) => r.name === o.name)),
		).toHaveLength(3);
	});
});

/** A subtitle as n8n evaluates it for a node's parameters. */
function subtitleOf(description: INodeTypeDescription, parameter: Record<string, string>): string {
	const body = String(description.subtitle)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	return new Function('$parameter', `return (${body});`)(parameter) as string;
}

describe('what the editor shows', () => {
	test('the node panel\'s headings: one per resource, none doubled (n8n adds "Actions")', () => {
		const headings = Object.values(resources).map(({ option }) => `${option.name} Actions`);
		expect(headings.filter((heading) => /\b(\w+) \1s?\b/i.test(heading))).toEqual([]);
	});

	test('the app entry (n8n shows the trigger’s description above all actions) describes the app', () => {
		// n8n's node creator merges a node and its trigger into one entry with the trigger's description.
		expect(trigger.description).not.toMatch(/^Starts the workflow/);
		expect(trigger.description).toMatch(/^Patients, plans/);
		expect(trigger.description).toMatch(/start a workflow/);
	});

	test('canvas subtitles: the Operation and Resource names as the dropdowns show them', () => {
		const resourceNames = staticOptions(node.properties.find((p) => p.name === 'resource')!);
		for (const resource of resourceNames) {
			const field = node.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
			)!;
			for (const operation of staticOptions(field))
				expect(
					subtitleOf(node, {
						resource: String(resource.value),
						operation: String(operation.value),
					}),
				).toBe(`${operation.name}: ${resource.name}`);
		}
		expect(subtitleOf(node, { resource: 'patient', operation: 'upsert' })).toBe(
			'Create or Update: Patient',
		);
	});

	test("the trigger's subtitle fits under the node (n8n cuts it after about 26 characters)", () => {
		const events = staticOptions(trigger.properties.find((p) => p.name === 'event')!);
		const subtitles = events.map((event) => subtitleOf(trigger, { event: String(event.value) }));
		expect(subtitles.filter((s) => !s || s.length > 26 || !isTitleCase(s))).toEqual([]);
		expect(subtitleOf(trigger, { event: 'rewardEarningReadyForFulfillment' })).toBe(
			'Ready for Fulfillment',
		);
	});
});
