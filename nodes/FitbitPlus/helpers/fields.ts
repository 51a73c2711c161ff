import type { INodeProperties } from 'n8n-workflow';

import { OBJECT_ID_REGEX } from './validation';

/** Listable things a resource locator can search, with the listSearch method that serves each. */
export const SEARCH_METHODS = {
	patient: 'searchPatients',
	group: 'searchGroups',
	coach: 'searchCoaches',
	rewardProgram: 'searchRewardPrograms',
	calendarEvent: 'searchCalendarEvents',
	rewardEarning: 'searchRewardEarnings',
	healthQuestionDefinition: 'searchHealthQuestionDefinitions',
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
	const byId = {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: 'e.g. 58c4554710123c5c40dbab81',
		validation: [
			{
				type: 'regex' as const,
				properties: { regex: OBJECT_ID_REGEX, errorMessage: 'Not a Fitbit Plus ID (24 hexadecimal characters)' },
			},
		],
	};
	const modes: INodeProperties['modes'] = options.searchable
		? [
				// A locator mode, not a parameter: it has no default of its own.
				// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: SEARCH_METHODS[options.searchable], searchable: true },
				},
				byId,
			]
		: [byId];
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: options.searchable ? 'list' : 'id', value: '' },
		required: options.required ?? true,
		description: options.description,
		modes,
	};
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
					{ displayName: 'From', name: 'from', type: 'dateTime', default: '' },
					{ displayName: 'To', name: 'to', type: 'dateTime', default: '' },
				],
			},
		],
	};
}
