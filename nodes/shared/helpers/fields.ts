/**
 * Field builders every operation uses: locators, Return All / Limit, Simplify, the dropdowns and multi-selects of
 * the credential's coaches, groups and organizations, Include Related, Options. Filters are in
 * `fieldsFilters.ts`, the body fields (Send Body As, JSON Body) in `fieldsDocument.ts`.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { inputError, OBJECT_ID_REGEX, requireObjectIds } from './validation';

/** Listable things a resource locator can search, with the listSearch method that serves each. */
const SEARCH_METHODS = {
	patient: 'searchPatients',
	group: 'searchGroups',
	coach: 'searchCoaches',
	rewardProgram: 'searchRewardPrograms',
	calendarEvent: 'searchCalendarEvents',
	rewardEarning: 'searchRewardEarnings',
	healthQuestionDefinition: 'searchHealthQuestionDefinitions',
	rewardProgramActivation: 'searchRewardProgramActivations',
	reward: 'searchRewards',
	patientPlanSummary: 'searchPlanSummaries',
	patientHealthMetric: 'searchHealthMetrics',
	patientHealthResult: 'searchHealthResults',
	healthProfile: 'searchHealthProfiles',
	healthProfileQuestion: 'searchHealthProfileQuestions',
	healthProfileAnswer: 'searchHealthProfileAnswers',
	emailHistory: 'searchEmailHistories',
	rewardEarningFulfillment: 'searchRewardEarningFulfillments',
	organization: 'searchOrganizations',
} as const;

export type SearchableResource = keyof typeof SEARCH_METHODS;

/**
 * A resource locator for an id: "From List" (searchable, paged) where the thing can be listed, and "By ID"
 * checked to be a 24-hex object id.
 */
export function idLocator(options: {
	name: string;
	displayName: string;
	description?: string;
	required?: boolean;
	searchable?: SearchableResource;
}): INodeProperties {
	const locator: INodeProperties = {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: options.searchable ? 'list' : 'id', value: '' },
		required: options.required ?? true,
		description: options.description,
		builderHint: {
			propertyHint: `A Fitbit Plus ID: 24 hexadecimal characters, e.g. 58c4554710123c5c40dbab81. From an expression or $fromAI use mode "id", and describe it to the model as the id field of a record another tool returned (${options.displayName}).`,
		},
		// Written in place under `modes`, where n8n's lint rules know a mode from a parameter (a mode has no default).
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: options.searchable && SEARCH_METHODS[options.searchable],
					searchable: true,
					// A search reads up to 40 pages of the collection (the API cannot search by name).
					slowLoadNotice: {
						message:
							'Searching a large organization page by page. An ID (or a patient’s MRN) finds the record at once.',
						timeout: 3000,
					},
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 58c4554710123c5c40dbab81',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: OBJECT_ID_REGEX,
							// n8n lists this message without the field's name when it refuses to run the node.
							errorMessage: `${options.displayName}: not a Fitbit Plus ID (24 hexadecimal characters, e.g. 58c4554710123c5c40dbab81)`,
						},
					},
				],
			},
		],
	};
	if (!options.searchable) locator.modes = locator.modes?.filter((mode) => mode.name !== 'list');
	return locator;
}

/** Return All / Limit, as every Get Many operation offers them. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		builderHint: {
			propertyHint:
				'A whole number of 1 or more. As an AI tool the node returns at most Max Records per Call (20 by default) and ends the list with a note when more exist.',
		},
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** Simplify: flat items (default) or the JSON:API resources as the server sent them. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

const CHOOSE_IDS =
	'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';
const CHOOSE_ID =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/** The lists of the credential's records a dropdown can offer, with the loadOptions method that serves each. */
const LISTS = {
	coach: { label: 'Coach', method: 'getCoaches' },
	group: { label: 'Group', method: 'getGroups' },
	organization: { label: 'Organization', method: 'getOrganizations' },
} as const;

/**
 * A dropdown of the credential's coaches, groups or organizations ("Group Name or ID"), or with `many` a
 * multi-select ("Group Names or IDs"); `description` is followed by n8n's "Choose from the list, or specify
 * IDs using an expression" sentence.
 */
export function listField(
	list: keyof typeof LISTS,
	options: {
		name: string;
		description: string;
		many?: boolean;
		/** Instead of "<Label> Name or ID" / "<Label> Names or IDs", e.g. "Primary Coach Name or ID". */
		displayName?: string;
		required?: boolean;
		displayOptions?: INodeProperties['displayOptions'];
	},
): INodeProperties {
	const { label, method } = LISTS[list];
	const field: INodeProperties = {
		displayName: options.displayName ?? `${label} ${options.many ? 'Names or IDs' : 'Name or ID'}`,
		name: options.name,
		type: options.many ? 'multiOptions' : 'options',
		typeOptions: { loadOptionsMethod: method },
		default: options.many ? [] : '',
		description: `${options.description} ${options.many ? CHOOSE_IDS : CHOOSE_ID}`,
	};
	if (options.required) field.required = true;
	if (options.displayOptions) field.displayOptions = options.displayOptions;
	return field;
}

/** The ids a `listField()` multi-select holds (an array, or a comma list from an expression), each once; [] when empty. */
export function listIds(
	this: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
): string[] {
	if (raw === undefined || raw === null || raw === '') return [];
	return [...new Set(requireObjectIds.call(this, raw, label, itemIndex))];
}

/**
 * Include Related: the `include` field (related records the response should carry, resolved in place when
 * simplified) with `options` to choose from, and `query`, the `include` query parameter it makes (a comma list,
 * each value checked to be one of the options): a Get's or Get Many's query builder.
 */
export function includeRelated(options: INodePropertyOptions[]) {
	const allowed = options.map((option) => String(option.value));
	const field: INodeProperties = {
		displayName: 'Include Related',
		name: 'include',
		type: 'multiOptions',
		options,
		default: [],
		description:
			'Related records to fetch in the same request. With Simplify on, each is put in place of its ID.',
	};
	function query(this: IExecuteFunctions, itemIndex: number): IDataObject {
		const raw = this.getNodeParameter('include', itemIndex, []) as string[] | string;
		const list = (Array.isArray(raw) ? raw : String(raw).split(','))
			.map((value) => String(value).trim())
			.filter((value) => value !== '');
		for (const value of list) {
			if (!allowed.includes(value)) {
				inputError.call(
					this,
					itemIndex,
					`'Include Related' "${value.slice(0, 40)}" is not available here`,
					`Use any of: ${allowed.join(', ')}.`,
				);
			}
		}
		return list.length > 0 ? { include: [...new Set(list)].join(',') } : {};
	}
	return { field, query };
}

/** The Options collection of an operation (how to run it, not what to send). */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: byDisplayName(options),
	};
}

/** A collection's fields in alphabetical order, as n8n lists them (display order only: nothing saved changes). */
export function byDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * The options of a field whose values are the list the node checks them against (`requireOption()`), in
 * alphabetical order, each named by its words capitalised: 'home-fax' → 'Home Fax', 'needsAction' → 'Needs Action'.
 */
export function valueOptions(values: readonly string[]): INodePropertyOptions[] {
	return values
		.map((value) => ({
			name: value
				.replace(/([a-z])([A-Z])/g, '$1 $2')
				.split(/[-_]/)
				.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
				.join(' '),
			value,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
