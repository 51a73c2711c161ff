import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The API's ids are 24-hex-digit object ids. */
export const OBJECT_ID_REGEX = '^[0-9a-fA-F]{24}$';
const OBJECT_ID = new RegExp(OBJECT_ID_REGEX);

export function isObjectId(value: unknown): boolean {
	return typeof value === 'string' && OBJECT_ID.test(value);
}

/**
 * What the checks below need of n8n's context: the node, for the error. The trigger uses them too (it has no
 * items: its itemIndex is undefined).
 */
export type CheckContext = { getNode(): INode };

/**
 * A parameter's or field's name as messages write it, in single quotes ('Batch Size'), as n8n's UX guidelines
 * ask; a name already quoted (or holding a quoted part) stays as it is.
 */
export function quoted(name: string): string {
	return name.includes("'") ? name : `'${name}'`;
}

/** Throws, before any request, a NodeOperationError that names the item and what to fix. */
export function inputError(
	this: CheckContext,
	itemIndex: number | undefined,
	message: string,
	description?: string,
): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/**
 * "an object" or "an array" for a value an expression gave where one value belongs (a date or a Luxon DateTime
 * is one value); undefined for anything else.
 */
export function structuredKind(value: unknown): 'an object' | 'an array' | undefined {
	if (Array.isArray(value)) return 'an array';
	if (value === null || typeof value !== 'object') return undefined;
	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null ? 'an object' : undefined;
}

/**
 * Refuses, before any request, an object or array where one value (`expected`: text, an ID, a number…) belongs:
 * sent on, it would read "[object Object]" or "x,y", or pass for an empty field.
 */
export function refuseStructured(
	this: CheckContext,
	value: unknown,
	label: string,
	expected: string,
	itemIndex: number | undefined,
): void {
	const kind = structuredKind(value);
	if (kind === undefined) return;
	inputError.call(
		this,
		itemIndex,
		`${quoted(label)} must be ${expected} (got ${kind})`,
		`An expression gave ${kind} here: point it at the value inside, e.g. {{ $json.name.first }} rather than {{ $json.name }}.`,
	);
}

/** A required id (path id or relationship), checked to be an object id. */
export function requireObjectId(
	this: CheckContext,
	value: unknown,
	label: string,
	itemIndex: number | undefined,
): string {
	refuseStructured.call(this, value, label, 'a Fitbit Plus ID', itemIndex);
	const text: string =
		typeof value === 'string'
			? value.trim()
			: value === undefined || value === null
				? ''
				: String(value);
	if (text === '') {
		inputError.call(
			this,
			itemIndex,
			`${quoted(label)} is empty`,
			`Set ${quoted(label)}: pick one from the list or enter its ID.`,
		);
	}
	if (!isObjectId(text)) {
		inputError.call(
			this,
			itemIndex,
			`${quoted(label)} "${text.slice(0, 40)}" is not a Fitbit Plus ID`,
			'Fitbit Plus IDs are 24 hexadecimal characters, e.g. 58c4554710123c5c40dbab81.',
		);
	}
	return text;
}

/** A comma-separated or listed set of ids, each checked. */
export function requireObjectIds(
	this: CheckContext,
	value: unknown,
	label: string,
	itemIndex: number | undefined,
): string[] {
	if (!Array.isArray(value))
		refuseStructured.call(this, value, label, 'Fitbit Plus IDs', itemIndex);
	const list = Array.isArray(value)
		? value
		: String(value ?? '')
				.split(',')
				.map((part) => part.trim())
				.filter((part) => part !== '');
	return list.map((id) => requireObjectId.call(this, id, label, itemIndex));
}

/** An ISO 8601 date-time, as n8n's date pickers and expressions give them; returned unchanged if valid. */
/**
 * A range filter's value, `<from>..<to>` (start inclusive, end exclusive). A side left empty is sent as a bound
 * meaning "any" (the spec never shows an open side); a From after its To is refused.
 */
/** A value that must be one of the options the API accepts (expressions can bring anything). */
export function requireOption<T extends string>(
	this: CheckContext,
	value: unknown,
	allowed: readonly T[],
	label: string,
	itemIndex: number | undefined,
): T {
	refuseStructured.call(this, value, label, 'one value', itemIndex);
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		inputError.call(
			this,
			itemIndex,
			`${quoted(label)} "${String(value).slice(0, 40)}" is not one of the values Fitbit Plus accepts`,
			`Use one of: ${allowed.join(', ')}.`,
		);
	}
	return value as T;
}

/** A finite number (a field an expression may fill with text). */
export function requireNumber(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): number {
	refuseStructured.call(this, value, label, 'a number', itemIndex);
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: NaN;
	if (!Number.isFinite(number)) {
		inputError.call(
			this,
			itemIndex,
			`${quoted(label)} "${String(value).slice(0, 40)}" is not a number`,
			`Give ${quoted(label)} as a number.`,
		);
	}
	return number;
}

/** A yes/no (a boolean field an expression may fill with "true" or "false"). */
export function requireBoolean(
	this: CheckContext,
	value: unknown,
	label: string,
	itemIndex: number | undefined,
): boolean {
	if (typeof value === 'boolean') return value;
	refuseStructured.call(this, value, label, 'true or false', itemIndex);
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (text === 'true' || text === 'false') return text === 'true';
	return inputError.call(
		this,
		itemIndex,
		`${quoted(label)} "${String(value).slice(0, 40)}" is not true or false`,
		`Give ${quoted(label)} as true or false.`,
	);
}

/** The JSON body option for experts: an object (or, where the API takes them, an array), parsed here. */
export function parseJsonParameter(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject {
	if (value !== null && typeof value === 'object') return value as IDataObject;
	try {
		const parsed = JSON.parse(String(value));
		if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
		return parsed as IDataObject;
	} catch {
		return inputError.call(
			this,
			itemIndex,
			`${quoted(label)} is not valid JSON`,
			'Give a JSON object, e.g. {"data": {"type": "group", "attributes": {"name": "Cardiology"}}}.',
		);
	}
}

/** An optional date-time (a field the user may leave empty), checked to be ISO 8601; undefined when empty. */
/**
 * Two dates in order, where both are known: `later` after `earlier` (with `allowEqual`, not before it). Each is
 * `[label, value]`; a value that is not a string (not set) skips the check.
 */
/** A range filter's value (`from..to`) from a `rangeFilter()` field, or undefined when it is empty. */
/** An optional comma list (or multiOptions array) of ids, each checked, joined as the API's filters take them. */
export function optionalIdList(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	const ids = requireObjectIds.call(this, value, label, itemIndex);
	return ids.length > 0 ? ids.join(',') : undefined;
}

/** A number that must be greater than (or, with `orEqual`, at least) `min`. */
export function requireNumberAbove(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	min: number,
	orEqual = false,
): number {
	const number = requireNumber.call(this, value, label, itemIndex);
	if (orEqual ? number < min : number <= min) {
		inputError.call(
			this,
			itemIndex,
			`${quoted(label)} must be ${orEqual ? 'at least' : 'greater than'} ${min} (got ${number})`,
			`Set ${quoted(label)} to ${orEqual ? min + ' or more' : 'more than ' + min}.`,
		);
	}
	return number;
}

/** A required text (a name, a title): trimmed, refused when empty. */
export function requireText(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	description: string,
): string {
	refuseStructured.call(this, value, label, 'text', itemIndex);
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') inputError.call(this, itemIndex, `${quoted(label)} is empty`, description);
	return text;
}

/**
 * A text field of an update: undefined when the user did not add it, trimmed when they did, and refused when
 * added but empty (the API does not take an empty one).
 */
export function optionalRequiredText(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	description = `Remove ${quoted(label)} or give it a value.`,
): string | undefined {
	refuseStructured.call(this, value, label, 'text', itemIndex);
	if (typeof value !== 'string') return undefined;
	return requireText.call(this, value, label, itemIndex, description);
}

/** An optional text (a field that may be left empty): trimmed, '' when empty; an object or array is refused. */
export function optionalText(
	this: CheckContext,
	value: unknown,
	label: string,
	itemIndex: number | undefined,
): string {
	refuseStructured.call(this, value, label, 'text', itemIndex);
	return value === undefined || value === null ? '' : String(value).trim();
}
