import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listIds } from '../../../shared/helpers/fields';
import { relationshipToMany } from '../../helpers/operations';
import { inputError } from '../../../shared/helpers/validation';
import { coachesRelationship } from './body';

/**
 * Relationships of an upsert or update, from a collection with `groups` and `coaches`: only what was set. The
 * API requires `groups` whenever `relationships` is sent, so coaches without groups are refused here.
 */
export function changedRelationships(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject | undefined {
	const groups = listIds.call(this, fields.groups, 'Group', itemIndex);
	const coaches = coachesRelationship.call(this, fields, itemIndex);
	if (groups.length === 0 && !coaches) return undefined;
	if (groups.length === 0) {
		inputError.call(
			this,
			itemIndex,
			'Coaches can only be set together with Groups',
			"Fitbit Plus requires the groups whenever it changes a patient's relationships: add Groups (all the groups the patient should be in).",
		);
	}
	const relationships: IDataObject = { groups: relationshipToMany('group', groups) };
	if (coaches) relationships.coaches = coaches;
	return relationships;
}
