/**
 * The document a create, update or upsert sends: with Send Body As JSON, the JSON Body checked to be one resource
 * of the operation's type (and, for an update, of the record chosen); else what the fields build. Then sent.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiSession } from '../../shared/transport';
import { BODY_FROM, JSON_BODY } from './fieldsDocument';
import { documentItems } from './operations';
import { inputError, parseJsonParameter, requireOption } from '../../shared/helpers/validation';

/** An update must change something: refuses, before any request, when every part (attributes, relationships) is empty. */
export function requireChanges(
	this: IExecuteFunctions,
	itemIndex: number,
	...parts: Array<IDataObject | undefined>
): void {
	if (parts.every((part) => part === undefined || Object.keys(part).length === 0)) {
		inputError.call(
			this,
			itemIndex,
			'Nothing to update',
			"Add at least one field under 'Update Fields'.",
		);
	}
}

/** Sends a JSON:API document (create, update, upsert) and returns the resource the API answers with as items. */
export async function sendDocument(
	this: IExecuteFunctions,
	session: ApiSession,
	method: 'POST' | 'PATCH' | 'PUT',
	path: string,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject[]> {
	const document = await session.request(method, path, { body, itemIndex, expect: 'resource' });
	return documentItems.call(this, session, document, itemIndex);
}

/** Send Body As (`documentFields()`): build the body from the fields, or send the JSON Body as given. */
export type BodyFrom = 'fields' | 'json';

const BODY_FROM_VALUES = ['fields', 'json'] as const;

/** Send Body As for one item ('fields' when the operation has no such field). */
export function getBodyFrom(this: IExecuteFunctions, itemIndex: number): BodyFrom {
	return requireOption.call(
		this,
		this.getNodeParameter(BODY_FROM, itemIndex, 'fields'),
		BODY_FROM_VALUES,
		'Send Body As',
		itemIndex,
	) as BodyFrom;
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shown(value: unknown): string {
	return (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))).slice(
		0,
		40,
	);
}

/** The JSON Body of one item, parsed: refused, before any request, when it is not JSON or not an object. */
function parseJsonBody(this: IExecuteFunctions, itemIndex: number, type: string): IDataObject {
	const parsed: unknown = parseJsonParameter.call(
		this,
		this.getNodeParameter(JSON_BODY, itemIndex, ''),
		'JSON Body',
		itemIndex,
	);
	if (!isObject(parsed)) {
		return inputError.call(
			this,
			itemIndex,
			"'JSON Body' is a list, not a JSON:API document",
			`Give one document: {"data": {"type": "${type}", …}}.`,
		);
	}
	return parsed;
}

/**
 * Checks the resource object of a JSON Body (`where` names it: `data`, or `` for a bare resource): an object of
 * the operation's `type` and, where `id` is given (an update), of that record, if it names one.
 */
function checkJsonResource(
	this: IExecuteFunctions,
	resource: unknown,
	where: string,
	type: string,
	itemIndex: number,
	id?: string,
): IDataObject {
	const path = (name: string) => (where === '' ? name : `${where}.${name}`);
	if (!isObject(resource)) {
		const hint = `Give {"data": {"type": "${type}", "attributes": {…}}}.`;
		if (Array.isArray(resource))
			return inputError.call(
				this,
				itemIndex,
				`'JSON Body': ${where} is a list; send one ${type} per item`,
				hint,
			);
		return inputError.call(this, itemIndex, `'JSON Body' has no ${where} object`, hint);
	}
	const given = resource.type;
	if (given === undefined || given === null || given === '') {
		inputError.call(
			this,
			itemIndex,
			`'JSON Body' has no ${path('type')}`,
			`Set ${path('type')} to "${type}".`,
		);
	}
	if (given !== type) {
		inputError.call(
			this,
			itemIndex,
			`'JSON Body' is a "${shown(given)}" resource, but this operation sends a "${type}"`,
			`Set ${path('type')} to "${type}", or pick the resource and operation that send a "${shown(given)}".`,
		);
	}
	if (id !== undefined && resource.id !== undefined && resource.id !== id) {
		inputError.call(
			this,
			itemIndex,
			`'JSON Body': ${path('id')} "${shown(resource.id)}" is not the record to update (${id})`,
			`Make ${path('id')} the ID of the record chosen above, or choose that record.`,
		);
	}
	return resource;
}

/**
 * The document to send for one item: with Send Body As JSON, the JSON Body as given, once checked to be a
 * JSON:API document whose `data` is one `type` resource (for an update, `id` is the record the path names: a
 * `data.id` must be that one); otherwise the document `fromFields` builds (and validates). Either way before
 * any request; in JSON mode the fields are not read, and Fitbit Plus checks the attributes.
 */
export async function documentBody(
	this: IExecuteFunctions,
	itemIndex: number,
	type: string,
	fromFields: () => IDataObject | Promise<IDataObject>,
	options: { id?: string } = {},
): Promise<IDataObject> {
	if (getBodyFrom.call(this, itemIndex) !== 'json') return await fromFields();
	const document = parseJsonBody.call(this, itemIndex, type);
	checkJsonResource.call(this, document.data, 'data', type, itemIndex, options.id);
	return document;
}

/**
 * The JSON Body of one item of a batched create: one `type` resource (`{type, attributes, relationships}`),
 * or a document `{data: {…}, meta?}` whose `meta` goes with it. Checked like `documentBody()`.
 */
export function jsonBodyResource(
	this: IExecuteFunctions,
	itemIndex: number,
	type: string,
): { resource: IDataObject; meta?: IDataObject } {
	const body = parseJsonBody.call(this, itemIndex, type);
	if (!('data' in body))
		return { resource: checkJsonResource.call(this, body, '', type, itemIndex) };
	const resource = checkJsonResource.call(this, body.data, 'data', type, itemIndex);
	if (body.meta !== undefined && !isObject(body.meta)) {
		inputError.call(
			this,
			itemIndex,
			"'JSON Body': meta is not an object",
			'Give meta as an object, e.g. {"ignore_duplicates": true}, or leave it out.',
		);
	}
	return { resource, meta: body.meta as IDataObject | undefined };
}
