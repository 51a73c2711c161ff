/**
 * Identifiers: a record's codes in other systems (System, Value, Label), the field and the attribute it sends.
 * Patients and actions both carry them.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../shared/helpers/validation';

/** A sub-field's placeholder and description, the only things that differ between records. */
type Hint = { placeholder?: string; description?: string };

/** The Identifiers field: its System, Value and Label, then any `extra` sub-fields. */
export function identifiersField(
	description: string,
	hints: { system: Hint; value: Hint; label: Hint },
	extra: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Identifiers',
		name: 'identifiers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Identifier',
		default: {},
		description,
		options: [
			{
				displayName: 'Identifier',
				name: 'identifier',
				values: [
					{ displayName: 'System', name: 'system', type: 'string', default: '', ...hints.system },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', ...hints.value },
					{ displayName: 'Label', name: 'label', type: 'string', default: '', ...hints.label },
					...extra,
				],
			},
		],
	};
}

const trimmed = (value: unknown) =>
	value === undefined || value === null ? '' : String(value).trim();

/** The identifiers of an Identifiers field's value, each with both System and Value (or refused). */
export function identifiersAttribute(
	this: IExecuteFunctions,
	collection: unknown,
	itemIndex: number,
): IDataObject[] {
	const list = (collection as IDataObject | undefined)?.identifier;
	return (Array.isArray(list) ? (list as IDataObject[]) : []).map((identifier, index) => {
		const system = trimmed(identifier.system);
		const value = trimmed(identifier.value);
		if (system === '' || value === '') {
			inputError.call(
				this,
				itemIndex,
				`Identifier ${index + 1} needs both a System and a Value`,
				'Fill both, or remove the entry.',
			);
		}
		const result: IDataObject = { system, value };
		if (trimmed(identifier.label) !== '') result.label = trimmed(identifier.label);
		if (typeof identifier.unique === 'boolean') result.unique = identifier.unique;
		return result;
	});
}
