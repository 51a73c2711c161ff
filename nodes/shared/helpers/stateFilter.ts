/**
 * Version 2's yes/no filters: "Any" (no filter sent) or one of the two states the API's `true` and `false`
 * select. Version 1 had a toggle there, whose off state read like "no filter" but sent `false`.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { CheckContext } from './validation';
import { requireOption } from './validation';

/** The value of the "Any" choice: the filter is not sent. */
const ANY_STATE = 'any';

export interface FilterState {
	/** The option's value, as a saved workflow stores it. */
	value: string;
	/** The option's name, after "Any" in alphabetical order. */
	name: string;
	description: string;
}

export interface StateFilter {
	displayName: string;
	/** The parameter's name (version 1's toggle keeps its own). */
	name: string;
	description: string;
	/** What "Any" gives. */
	any: string;
	/** The state the API's `true` selects, and the one `false` selects. */
	yes: FilterState;
	no: FilterState;
	/** The value chosen when the filter is added. */
	default: string;
}

/** The options field of a state filter: "Any" first, then the two states. */
export function stateFilterField(filter: StateFilter): INodeProperties {
	const chosenWhenAdded = filter.default;
	const options: INodePropertyOptions[] = [
		{ name: 'Any', value: ANY_STATE, description: filter.any },
		filter.yes,
		filter.no,
	];
	return {
		displayName: filter.displayName,
		name: filter.name,
		type: 'options',
		options: options.sort((a, b) => a.name.localeCompare(b.name)),
		default: chosenWhenAdded,
		description: filter.description,
	};
}

/**
 * What a state filter sends: `true`, `false`, or undefined for "Any" and for a filter not added. Anything else
 * (an expression's other value) is refused before any request.
 */
export function stateFilterValue(
	this: CheckContext,
	filter: StateFilter,
	value: unknown,
	itemIndex: number | undefined,
): boolean | undefined {
	if (value === undefined) return undefined;
	const chosen = requireOption.call(
		this,
		value,
		[ANY_STATE, filter.yes.value, filter.no.value],
		filter.displayName,
		itemIndex,
	);
	return chosen === ANY_STATE ? undefined : chosen === filter.yes.value;
}

/** Archived (patients), as the node's Get Many lists and the trigger watches them: `to` says which. */
export function archivedPatientsFilter(to: 'list' | 'trigger on'): StateFilter {
	return {
		displayName: 'Archived',
		name: 'archivedStatus',
		description: `Which patients to ${to} by whether they are archived`,
		any: 'Archived patients and the others (no filter sent)',
		yes: {
			value: 'archived',
			name: 'Archived Only',
			description: 'Only archived patients (sends filter[archived]=true)',
		},
		no: {
			value: 'notArchived',
			name: 'Not Archived',
			description: 'Only patients who are not archived (sends filter[archived]=false)',
		},
		default: 'notArchived',
	};
}

/** Completed (calendar events), as the node's Get Many lists and the trigger watches them. */
export function completedEventsFilter(to: 'list' | 'trigger on'): StateFilter {
	return {
		displayName: 'Completed',
		name: 'completedStatus',
		description: `Which calendar events to ${to} by whether they are marked completed`,
		any: 'Completed events and the others (no filter sent)',
		yes: {
			value: 'completed',
			name: 'Completed Only',
			description: 'Only calendar events marked as completed (sends filter[completed]=true)',
		},
		no: {
			value: 'notCompleted',
			name: 'Not Completed',
			description:
				'Only calendar events not marked as completed yet (sends filter[completed]=false)',
		},
		default: 'completed',
	};
}
