/**
 * Get Many of collections the API scopes by patient, groups or organization (it requires one of them): reading
 * the `scopeFilters()` collection, and the credential's organization when the user set none of them.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiSession } from '../../shared/transport';
import type { Scope } from './fieldsFilters';
import { ALL_SCOPES } from './fieldsFilters';
import type { QueryBuilder } from './operations';
import { optionalLocatorId } from './operations';
import { withoutEmpty } from '../../shared/helpers/parameters';
import { credentialOrganizationId } from '../../shared/helpers/organization';
import { optionalIdList } from '../../shared/helpers/validation';

/** `filter[patient]`, `filter[groups]`, `filter[organization]` from a `scopeFilters()` collection, ids checked. */
function scopeQuery(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
	organizationLabel = 'Organization',
): IDataObject {
	return withoutEmpty({
		'filter[patient]': optionalLocatorId.call(this, filters.patient, 'Patient', itemIndex),
		'filter[groups]': optionalIdList.call(this, filters.groups, 'Group', itemIndex),
		'filter[organization]': optionalLocatorId.call(
			this,
			filters.organization,
			organizationLabel,
			itemIndex,
		),
	});
}

/**
 * The query builder of a scoped Get Many: the scope filters the user set in `filters`, then `more` (the
 * operation's other filters and options). When none of `scopes` (nor `alsoScoping`, other filters the API
 * accepts instead) is set, the collection of the credential's organization is listed: the API requires a
 * scope, and the credential belongs to one organization.
 */
export function scopedQuery(
	options: {
		scopes?: readonly Scope[];
		/** The organization filter's label in messages: as the field is named ('Organization ID' when typed in). */
		organizationLabel?: string;
		alsoScoping?: string[];
		more?: (this: IExecuteFunctions, itemIndex: number, filters: IDataObject) => IDataObject;
	} = {},
): QueryBuilder {
	const scopes = options.scopes ?? ALL_SCOPES;
	const keys = [...scopes.map((scope) => `filter[${scope}]`), ...(options.alsoScoping ?? [])];
	return async function (this: IExecuteFunctions, itemIndex: number, session: ApiSession) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const query = withoutEmpty({
			...scopeQuery.call(this, filters, itemIndex, options.organizationLabel),
			...(options.more ? options.more.call(this, itemIndex, filters) : {}),
		});
		if (!keys.some((key) => query[key] !== undefined))
			query['filter[organization]'] = await credentialOrganizationId.call(this, session, itemIndex);
		return query;
	};
}
