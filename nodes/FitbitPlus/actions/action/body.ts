/** The attributes of an action from the fields of `fields.ts` (Create and Update). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	inputError,
	parseJsonParameter,
	quoted,
	requireNumber,
	requireOption,
} from '../../../shared/helpers/validation';
import { optionalIsoDate } from '../../../shared/helpers/dateValidation';
import { identifiersAttribute } from '../../helpers/identifiers';

/** The action types the spec lists. */
const ACTION_TYPES = ['other_lifestyle'] as const;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function jsonObject(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject | undefined {
	if (value === undefined || value === '') return undefined;
	const parsed = parseJsonParameter.call(this, value, label, itemIndex);
	if (Array.isArray(parsed))
		inputError.call(
			this,
			itemIndex,
			`${quoted(label)} must be a JSON object, not a list`,
			'Give one JSON object, e.g. {"key": "value"}.',
		);
	return parsed;
}

function bound(
	this: IExecuteFunctions,
	value: unknown,
	unit: unknown,
	label: string,
	itemIndex: number,
): IDataObject | undefined {
	if (value === undefined || value === '' || value === null) return undefined;
	const result: IDataObject = { value: requireNumber.call(this, value, label, itemIndex) };
	if (text(unit)) result.unit = text(unit);
	return result;
}

/** Attributes from the optional action fields the user set (only those). */
export function optionalActionAttributes(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const attributes: IDataObject = {};
	const effectiveTo = optionalIsoDate.call(this, fields.effective_to, 'Effective To', itemIndex);
	if (effectiveTo !== undefined) attributes.effective_to = effectiveTo;
	if (typeof fields.tracking === 'boolean') attributes.tracking = fields.tracking;
	if (typeof fields.metric_required === 'boolean')
		attributes.metric_required = fields.metric_required;
	if (text(fields._thread)) attributes._thread = text(fields._thread);
	if (fields.frequencyDays !== undefined) {
		const days = (
			Array.isArray(fields.frequencyDays) ? fields.frequencyDays : [fields.frequencyDays]
		).map((day) => {
			const number = requireNumber.call(this, day, 'Frequency Goal day', itemIndex);
			if (!Number.isInteger(number) || number < 0 || number > 6) {
				inputError.call(
					this,
					itemIndex,
					`Frequency Goal day ${number} is not a day of the week`,
					'Use 0 (Sunday) to 6 (Saturday).',
				);
			}
			return number;
		});
		attributes.frequency_goal = { weeks: { days: [...new Set(days)].sort() } };
	}
	if (fields.identifiers !== undefined)
		attributes.identifiers = identifiersAttribute.call(this, fields.identifiers, itemIndex);
	for (const [name, label] of [
		['details', 'Details (JSON)'],
		['intake', 'Intake (JSON)'],
	] as const) {
		const value = jsonObject.call(this, fields[name], label, itemIndex);
		if (value !== undefined) attributes[name] = value;
	}
	if (fields.metrics !== undefined) {
		const entries = ((fields.metrics as IDataObject).metric ?? []) as IDataObject[];
		attributes.metrics = entries.map((entry, position) => {
			const label = `'Metric' ${position + 1}`;
			const metric: IDataObject = {};
			if (text(entry.metric_type)) metric.metric_type = text(entry.metric_type);
			if (text(entry.unit)) metric.unit = text(entry.unit);
			const goal = jsonObject.call(this, entry.goal, `'Goal (JSON)' of ${label}`, itemIndex);
			if (goal !== undefined && Object.keys(goal).length > 0) metric.goal = goal;
			const minimum = bound.call(
				this,
				entry.minimumValue,
				entry.minimumUnit,
				`'Minimum Value' of ${label}`,
				itemIndex,
			);
			const maximum = bound.call(
				this,
				entry.maximumValue,
				entry.maximumUnit,
				`'Maximum Value' of ${label}`,
				itemIndex,
			);
			if (minimum && maximum && (minimum.value as number) > (maximum.value as number)) {
				inputError.call(
					this,
					itemIndex,
					`${label}: 'Minimum Value' is above 'Maximum Value'`,
					"Lower the 'Minimum Value' or raise the 'Maximum Value'.",
				);
			}
			if (minimum || maximum)
				metric.validations = { ...(minimum ? { minimum } : {}), ...(maximum ? { maximum } : {}) };
			return metric;
		});
	}
	if (fields.windows !== undefined) {
		const entries = ((fields.windows as IDataObject).window ?? []) as IDataObject[];
		attributes.windows = entries.map((entry, position) => {
			const type = text(entry.type);
			if (!type)
				inputError.call(
					this,
					itemIndex,
					`'Window' ${position + 1} has no 'Type'`,
					'The API requires each window to have a type, e.g. morning.',
				);
			return {
				type,
				...(text(entry.title) ? { title: text(entry.title) } : {}),
				...(text(entry._id) ? { _id: text(entry._id) } : {}),
			};
		});
	}
	return attributes;
}

export function actionType(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	return requireOption.call(this, value, ACTION_TYPES, 'Type', itemIndex);
}
