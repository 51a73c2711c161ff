/**
 * The column mapper: n8n's `resourceMapper` parameter, as Airtable v2, Google Sheets v4 and Postgres v2 offer it,
 * for rows (a CSV export, a spreadsheet, a query) whose columns become a record's fields. Map Automatically takes
 * the input columns named like fields; Map Each Column Manually gives every field, with its type and whether it
 * is required, an expression. A resource writes its fields in code (from the spec, which is not shipped); this
 * file makes the parameter, the editor's field list, and each item's values, typed and checked before any
 * request, with the columns that map to nothing reported.
 */
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	ResourceMapperFields,
} from 'n8n-workflow';

import { requireIsoDate } from '../../shared/helpers/dateValidation';
import type { ApiSession } from '../../shared/transport';
import { runsAsTool } from '../../shared/helpers/agentOutput';
import { inputError, requireNumber } from '../../shared/helpers/validation';
import { beforeVersion, fromVersion, nodeVersion } from '../../shared/helpers/version';

const COLUMNS = 'columns';
const AUTO_MAP = 'autoMapInputData';
const DEFINE_BELOW = 'defineBelow';

/** One field of the mapper: a value of an input row, of one of n8n's field types. */
export interface ColumnField {
	/** The key of the mapped value, and the column name Map Automatically takes for it. */
	id: string;
	displayName: string;
	type: 'string' | 'number' | 'boolean' | 'dateTime' | 'options';
	/** Required in a create (and for an upsert, the columns matched on). An update requires nothing. */
	required?: boolean;
	/** The values an `options` field takes, as the API spells them. */
	options?: readonly string[];
	/** The option labels, by value (default: the value itself). */
	optionName?: (value: string) => string;
	/** Other column names EMR exports use for the field, taken by Map Automatically, e.g. "DOB". */
	aliases?: string[];
	/** A field an upsert can match records on (e.g. the MRN). */
	match?: boolean;
}

/** What the mapper of an operation does: add (create), update (nothing required) or upsert (match on columns). */
export type ColumnsMode = 'add' | 'update' | 'upsert';

/**
 * Whether this run uses the mapper: version 2 in a workflow. Version 1 (saved workflows) keeps the field-by-field
 * form, and so does the tool variant: an AI agent fills named fields (`$fromAI()`) better than a column mapping.
 */
export function usesColumns(this: IExecuteFunctions, session: ApiSession): boolean {
	// Once per run: getNode() copies the whole node, and every item asks.
	return session.remember(
		'usesColumns',
		() => nodeVersion.call(this) >= 2 && !runsAsTool.call(this, session),
	);
}

/** Where a form shows: the mapper on version 2 outside the tool; the plain form elsewhere (see `usesColumns`). */
const COLUMNS_FORM: IDisplayOptions = { show: fromVersion(2), hide: { '@tool': [true] } };
const PLAIN_FORMS: IDisplayOptions[] = [
	{ show: beforeVersion(2) },
	{ show: { ...fromVersion(2), '@tool': [true] } },
];

function withDisplay(property: INodeProperties, display: IDisplayOptions): INodeProperties {
	return {
		...property,
		displayOptions: {
			show: { ...property.displayOptions?.show, ...display.show },
			...(property.displayOptions?.hide || display.hide
				? { hide: { ...property.displayOptions?.hide, ...display.hide } }
				: {}),
		},
	};
}

/**
 * An operation's fields in both forms: `plain` (version 1's field-by-field form, also the tool variant's) and
 * `columns` (the mapper form of version 2). `shared` fields (e.g. the groups, Simplify) show in both, after.
 */
export function versionedForms(
	plain: INodeProperties[],
	columns: INodeProperties[],
): INodeProperties[] {
	return [
		...PLAIN_FORMS.flatMap((display) => plain.map((property) => withDisplay(property, display))),
		...columns.map((property) => withDisplay(property, COLUMNS_FORM)),
	];
}

/** The Columns parameter (a `resourceMapper`), its fields listed by the node's `resourceMapping[method]`. */
export function columnsField(options: {
	method: string;
	mode: ColumnsMode;
	words: { singular: string; plural: string };
}): INodeProperties {
	return {
		displayName: 'Columns',
		name: COLUMNS,
		type: 'resourceMapper',
		noDataExpression: true,
		required: true,
		default: { mappingMode: DEFINE_BELOW, value: null },
		typeOptions: {
			resourceMapper: {
				resourceMapperMethod: options.method,
				// n8n's 'update' mode asks for columns to match on; our update names the record by its ID instead.
				mode: options.mode === 'update' ? 'add' : options.mode,
				fieldWords: options.words,
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
	};
}

/** The field list the editor shows for `mode` (the `resourceMapping` method's answer). */
export function mapperFields(fields: ColumnField[], mode: ColumnsMode): ResourceMapperFields {
	return {
		fields: fields.map((field) => ({
			id: field.id,
			displayName: field.displayName,
			type: field.type,
			required: mode !== 'update' && field.required === true,
			defaultMatch: mode === 'upsert' && field.match === true,
			canBeUsedToMatch: mode === 'upsert' && field.match === true,
			display: true,
			...(field.options
				? {
						options: field.options.map((value) => ({
							name: field.optionName?.(value) ?? value,
							value,
						})),
					}
				: {}),
		})),
	};
}

/** A column name as compared: "Date of Birth", "date_of_birth" and "DateOfBirth" are the same column. */
function columnKey(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The field a column maps to under Map Automatically, by its id, display name or an alias. */
function fieldOfColumn(fields: ColumnField[], column: string): ColumnField | undefined {
	const key = columnKey(column);
	return fields.find((field) =>
		[field.id, field.displayName, ...(field.aliases ?? [])].some((name) => columnKey(name) === key),
	);
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

const TRUE_WORDS = ['true', 'yes', 'y', '1'];
const FALSE_WORDS = ['false', 'no', 'n', '0'];

/**
 * One value of a row as its field's type, or an item error saying which field and column and what to give.
 * `source` names where it came from ("column dob", or the field under Map Each Column Manually).
 */
function typedValue(
	this: IExecuteFunctions,
	field: ColumnField,
	raw: unknown,
	source: string,
	itemIndex: number,
): string | number | boolean {
	const label = `'${field.displayName}' (${source})`;
	switch (field.type) {
		case 'number':
			return requireNumber.call(this, raw, label, itemIndex);
		case 'boolean': {
			if (typeof raw === 'boolean') return raw;
			const word = String(raw).trim().toLowerCase();
			if (TRUE_WORDS.includes(word)) return true;
			if (FALSE_WORDS.includes(word)) return false;
			return inputError.call(
				this,
				itemIndex,
				`${label} "${String(raw).slice(0, 40)}" is not yes or no`,
				`Give '${field.displayName}' as true or false (or yes/no).`,
			);
		}
		case 'dateTime': {
			// Map Each Column Manually hands n8n's date values (Luxon DateTime) as they are.
			const iso = (raw as { toISO?: () => string | null })?.toISO?.();
			return requireIsoDate.call(this, iso ?? raw, label, itemIndex);
		}
		case 'options': {
			const allowed = field.options ?? [];
			const text = String(raw).trim();
			const found = allowed.find(
				(value) =>
					value.toLowerCase() === text.toLowerCase() ||
					field.optionName?.(value).toLowerCase() === text.toLowerCase(),
			);
			if (found === undefined) {
				return inputError.call(
					this,
					itemIndex,
					`${label} "${text.slice(0, 40)}" is not one of the values Fitbit Plus accepts`,
					`Use one of: ${allowed.join(', ')}.`,
				);
			}
			return found;
		}
		default:
			if (typeof raw === 'object') {
				return inputError.call(
					this,
					itemIndex,
					`${label} is ${Array.isArray(raw) ? 'a list' : 'an object'}, not text`,
					`Give '${field.displayName}' as one text value.`,
				);
			}
			return String(raw).trim();
	}
}

/** One item's row, mapped: the typed values by field id (empty ones left out) and the columns that map to nothing. */
export interface MappedRow {
	values: IDataObject;
	unmapped: string[];
}

/**
 * The values of item `itemIndex` for `fields`, each of its field's type, checked before any request: under Map
 * Automatically from the input columns (by name, display name or alias), else from Map Each Column Manually.
 * Required fields (and, for an upsert, the columns matched on) must be set.
 */
export function mappedRow(
	this: IExecuteFunctions,
	session: ApiSession,
	itemIndex: number,
	fields: ColumnField[],
	mode: ColumnsMode,
): MappedRow {
	const values: IDataObject = {};
	const unmapped: string[] = [];
	const auto =
		this.getNodeParameter(`${COLUMNS}.mappingMode`, itemIndex, DEFINE_BELOW) === AUTO_MAP;
	const set = (field: ColumnField, raw: unknown, source: string) => {
		if (!isEmpty(raw)) values[field.id] = typedValue.call(this, field, raw, source, itemIndex);
	};
	if (auto) {
		const mapped: Array<[ColumnField, string, unknown]> = [];
		const taken = new Set<string>();
		for (const [column, raw] of Object.entries(this.getInputData()[itemIndex]?.json ?? {})) {
			const field = fieldOfColumn(fields, column);
			if (!field || taken.has(field.id)) unmapped.push(column);
			else {
				taken.add(field.id);
				mapped.push([field, column, raw]);
			}
		}
		// Reported even when a value below is refused: the row had those columns either way.
		noteUnmapped(session, unmapped);
		for (const [field, column, raw] of mapped) set(field, raw, `column "${column}"`);
	} else {
		// Read unvalidated: the checks below give one message per field whichever mode filled it.
		const given = (this.getNodeParameter(
			`${COLUMNS}.value`,
			itemIndex,
			{},
			{ skipValidation: true },
		) ?? {}) as IDataObject;
		for (const field of fields) set(field, given[field.id], 'Columns');
	}
	const matching =
		mode === 'upsert'
			? (this.getNodeParameter(`${COLUMNS}.matchingColumns`, itemIndex, []) as string[])
			: [];
	for (const field of fields) {
		const required = (mode === 'add' || mode === 'upsert') && field.required === true;
		if ((required || matching.includes(field.id)) && !(field.id in values)) {
			inputError.call(
				this,
				itemIndex,
				`'${field.displayName}' is required but empty`,
				auto
					? `Give each row a "${field.id}" column (or one named "${field.displayName}"), or map '${field.displayName}' under 'Map Each Column Manually'.`
					: `Map '${field.displayName}' under 'Columns' to a value or an expression.`,
			);
		}
	}
	return { values, unmapped };
}

/** The input columns that mapped to no field, by run (execution context), with how many items had each. */
/** The input columns of this run that mapped to no field, with how many items had each. */
function unmappedColumns(session: ApiSession): Map<string, number> {
	return session.remember('unmappedColumns', () => new Map<string, number>());
}

function noteUnmapped(session: ApiSession, columns: string[]): void {
	if (columns.length === 0) return;
	const counts = unmappedColumns(session);
	for (const column of columns) counts.set(column, (counts.get(column) ?? 0) + 1);
}

/**
 * Reports the input columns that mapped to no field in this run (under Map Automatically), so none is dropped
 * silently: a hint in the editor's output pane naming them. Call once, after the items are mapped.
 */
export function reportUnmappedColumns(
	this: IExecuteFunctions,
	session: ApiSession,
	what: string,
): void {
	const counts = unmappedColumns(session);
	if (counts.size === 0) return;
	const listed = [...counts]
		.slice(0, 20)
		.map(([column, items]) => `"${column}" (${items} item${items === 1 ? '' : 's'})`);
	const more = counts.size > listed.length ? ` and ${counts.size - listed.length} more` : '';
	this.addExecutionHints({
		message: `${counts.size} input column(s) map to no ${what} field and were not sent: ${listed.join(', ')}${more}. Rename them to a field's name, or map them with Map Each Column Manually.`,
		location: 'outputPane',
	});
}

/** The identifier system an MRN column's values belong to (all rows of one export share it). */
export function mrnSystemField(description: string): INodeProperties {
	return {
		displayName: 'MRN System',
		name: 'mrnSystem',
		type: 'string',
		required: true,
		default: 'medical-record-number',
		description,
	};
}
