/**
 * Collections the API lists only per patient (health results, reward earnings and fulfillments) read for a
 * group or a whole organization: the patients in scope, which the node's Get Many
 * (`FitbitPlus/helpers/perPatient.ts`) and the trigger's walks then ask for, a few at a time (`mapConcurrent`).
 * Cost: 1 request per page of 50 patients (or activations), then 1 or more per patient.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiSession, PageOptions } from '../transport';
import type { JsonApiDocument, JsonApiResource } from '../transport/jsonApi';

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
