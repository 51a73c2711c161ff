/** The body fields of an operation that sends a JSON:API document: Send Body As, JSON Body, body options. */
import type { INodeProperties } from 'n8n-workflow';

import { byDisplayName } from '../../shared/helpers/fields';

/** The parameters of the JSON body option: Send Body As (`bodyFrom`) and JSON Body (`jsonBody`). */
export const BODY_FROM = 'bodyFrom';
export const JSON_BODY = 'jsonBody';

/** Shows a field only when the body is built from the fields (Send Body As = Fields Below). */
function onlyWithFields(property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, [BODY_FROM]: ['fields'] },
		},
	};
}

/**
 * Shows an option of a collection that stays in both modes (e.g. Options holding Batch Size) only when the
 * body is built from the fields: for options that shape the body, e.g. Ignore Duplicates (`meta`).
 */
function bodyOption(property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, [`/${BODY_FROM}`]: ['fields'] },
		},
	};
}

export interface DocumentFieldsOptions {
	/** The JSON:API resource type the operation sends (`data.type`), e.g. `patient`. */
	type: string;
	/**
	 * Fields that stay in both modes: the record a path names (the record to update), and Options holding
	 * Batch Size. Simplify is always kept. Every other field is part of the body and hides in JSON mode.
	 */
	keep?: string[];
	/** One resource per input item, sent in batches (`createInBatches`). */
	batched?: boolean;
	/** An update of the record a kept field names: the JSON Body's `data.id` is that record's ID. */
	update?: boolean;
	/** What else the JSON Body needs for this operation, as a sentence (e.g. the record's ID for an update). */
	note?: string;
}

/**
 * The fields of an operation that sends a JSON:API document (create, update, upsert), with the JSON body
 * option for experts: Send Body As (Fields Below, the default, or JSON) before the body fields, the JSON Body
 * after them. The body fields show only with Fields Below, the JSON Body only with JSON; the `keep` fields and
 * Simplify show in both. Read the body with `documentBody()` (or `createInBatches()` with `resourceType`).
 */
export function documentFields(
	properties: INodeProperties[],
	options: DocumentFieldsOptions,
): INodeProperties[] {
	const keep = new Set([...(options.keep ?? []), 'simplify']);
	const isBody = (property: INodeProperties) => !keep.has(property.name);
	const first = properties.findIndex(isBody);
	if (first < 0) throw new Error(`documentFields(${options.type}): no body field`);
	let last = first;
	properties.forEach((property, index) => {
		if (isBody(property)) last = index;
	});
	const { type } = options;
	const example = options.batched
		? `{"type": "${type}", "attributes": {…}, "relationships": {…}}`
		: `{"data": {"type": "${type}", "attributes": {…}, "relationships": {…}}}`;
	const description = [
		options.batched
			? `One ${type} resource per input item, e.g. ${example}, or a {"data": {…}} document (its "meta" goes with it: items with different meta are sent in different requests). The items are still sent in batches of 'Batch Size'.`
			: `The JSON:API document to send, e.g. ${example}.`,
		options.update ? 'Give "id": the ID of the record to update (as chosen above).' : '',
		options.note ?? '',
		`${options.batched ? 'Each is' : 'It is'} sent as given: Fitbit Plus, not this node, checks the attributes and relationships.`,
	]
		.filter((sentence) => sentence !== '')
		.join(' ');
	const defaultBody = options.batched
		? { type, attributes: {}, relationships: {} }
		: { data: { type, attributes: {}, relationships: {} } };
	const sendBodyAs: INodeProperties = {
		displayName: 'Send Body As',
		name: BODY_FROM,
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Fields Below',
				value: 'fields',
				description: 'Fill in the fields; they are checked before anything is sent',
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'For experts: give the JSON:API document yourself; it is sent as given',
			},
		],
		default: 'fields',
		description: 'Whether to build the request body from the fields below or to give it as JSON',
	};
	const jsonBody: INodeProperties = {
		displayName: 'JSON Body',
		name: JSON_BODY,
		type: 'json',
		required: true,
		default: JSON.stringify(defaultBody, null, 2),
		description,
		displayOptions: { show: { [BODY_FROM]: ['json'] } },
	};
	return [
		...properties.slice(0, first),
		sendBodyAs,
		...properties
			.slice(first, last + 1)
			.map((property) => (isBody(property) ? onlyWithFields(property) : property)),
		jsonBody,
		...properties.slice(last + 1),
	];
}

/**
 * Ignore Duplicates (the API's `meta.ignore_duplicates`), an option of a create; `description` says what a
 * duplicate is. Part of the body: hidden when Send Body As is JSON (the JSON Body then carries its own `meta`).
 */
export function ignoreDuplicatesOption(description: string): INodeProperties {
	return bodyOption({
		displayName: 'Ignore Duplicates',
		name: 'ignoreDuplicates',
		type: 'boolean',
		default: false,
		description,
	});
}

/** Additional Fields: the optional body fields of a create (or upsert), each sent only when added. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: byDisplayName(options),
	};
}

/** Update Fields: what an update changes; `description` tells that only the fields added are sent. */
export function updateFields(options: INodeProperties[], description: string): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		options: byDisplayName(options),
	};
}
