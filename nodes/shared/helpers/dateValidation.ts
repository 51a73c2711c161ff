import type { IExecuteFunctions, IDataObject } from 'n8n-workflow';

import { rangeValue } from './range';
import { inputError, quoted, refuseStructured } from './validation';

// Dates and date ranges as the API takes them (ISO 8601; ranges as `<from>..<to>`), refused before any request.

export function requireIsoDate(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	refuseStructured.call(this, value, label, 'a date', itemIndex);
	const text =
		typeof value === 'string'
			? value.trim()
			: value instanceof Date
				? value.toISOString()
				: String(value ?? '');
	const looksIso =
		/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text);
	if (!looksIso || Number.isNaN(Date.parse(text))) {
		inputError.call(
			this,
			itemIndex,
			`${quoted(label)} "${text.slice(0, 40)}" is not an ISO 8601 date`,
			'Use a date such as 2024-03-01 or 2024-03-01T09:30:00Z.',
		);
	}
	return text;
}

export function buildRange(
	this: IExecuteFunctions,
	range: IDataObject | undefined,
	label: string,
	itemIndex: number,
): string | undefined {
	const from =
		range?.from === undefined || range.from === ''
			? undefined
			: requireIsoDate.call(this, range.from, `'From' of ${quoted(label)}`, itemIndex);
	const to =
		range?.to === undefined || range.to === ''
			? undefined
			: requireIsoDate.call(this, range.to, `'To' of ${quoted(label)}`, itemIndex);
	if (from === undefined && to === undefined) return undefined;
	if (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to)) {
		inputError.call(
			this,
			itemIndex,
			`${quoted(label)}: 'From' must be before 'To'`,
			`'From' is ${from}, 'To' is ${to}: set a 'From' before the 'To'.`,
		);
	}
	return rangeValue(from, to);
}

export function optionalIsoDate(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireIsoDate.call(this, value, label, itemIndex);
}

export function requireDateOrder(
	this: IExecuteFunctions,
	earlier: [label: string, value: unknown],
	later: [label: string, value: unknown],
	itemIndex: number,
	allowEqual = false,
): void {
	const [fromLabel, from] = earlier;
	const [toLabel, to] = later;
	if (typeof from !== 'string' || typeof to !== 'string') return;
	const outOfOrder = allowEqual
		? Date.parse(to) < Date.parse(from)
		: Date.parse(to) <= Date.parse(from);
	if (outOfOrder) {
		inputError.call(
			this,
			itemIndex,
			allowEqual
				? `${quoted(toLabel)} must not be before ${quoted(fromLabel)}`
				: `${quoted(toLabel)} must be after ${quoted(fromLabel)}`,
			`${quoted(fromLabel)} is ${from}, ${quoted(toLabel)} is ${to}: change one of them.`,
		);
	}
}

export function rangeFilterValue(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	const range = (value as { range?: IDataObject } | undefined)?.range;
	return buildRange.call(this, range, label, itemIndex);
}
