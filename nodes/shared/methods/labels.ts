/** How dropdowns (loadOptions) and locator searches (listSearch) name the records they list. */
import type { IDataObject } from 'n8n-workflow';

import type { JsonApiResource } from '../transport/jsonApi';

export type Label = (attributes: IDataObject) => string;

/** Each resource as `{ name, value }`: its label, or its id where the label is empty. */
export function labelled(
	resources: JsonApiResource[],
	label: Label,
): Array<{ name: string; value: string }> {
	return resources.map((resource) => ({
		name: label(resource.attributes ?? {}) || resource.id,
		value: resource.id,
	}));
}

/** Patients and coaches carry first_name / last_name / email_address (the spec's PatientResource, CoachResource). */
export const personName: Label = (attributes) =>
	[attributes.first_name ?? attributes.given_name, attributes.last_name ?? attributes.family_name]
		.filter(Boolean)
		.join(' ') || String(attributes.email_address ?? attributes.email ?? '');

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
