import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	ignoreDuplicatesOption,
	optionsCollection,
	simplifyField,
} from '../../../shared/helpers/fields';
import { relationshipByQuery, relationshipToMany } from '../../../shared/helpers/operations';
import { inputError, requireObjectId, requireText } from '../../../shared/helpers/validation';
import { createOperation } from '../../../shared/helpers/writeOperations';
import {
	attributeOptions,
	coachesRelationship,
	coachOptions,
	groupIds,
	namedPatientAttributes,
} from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Andrew',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Smith',
	},
	{
		displayName: 'Add to Groups By',
		name: 'groupsBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Group', value: 'id', description: 'Pick the groups (or give their IDs)' },
			{
				name: 'Organization and Group Name',
				value: 'query',
				description:
					'Name one group of an organization; Fitbit Plus creates it if the organization has no group of that name',
			},
		],
		default: 'id',
		description:
			'How to name the groups the patient joins (every patient belongs to at least one group)',
	},
	{
		displayName: 'Group Names or IDs',
		name: 'groupIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getGroups' },
		required: true,
		default: [],
		description:
			'The groups the patient joins. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { groupsBy: ['id'] } },
	},
	{
		displayName: 'Organization Name or ID',
		name: 'groupOrganization',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOrganizations' },
		required: true,
		default: '',
		description:
			'The organization of the group. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { groupsBy: ['query'] } },
	},
	{
		displayName: 'Group Name',
		name: 'groupName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Patients Lead',
		description:
			'Exact name of the group. If none has this name it is created; if several have it, the patient is not created.',
		displayOptions: { show: { groupsBy: ['query'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...attributeOptions(false), ...coachOptions()].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
	optionsCollection([
		ignoreDuplicatesOption(
			'Whether to skip, without an error, a patient whose identifier (same system and value) already exists',
		),
	]),
	simplifyField,
];

/** The groups relationship of a new patient: by ids, or one group by `meta.query` (organization + name). */
function groupsRelationship(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const groupsBy = this.getNodeParameter('groupsBy', itemIndex, 'id') as string;
	if (groupsBy === 'query') {
		const organization = requireObjectId.call(
			this,
			this.getNodeParameter('groupOrganization', itemIndex, ''),
			'Organization',
			itemIndex,
		);
		const name = requireText.call(
			this,
			this.getNodeParameter('groupName', itemIndex, ''),
			'Group Name',
			itemIndex,
			'Give the exact name of the group.',
		);
		return relationshipByQuery('group', { organization, name }, true);
	}
	const ids = groupIds.call(this, this.getNodeParameter('groupIds', itemIndex, []), itemIndex);
	if (ids.length === 0)
		inputError.call(
			this,
			itemIndex,
			'No group chosen',
			'Every patient belongs to at least one group: pick one.',
		);
	return relationshipToMany('group', ids);
}

export const { description, execute } = createOperation({
	displayOptions: { show: { resource: ['patient'], operation: ['create'] } },
	type: 'patient',
	properties,
	note: 'Add "meta": {"ignore_duplicates": true} to skip a patient whose identifier already exists.',
	alwaysAttributes: true,
	build(itemIndex) {
		const additionalFields = this.getNodeParameter(
			'additionalFields',
			itemIndex,
			{},
		) as IDataObject;
		const attributes = namedPatientAttributes.call(this, additionalFields, itemIndex);
		const relationships: IDataObject = { groups: groupsRelationship.call(this, itemIndex) };
		const coaches = coachesRelationship.call(this, additionalFields, itemIndex);
		if (coaches) relationships.coaches = coaches;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const meta = options.ignoreDuplicates === true ? { ignore_duplicates: true } : undefined;
		return { attributes, relationships, meta };
	},
});
