import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DuplicateGuard } from '../../helpers/batch';
import {
	batchSizeOption,
	createInBatches,
	getBatchSize,
	ignoreDuplicatesMeta,
} from '../../helpers/batch';
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
} from '../../helpers/fieldsDocument';
import { optionalLocatorId, relationshipByQuery } from '../../helpers/operations';
import { credentialOrganizationId } from '../../../shared/helpers/organization';
import { inputError, requireText } from '../../../shared/helpers/validation';
import { buildAttributes, coachesRelationship, namedPatientAttributes } from './body';
import { attributeOptions, coachOptions, nameFields } from './fields';
import type { ApiSession } from '../../../shared/transport';
import { reportUnmappedColumns, usesColumns, versionedForms } from '../../helpers/columnMapper';
import { dryRunField } from '../../helpers/dryRun';
import {
	mappedPatientFields,
	patientMrnSystemField,
	patientColumnsField,
	refuseOrganizationLookupInDryRun,
} from './mapper';

const properties: INodeProperties[] = [
	// Version 2 maps the patient's fields from columns; version 1 (and the AI tool) keeps one field each.
	...versionedForms(nameFields, []),
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
	...versionedForms(
		[
			additionalFields(
				[...attributeOptions(false), ...coachOptions()].sort((a, b) =>
					a.displayName.localeCompare(b.displayName),
				),
			),
		],
		[patientMrnSystemField, patientColumnsField('add'), additionalFields(coachOptions())],
	),
	optionsCollection([
		batchSizeOption,
		ignoreDuplicatesOption(
			'Whether to skip, rather than refuse, a patient whose identifier (same system and value) already exists',
		),
	]),
	dryRunField,
	simplifyField,
];

/**
 * The groups relationship of a new patient: the groups picked by id, then those named (by `meta.query`:
 * organization + name, the credential's organization when none is given). At least one in all.
 */
async function groupsRelationship(
	this: IExecuteFunctions,
	itemIndex: number,
	session: ApiSession,
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
		const label = byName.length > 1 ? `'Groups by Name' ${position + 1}` : "'Groups by Name'";
		const name = requireText.call(
			this,
			entry.name,
			`'Group Name' of ${label}`,
			itemIndex,
			'Give the exact name of the group, or remove this entry.',
		);
		let organization = optionalLocatorId.call(
			this,
			entry.organization,
			`'Organization' of ${label}`,
			itemIndex,
		);
		if (organization === undefined) {
			refuseOrganizationLookupInDryRun.call(this, itemIndex);
			organization = await credentialOrganizationId.call(this, session, itemIndex);
		}
		data.push(
			...(relationshipByQuery('group', { organization, name }, true).data as IDataObject[]),
		);
	}
	if (data.length === 0)
		inputError.call(
			this,
			itemIndex,
			'No group chosen',
			"Every patient belongs to at least one group: pick one, or add one under 'Groups by Name'.",
		);
	return { data };
}

/** One input item as a `patient` resource, checked. */
async function buildPatient(
	this: IExecuteFunctions,
	itemIndex: number,
	session: ApiSession,
): Promise<IDataObject> {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const attributes = usesColumns.call(this, session)
		? buildAttributes.call(
				this,
				mappedPatientFields.call(this, session, itemIndex, 'add').fields,
				itemIndex,
			)
		: namedPatientAttributes.call(this, additionalFields, itemIndex);
	const relationships: IDataObject = {
		groups: await groupsRelationship.call(this, itemIndex, session),
	};
	const coaches = coachesRelationship.call(this, additionalFields, itemIndex);
	if (coaches) relationships.coaches = coaches;
	return {
		type: 'patient',
		// The API requires `attributes` in every patient body, even when empty.
		attributes,
		relationships,
	};
}

/** A patient's identifiers that must be unique (`unique` defaults to true), as `system`/`value` pairs. */
function uniqueIdentifiers(resource: {
	attributes?: unknown;
}): Array<{ system: string; value: string }> {
	const identifiers = (resource.attributes as IDataObject | undefined)?.identifiers;
	if (!Array.isArray(identifiers)) return [];
	return (identifiers as IDataObject[])
		.filter((identifier) => identifier?.unique !== false && identifier?.system && identifier?.value)
		.map((identifier) => ({ system: String(identifier.system), value: String(identifier.value) }));
}

/**
 * The spec's `ignore_duplicates` for patients: a patient with an identifier another patient holds (same system
 * and value) is ignored. So only a patient with a unique identifier is guarded, and found again by it.
 */
const sameIdentifier: DuplicateGuard = {
	sameness: 'the same identifier',
	uncovered: 'it has no unique identifier',
	covers: (resource) => uniqueIdentifiers(resource).length > 0,
	matches: (sent, created) => {
		const held = new Set(
			uniqueIdentifiers(created).map((id) => JSON.stringify([id.system, id.value])),
		);
		return uniqueIdentifiers(sent).some((id) => held.has(JSON.stringify([id.system, id.value])));
	},
	async findQuery(sent, itemIndex, session) {
		const [identifier] = uniqueIdentifiers(sent);
		return {
			'filter[organization]': await credentialOrganizationId.call(this, session, itemIndex),
			'filter[identifier][system]': identifier.system,
			'filter[identifier][value]': identifier.value,
			'page[limit]': 2,
		};
	},
};

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
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: ApiSession,
) {
	const output = await createInBatches.call(this, session, items, {
		endpoint: '/patient',
		resourceType: 'patient',
		batchSize: getBatchSize.call(this),
		label: 'patient',
		buildResource: async (itemIndex) => await buildPatient.call(this, itemIndex, session),
		buildMeta: (itemIndex) => ignoreDuplicatesMeta.call(this, itemIndex),
		duplicateGuard: sameIdentifier,
		howToCheck: 'Get Many Patients, filtered by its identifier',
	});
	reportUnmappedColumns.call(this, session, 'patient');
	return output;
}
