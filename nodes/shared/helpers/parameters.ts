/** Required parameters of an operation, read and checked in one call (refused before any request). */
import type { IExecuteFunctions } from 'n8n-workflow';

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
