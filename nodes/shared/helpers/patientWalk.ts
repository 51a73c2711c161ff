/**
 * Collections the API lists only per patient (health results, reward earnings and fulfillments) read for a
 * group or a whole organization: find the patients in scope, then make the per-patient requests, a few at a
 * time (`mapConcurrent`). Cost: 1 request per page of 50 patients (or activations), then 1 or more per patient.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiSession, PageOptions } from '../transport';
import type { JsonApiDocument, JsonApiResource } from '../transport/jsonApi';
import { pageToItems } from '../transport/jsonApi';
import type { GetManyExecute } from './operations';
import { forEachItem, getIdParameter, getLimit, getSimplify } from './operations';
import { credentialOrganizationId } from './organization';
import { inputError, optionalIdList } from './validation';

/** How many per-patient requests a walk keeps in flight unless told otherwise. */
export const DEFAULT_WALK_CONCURRENCY = 4;

/** Where the patients of a walk come from. */
export type PatientSource =
	/** Every patient of the groups or organization (`/patient`). */
	| 'patients'
	/** Patients with a reward program activation in the groups or organization: the only ones with earnings. */
	| 'rewardProgramActivations';

export interface PatientsInScope {
	/** Patient ids, in the order the API listed them, each once. */
	patients: string[];
	/** With `rewardProgramActivations`: each patient's activations as listed. */
	activations: Map<string, JsonApiResource[]>;
	requests: number;
}

/** A page's records; never read as "no records" when the body has none (a walk would forget what it saw). */
function pageData(
	session: ApiSession,
	document: JsonApiDocument,
	options: PageOptions,
): JsonApiResource[] {
	if (Array.isArray(document.data)) return document.data;
	const message = 'Fitbit Plus answered with an unexpected body: no list of records (`data`)';
	throw new NodeApiError(
		session.context.getNode(),
		{ message },
		{
			message,
			description: 'A proxy or gateway in between may have answered instead of the API.',
			itemIndex: options.itemIndex,
		},
	);
}

/** The id a to-one relationship points at, if any. */
function relatedId(resource: JsonApiResource, name: string): string | undefined {
	const data = resource.relationships?.[name]?.data;
	return data && !Array.isArray(data) && typeof data.id === 'string' ? data.id : undefined;
}

/**
 * The patients of `scope` (`filter[groups]` or `filter[organization]`, as the API's query takes them): every
 * page of the source collection, 50 a request.
 */
export async function patientsInScope(
	session: ApiSession,
	source: PatientSource,
	scope: IDataObject,
	options: PageOptions = {},
): Promise<PatientsInScope> {
	const endpoint = source === 'patients' ? '/patient' : '/reward_program_activation';
	const patients: string[] = [];
	const activations = new Map<string, JsonApiResource[]>();
	let requests = 0;
	for await (const document of session.paginate(endpoint, scope, options)) {
		requests++;
		for (const resource of pageData(session, document, options)) {
			const patient = source === 'patients' ? resource.id : relatedId(resource, 'patient');
			if (patient === undefined) continue;
			let list = activations.get(patient);
			if (!list) {
				activations.set(patient, (list = []));
				patients.push(patient);
			}
			if (source === 'rewardProgramActivations') list.push(resource);
		}
	}
	return { patients, activations, requests };
}

/** Every group of an organization, as `filter[groups]` takes them (reward earnings need groups with a patient). */
export async function groupsOfOrganization(
	session: ApiSession,
	organization: string,
	options: PageOptions = {},
): Promise<string> {
	const ids: string[] = [];
	for await (const document of session.paginate(
		'/group',
		{ 'filter[organization]': organization },
		options,
	)) {
		for (const group of pageData(session, document, options)) ids.push(group.id);
	}
	return [...new Set(ids)].sort().join(',');
}

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
					`Scope "${String(scope)}" is not one of Patient, Groups, Organization`,
					'Set Scope to Patient, Groups or Organization.',
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
		'Groups',
		itemIndex,
	);
	return groups ?? inputError.call(this, itemIndex, 'Groups is empty', 'Pick at least one group.');
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
