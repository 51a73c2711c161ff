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

import { resourcePath } from '../transport';
import { documentFields } from './fieldsDocument';
import { documentBody, requireChanges, sendDocument } from './jsonBody';
import { forEachItem, getIdParameter, resourceDocument } from './operations';
import { dryRunRequest, isDryRun } from './dryRun';

/** An operation of the node: its fields (with their display options) and what it does with the input items. */
export interface Operation {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
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
	build: (this: IExecuteFunctions, itemIndex: number) => Awaitable<DocumentParts>;
}

export interface UpdateOptions extends WriteOptions {
	/** The locator (or ID field) naming the record to update, and its label for messages. */
	id: { name: string; label: string };
	/** The changes to send for one item, from its fields: only what the user set. */
	build: (this: IExecuteFunctions, itemIndex: number, id: string) => Awaitable<DocumentParts>;
	/**
	 * Completes the changed attributes before sending (once they are known to change something), e.g. with
	 * attributes the API requires in every update, as the record has them now.
	 */
	complete?: (
		this: IExecuteFunctions,
		itemIndex: number,
		id: string,
		attributes: IDataObject,
	) => Promise<IDataObject>;
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
	return {
		description: updateDisplayOptions(
			options.displayOptions,
			documentFields(options.properties, { type: options.type, note: options.note }),
		),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await forEachItem.call(this, items, async (itemIndex) => {
				const body = await documentBody.call(this, itemIndex, options.type, async () =>
					partsDocument(options, await options.build.call(this, itemIndex)),
				);
				if (isDryRun.call(this)) return [dryRunRequest({ method, path, body })];
				return await sendDocument.call(this, method, path, body, itemIndex);
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
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await forEachItem.call(this, items, async (itemIndex) => {
				const id = getIdParameter.call(this, options.id.name, options.id.label, itemIndex);
				const body = await documentBody.call(
					this,
					itemIndex,
					options.type,
					async () => {
						const parts = await options.build.call(this, itemIndex, id);
						requireChanges.call(this, itemIndex, parts.attributes, parts.relationships);
						const attributes =
							options.complete && parts.attributes
								? await options.complete.call(this, itemIndex, id, parts.attributes)
								: parts.attributes;
						return partsDocument(options, { ...parts, attributes }, id);
					},
					{ id },
				);
				const path = resourcePath(template, { id });
				if (isDryRun.call(this)) return [dryRunRequest({ method: 'PATCH', path, body })];
				return await sendDocument.call(this, 'PATCH', path, body, itemIndex);
			});
		},
	};
}
