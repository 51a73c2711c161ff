/**
 * Fields and readers shared by the patient-care resources (patient, metrics, results, plan summaries, health
 * profiles, coaches, email history): scope filters (patient / groups / organization), `include`, locator values.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idLocator } from '../../helpers/fields';
import { withoutEmpty } from '../../helpers/operations';
import { buildRange, inputError, requireObjectId, requireObjectIds } from '../../helpers/validation';

export const CHOOSE_IDS =
	'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';
export const CHOOSE_ID =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/** The id a resource locator value (`{ __rl, mode, value }`) or a plain string holds; '' if none. */
export function locatorValue(raw: unknown): string {
	if (raw !== null && typeof raw === 'object' && 'value' in (raw as IDataObject)) {
		return String((raw as IDataObject).value ?? '').trim();
	}
	return raw === undefined || raw === null ? '' : String(raw).trim();
}

/** A filter's optional id (locator or string), checked when set. */
export function optionalId(this: IExecuteFunctions, raw: unknown, label: string, itemIndex: number): string | undefined {
	const value = locatorValue(raw);
	return value === '' ? undefined : requireObjectId.call(this, value, label, itemIndex);
}

/** A comma list of ids (multiOptions array, or a comma-separated string from an expression), checked. */
export function optionalIdList(this: IExecuteFunctions, raw: unknown, label: string, itemIndex: number): string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const ids = requireObjectIds.call(this, raw, label, itemIndex);
	return ids.length > 0 ? ids.join(',') : undefined;
}

/** Patient filter as a locator (From List / By ID), inside a Filters collection. */
export function patientFilterField(description: string): INodeProperties {
	return { ...idLocator({ name: 'patient', displayName: 'Patient', searchable: 'patient', required: false }), description };
}

export const groupsFilterField: INodeProperties = {
	displayName: 'Group Names or IDs',
	name: 'groups',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getGroups' },
	default: [],
	description:
		'Only records of patients in any of these groups. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const organizationFilterField: INodeProperties = {
	displayName: 'Organization Name or ID',
	name: 'organization',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getOrganizations' },
	default: '',
	description:
		'Only records of this organization. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Patient / Groups / Organization: the filters most patient-care collections take (one of them is required). */
export function scopeFilterOptions(what: string): INodeProperties[] {
	return [
		{ ...groupsFilterField, description: `Only ${what} of patients in any of these groups. ${CHOOSE_IDS}` },
		{ ...organizationFilterField, description: `Only ${what} of this organization. ${CHOOSE_ID}` },
		patientFilterField(`Only ${what} of this patient`),
	];
}


/**
 * `filter[patient]`, `filter[groups]`, `filter[organization]` from a Filters collection; the API requires one of
 * `required` (by filter name), so that is checked here before any request.
 */
export function scopeQuery(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
	required: Array<'patient' | 'groups' | 'organization'> = ['patient', 'groups', 'organization'],
): IDataObject {
	const query = withoutEmpty({
		'filter[patient]': 'patient' in filters ? optionalId.call(this, filters.patient, 'Patient', itemIndex) : undefined,
		'filter[groups]': optionalIdList.call(this, filters.groups, 'Group', itemIndex),
		'filter[organization]': optionalId.call(this, filters.organization, 'Organization', itemIndex),
	});
	if (required.length > 0 && !required.some((name) => query[`filter[${name}]`] !== undefined)) {
		const labels = required.map((name) => name.charAt(0).toUpperCase() + name.slice(1));
		inputError.call(
			this,
			itemIndex,
			`Fitbit Plus needs one of these filters: ${labels.join(', ')}`,
			`Add the ${labels.join(' or ')} filter under Filters.`,
		);
	}
	return query;
}

/** A range filter value (`from..to`) from a `rangeFilter()` field, or undefined when empty. */
export function rangeQuery(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	const range = (value as { range?: IDataObject } | undefined)?.range;
	return buildRange.call(this, range, label, itemIndex);
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

/** `include` as the API wants it: a comma list of the allowed names. */
export function includeQuery(this: IExecuteFunctions, itemIndex: number, allowed: readonly string[]): IDataObject {
	const raw = this.getNodeParameter('include', itemIndex, []) as string[] | string;
	const list = (Array.isArray(raw) ? raw : String(raw).split(','))
		.map((value) => String(value).trim())
		.filter((value) => value !== '');
	for (const value of list) {
		if (!allowed.includes(value)) {
			inputError.call(this, itemIndex, `Include Related "${value.slice(0, 40)}" is not available here`, `Use any of: ${allowed.join(', ')}.`);
		}
	}
	return list.length > 0 ? { include: [...new Set(list)].join(',') } : {};
}
