import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	batchSizeOption,
	createInBatches,
	getBatchSize,
	ignoreDuplicatesMeta,
} from '../../../shared/helpers/batch';
import {
	listField,
	listIds,
	optionsCollection,
	simplifyField,
} from '../../../shared/helpers/fields';
import {
	additionalFields,
	documentFields,
	ignoreDuplicatesOption,
} from '../../../shared/helpers/fieldsDocument';
import { optionalLocatorId, relationshipByQuery } from '../../../shared/helpers/operations';
import { credentialOrganizationId } from '../../../shared/helpers/organization';
import { inputError, requireText } from '../../../shared/helpers/validation';
import { coachesRelationship, namedPatientAttributes } from './body';
import { attributeOptions, coachOptions, nameFields } from './fields';

const properties: INodeProperties[] = [
	...nameFields,
	listField('group', {
		name: 'groupIds',
		many: true,
		description: "The groups the patient joins (with 'Groups by Name', at least one group in all).",
	}),
	{
		displayName: 'Groups by Name',
		name: 'groupsByName',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Group by Name',
		default: {},
		description:
			'Groups the patient joins, named by their exact name in an organization (e.g. from an EMR export); Fitbit Plus looks each one up, and refuses the patient if none matches',
		options: [
			{
				displayName: 'Group',
				name: 'group',
				values: [
					{
						displayName: 'Group Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Patients Lead',
						description: 'Exact name of the group',
					},
					listField('organization', {
						name: 'organization',
						description: "The organization of the group; empty for your credential's organization.",
					}),
				],
			},
		],
	},
	additionalFields(
		[...attributeOptions(false), ...coachOptions()].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	),
	optionsCollection([
		batchSizeOption,
		ignoreDuplicatesOption(
			'Whether to skip, without an error, a patient whose identifier (same system and value) already exists',
		),
	]),
	simplifyField,
];

/**
 * The groups relationship of a new patient: the groups picked by id, then those named (by `meta.query`:
 * organization + name, the credential's organization when none is given). At least one in all.
 */
async function groupsRelationship(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const ids = listIds.call(
		this,
		this.getNodeParameter('groupIds', itemIndex, []),
		'Group',
		itemIndex,
	);
	const byName = this.getNodeParameter('groupsByName.group', itemIndex, []) as IDataObject[];
	const data: IDataObject[] = ids.map((id) => ({ type: 'group', id }));
	for (const [position, entry] of byName.entries()) {
		const label = byName.length > 1 ? `Groups by Name ${position + 1}` : 'Groups by Name';
		const name = requireText.call(
			this,
			entry.name,
			`${label}: Group Name`,
			itemIndex,
			'Give the exact name of the group, or remove this entry.',
		);
		const organization =
			optionalLocatorId.call(this, entry.organization, `${label}: Organization`, itemIndex) ??
			(await credentialOrganizationId.call(this, itemIndex));
		data.push(
			...(relationshipByQuery('group', { organization, name }, true).data as IDataObject[]),
		);
	}
	if (data.length === 0)
		inputError.call(
			this,
			itemIndex,
			'No group chosen',
			'Every patient belongs to at least one group: pick one, or add one under Groups by Name.',
		);
	return { data };
}

/** One input item as a `patient` resource, checked. */
async function buildPatient(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const relationships: IDataObject = { groups: await groupsRelationship.call(this, itemIndex) };
	const coaches = coachesRelationship.call(this, additionalFields, itemIndex);
	if (coaches) relationships.coaches = coaches;
	return {
		type: 'patient',
		// The API requires `attributes` in every patient body, even when empty.
		attributes: namedPatientAttributes.call(this, additionalFields, itemIndex),
		relationships,
	};
}

const displayOptions = { show: { resource: ['patient'], operation: ['create'] } };

export const description = updateDisplayOptions(
	displayOptions,
	documentFields(properties, {
		type: 'patient',
		keep: ['options'],
		batched: true,
		note: 'Add "meta": {"ignore_duplicates": true} to skip a patient whose identifier already exists.',
	}),
);

/** Creates one patient per input item, in batches of Batch Size per request, each paired to its item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
	return await createInBatches.call(this, items, {
		endpoint: '/patient',
		resourceType: 'patient',
		batchSize: getBatchSize.call(this),
		label: 'patient',
		buildResource: async (itemIndex) => await buildPatient.call(this, itemIndex),
		buildMeta: (itemIndex) => ignoreDuplicatesMeta.call(this, itemIndex),
	});
}
