/** Rules the spec sets for the items of a patient's plan (actions and bundles), shared by their operations. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiSession } from '../../shared/transport';
import { resourcePath } from '../../shared/transport';
import { primaryResources } from '../../shared/transport/jsonApi';
import { optionalLocatorId, relationshipTo } from './operations';
import { inputError, optionalRequiredText } from '../../shared/helpers/validation';
import { optionalIsoDate, requireDateOrder } from '../../shared/helpers/dateValidation';

/** Effective From / To in order, when both are known. */
export function checkEffectiveDates(
	this: IExecuteFunctions,
	attributes: IDataObject,
	itemIndex: number,
): void {
	requireDateOrder.call(
		this,
		['Effective From', attributes.effective_from],
		['Effective To', attributes.effective_to],
		itemIndex,
	);
}

/** Title and Effective From of an update's fields, checked (both plan items have them). */
export function planItemAttributes(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	return {
		title: optionalRequiredText.call(this, fields.title, 'Title', itemIndex),
		effective_from: optionalIsoDate.call(this, fields.effective_from, 'Effective From', itemIndex),
	};
}

/** The plan an update moves a plan item to (its Plan ID field), when set. */
export function planRelationship(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const plan = optionalLocatorId.call(this, fields.plan, 'Plan ID', itemIndex);
	return plan === undefined ? {} : { plan: relationshipTo('patient_plan_summary', plan) };
}

/** Update Fields of actions and bundles: the API needs Type, Title and Effective From with every change. */
export const requiredFromCurrentNotice: INodeProperties = {
	displayName:
		'The API needs Type, Title and Effective From with every change: those you do not set are sent as they are now',
	name: 'requiredNotice',
	type: 'notice',
	default: '',
};

/** Attributes the spec requires in every action and bundle body that carries attributes. */
const PLAN_ITEM_REQUIRED = ['type', 'title', 'effective_from'] as const;

/**
 * For an update of a plan item of `type` (`updateOperation`'s `complete`): changed attributes must, per the
 * spec, also carry type, title and effective_from. Those the user did not set are taken unchanged from the
 * record as it is now (one GET), so nothing else changes.
 */
export function withRequiredFromCurrent(type: 'action' | 'bundle') {
	const template = `/${type}/{id}`;
	return async function complete(
		this: IExecuteFunctions,
		itemIndex: number,
		id: string,
		attributes: IDataObject,
		session: ApiSession,
	): Promise<IDataObject> {
		if (Object.keys(attributes).length === 0) return attributes;
		const missing = PLAN_ITEM_REQUIRED.filter((name) => attributes[name] === undefined);
		if (missing.length === 0) return attributes;
		const document = await session.request('GET', resourcePath(template, { id }), { itemIndex });
		const current = primaryResources(document)[0]?.attributes ?? {};
		const completed: IDataObject = { ...attributes };
		for (const name of missing) {
			if (current[name] === undefined || current[name] === null) {
				inputError.call(
					this,
					itemIndex,
					`The record has no ${name} to keep`,
					`Set ${name} in 'Update Fields'.`,
				);
			}
			completed[name] = current[name];
		}
		return completed;
	};
}
