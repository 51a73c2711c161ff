import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
} from 'n8n-workflow';

import type { JsonApiDocument } from '../../shared/transport/jsonApi';
import { documentToItems, pageToItems } from '../../shared/transport/jsonApi';
import type { ApiSession } from '../../shared/transport';
import { resourcePath } from '../../shared/transport';
import { asNodeError, toolErrorMessage } from '../../shared/transport/errors';
import {
	ItemOrder,
	ItemSkipped,
	LaneLimit,
	mapConcurrent,
} from '../../shared/transport/concurrency';
import { runParameter } from '../../shared/helpers/parameters';
import {
	agentLimit,
	agentOutput,
	boundedForAgent,
	newestForAgent,
	runsAsTool,
} from '../../shared/helpers/agentOutput';
import { newestFirst } from '../../shared/helpers/newestFirst';
import { nodeVersion } from '../../shared/helpers/version';
import { inputError, requireNumber, requireObjectId } from '../../shared/helpers/validation';

/** What one input item produced: output items (each paired back to that input item). */
export type ItemResult = IDataObject[];

/**
 * Runs `handle` for each input item, up to Concurrency items at once (Request Options); the output keeps the
 * input order and pairing whatever finishes first. Failures become error items under Continue On Fail, else
 * stop the run with the first failed item's error. Each item sends its first request only once every earlier
 * item has sent one (`ItemOrder`): bad input stops the later items before they send, as in a sequential loop.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	session: ApiSession,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	if (items.length === 0) return [];
	const concurrency = Math.min(session.settings.concurrency, items.length);
	const continueOnFail = this.continueOnFail();
	const order = concurrency > 1 ? new ItemOrder() : undefined;
	const outputs: INodeExecutionData[][] = [];
	/** The first failed item (without Continue On Fail): no later item starts, and the run throws its error. */
	let failure: { itemIndex: number; error: unknown } | undefined;
	const fail = (itemIndex: number, error: unknown) => {
		if (failure && failure.itemIndex < itemIndex) return;
		failure = { itemIndex, error };
		order?.stop(itemIndex);
	};
	const run = async (itemIndex: number): Promise<void> => {
		if (failure) return;
		try {
			const results = await handle(itemIndex);
			// One pairing object for all of an item's records, shared as n8n's constructExecutionMetaData shares
			// it: a Return All of 100,000 records keeps 100,000 fewer objects.
			const pairedItem = { item: itemIndex };
			outputs[itemIndex] = results.map((json) => ({ json, pairedItem }));
		} catch (error) {
			if (error instanceof ItemSkipped) return;
			if (continueOnFail) {
				const message = runsAsTool.call(this, session)
					? toolErrorMessage(error)
					: asNodeError(this.getNode(), error, itemIndex).message;
				outputs[itemIndex] = [{ json: { error: message }, pairedItem: { item: itemIndex } }];
			} else fail(itemIndex, error);
		} finally {
			order?.clear(itemIndex);
		}
	};
	const indexes = items.map((_, itemIndex) => itemIndex);
	if (order) {
		const lanes = new LaneLimit(concurrency);
		await session.concurrently(
			{ order, lanes },
			async () => await mapConcurrent(indexes, lanes, run),
		);
	} else for (const itemIndex of indexes) await run(itemIndex);
	if (failure) throw asNodeError(this.getNode(), failure.error, failure.itemIndex);
	return outputs.flat();
}

/**
 * The id a resource locator value (`{ __rl, mode, value }`) or a plain value holds: text trimmed, '' if none; any
 * other value (an object an expression gave) as it is, for the check to refuse by its type.
 */
function locatorValue(raw: unknown): unknown {
	const value =
		raw !== null && typeof raw === 'object' && ('__rl' in raw || ('mode' in raw && 'value' in raw))
			? (raw as INodeParameterResourceLocator).value
			: raw;
	if (value === undefined || value === null) return '';
	return typeof value === 'string'
		? value.trim()
		: typeof value === 'object'
			? value
			: String(value);
}

/** A required id from a resource locator value or a plain string (e.g. a locator inside a collection), checked. */
export function locatorId(
	this: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
): string {
	return requireObjectId.call(this, locatorValue(raw), label, itemIndex);
}

/** An optional id from a resource locator value or a plain string: undefined when empty, else checked. */
export function optionalLocatorId(
	this: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	return locatorValue(raw) === '' ? undefined : locatorId.call(this, raw, label, itemIndex);
}

/** The id a resource locator (or a plain string parameter) holds, checked before any request. */
export function getIdParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	return locatorId.call(
		this,
		this.getNodeParameter(name, itemIndex, '', { extractValue: true }),
		label,
		itemIndex,
	);
}

/** Simplify on or off; always on for a model that gets compact records (they are made from flat items). */
export function getSimplify(
	this: IExecuteFunctions,
	session: ApiSession,
	itemIndex: number,
): boolean {
	if (agentOutput.call(this, session, itemIndex)?.compact) return true;
	return runParameter.call(this, session, 'simplify', itemIndex, true) as boolean;
}

/** Return All, or the Limit checked to be a positive whole number. */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = requireNumber.call(
		this,
		this.getNodeParameter('limit', itemIndex, 50),
		'Limit',
		itemIndex,
	);
	if (!Number.isInteger(limit) || limit < 1) {
		inputError.call(
			this,
			itemIndex,
			`'Limit' must be a whole number of 1 or more (got ${limit})`,
			"Set 'Limit' to 1 or more, or turn on 'Return All'.",
		);
	}
	return limit;
}

export function documentItems(
	this: IExecuteFunctions,
	session: ApiSession,
	document: JsonApiDocument,
	itemIndex: number,
): IDataObject[] {
	return documentToItems(document, getSimplify.call(this, session, itemIndex));
}

/** GET one resource by the id in parameter `idParameter`: `execute` of every Get operation. */
export function getById(
	template: string,
	idParameter: string,
	label: string,
	buildQuery?: QueryBuilder,
) {
	return async function execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		session: ApiSession,
	) {
		return await forEachItem.call(this, session, items, async (itemIndex) => {
			const id = getIdParameter.call(this, idParameter, label, itemIndex);
			const qs = buildQuery ? await buildQuery.call(this, itemIndex, session) : undefined;
			const document = await session.request('GET', resourcePath(template, { id }), {
				qs,
				itemIndex,
				expect: 'resource',
			});
			return documentItems.call(this, session, document, itemIndex);
		});
	};
}

/** Builds an operation's query string for one item (may ask the API, e.g. for the credential's organization). */
export type QueryBuilder = (
	this: IExecuteFunctions,
	itemIndex: number,
	session: ApiSession,
) => IDataObject | Promise<IDataObject>;

/** A collection path, fixed or built per item (may ask the API, e.g. for the credential's token id). */
export type EndpointBuilder =
	| string
	| ((this: IExecuteFunctions, itemIndex: number, session: ApiSession) => string | Promise<string>);

/** The collection a Get Many reads and how it builds its query: what a Count of the same collection sends. */
export interface CollectionQuery {
	endpoint: EndpointBuilder;
	buildQuery?: QueryBuilder;
}

/** A Get Many's `execute`, carrying its collection so that the resource's Count asks with the same filters. */
export type GetManyExecute = ((
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: ApiSession,
) => Promise<INodeExecutionData[]>) & { collection: CollectionQuery };

/** The path of a collection for one item. */
export async function collectionPath(
	this: IExecuteFunctions,
	session: ApiSession,
	endpoint: EndpointBuilder,
	itemIndex: number,
): Promise<string> {
	return typeof endpoint === 'function' ? await endpoint.call(this, itemIndex, session) : endpoint;
}

/** How a Get Many lists for an AI model from node version 2: newest first by this time attribute. */
export interface GetManyOptions {
	newestFirstBy?: string;
}

/**
 * GET a collection with Return All / Limit over cursor paging: `execute` of every Get Many operation. As an AI
 * tool, at most Max Records per Call, with a note when more exist; with `newestFirstBy` (node version 2), the
 * newest records by that time (see helpers/newestFirst.ts).
 */
export function getMany(
	endpoint: EndpointBuilder,
	buildQuery?: QueryBuilder,
	options: GetManyOptions = {},
): GetManyExecute {
	const execute = async function (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		session: ApiSession,
	) {
		return await forEachItem.call(this, session, items, async (itemIndex) => {
			// The limit first: the path and query builders may ask the API.
			const limit = getLimit.call(this, itemIndex);
			const agent = agentOutput.call(this, session, itemIndex);
			const bound = agent ? agentLimit(agent, limit) : undefined;
			const path = await collectionPath.call(this, session, endpoint, itemIndex);
			const qs = buildQuery ? await buildQuery.call(this, itemIndex, session) : {};
			// Flattened page by page: the raw pages are not all kept in memory next to the output.
			const simplify = getSimplify.call(this, session, itemIndex);
			const timeField = options.newestFirstBy;
			if (agent && bound && timeField && nodeVersion.call(this) >= 2) {
				const list = await newestFirst(session, path, qs, { timeField, simplify, itemIndex });
				return newestForAgent(list, bound.shown, agent, timeField);
			}
			const records = await session.requestAllMapped<IDataObject>(
				path,
				qs,
				{ limit: bound?.fetch ?? limit, itemIndex },
				(page) => pageToItems(page, simplify),
			);
			return agent && bound ? boundedForAgent(records, bound.shown, agent) : records;
		});
	};
	return Object.assign(execute, { collection: { endpoint, buildQuery } });
}

/** A JSON:API request document for one resource. */
export function resourceDocument(
	type: string,
	attributes: IDataObject,
	relationships?: IDataObject,
	id?: string,
): IDataObject {
	const data: IDataObject = { type };
	if (id !== undefined) data.id = id;
	if (Object.keys(attributes).length > 0) data.attributes = attributes;
	if (relationships && Object.keys(relationships).length > 0) data.relationships = relationships;
	return { data };
}

/** A to-one relationship by id. */
export function relationshipTo(type: string, id: string): IDataObject {
	return { data: { type, id } };
}

/** A to-many relationship by ids. */
export function relationshipToMany(type: string, ids: string[]): IDataObject {
	return { data: ids.map((id) => ({ type, id })) };
}

/** A boolean filter as the query string wants it; undefined when not set. */
export function booleanQuery(value: unknown): string | undefined {
	return typeof value === 'boolean' ? String(value) : undefined;
}

/** A relationship by the spec's `meta.query` (find the related record by its attributes), to-one or to-many. */
export function relationshipByQuery(type: string, query: IDataObject, toMany = false): IDataObject {
	const identifier = { type, meta: { query } };
	return { data: toMany ? [identifier] : identifier };
}
