/**
 * Building blocks shared by the plan, calendar and reward resources (and the token's own operations): ids read
 * from locators inside collections, id lists, dates, and the credential's own token and organization.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { currentTokenId, tokenOrganizationId } from '../../helpers/organization';
import type { QueryBuilder } from '../../helpers/operations';
import { documentItems, forEachItem, getLimit } from '../../helpers/operations';
import { buildRange, inputError, requireIsoDate, requireNumber, requireObjectId, requireObjectIds } from '../../helpers/validation';
import { apiRequestAllItems } from '../../transport';

/** The id in a resource locator value (or a plain string), checked; for locators inside collections. */
export function locatorId(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const raw =
		value !== null && typeof value === 'object' ? (value as INodeParameterResourceLocator).value : (value as string | undefined);
	return requireObjectId.call(this, raw, label, itemIndex);
}

/** Whether a locator value (or string) holds anything. */
export function hasValue(value: unknown): boolean {
	const raw = value !== null && typeof value === 'object' ? (value as INodeParameterResourceLocator).value : value;
	return raw !== undefined && raw !== null && String(raw).trim() !== '';
}

/** A comma list (or multiOptions array) of ids, each checked, joined as the API's filters take them. */
export function idListValue(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	const ids = requireObjectIds.call(this, value, label, itemIndex);
	return ids.length > 0 ? ids.join(',') : undefined;
}

/** A date-time parameter, checked to be ISO 8601; undefined when empty. */
export function optionalDate(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireIsoDate.call(this, value, label, itemIndex);
}

/** A number that must be greater than (or, with `orEqual`, at least) `min`. */
export function numberAbove(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	min: number,
	orEqual = false,
): number {
	const number = requireNumber.call(this, value, label, itemIndex);
	if (orEqual ? number < min : number <= min) {
		inputError.call(this, itemIndex, `${label} must be ${orEqual ? 'at least' : 'greater than'} ${min} (got ${number})`, `Set ${label} to ${orEqual ? min + ' or more' : 'more than ' + min}.`);
	}
	return number;
}

/** `filter[<name>]` values for every range filter the user set (`from..to`). */
export function rangeQuery(
	this: IExecuteFunctions,
	filters: IDataObject,
	ranges: Record<string, string>,
	itemIndex: number,
): IDataObject {
	const qs: IDataObject = {};
	for (const [name, label] of Object.entries(ranges)) {
		const range = (filters[name] as IDataObject | undefined)?.range as IDataObject | undefined;
		const value = buildRange.call(this, range, label, itemIndex);
		if (value !== undefined) qs[`filter[${name}]`] = value;
	}
	return qs;
}

/** A boolean filter as the query string wants it. */
export function booleanQuery(value: unknown): string | undefined {
	return typeof value === 'boolean' ? String(value) : undefined;
}

/** The "Token ID" override of the token operations. */
export const tokenIdOption: INodeProperties = {
	displayName: 'Token ID',
	name: 'tokenId',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	placeholder: 'e.g. 58c4554710123c5c40dbab81',
	description: "Another access token's ID. Leave empty to use the token of this node's credential.",
};

/** The id of the credential's current access token (fetching a token first on first use). */
export async function credentialTokenId(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const tokenId = await currentTokenId.call(this);
	if (tokenId === '') {
		inputError.call(
			this,
			itemIndex,
			'The credential holds no access token ID',
			'Fitbit Plus did not say which token it issued. Set Token ID in the options.',
		);
	}
	return tokenId;
}

/** The token id to use: the override if set (checked), else the credential's own. */
export async function tokenIdFor(this: IExecuteFunctions, override: unknown, itemIndex: number): Promise<string> {
	if (typeof override === 'string' && override.trim() !== '') {
		return requireObjectId.call(this, override, 'Token ID', itemIndex);
	}
	return await credentialTokenId.call(this, itemIndex);
}

/** The organization the credential's token belongs to (for collections that need a scope filter). */
export async function credentialOrganizationId(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const organization = await tokenOrganizationId.call(this);
	if (!organization) {
		inputError.call(this, itemIndex, 'Could not tell which organization the credential belongs to', 'Set the Organization ID filter.');
	}
	return organization;
}

/**
 * `execute` of a Get Many whose collection needs one of patient / groups / organization (`scopeKeys`): when the
 * user set none, the node scopes to the credential's organization (looked up once per execution).
 */
export function getManyScoped(endpoint: string, buildQuery: QueryBuilder, scopeKeys: string[]) {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		let organization: string | undefined;
		return await forEachItem.call(this, items, async (itemIndex) => {
			let qs = await buildQuery.call(this, itemIndex);
			const limit = getLimit.call(this, itemIndex);
			if (!scopeKeys.some((key) => qs[key] !== undefined)) {
				organization ??= await credentialOrganizationId.call(this, itemIndex);
				qs = { ...qs, 'filter[organization]': organization };
			}
			const { data, included } = await apiRequestAllItems.call(this, endpoint, qs, { limit, itemIndex });
			return documentItems.call(this, { data, included }, itemIndex);
		});
	};
}
