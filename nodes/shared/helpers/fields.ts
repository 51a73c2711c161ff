import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { OBJECT_ID_REGEX } from './validation';

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
	description:
		'Whether to return one flat item per record (ID, attributes and related IDs at the top level, included records in place) instead of the raw JSON:API resource',
};

const DATE_HINT = {
	propertyHint:
		'An ISO 8601 date or date-time, e.g. 2024-03-01 or 2024-03-01T09:30:00Z. From is inclusive, To exclusive; either may be left empty.',
};

/** A range filter (`from..to`, From inclusive, To exclusive) as a pair of date-time fields. */
export function rangeFilter(name: string, displayName: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		placeholder: `Add ${displayName} Range`,
		description: `Only records whose ${what} falls in this range (From inclusive, To exclusive)`,
		options: [
			{
				displayName: 'Range',
				name: 'range',
				values: [
					{
						displayName: 'From',
						name: 'from',
						type: 'dateTime',
						default: '',
						builderHint: DATE_HINT,
					},
					{ displayName: 'To', name: 'to', type: 'dateTime', default: '', builderHint: DATE_HINT },
				],
			},
		],
	};
}

const CHOOSE_IDS =
	'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';
export const CHOOSE_ID =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/** What the API lets a Get Many narrow its collection by (`filter[patient]`, `filter[groups]`, `filter[organization]`). */
export type Scope = 'patient' | 'groups' | 'organization';

export const ALL_SCOPES: readonly Scope[] = ['patient', 'groups', 'organization'];

/** Groups (multi-select of the groups the credential reaches); spread it and give the description. */
export const groupsFilterField: INodeProperties = {
	displayName: 'Group Names or IDs',
	name: 'groups',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getGroups' },
	default: [],
	description:
		'Only records in any of these groups. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Organization (a dropdown of the organizations the credential reaches); spread it and give the description. */
export const organizationFilterField: INodeProperties = {
	displayName: 'Organization Name or ID',
	name: 'organization',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getOrganizations' },
	default: '',
	description:
		'Only records of this organization. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/**
 * The Filters collection of a Get Many whose collection the API scopes by patient, groups or organization: the
 * scope filters (`scopes`, all three by default) and any `more` filters, in display-name order.
 *
 * - `what`: the records, for descriptions ("health metrics"). Where the collection has a patient filter, its
 *   records are a patient's, and the groups filter reads "of patients in any of these groups".
 * - `organizationById`: the organization as an ID typed in (Organization ID), instead of the dropdown of the
 *   credential's organization (Organization Name or ID).
 */
export function scopeFilters(options: {
	what: string;
	description: string;
	scopes?: readonly Scope[];
	organizationById?: boolean;
	more?: INodeProperties[];
}): INodeProperties {
	const { what, scopes = ALL_SCOPES } = options;
	const fields: Record<Scope, INodeProperties> = {
		groups: {
			...groupsFilterField,
			description: `Only ${what}${scopes.includes('patient') ? ' of patients' : ''} in any of these groups. ${CHOOSE_IDS}`,
		},
		organization: options.organizationById
			? {
					displayName: 'Organization ID',
					name: 'organization',
					type: 'string',
					default: '',
					placeholder: 'e.g. 58c4554710123c5c40dbab81',
					description: `Only ${what} of this organization`,
				}
			: {
					...organizationFilterField,
					description: `Only ${what} of this organization. ${CHOOSE_ID}`,
				},
		patient: {
			...idLocator({
				name: 'patient',
				displayName: 'Patient',
				searchable: 'patient',
				required: false,
			}),
			description: `Only ${what} of this patient`,
		},
	};
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: options.description,
		options: [...scopes.map((scope) => fields[scope]), ...(options.more ?? [])].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** The `include` field: related records the response should carry, resolved in place when simplified. */
export function includeField(options: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Include Related',
		name: 'include',
		type: 'multiOptions',
		options,
		default: [],
		description:
			'Related records to fetch in the same request. With Simplify on, each is put in place of its ID.',
	};
}

/**
 * Ignore Duplicates (the API's `meta.ignore_duplicates`), an option of a create; `description` says what a
 * duplicate is. Part of the body: hidden when Send Body As is JSON (the JSON Body then carries its own `meta`).
 */
export function ignoreDuplicatesOption(description: string): INodeProperties {
	return bodyOption({
		displayName: 'Ignore Duplicates',
		name: 'ignoreDuplicates',
		type: 'boolean',
		default: false,
		description,
	});
}

/** The Options collection of an operation (how to run it, not what to send). */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** The Filters collection of a Get Many (`description`: which filter the API requires, where it requires one). */
export function filtersCollection(
	options: INodeProperties[],
	description?: string,
): INodeProperties {
	const field: INodeProperties = {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
	if (description !== undefined) field.description = description;
	return field;
}

/** The parameters of the JSON body option: Send Body As (`bodyFrom`) and JSON Body (`jsonBody`). */
export const BODY_FROM = 'bodyFrom';
export const JSON_BODY = 'jsonBody';

/** Shows a field only when the body is built from the fields (Send Body As = Fields Below). */
function onlyWithFields(property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, [BODY_FROM]: ['fields'] },
		},
	};
}

/**
 * Shows an option of a collection that stays in both modes (e.g. Options holding Batch Size) only when the
 * body is built from the fields: for options that shape the body, e.g. Ignore Duplicates (`meta`).
 */
function bodyOption(property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, [`/${BODY_FROM}`]: ['fields'] },
		},
	};
}

export interface DocumentFieldsOptions {
	/** The JSON:API resource type the operation sends (`data.type`), e.g. `patient`. */
	type: string;
	/**
	 * Fields that stay in both modes: the record a path names (the record to update), and Options holding
	 * Batch Size. Simplify is always kept. Every other field is part of the body and hides in JSON mode.
	 */
	keep?: string[];
	/** One resource per input item, sent in batches (`createInBatches`). */
	batched?: boolean;
	/** An update of the record a kept field names: the JSON Body's `data.id` is that record's ID. */
	update?: boolean;
	/** What else the JSON Body needs for this operation, as a sentence (e.g. the record's ID for an update). */
	note?: string;
}

/**
 * The fields of an operation that sends a JSON:API document (create, update, upsert), with the JSON body
 * option for experts: Send Body As (Fields Below, the default, or JSON) before the body fields, the JSON Body
 * after them. The body fields show only with Fields Below, the JSON Body only with JSON; the `keep` fields and
 * Simplify show in both. Read the body with `documentBody()` (or `createInBatches()` with `resourceType`).
 */
export function documentFields(
	properties: INodeProperties[],
	options: DocumentFieldsOptions,
): INodeProperties[] {
	const keep = new Set([...(options.keep ?? []), 'simplify']);
	const isBody = (property: INodeProperties) => !keep.has(property.name);
	const first = properties.findIndex(isBody);
	if (first < 0) throw new Error(`documentFields(${options.type}): no body field`);
	let last = first;
	properties.forEach((property, index) => {
		if (isBody(property)) last = index;
	});
	const { type } = options;
	const example = options.batched
		? `{"type": "${type}", "attributes": {…}, "relationships": {…}}`
		: `{"data": {"type": "${type}", "attributes": {…}, "relationships": {…}}}`;
	const description = [
		options.batched
			? `One ${type} resource per input item, e.g. ${example}, or a {"data": {…}} document (its "meta" goes with it: items with different meta are sent in different requests). The items are still sent in batches of Batch Size.`
			: `The JSON:API document to send, e.g. ${example}.`,
		options.update ? 'Give "id": the ID of the record to update (as chosen above).' : '',
		options.note ?? '',
		`${options.batched ? 'Each is' : 'It is'} sent as given: Fitbit Plus, not this node, checks the attributes and relationships.`,
	]
		.filter((sentence) => sentence !== '')
		.join(' ');
	const defaultBody = options.batched
		? { type, attributes: {}, relationships: {} }
		: { data: { type, attributes: {}, relationships: {} } };
	const sendBodyAs: INodeProperties = {
		displayName: 'Send Body As',
		name: BODY_FROM,
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Fields Below',
				value: 'fields',
				description: 'Fill in the fields; they are checked before anything is sent',
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'For experts: give the JSON:API document yourself; it is sent as given',
			},
		],
		default: 'fields',
		description: 'Whether to build the request body from the fields below or to give it as JSON',
	};
	const jsonBody: INodeProperties = {
		displayName: 'JSON Body',
		name: JSON_BODY,
		type: 'json',
		required: true,
		default: JSON.stringify(defaultBody, null, 2),
		description,
		displayOptions: { show: { [BODY_FROM]: ['json'] } },
	};
	return [
		...properties.slice(0, first),
		sendBodyAs,
		...properties
			.slice(first, last + 1)
			.map((property) => (isBody(property) ? onlyWithFields(property) : property)),
		jsonBody,
		...properties.slice(last + 1),
	];
}
