/**
 * Bulk create: endpoints whose `data` may be an array of resources (`createPatient`, `createPatientHealthMetric`,
 * `createRewardEarning`). The input items are validated first, all of them, before any request; then sent in
 * ⌈N / batchSize⌉ requests; each created resource is paired back to the input item it came from.
 *
 * Usage (inside an operation's `execute`):
 *
 * ```ts
 * return await createInBatches.call(this, items, {
 * 	endpoint: '/patient_health_metric',
 * 	resourceType: 'patient_health_metric',
 * 	batchSize: getBatchSize.call(this),
 * 	buildResource: (itemIndex) => ({ type: 'patient_health_metric', attributes: {…}, relationships: {…} }),
 * 	buildMeta: (itemIndex) => ({ ignore_duplicates: true }), // optional, document-level `meta`
 * });
 * ```
 *
 * With Send Body As JSON (`documentFields(…, { batched: true })`), each item's JSON Body is its resource (and its
 * `meta`, if given as a `{data, meta}` document): `buildResource` and `buildMeta` are not called for it.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JsonApiResource } from '../transport/jsonApi';
import { flattenResource, indexIncluded, primaryResources } from '../transport/jsonApi';
import { getBodyFrom, jsonBodyResource } from './jsonBody';
import { getSimplify } from './operations';
import { inputError, requireNumber } from './validation';
import { apiRequest } from '../transport';
import { dryRunBatch, isDryRun } from './dryRun';
import { asNodeError, jsonApiErrors, responseOf } from '../transport/errors';

// Exported by name below, so the compiled code refers to it as a plain constant (lint reads dist/ too).
const DEFAULT_BATCH_SIZE = 100;
export { DEFAULT_BATCH_SIZE };

/** The "Batch Size" option: put it in the operation's `options` collection (or at the top level). */
export const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_BATCH_SIZE,
	description:
		'How many input items to send in one request. 1 sends one request per item. A failed request fails all the items it carried.',
};

/**
 * Reads the batch size (from the first item: one batch size serves the whole run), checked to be a whole
 * number of 1 or more. `parameter` is the path to the field, e.g. `options.batchSize`.
 */
export function getBatchSize(this: IExecuteFunctions, parameter = 'options.batchSize'): number {
	const raw = this.getNodeParameter(parameter, 0, DEFAULT_BATCH_SIZE);
	const size = requireNumber.call(this, raw, 'Batch Size', 0);
	if (!Number.isInteger(size) || size < 1) {
		inputError.call(
			this,
			0,
			`Batch Size must be a whole number of 1 or more (got ${size})`,
			'Set Batch Size to 1 or more.',
		);
	}
	return size;
}

/** `buildMeta` of a batched create with the Ignore Duplicates option: `{ ignore_duplicates: true }` when on. */
export function ignoreDuplicatesMeta(
	this: IExecuteFunctions,
	itemIndex: number,
): IDataObject | undefined {
	return (this.getNodeParameter('options.ignoreDuplicates', itemIndex, false) as boolean)
		? { ignore_duplicates: true }
		: undefined;
}

export interface CreateInBatchesOptions {
	/** The collection to POST to, e.g. `/patient_health_metric`. */
	endpoint: string;
	/** The resource type created (`data.type`): a JSON Body must be of this type. */
	resourceType: string;
	/** Items per request; 1 sends `data` as one object per request, more sends `data` as an array. */
	batchSize: number;
	/**
	 * The JSON:API resource object (`{ type, attributes, relationships }`) for one input item. Validate here and
	 * throw (e.g. with `inputError`) for bad input: every item is built before the first request.
	 */
	buildResource: (itemIndex: number) => IDataObject | Promise<IDataObject>;
	/**
	 * Optional document-level `meta` for an item (e.g. `{ ignore_duplicates: true }`). Items with different
	 * `meta` never share a request: a batch is cut where it changes.
	 */
	buildMeta?: (itemIndex: number) => IDataObject | undefined;
	/** What one resource is called in messages, e.g. "health metric". */
	label?: string;
	/** Whether to flatten the created resources (default: the item's `simplify` parameter, else true). */
	simplify?: (itemIndex: number) => boolean;
}

interface Batch {
	itemIndexes: number[];
	resources: IDataObject[];
	meta?: IDataObject;
}

function describeItems(itemIndexes: number[]): string {
	if (itemIndexes.length === 1) return `item ${itemIndexes[0]}`;
	const contiguous = itemIndexes.every((index, i) => i === 0 || index === itemIndexes[i - 1] + 1);
	if (contiguous) return `items ${itemIndexes[0]}–${itemIndexes[itemIndexes.length - 1]}`;
	return `items ${itemIndexes.join(', ')}`;
}

/** Input item indexes that the API's error pointers (`/data/<n>/…`) blame, mapped back from batch positions. */
function blamedItems(error: unknown, batch: Batch, asArray: boolean): number[] {
	const blamed = new Set<number>();
	// The API's errors: on a NodeApiError from the transport they are in `errorResponse.errors`.
	const fromNodeError = jsonApiErrors((error as { errorResponse?: unknown })?.errorResponse);
	const apiErrors =
		fromNodeError.length > 0 ? fromNodeError : jsonApiErrors(responseOf(error).body);
	for (const apiError of apiErrors) {
		const pointer = apiError.source?.pointer ?? '';
		const match = /^\/data\/(\d+)(\/|$)/.exec(pointer);
		if (asArray && match) {
			const index = batch.itemIndexes[Number(match[1])];
			if (index !== undefined) blamed.add(index);
		} else if (!asArray && pointer.startsWith('/data')) {
			blamed.add(batch.itemIndexes[0]);
		}
	}
	return [...blamed].sort((a, b) => a - b);
}

function batchErrorMessage(error: unknown): string {
	return (error as Error)?.message ?? String(error);
}

/**
 * Creates one resource per input item in ⌈N / batchSize⌉ requests and returns the created resources, each
 * paired to its input item. Under Continue On Fail, an item that fails validation and every item of a request
 * that fails become error items (paired to their items) and the other batches go on; otherwise the first
 * invalid item stops the run before any request, and a failed request stops it naming the items it carried.
 */
export async function createInBatches(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	options: CreateInBatchesOptions,
): Promise<INodeExecutionData[]> {
	const label = options.label ?? 'resource';
	const batchSize = Math.max(1, Math.floor(options.batchSize));
	const continueOnFail = this.continueOnFail();
	/** Output slots by input item, so the output keeps the input order whatever fails. */
	const outputs: INodeExecutionData[][] = items.map(() => []);

	// 1. Build (and so validate) every item before the first request.
	const built: Array<{ itemIndex: number; resource: IDataObject; meta?: IDataObject }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { resource, meta } =
				getBodyFrom.call(this, itemIndex) === 'json'
					? jsonBodyResource.call(this, itemIndex, options.resourceType)
					: {
							resource: await options.buildResource(itemIndex),
							meta: options.buildMeta?.(itemIndex),
						};
			built.push({
				itemIndex,
				resource,
				meta: meta && Object.keys(meta).length > 0 ? meta : undefined,
			});
		} catch (error) {
			if (!continueOnFail) {
				throw asNodeError(this.getNode(), error, itemIndex);
			}
			outputs[itemIndex].push({
				json: { error: (error as Error).message },
				pairedItem: { item: itemIndex },
			});
		}
	}

	// 2. Cut into batches: at most batchSize items, and never mixing two different `meta`.
	const batches: Batch[] = [];
	let current: Batch | undefined;
	let currentMetaKey = '';
	for (const entry of built) {
		const metaKey = JSON.stringify(entry.meta ?? {});
		if (!current || current.itemIndexes.length >= batchSize || metaKey !== currentMetaKey) {
			current = { itemIndexes: [], resources: [], meta: entry.meta };
			currentMetaKey = metaKey;
			batches.push(current);
		}
		current.itemIndexes.push(entry.itemIndex);
		current.resources.push(entry.resource);
	}

	// 3. Send each batch; pair each created resource to its input item.
	const done: number[] = [];
	for (const [batchNumber, batch] of batches.entries()) {
		const asArray = batchSize > 1;
		const body: IDataObject = { data: asArray ? batch.resources : batch.resources[0] };
		if (batch.meta) body.meta = batch.meta;
		const firstItem = batch.itemIndexes[0];
		if (isDryRun.call(this)) {
			const unsent = { method: 'POST' as const, path: options.endpoint, body };
			const batchInfo = {
				number: batchNumber + 1,
				of: batches.length,
				items: describeItems(batch.itemIndexes),
			};
			dryRunBatch(unsent, batchInfo, batch.resources).forEach((json, position) => {
				const itemIndex = batch.itemIndexes[position];
				outputs[itemIndex].push({ json, pairedItem: { item: itemIndex } });
			});
			continue;
		}
		try {
			const document = await apiRequest.call(this, 'POST', options.endpoint, body, undefined, {
				itemIndex: firstItem,
			});
			const created: JsonApiResource[] = primaryResources(document);
			if (created.length !== batch.itemIndexes.length) {
				throw new NodeOperationError(
					this.getNode(),
					`Fitbit Plus answered ${created.length} created ${label}(s) for ${batch.itemIndexes.length} sent (${describeItems(batch.itemIndexes)}): they cannot be paired to their items`,
					{
						itemIndex: firstItem,
						description:
							'The request went through; check in Fitbit Plus what was created before running again (e.g. with "ignore duplicates" where offered).',
					},
				);
			}
			const included = indexIncluded(document.included);
			created.forEach((resource, position) => {
				const itemIndex = batch.itemIndexes[position];
				const simplify = options.simplify
					? options.simplify(itemIndex)
					: getSimplify.call(this, itemIndex);
				const json = simplify
					? flattenResource(resource, included)
					: (resource as unknown as IDataObject);
				outputs[itemIndex].push({ json, pairedItem: { item: itemIndex } });
			});
			done.push(...batch.itemIndexes);
		} catch (error) {
			const blamed = blamedItems(error, batch, asArray);
			const which = describeItems(batch.itemIndexes);
			const cause =
				blamed.length > 0 ? ` The API named ${describeItems(blamed)} as the cause.` : '';
			const message = `Request ${batchNumber + 1} of ${batches.length} (${which}) failed: ${batchErrorMessage(error)}`;
			if (continueOnFail) {
				for (const itemIndex of batch.itemIndexes) {
					outputs[itemIndex].push({
						json: {
							error: message,
							batch: batchNumber + 1,
							batchItems: which,
							...(blamed.length > 0 ? { causedByThisItem: blamed.includes(itemIndex) } : {}),
						},
						pairedItem: { item: itemIndex },
					});
				}
				continue;
			}
			const already =
				done.length > 0
					? ` ${describeItems(done)} were created by earlier requests; do not send them again.`
					: ' Nothing was created by this run.';
			const description = `None of ${which} were created.${cause}${already}`;
			const failure = asNodeError(this.getNode(), error, blamed[0] ?? firstItem);
			failure.message = message;
			failure.description = `${failure.description ? failure.description + ' ' : ''}${description}`;
			throw failure;
		}
	}
	return outputs.flat();
}
