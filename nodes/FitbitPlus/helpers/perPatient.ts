/**
 * Get Many of the collections the API lists only per patient (health results, reward earnings and
 * fulfillments) with a Scope: one patient, or the patients of groups or an organization walked
 * (`helpers/patientWalk.ts` finds them, as the trigger's walks do).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ApiSession } from '../../shared/transport';
import { pageToItems } from '../../shared/transport/jsonApi';
import type { GetManyExecute } from './operations';
import { forEachItem, getIdParameter, getLimit, getSimplify } from './operations';
import { groupsOfOrganization, patientsInScope } from '../../shared/helpers/patientWalk';
import { credentialOrganizationId } from '../../shared/helpers/organization';
import { inputError, optionalIdList } from '../../shared/helpers/validation';

/** The Scope field of a Get Many of a per-patient collection: one patient, or a group or organization walked. */
export function patientScopeField(records: string): INodeProperties {
	return {
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		noDataExpression: true,
		default: 'patient',
		description: `Whose ${records} to list. The API lists them per patient: for groups or an organization the node lists the patients with a reward program activation there (1 request per 50) and then asks for each (1 request or more per patient).`,
		options: [
			{
				name: 'Groups',
				value: 'groups',
				description: `The ${records} of every patient with a reward program activation in the groups (1 request per 50 patients + 1 or more per patient)`,
			},
			{
				name: 'Organization',
				value: 'organization',
				description: `The ${records} of every patient with a reward program activation in your credential's organization (1 request per 50 patients + 1 or more per patient)`,
			},
			{ name: 'Patient', value: 'patient', description: `The ${records} of one patient` },
		],
	};
}

export interface PerPatientGetMany {
	endpoint: string;
	/** The query of one patient's request, the patient (and, if the API needs them, the groups) given. */
	query: (
		this: IExecuteFunctions,
		itemIndex: number,
		patient: string,
		groups?: string,
	) => IDataObject;
	/** The API needs `filter[groups]` with the patient (reward earnings). */
	needsGroups: boolean;
}

/**
 * `execute` of a Get Many of a per-patient collection with the Scope field: for one patient, the plain Get Many
 * (`perPatient`); for groups or the credential's organization, a walk of the patients with an activation there.
 */
export function getManyOfPatients(
	perPatient: GetManyExecute,
	walk: PerPatientGetMany,
): GetManyExecute {
	const execute = async function (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		session: ApiSession,
	) {
		const scopes = items.map((_, itemIndex) =>
			this.getNodeParameter('scope', itemIndex, 'patient'),
		);
		if (scopes.every((scope) => scope === 'patient'))
			return await perPatient.call(this, items, session);
		return await forEachItem.call(this, session, items, async (itemIndex) => {
			const scope = scopes[itemIndex];
			const limit = getLimit.call(this, itemIndex);
			const simplify = getSimplify.call(this, session, itemIndex);
			let patients: string[];
			let groups: string | undefined;
			if (scope === 'patient') {
				patients = [getIdParameter.call(this, 'patientId', 'Patient', itemIndex)];
			} else if (scope === 'groups' || scope === 'organization') {
				const scopeQuery: IDataObject =
					scope === 'groups'
						? { 'filter[groups]': requiredGroups.call(this, itemIndex) }
						: {
								'filter[organization]': await credentialOrganizationId.call(
									this,
									session,
									itemIndex,
								),
							};
				patients = (
					await patientsInScope(session, 'rewardProgramActivations', scopeQuery, { itemIndex })
				).patients;
				if (walk.needsGroups)
					groups =
						scope === 'groups'
							? (scopeQuery['filter[groups]'] as string)
							: await groupsOfOrganization(session, scopeQuery['filter[organization]'] as string, {
									itemIndex,
								});
				if (groups === '') return [];
			} else {
				return inputError.call(
					this,
					itemIndex,
					`'Scope' "${String(scope)}" is not one of Patient, Groups, Organization`,
					"Set 'Scope' to Patient, Groups or Organization.",
				);
			}
			if (walk.needsGroups && scope === 'patient') groups = requiredGroups.call(this, itemIndex);
			const perPatientRecords = await session.mapConcurrent(
				patients,
				session.settings.concurrency,
				async (patient) =>
					await session.requestAllMapped<IDataObject>(
						walk.endpoint,
						walk.query.call(this, itemIndex, patient, groups),
						{ limit, itemIndex },
						(page) => pageToItems(page, simplify),
					),
			);
			const records = perPatientRecords.flat();
			return limit === undefined ? records : records.slice(0, limit);
		});
	};
	return Object.assign(execute, { collection: perPatient.collection });
}

function requiredGroups(this: IExecuteFunctions, itemIndex: number): string {
	const groups = optionalIdList.call(
		this,
		this.getNodeParameter('groups', itemIndex, []),
		'Group Names or IDs',
		itemIndex,
	);
	return (
		groups ??
		inputError.call(this, itemIndex, "'Group Names or IDs' is empty", 'Pick at least one group.')
	);
}

/** The fields of a Scope Get Many for one patient only (its Count counts one patient's records): Scope and the fields of other scopes dropped. */
export function onePatientFields(fields: INodeProperties[]): INodeProperties[] {
	return fields
		.filter((field) => field.name !== 'scope')
		.filter((field) => {
			const scopes = field.displayOptions?.show?.scope;
			return !scopes || scopes.includes('patient');
		})
		.map((field) => {
			const show = field.displayOptions?.show;
			if (!show?.scope) return field;
			const rest = { ...show };
			delete rest.scope;
			return { ...field, displayOptions: { ...field.displayOptions, show: rest } };
		});
}
