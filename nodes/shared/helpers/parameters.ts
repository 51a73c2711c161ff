/** Required parameters of an operation, read and checked in one call (refused before any request). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiSession } from '../transport';
import { requireText } from './validation';
import { requireIsoDate } from './dateValidation';

/** A required text parameter, trimmed; refused when empty, with `hint` saying what to give. */
export function textParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	hint: string,
): string {
	return requireText.call(this, this.getNodeParameter(name, itemIndex), label, itemIndex, hint);
}

/** A required date-time parameter, as ISO 8601. */
export function dateParameter(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	return requireIsoDate.call(this, this.getNodeParameter(name, itemIndex), label, itemIndex);
}

/** Whether a parameter's stored value holds an expression anywhere (a string starting with `=`). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * `getNodeParameter(name, itemIndex, fallback)`, read once per run (kept by the run's session) when the parameter
 * holds no expression: it is then the same for every item, and reading it per item costs most of a 1,000-item
 * run's own CPU. The value is shared between items: callers must not change it.
 */
export function runParameter(
	this: IExecuteFunctions,
	session: ApiSession,
	name: string,
	itemIndex: number,
	fallback: unknown,
): unknown {
	const constant = session.remember(`parameter:${name}`, () =>
		// getNode() copies the whole node: once per parameter and run, not per item.
		holdsExpression(this.getNode().parameters[name])
			? undefined
			: { value: this.getNodeParameter(name, itemIndex, fallback) },
	);
	return constant ? constant.value : this.getNodeParameter(name, itemIndex, fallback);
}

/** Drops keys whose value the user left empty, so updates send only what was set. */
export function withoutEmpty(values: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		if (value === undefined || value === null || value === '') continue;
		result[key] = value;
	}
	return result;
}
