/** How dropdowns (loadOptions) and locator searches (listSearch) name the records they list. */
import type { IDataObject } from 'n8n-workflow';

import type { JsonApiResource } from '../transport/jsonApi';

/** A record's name in a list, from its attributes (and, where those do not name it, its relationships). */
export type Label = (attributes: IDataObject, resource: JsonApiResource) => string;

/** Each resource as `{ name, value }`: its label, or its id where the label is empty. */
export function labelled(
	resources: JsonApiResource[],
	label: Label,
): Array<{ name: string; value: string }> {
	return resources.map((resource) => ({
		name: label(resource.attributes ?? {}, resource) || resource.id,
		value: resource.id,
	}));
}

/**
 * Entries whose names repeat (two coaches "Maria Garcia") get the end of their id, e.g. "Maria Garcia (…c0ffee)",
 * so a person can tell which one they pick; unique names stay as they are.
 */
export function distinguished<T extends { name: string; value: string }>(entries: T[]): T[] {
	const counts = new Map<string, number>();
	for (const entry of entries) counts.set(entry.name, (counts.get(entry.name) ?? 0) + 1);
	return entries.map((entry) =>
		(counts.get(entry.name) ?? 0) > 1 && entry.name !== entry.value
			? { ...entry, name: `${entry.name} (…${entry.value.slice(-6)})` }
			: entry,
	);
}

/** Patients and coaches carry first_name / last_name / email_address (the spec's PatientResource, CoachResource). */
export const personName: Label = (attributes) =>
	[attributes.first_name ?? attributes.given_name, attributes.last_name ?? attributes.family_name]
		.filter(Boolean)
		.join(' ') || String(attributes.email_address ?? attributes.email ?? '');

/**
 * Patients: the name, then what tells same-named patients apart: an identifier (the MRN where one is labelled
 * so) and the date of birth, e.g. "Ana Lopez · MRN-000123 · born 1971-04-02".
 */
export const patientLabel: Label = (attributes, resource) => {
	const identifiers = (Array.isArray(attributes.identifiers) ? attributes.identifiers : []).filter(
		(identifier): identifier is IDataObject =>
			typeof identifier === 'object' && identifier !== null && Boolean(identifier.value),
	);
	const identifier =
		identifiers.find((candidate) =>
			/mrn/i.test(`${candidate.label ?? ''} ${candidate.system ?? ''}`),
		) ?? identifiers[0];
	const identifierText = identifier ? identifierLabel(identifier) : '';
	return [
		personName(attributes, resource),
		identifierText,
		attributes.birth_date ? `born ${String(attributes.birth_date)}` : '',
	]
		.filter(Boolean)
		.join(' · ');
};

/** "MRN 12345"; a value that already starts with its label ("MRN-000123") stands alone. */
function identifierLabel(identifier: IDataObject): string {
	const value = String(identifier.value);
	const label = String(identifier.label ?? '');
	return label === '' || value.toLowerCase().startsWith(label.toLowerCase())
		? value
		: `${label} ${value}`;
}

/** Groups and organizations. */
export const nameLabel: Label = (attributes) => String(attributes.name ?? '');

export const rewardProgramName: Label = (attributes) =>
	String(attributes.name ?? attributes.title ?? '');

// A health question definition's wording is its `text` attribute.
export const questionText: Label = (attributes) => String(attributes.text ?? '');

export const calendarEventLabel: Label = (attributes) =>
	[attributes.title, attributes.start_at].filter(Boolean).join(' — ');

export const rewardEarningLabel: Label = (attributes) =>
	[
		attributes.earned_at,
		attributes.earned_value !== undefined
			? `${attributes.earned_value} ${attributes.earned_unit ?? ''}`.trim()
			: '',
	]
		.filter(Boolean)
		.join(' — ');

/** The day of an ISO date-time ("2025-01-06T08:00:00Z" → "2025-01-06"). */
const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '');

/** A reward: what it is for, its allocated value and when, e.g. "Walk 10,000 steps · 25 USD · 2025-01-06". */
export const rewardLabel: Label = (attributes) =>
	[
		attributes.description,
		attributes.allocated_value !== undefined
			? `${attributes.allocated_value} ${attributes.allocated_unit ?? ''}`.trim()
			: '',
		day(attributes.allocated_at),
	]
		.filter(Boolean)
		.join(' · ');

/**
 * A reward program activation, named by its program and patient (ids from its relationships; the program's name
 * where known), e.g. "Healthy Habits · patient …0000a1 · activated 2025-01-06".
 */
export function activationLabel(programNames: Map<string, string>): Label {
	return (attributes, resource) => {
		const programId = relatedId(resource, 'reward_program');
		const patientId = relatedId(resource, 'patient');
		return [
			programNames.get(programId) ?? (programId ? `program …${programId.slice(-6)}` : ''),
			patientId ? `patient …${patientId.slice(-6)}` : '',
			attributes.active === false ? 'inactive' : '',
			day(attributes.activated_at) ? `activated ${day(attributes.activated_at)}` : '',
		]
			.filter(Boolean)
			.join(' · ');
	};
}

function relatedId(resource: JsonApiResource, name: string): string {
	const data = (resource.relationships?.[name] as { data?: unknown } | undefined)?.data;
	const ref = Array.isArray(data) ? data[0] : data;
	return typeof ref === 'object' && ref !== null ? String((ref as { id?: unknown }).id ?? '') : '';
}

/** A record named by its patient and a day, e.g. "patient …0000a1 · 2025-01-06" (plan summaries, profiles). */
export function patientDayLabel(dateField: string): Label {
	return (attributes, resource) => {
		const patientId = relatedId(resource, 'patient');
		return [patientId ? `patient …${patientId.slice(-6)}` : '', day(attributes[dateField])]
			.filter(Boolean)
			.join(' · ');
	};
}

/** What was measured, its value and day, e.g. "weight · 81.5 kg · 2025-01-06". */
export const healthMetricLabel: Label = (attributes) =>
	[
		attributes.type,
		attributes.value !== undefined
			? `${String(attributes.value)} ${attributes.unit ?? ''}`.trim()
			: attributes.systolic !== undefined
				? `${attributes.systolic}/${attributes.diastolic} ${attributes.unit ?? ''}`.trim()
				: '',
		day(attributes.occurred_at),
	]
		.filter(Boolean)
		.join(' · ');

/** A health result: its type (or metric) and day, e.g. "metric · weight · 2025-01-06". */
export const healthResultLabel: Label = (attributes) =>
	[attributes.type, attributes.metric_type, day(attributes.occurred_at)]
		.filter(Boolean)
		.join(' · ');

/** A health profile answer: its question's id end, value and day. */
export const healthProfileAnswerLabel: Label = (attributes) => {
	const latest = (attributes.latest ?? {}) as IDataObject;
	const question = String(attributes.question_id ?? '');
	return [
		question ? `question …${question.slice(-6)}` : '',
		latest.value !== undefined ? String(latest.value) : '',
		day(latest.answered_at),
	]
		.filter(Boolean)
		.join(' · ');
};

/** A sent email: its type, address and day, e.g. "welcome · ann@example.org · 2025-01-06". */
export const emailLabel: Label = (attributes) =>
	[attributes.email_type, attributes.email_address, day(attributes.send_time)]
		.filter(Boolean)
		.join(' · ');

/** A reward earning fulfillment (payout): its value and day, e.g. "25 dollar · 2025-01-06". */
export const fulfillmentLabel: Label = (attributes) =>
	[
		attributes.fulfilled_value !== undefined
			? `${attributes.fulfilled_value} ${attributes.fulfilled_unit ?? ''}`.trim()
			: '',
		day(attributes.fulfilled_at),
	]
		.filter(Boolean)
		.join(' · ');
