/**
 * Whole operations that send one JSON:API document per input item (create, update, upsert): an operation file
 * gives its fields, its JSON:API type and a body builder; the factory adds Send Body As / JSON Body, reads the
 * record's id for an update, refuses an update that changes nothing, sends, and returns the answer as items.
 */
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApiSession } from '../../shared/transport';
import { resourcePath } from '../../shared/transport';
import { documentFields } from './fieldsDocument';
import { documentBody, requireChanges, sendDocument } from './jsonBody';
import { forEachItem, getIdParameter, resourceDocument } from './operations';
import { refuseStructured, structuredKind } from '../../shared/helpers/validation';
import { dryRunRequest, isDryRun } from './dryRun';

/** An operation of the node: its fields (with their display options) and what it does with the input items. */
export interface Operation {
	description: INodeProperties[];
	/** Runs the operation over the input items, sending through the run's API session. */
	execute: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		session: ApiSession,
	) => Promise<INodeExecutionData[]>;
}

/** What a body builder makes of one item's fields: the parts of the resource to send, and the document's meta. */
export interface DocumentParts {
	attributes?: IDataObject;
	relationships?: IDataObject;
	/** The document's `meta`, e.g. `{ ignore_duplicates: true }` or an upsert's `{ query: … }`. */
	meta?: IDataObject;
}

type Awaitable<T> = T | Promise<T>;

interface WriteOptions {
	/** Where the fields show: `{ show: { resource: [...], operation: [...] } }`. */
	displayOptions: IDisplayOptions;
	/** The JSON:API type sent (`data.type`), e.g. `calendar_event`. */
	type: string;
	/** The collection's path; `/<type>` when not given. */
	path?: string;
	/** The operation's fields (Send Body As and JSON Body are added around the body fields). */
	properties: INodeProperties[];
	/** What else the JSON Body needs for this operation, as a sentence (shown under JSON Body). */
	note?: string;
	/** The API requires `attributes` in every body of this type, even when empty (patients). */
	alwaysAttributes?: boolean;
}

export interface CreateOptions extends WriteOptions {
	/** The parts to send for one item, from its fields, checked before any request. */
	build: (
		this: IExecuteFunctions,
		itemIndex: number,
		session: ApiSession,
	) => Awaitable<DocumentParts>;
}

export interface UpdateOptions extends WriteOptions {
	/** The locator (or ID field) naming the record to update, and its label for messages. */
	id: { name: string; label: string };
	/** The changes to send for one item, from its fields: only what the user set. */
	build: (
		this: IExecuteFunctions,
		itemIndex: number,
		id: string,
		session: ApiSession,
	) => Awaitable<DocumentParts>;
	/**
	 * Completes the changed attributes before sending (once they are known to change something), e.g. with
	 * attributes the API requires in every update, as the record has them now.
	 */
	complete?: (
		this: IExecuteFunctions,
		itemIndex: number,
		id: string,
		attributes: IDataObject,
		session: ApiSession,
	) => Promise<IDataObject>;
}

/** What each single-value field type holds, for the message when an expression gives an object or array. */
const ONE_VALUE: Record<string, string> = {
	string: 'text',
	number: 'a number',
	options: 'one value',
	dateTime: 'a date',
	boolean: 'true or false',
};

/** The single-value options of an operation's collections (Additional Fields, Update Fields). */
interface CollectionOptions {
	collection: string;
	options: Array<{ name: string; label: string; expected: string; list: boolean }>;
}

/** Read once per operation: the options whose values go to the body as they are (through `withoutEmpty`). */
function collectionOptionsOf(properties: INodeProperties[]): CollectionOptions[] {
	return properties
		.filter((property) => property.type === 'collection' && Array.isArray(property.options))
		.map((property) => ({
			collection: property.name,
			options: (property.options as INodeProperties[])
				.filter((option) => ONE_VALUE[option.type] && !option.typeOptions?.multipleValues)
				.map((option) => ({
					name: option.name,
					label: option.displayName,
					expected: ONE_VALUE[option.type],
					// A text field of IDs takes a list as well as a comma-separated text (requireObjectIds).
					list: option.type === 'string' && /\bIDs\b/.test(option.displayName),
				})),
		}))
		.filter((collection) => collection.options.length > 0);
}

/**
 * Refuses, before the body is built, an object or array an expression gave for a single-value option of the
 * operation's collections, naming the option: passed on, it would be sent as "[object Object]" or "x,y".
 */
function refuseStructuredOptions(
	this: IExecuteFunctions,
	collections: CollectionOptions[],
	itemIndex: number,
): void {
	for (const { collection, options } of collections) {
		const values = this.getNodeParameter(collection, itemIndex, {}) as IDataObject | null;
		if (values === null || typeof values !== 'object') continue;
		for (const { name, label, expected, list } of options) {
			const value = values[name];
			if (list && structuredKind(value) === 'an array') continue;
			refuseStructured.call(this, value, label, expected, itemIndex);
		}
	}
}

function collectionPath(options: WriteOptions): string {
	return options.path ?? `/${options.type}`;
}

/** The request document from the parts a builder made (and, for an update, the record's id). */
function partsDocument(options: WriteOptions, parts: DocumentParts, id?: string): IDataObject {
	const attributes = parts.attributes ?? {};
	const document = resourceDocument(options.type, attributes, parts.relationships, id);
	if (options.alwaysAttributes) (document.data as IDataObject).attributes = attributes;
	if (parts.meta !== undefined) document.meta = parts.meta;
	return document;
}

/** A POST (create) or PUT (upsert) of one document per item to the collection. */
function sendToCollection(method: 'POST' | 'PUT', options: CreateOptions): Operation {
	const path = collectionPath(options);
	const collections = collectionOptionsOf(options.properties);
	return {
		description: updateDisplayOptions(
			options.displayOptions,
			documentFields(options.properties, { type: options.type, note: options.note }),
		),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[], session: ApiSession) {
			return await forEachItem.call(this, session, items, async (itemIndex) => {
				const body = await documentBody.call(this, itemIndex, options.type, async () => {
					refuseStructuredOptions.call(this, collections, itemIndex);
					return partsDocument(options, await options.build.call(this, itemIndex, session));
				});
				if (isDryRun.call(this)) return [dryRunRequest({ method, path, body })];
				return await sendDocument.call(this, session, method, path, body, itemIndex);
			});
		},
	};
}

/** Create: POST one `type` document per item (built by `build`, or the JSON Body) to `/<type>`. */
export function createOperation(options: CreateOptions): Operation {
	return sendToCollection('POST', options);
}

/**
 * Create or update (upsert): PUT one `type` document per item to `/<type>`; `build` names the record to match
 * in the parts' `meta` (e.g. `{ query: … }`).
 */
export function upsertOperation(options: CreateOptions): Operation {
	return sendToCollection('PUT', options);
}

/**
 * Update: PATCH `/<type>/{id}`, the record the `id` field names, with the changes `build` makes (refused when
 * they change nothing), or with the JSON Body (whose `data.id`, if given, must be that record).
 */
export function updateOperation(options: UpdateOptions): Operation {
	const template = `${collectionPath(options)}/{id}`;
	const collections = collectionOptionsOf(options.properties);
	return {
		description: updateDisplayOptions(
			options.displayOptions,
			documentFields(options.properties, {
				type: options.type,
				keep: [options.id.name],
				update: true,
				note: options.note,
			}),
		),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[], session: ApiSession) {
			return await forEachItem.call(this, session, items, async (itemIndex) => {
				const id = getIdParameter.call(this, options.id.name, options.id.label, itemIndex);
				const body = await documentBody.call(
					this,
					itemIndex,
					options.type,
					async () => {
						refuseStructuredOptions.call(this, collections, itemIndex);
						const parts = await options.build.call(this, itemIndex, id, session);
						requireChanges.call(this, itemIndex, parts.attributes, parts.relationships);
						const attributes =
							options.complete && parts.attributes
								? await options.complete.call(this, itemIndex, id, parts.attributes, session)
								: parts.attributes;
						return partsDocument(options, { ...parts, attributes }, id);
					},
					{ id },
				);
				const path = resourcePath(template, { id });
				if (isDryRun.call(this)) return [dryRunRequest({ method: 'PATCH', path, body })];
				return await sendDocument.call(this, session, 'PATCH', path, body, itemIndex);
			});
		},
	};
}
