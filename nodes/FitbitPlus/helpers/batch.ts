/**
 * Bulk create: endpoints whose `data` may be an array of resources (`createPatient`, `createPatientHealthMetric`,
 * `createRewardEarning`). The input items are validated first, all of them, before any request; then sent in
 * ⌈N / batchSize⌉ requests; each created resource is paired back to the input item it came from.
 *
 * Usage (inside an operation's `execute`):
 *
 * ```ts
 * return await createInBatches.call(this, session, items, {
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

import type {
	IncludedIndex,
	JsonApiDocument,
	JsonApiResource,
} from '../../shared/transport/jsonApi';
import { flattenResource, indexIncluded, primaryResources } from '../../shared/transport/jsonApi';
import { getBodyFrom, jsonBodyResource } from './jsonBody';
import { getSimplify } from './operations';
import { inputError, requireNumber } from '../../shared/helpers/validation';
import type { ApiSession } from '../../shared/transport';
import { nodeVersion } from '../../shared/helpers/version';
import type { JsonApiErrorObject } from '../../shared/transport/errors';
import { dryRunBatch, isDryRun } from './dryRun';
import {
	asNodeError,
	itemMessage,
	ofTheRun,
	jsonApiErrors,
	responseOf,
	setMessage,
	withoutItem,
} from '../../shared/transport/errors';

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
		'How many input items to send in one request. 1 sends one request per item. When Fitbit Plus refuses a request, none of the items it carried is created (from node version 2, only those Fitbit Plus names as the cause are refused, where it names them).',
};

/**
 * Reads the batch size (from the first item: one batch size serves the whole run), checked to be a whole
 * number of 1 or more. `parameter` is the path to the field, e.g. `options.batchSize`.
 */
export function getBatchSize(this: IExecuteFunctions, parameter = 'options.batchSize'): number {
	const raw = this.getNodeParameter(parameter, 0, DEFAULT_BATCH_SIZE);
	try {
		const size = requireNumber.call(this, raw, 'Batch Size', 0);
		if (!Number.isInteger(size) || size < 1) {
			inputError.call(
				this,
				0,
				`'Batch Size' must be a whole number of 1 or more (got ${size})`,
				"Set 'Batch Size' to 1 or more.",
			);
		}
		return size;
	} catch (error) {
		// One batch size serves the whole run: its error names no item.
		throw ofTheRun(error as Error);
	}
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

/**
 * A type's guard against creating a record twice: the spec's `meta.ignore_duplicates` on its bulk create. With it
 * (node version 2), the items of a refused batch that the refusal did not name are sent again once, guarded.
 */
export interface DuplicateGuard {
	/** Whether the guard covers this resource (e.g. a patient only with a unique identifier). */
	covers: (resource: IDataObject) => boolean;
	/** Whether `created` is the record `sent` would have created: what the API counts as a duplicate. */
	matches: (sent: IDataObject, created: JsonApiResource) => boolean;
	/** What makes two records duplicates, for messages, e.g. "the same identifier". */
	sameness: string;
	/** Why a resource the guard does not cover is not sent again, e.g. "it has no unique identifier". */
	uncovered: string;
	/**
	 * The `GET <endpoint>` query that finds the record a skipped duplicate stands for, where the API can be asked
	 * (undefined: it cannot, and the item is reported).
	 */
	findQuery?: (
		this: IExecuteFunctions,
		sent: IDataObject,
		itemIndex: number,
		session: ApiSession,
	) => Promise<IDataObject | undefined>;
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
	/** The type's `meta.ignore_duplicates` guard, where the spec offers one (patients, health metrics). */
	duplicateGuard?: DuplicateGuard;
	/**
	 * How a user finds out whether an item was created, for items a refused request may have created, e.g.
	 * "Get Many Reward Earnings for the patient, by Earned At".
	 */
	howToCheck?: string;
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

/** Item indexes as runs, for version 2's messages: "items 0–6, 8–30, 32–49". */
function describeRanges(itemIndexes: number[]): string {
	const sorted = [...itemIndexes].sort((a, b) => a - b);
	const runs: string[] = [];
	for (let start = 0; start < sorted.length;) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
		runs.push(end > start ? `${sorted[start]}–${sorted[end]}` : `${sorted[start]}`);
		start = end + 1;
	}
	return `${sorted.length === 1 ? 'item' : 'items'} ${runs.join(', ')}`;
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

/** The API's errors of a refusal, by the input item their pointer (`/data/<n>/…`) names, in a batch sent as an array. */
function refusalsByItem(error: unknown, batch: Batch): Map<number, JsonApiErrorObject[]> {
	const fromNodeError = jsonApiErrors((error as { errorResponse?: unknown })?.errorResponse);
	const apiErrors =
		fromNodeError.length > 0 ? fromNodeError : jsonApiErrors(responseOf(error).body);
	const byItem = new Map<number, JsonApiErrorObject[]>();
	for (const apiError of apiErrors) {
		const match = /^\/data\/(\d+)(\/|$)/.exec(apiError.source?.pointer ?? '');
		const itemIndex = match ? batch.itemIndexes[Number(match[1])] : undefined;
		if (itemIndex === undefined) continue;
		byItem.set(itemIndex, [...(byItem.get(itemIndex) ?? []), apiError]);
	}
	return new Map([...byItem].sort(([a], [b]) => a - b));
}

/** The field an API error names within its element (`/data/7/relationships/patient` → `relationships/patient`). */
function fieldOf(apiError: JsonApiErrorObject): string {
	return (apiError.source?.pointer ?? '').replace(/^\/data\/\d+\/?/, '');
}

function describeRefusal(apiErrors: JsonApiErrorObject[]): string {
	return apiErrors
		.map((apiError) => {
			const code = apiError.code ? `${apiError.code}: ` : '';
			const field = fieldOf(apiError);
			return `${code}${apiError.detail ?? apiError.title ?? 'no detail given'}${field ? ` (field ${field})` : ''}`;
		})
		.join('; ');
}

/** What the request's error says, without its item (the batch message names the items). */
function batchErrorMessage(error: unknown): string {
	return withoutItem((error as Error)?.message ?? String(error));
}

/**
 * Creates one resource per input item in ⌈N / batchSize⌉ requests and returns the created resources, each
 * paired to its input item. Under Continue On Fail, an item that fails validation and every item of a request
 * that fails become error items (paired to their items) and the other batches go on; otherwise the first
 * invalid item stops the run before any request, and a failed request stops it naming the items it carried.
 * From node version 2, a refusal that names some items of a batch fails only those: see recoverPartialRefusal
 * (Continue On Fail) and partialRefusalError.
 */
export async function createInBatches(
	this: IExecuteFunctions,
	session: ApiSession,
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
				json: { error: asNodeError(this.getNode(), error, itemIndex).message },
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
	const asArray = batchSize > 1;
	const run: BatchRun = {
		session,
		options,
		label,
		outputs,
		resourceOf: new Map(built.map((entry) => [entry.itemIndex, entry.resource])),
		done: [],
		howToCheck: options.howToCheck ?? 'Get Many',
	};
	// Version 2: a refusal that names its items fails only those (see recoverPartialRefusal).
	const partialRefusals = asArray && nodeVersion.call(this) >= 2;
	const { done } = run;
	for (const [batchNumber, batch] of batches.entries()) {
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
		const which = describeItems(batch.itemIndexes);
		const request = `Request ${batchNumber + 1} of ${batches.length}`;
		try {
			const document = await send(run, 'POST', options.endpoint, body, undefined, firstItem);
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
				outputs[itemIndex].push(createdItem.call(this, run, resource, included, itemIndex));
			});
			done.push(...batch.itemIndexes);
		} catch (error) {
			const refusals = partialRefusals ? refusalsByItem(error, batch) : new Map();
			if (refusals.size > 0) {
				const refused: RefusedBatch = { batch, batchNumber, request, which, refusals, error };
				if (!continueOnFail) {
					const later = batches.slice(batchNumber + 1).flatMap((next) => next.itemIndexes);
					throw partialRefusalError.call(this, run, refused, later);
				}
				await recoverPartialRefusal.call(this, run, refused);
				continue;
			}
			const blamed = blamedItems(error, batch, asArray);
			const cause =
				blamed.length > 0 ? ` The API named ${describeItems(blamed)} as the cause.` : '';
			const message = `${request} (${which}): ${batchErrorMessage(error)}`;
			if (continueOnFail) {
				for (const itemIndex of batch.itemIndexes) {
					outputs[itemIndex].push({
						json: {
							error: itemMessage(message, itemIndex),
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
			// The item the API blamed, else the batch's first: the one the message ends with (" [item N]").
			failure.context.itemIndex = blamed[0] ?? firstItem;
			setMessage(failure, message);
			failure.description = `${failure.description ? failure.description + ' ' : ''}${description}`;
			throw failure;
		}
	}
	return outputs.flat();
}

/** What one run of createInBatches shares with the steps below. */
interface BatchRun {
	session: ApiSession;
	options: CreateInBatchesOptions;
	label: string;
	/** Output slots by input item. */
	outputs: INodeExecutionData[][];
	/** The resource built for each item sent. */
	resourceOf: Map<number, IDataObject>;
	/** Items created (and paired) so far. */
	done: number[];
	howToCheck: string;
}

/** A batch the API refused naming some of its items. */
interface RefusedBatch {
	batch: Batch;
	batchNumber: number;
	/** "Request 2 of 3" */
	request: string;
	/** "items 100–199" */
	which: string;
	refusals: Map<number, JsonApiErrorObject[]>;
	error: unknown;
}

/**
 * The transport calls of batched creates, in one place: a batch POSTed, or the GET that finds the record a
 * skipped duplicate stands for.
 */
async function send(
	run: BatchRun,
	method: 'GET' | 'POST',
	endpoint: string,
	body: IDataObject | undefined,
	qs: IDataObject | undefined,
	itemIndex: number,
): Promise<JsonApiDocument> {
	return await run.session.request(method, endpoint, { body, qs, itemIndex });
}

function createdItem(
	this: IExecuteFunctions,
	run: BatchRun,
	resource: JsonApiResource,
	included: IncludedIndex,
	itemIndex: number,
): INodeExecutionData {
	const simplify = run.options.simplify
		? run.options.simplify(itemIndex)
		: getSimplify.call(this, run.session, itemIndex);
	const json = simplify
		? flattenResource(resource, included)
		: (resource as unknown as IDataObject);
	return { json, pairedItem: { item: itemIndex } };
}

function errorItem(itemIndex: number, error: string, fields: IDataObject): INodeExecutionData {
	return {
		json: { error: itemMessage(error, itemIndex), ...fields },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Pairs the answer to a guarded re-send with the items sent, in the order sent: each created resource goes to
 * the next item it matches (the guard's notion of the same record); the items passed over were skipped as
 * duplicates. Undefined when a resource matches no item left: the answer cannot be paired.
 */
function pairGuarded(
	created: JsonApiResource[],
	sent: Batch,
	guard: DuplicateGuard,
): { paired: Array<[number, JsonApiResource]>; skipped: number[] } | undefined {
	const paired: Array<[number, JsonApiResource]> = [];
	const skipped: number[] = [];
	let position = 0;
	for (const resource of created) {
		while (
			position < sent.itemIndexes.length &&
			!guard.matches(sent.resources[position], resource)
		) {
			skipped.push(sent.itemIndexes[position]);
			position++;
		}
		if (position === sent.itemIndexes.length) return undefined;
		paired.push([sent.itemIndexes[position], resource]);
		position++;
	}
	skipped.push(...sent.itemIndexes.slice(position));
	return { paired, skipped };
}

/**
 * Under Continue On Fail (version 2): the items a refusal names become error items with the API's detail; the
 * others are sent again without them, once, with `ignore_duplicates` where the type has that guard (so what the
 * refused request may have created is not created twice), and paired; where it has none, they are not sent
 * again and become error items that say they may or may not have been created.
 */
async function recoverPartialRefusal(
	this: IExecuteFunctions,
	run: BatchRun,
	refused: RefusedBatch,
): Promise<void> {
	const { options, label, outputs, howToCheck } = run;
	const { batch, refusals, request, which } = refused;
	const batchFields = { batch: refused.batchNumber + 1, batchItems: which };
	const named = describeRanges([...refusals.keys()]);
	for (const [itemIndex, apiErrors] of refusals) {
		outputs[itemIndex].push(
			errorItem(itemIndex, `Fitbit Plus refused this item: ${describeRefusal(apiErrors)}`, {
				item: itemIndex,
				fields: apiErrors.map(fieldOf).filter((field) => field !== ''),
				...batchFields,
			}),
		);
	}
	const guard = options.duplicateGuard;
	const others = batch.itemIndexes.filter((itemIndex) => !refusals.has(itemIndex));
	const resend = others.filter((itemIndex) => guard?.covers(run.resourceOf.get(itemIndex)!));
	const unguardedReason = guard
		? ` ('Ignore Duplicates' cannot tell it apart: ${guard.uncovered})`
		: '';
	for (const itemIndex of others.filter((other) => !resend.includes(other))) {
		outputs[itemIndex].push(
			errorItem(
				itemIndex,
				`Not sent again: ${request} (${which}) was refused for ${named}, and this ${label} may or may not have been created by it${unguardedReason}. Check with ${howToCheck} before sending it again.`,
				{ item: itemIndex, mayHaveBeenCreated: true, ...batchFields },
			),
		);
	}
	if (resend.length === 0 || !guard) return;

	const again: Batch = {
		itemIndexes: resend,
		resources: resend.map((itemIndex) => run.resourceOf.get(itemIndex)!),
		meta: { ...batch.meta, ignore_duplicates: true },
	};
	const resent = `sent again without ${named} (refused in ${request}, ${which})`;
	let document: JsonApiDocument;
	try {
		document = await send(
			run,
			'POST',
			options.endpoint,
			{ data: again.resources, meta: again.meta },
			undefined,
			resend[0],
		);
	} catch (error) {
		const blamed = blamedItems(error, again, true);
		for (const itemIndex of resend) {
			outputs[itemIndex].push(
				errorItem(
					itemIndex,
					`The ${label} was ${resent} and refused again: ${batchErrorMessage(error)}. It may or may not have been created by the first request; send it again with 'Ignore Duplicates' on once fixed.`,
					{
						item: itemIndex,
						mayHaveBeenCreated: true,
						causedByThisItem: blamed.includes(itemIndex),
						...batchFields,
					},
				),
			);
		}
		return;
	}
	const created = primaryResources(document);
	const pairing = pairGuarded(created, again, guard);
	if (!pairing) {
		for (const itemIndex of resend) {
			outputs[itemIndex].push(
				errorItem(
					itemIndex,
					`The ${label} was ${resent}: Fitbit Plus answered ${created.length} created ${label}(s) for ${resend.length} sent, which cannot be paired to their items. Check with ${howToCheck}; it was created at most once.`,
					{ item: itemIndex, mayHaveBeenCreated: true, ...batchFields },
				),
			);
		}
		return;
	}
	const included = indexIncluded(document.included);
	for (const [itemIndex, resource] of pairing.paired) {
		outputs[itemIndex].push(createdItem.call(this, run, resource, included, itemIndex));
		run.done.push(itemIndex);
	}
	// Skipped as duplicates: most likely created by the refused request. Found where the API can be asked.
	for (const itemIndex of pairing.skipped) {
		const sent = run.resourceOf.get(itemIndex)!;
		let found: JsonApiResource[] = [];
		let foundIncluded: IncludedIndex = new Map();
		try {
			const query = await guard.findQuery?.call(this, sent, itemIndex, run.session);
			if (query) {
				const answer = await send(run, 'GET', options.endpoint, undefined, query, itemIndex);
				found = primaryResources(answer).filter((resource) => guard.matches(sent, resource));
				foundIncluded = indexIncluded(answer.included);
			}
		} catch {
			found = [];
		}
		if (found.length === 1) {
			outputs[itemIndex].push(createdItem.call(this, run, found[0], foundIncluded, itemIndex));
			run.done.push(itemIndex);
			continue;
		}
		outputs[itemIndex].push(
			errorItem(
				itemIndex,
				`Skipped as a duplicate when ${resent}: a ${label} with ${guard.sameness} already exists, most likely created by the refused request, so it was not created twice. Find it with ${howToCheck}.`,
				{ item: itemIndex, duplicate: true, ...batchFields },
			),
		);
	}
}

/**
 * Without Continue On Fail (version 2) the refusal stops the run, and says what was created, what was not and
 * what may have been: the refused request may have created the items it did not name.
 */
function partialRefusalError(
	this: IExecuteFunctions,
	run: BatchRun,
	refused: RefusedBatch,
	later: number[],
) {
	const { batch, refusals, request, which, error } = refused;
	const named = [...refusals.keys()];
	const others = batch.itemIndexes.filter((itemIndex) => !refusals.has(itemIndex));
	const guard = run.options.duplicateGuard;
	const parts = [...refusals].map(
		([itemIndex, apiErrors]) => `Item ${itemIndex} was refused: ${describeRefusal(apiErrors)}.`,
	);
	if (others.length > 0)
		parts.push(
			`${describeRanges(others)} may or may not have been created by this request: check with ${run.howToCheck} before sending ${others.length === 1 ? 'it' : 'them'} again${guard ? `, or send them again with 'Ignore Duplicates' on (it skips a ${run.label} with ${guard.sameness})` : ''}.`,
		);
	parts.push(
		run.done.length > 0
			? `${describeRanges(run.done)} were created by earlier requests; do not send them again.`
			: 'No earlier request of this run created anything.',
	);
	if (later.length > 0) parts.push(`${describeRanges(later)} were not sent.`);
	const failure = asNodeError(this.getNode(), error, named[0]);
	// The first item Fitbit Plus refused: the one the message ends with (" [item N]").
	failure.context.itemIndex = named[0];
	setMessage(failure, `${request} (${which}): Fitbit Plus refused ${describeRanges(named)}`);
	failure.description = `${failure.description ? failure.description + ' ' : ''}${parts.join(' ')}`;
	return failure;
}
