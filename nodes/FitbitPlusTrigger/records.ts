/** Pages of records as the trigger reads them: each record checked, the collection's count, request helpers. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiRequestOptions } from '../shared/transport';
import { paginate } from '../shared/transport';
import { mapConcurrentRequests } from '../shared/transport/concurrency';
import type { JsonApiDocument, JsonApiResource } from '../shared/transport/jsonApi';
import { patientsInScope } from '../shared/helpers/patientWalk';
import { isObjectId } from '../shared/helpers/validation';
import type { TriggerOptions, WatchTarget } from './target';

function unexpectedBody(this: IPollFunctions, what: string): never {
	throw new NodeApiError(
		this.getNode(),
		{ message: `Fitbit Plus answered with an unexpected body: ${what}` },
		{
			message: `Fitbit Plus answered with an unexpected body: ${what}`,
			description: 'A proxy or gateway in between may have answered instead of the API.',
		},
	);
}

/** The records of a collection page, each checked to have an object id. */
export function pageRecords(this: IPollFunctions, document: JsonApiDocument): JsonApiResource[] {
	const data = document.data;
	if (!Array.isArray(data)) return unexpectedBody.call(this, 'no list of records (`data`)');
	for (const resource of data) {
		if (
			!resource ||
			typeof resource !== 'object' ||
			typeof resource.type !== 'string' ||
			!isObjectId(resource.id)
		) {
			unexpectedBody.call(this, 'a record without a valid id');
		}
	}
	return data;
}

export function totalCount(this: IPollFunctions, document: JsonApiDocument): number {
	const count = document.meta?.count;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
		return unexpectedBody.call(this, 'no record count (`meta.count`)');
	}
	return count;
}

export function requestOptions(options: TriggerOptions): ApiRequestOptions {
	// The poll has its own deadline (45 s by default in n8n): retries stay short.
	return { retry: { maxRetries: options.retries, maxWaitSeconds: 10 }, timeout: options.timeout };
}

/**
 * Every record of the watched collection matching `query`: the node's paging walk, or for a group or
 * organization watch of a per-patient collection, that walk for each patient in scope, a few at a time.
 */
export async function readAll(
	this: IPollFunctions,
	target: WatchTarget,
	query: IDataObject,
	options: TriggerOptions,
	request: ApiRequestOptions,
): Promise<JsonApiResource[]> {
	const read = async (qs: IDataObject) => {
		const records: JsonApiResource[] = [];
		for await (const document of paginate.call(this, target.endpoint, qs, request))
			records.push(...pageRecords.call(this, document));
		return records;
	};
	if (!target.walk) return await read(query);
	const { patients } = await patientsInScope.call(
		this,
		target.walk.source,
		target.walk.scope,
		request,
	);
	const perPatient = await mapConcurrentRequests(
		this,
		patients,
		options.concurrency,
		async (patient) => read({ ...query, 'filter[patient]': patient }),
	);
	return perPatient.flat();
}
