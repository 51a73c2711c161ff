/**
 * Collections the API lists only per patient (health results, reward earnings and fulfillments) read for a
 * group or a whole organization: find the patients in scope, then make the per-patient requests, a few at a
 * time (`mapConcurrent`). Cost: 1 request per page of 50 patients (or activations), then 1 or more per patient.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiRequestOptions, FitbitPlusContext } from '../transport';
import { paginate } from '../transport';
import type { JsonApiResource } from '../transport/jsonApi';

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
	this: FitbitPlusContext,
	source: PatientSource,
	scope: IDataObject,
	options: ApiRequestOptions = {},
): Promise<PatientsInScope> {
	const endpoint = source === 'patients' ? '/patient' : '/reward_program_activation';
	const patients: string[] = [];
	const activations = new Map<string, JsonApiResource[]>();
	let requests = 0;
	for await (const document of paginate.call(this, endpoint, scope, options)) {
		requests++;
		if (!Array.isArray(document.data)) {
			// Never read as "no patients": a walk that lost its patients would forget what it had seen.
			throw new NodeApiError(
				this.getNode(),
				{ message: 'Fitbit Plus answered with an unexpected body: no list of records (`data`)' },
				{
					message: 'Fitbit Plus answered with an unexpected body: no list of records (`data`)',
					description: 'A proxy or gateway in between may have answered instead of the API.',
					itemIndex: options.itemIndex,
				},
			);
		}
		for (const resource of document.data) {
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
