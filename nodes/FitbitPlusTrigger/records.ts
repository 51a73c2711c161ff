/** Pages of records as the trigger reads them: each record checked, the collection's count, request helpers. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ApiSession, DEFAULT_RETRY } from '../shared/transport';
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

/** The API session of one poll, from the trigger's own options. */
export function pollSession(this: IPollFunctions, options: TriggerOptions): ApiSession {
	// The poll has its own deadline (45 s by default in n8n): retries stay short.
	return new ApiSession(this, {
		retry: { ...DEFAULT_RETRY, maxRetries: options.retries, maxWaitSeconds: 10 },
		timeoutMs: options.timeout,
		concurrency: options.concurrency,
		timeoutSetting: "'Timeout' under 'Options'",
	});
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
	session: ApiSession,
): Promise<JsonApiResource[]> {
	const read = async (qs: IDataObject) => {
		const records: JsonApiResource[] = [];
		for await (const document of session.paginate(target.endpoint, qs))
			records.push(...pageRecords.call(this, document));
		return records;
	};
	if (!target.walk) return await read(query);
	const { patients } = await patientsInScope(session, target.walk.source, target.walk.scope);
	const perPatient = await session.mapConcurrent(patients, options.concurrency, async (patient) =>
		read({ ...query, 'filter[patient]': patient }),
	);
	return perPatient.flat();
}
