/**
 * Dry Run (version 2 of the creates and updates that take rows: patients, health metrics): every check and
 * mapping runs, and each item's output is what would be sent, with nothing sent (not even a token request), so
 * a first import of thousands of EMR rows can be looked at before it writes health records.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fromVersion } from '../../shared/helpers/version';

const DRY_RUN = 'dryRun';

export const dryRunField: INodeProperties = {
	displayName: 'Dry Run',
	name: DRY_RUN,
	type: 'boolean',
	noDataExpression: true,
	default: false,
	displayOptions: { show: fromVersion(2) },
	description:
		'Whether to check and build everything without sending anything to Fitbit Plus: each item shows the request it would send (a batch once, on its first item)',
};

/** Whether this run is a dry run (one setting for the whole run; off where the operation has no such field). */
export function isDryRun(this: IExecuteFunctions): boolean {
	return this.getNodeParameter(DRY_RUN, 0, false) === true;
}

/** A request that a dry run did not send: its method, path and body, exactly as a real run sends them. */
export interface UnsentRequest {
	method: 'POST' | 'PUT' | 'PATCH';
	path: string;
	body: IDataObject;
}

/** The output of an item that sends its own request (update, upsert). */
export function dryRunRequest(request: UnsentRequest): IDataObject {
	return { dryRun: true, request: { ...request } };
}

/**
 * The output of the items of one batch (a create sent in batches): each item its own resource as built from its
 * row, with its batch number and place in it, so rows and resources read side by side; the batch's whole
 * request only on its first item, so 5,000 rows in batches of 100 carry 50 requests, not 5,000 copies of them.
 */
export function dryRunBatch(
	request: UnsentRequest,
	batch: { number: number; of: number; items: string },
	resources: IDataObject[],
): IDataObject[] {
	return resources.map((resource, position) => ({
		dryRun: true,
		batch: batch.number,
		batches: batch.of,
		batchItems: batch.items,
		position,
		data: resource,
		...(position === 0 ? { request: { ...request } } : {}),
	}));
}
