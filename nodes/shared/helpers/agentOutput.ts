/**
 * Output sized for AI agents: when the node runs as a tool (n8n's AI Agent or MCP Server Trigger), each record
 * keeps only the fields an assistant needs and a list stops at a bounded number of records, with a note when
 * more exist. Models pay for every character and lose the thread in long lists.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiSession } from '../transport';

const AGENT_OUTPUT = 'agentOutput';
const AGENT_MAX_RECORDS = 'agentMaxRecords';
const DEFAULT_AGENT_MAX_RECORDS = 20;

/**
 * Whether this execution is a tool call. The node type of the tool variant n8n makes of a `usableAsTool` node
 * ends in "Tool" (the AI Agent runs it as an ordinary node of that type, where `isToolExecution()` is false);
 * the MCP Server Trigger runs it in a sub-node context that says so.
 */
export function runsAsTool(this: IExecuteFunctions, session: ApiSession): boolean {
	// Once per run: getNode() copies the whole node, and every item asks (simplify, output for the agent).
	return session.remember(
		'runsAsTool',
		() => this.getNode().type.endsWith('Tool') || this.isToolExecution?.() === true,
	);
}

/** Shown only on the tool variant (`@tool`): the node as a step of a workflow is unchanged. */
const onToolOnly = { show: { '@tool': [true] } };

export const agentOutputFields: INodeProperties[] = [
	{
		displayName: 'Output for the Agent',
		name: AGENT_OUTPUT,
		type: 'options',
		noDataExpression: true,
		displayOptions: onToolOnly,
		options: [
			{
				name: 'Compact',
				value: 'compact',
				description:
					'The fields that matter for each kind of record (names, dates, values, related IDs); no contact details, no bookkeeping fields',
			},
			{
				name: 'Full Records',
				value: 'full',
				description: 'Every field, as the node returns it in a workflow',
			},
		],
		default: 'compact',
		description: 'What the AI model receives for each record',
	},
	{
		displayName: 'Max Records per Call',
		name: AGENT_MAX_RECORDS,
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: onToolOnly,
		default: DEFAULT_AGENT_MAX_RECORDS,
		description:
			'The most records one call returns to the AI model. When more exist, the last entry is a note saying so, so the model narrows its search instead of reading a long list.',
	},
];

export interface AgentOutput {
	compact: boolean;
	maxRecords: number;
}

/** How to shape the output for an AI model; undefined when the node does not run as a tool. */
export function agentOutput(
	this: IExecuteFunctions,
	session: ApiSession,
	itemIndex: number,
): AgentOutput | undefined {
	if (!runsAsTool.call(this, session)) return undefined;
	const mode = this.getNodeParameter(AGENT_OUTPUT, itemIndex, 'compact');
	const max = Number(
		this.getNodeParameter(AGENT_MAX_RECORDS, itemIndex, DEFAULT_AGENT_MAX_RECORDS),
	);
	return {
		compact: mode !== 'full',
		maxRecords: Number.isInteger(max) && max >= 1 ? max : DEFAULT_AGENT_MAX_RECORDS,
	};
}

/**
 * The fields an assistant needs, per JSON:API type (the flat item's `resourceType`). Left out: contact details
 * (email, phones, addresses), bookkeeping (`created_at`, `updated_at`, histories), display settings.
 */
const COMPACT_FIELDS: Record<string, string[]> = {
	patient: [
		'first_name',
		'last_name',
		'birth_date',
		'gender',
		'identifiers',
		'enrolled_at',
		'last_access_at',
		'archived',
		'groups',
		'coaches',
	],
	coach: ['first_name', 'last_name'],
	group: ['name'],
	organization: ['name'],
	calendar_event: [
		'type',
		'title',
		'start_at',
		'end_at',
		'all_day',
		'location',
		'completed_at',
		'owner',
		'attendees',
	],
	calendar_event_response: ['response_status', 'user', 'calendar_event'],
	patient_health_metric: [
		'type',
		'value',
		'systolic',
		'diastolic',
		'unit',
		'occurred_at',
		'patient',
	],
	patient_health_result: [
		'type',
		'metric_type',
		'occurred_at',
		'skipped',
		'data',
		'window',
		'patient',
		'action',
	],
	patient_plan_summary: [
		'patient',
		'adherence',
		'critical',
		'effective_from',
		'actions',
		'bundles',
	],
	action: [
		'type',
		'title',
		'effective_from',
		'effective_to',
		'adherence',
		'frequency_goal',
		'plan',
	],
	bundle: ['type', 'title', 'effective_from', 'effective_to', 'plan', 'actions'],
	reward: [
		'description',
		'allocated_value',
		'allocated_unit',
		'target_at',
		'earned_value',
		'earned_at',
		'fulfilled_value',
		'fulfilled_at',
		'patient',
		'reward_program_activation',
	],
	reward_earning: [
		'earned_value',
		'earned_unit',
		'earned_at',
		'ready_for_fulfillment',
		'fulfilled_value',
		'fulfilled_at',
		'patient',
		'reward',
	],
	reward_earning_fulfillment: [
		'fulfilled_value',
		'fulfilled_unit',
		'fulfilled_at',
		'patient',
		'reward_earning',
	],
	reward_program: [
		'name',
		'tagline',
		'start_at',
		'end_at',
		'budget_value',
		'budget_unit',
		'frozen',
		'group',
	],
	reward_program_activation: [
		'active',
		'activated_at',
		'expires_at',
		'total_allocated_value',
		'total_earned_value',
		'budget_unit',
		'patient',
		'reward_program',
	],
	email_history: ['email_type', 'send_time', 'status_times', 'sender', 'receiver'],
	health_profile: ['patient', 'stats', 'questions'],
	health_profile_answer: ['question_id', 'latest', 'patient'],
	health_question_definition: ['category', 'format', 'text'],
};

/** Fields dropped from every record of a type not listed above. */
const BOOKKEEPING = new Set(['resourceType', 'created_at', 'updated_at']);

function isEmpty(value: unknown): boolean {
	return (
		value === null ||
		value === undefined ||
		value === '' ||
		(Array.isArray(value) && value.length === 0) ||
		(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
	);
}

/** Values shortened where a shorter form says the same: identifiers as "label: value", attendees without ids. */
function compactValue(name: string, value: unknown): unknown {
	if (name === 'identifiers' && Array.isArray(value)) {
		return value.map((identifier: IDataObject) =>
			identifier?.label ? `${identifier.label}: ${identifier.value}` : identifier?.value,
		);
	}
	if (name === 'attendees' && Array.isArray(value)) {
		return value.map((attendee: IDataObject) => ({
			user: attendee?.user,
			response_status: attendee?.response_status,
		}));
	}
	return value;
}

/** One flat record with only the fields that matter for its type, empty values left out. */
export function compactRecord(record: IDataObject): IDataObject {
	const fields = COMPACT_FIELDS[String(record.resourceType)];
	const names = fields
		? ['id', ...fields]
		: Object.keys(record).filter((name) => !BOOKKEEPING.has(name));
	const compact: IDataObject = {};
	for (const name of names) {
		const value = compactValue(name, record[name]);
		if (!isEmpty(value)) compact[name] = value as IDataObject[string];
	}
	return compact;
}

/**
 * Simplify from version 2 on: n8n's guideline for a simplified output, at most 10 fields a workflow uses most,
 * flat. The fields an agent gets (`COMPACT_FIELDS`), but a patient with the contact details a workflow sends to
 * (email, primary phone) and the identifiers as one text.
 */
const SIMPLIFIED_FIELDS: Record<string, string[]> = {
	...Object.fromEntries(
		Object.entries(COMPACT_FIELDS).map(([type, fields]) => [type, fields.slice(0, 9)]),
	),
	patient: [
		'first_name',
		'last_name',
		'birth_date',
		'identifiers',
		'email_address',
		'phone_number',
		'archived',
		'groups',
		'coaches',
	],
};

/** A value as one flat field of a simplified record (version 2's Simplify). */
function simplifiedValue(record: IDataObject, name: string): unknown {
	if (name === 'identifiers') {
		const identifiers = compactValue(name, record.identifiers);
		return Array.isArray(identifiers) ? identifiers.join(', ') : identifiers;
	}
	if (name === 'phone_number') {
		const phones = Array.isArray(record.phone_numbers)
			? (record.phone_numbers as IDataObject[])
			: [];
		return (phones.find((phone) => phone?.primary === true) ?? phones[0])?.value;
	}
	return compactValue(name, record[name]);
}

/**
 * A simplified record as version 2 returns it: `id` and at most 9 more fields of its type, flat; a record of a
 * type not listed (a count, an error item) as it is.
 */
export function simplifiedRecord(record: IDataObject): IDataObject {
	const fields = SIMPLIFIED_FIELDS[String(record.resourceType)];
	if (!fields) return record;
	const simplified: IDataObject = { id: record.id };
	for (const name of fields) {
		const value = simplifiedValue(record, name);
		if (value !== undefined) simplified[name] = value as IDataObject[string];
	}
	return simplified;
}

/** The note that ends a list cut at `shown` records, saying how to reach the others. */
function moreRecordsNote(shown: number, maxRecords: number): IDataObject {
	return {
		note:
			shown < maxRecords
				? `Only the first ${shown} records are listed; more exist. Ask again with a higher limit (at most ${maxRecords}), or narrow the filters.`
				: `Only the first ${shown} records are listed; more exist. Narrow the filters (e.g. a patient, a group, a date range) to find the others.`,
	};
}

/**
 * How many records to fetch for a model and how many to show: at most `maxRecords` (and the caller's limit),
 * plus one fetched to know whether more exist.
 */
export function agentLimit(
	agent: AgentOutput,
	limit: number | undefined,
): { shown: number; fetch: number } {
	const shown = Math.min(limit ?? agent.maxRecords, agent.maxRecords);
	return { shown, fetch: shown + 1 };
}

/** A list as a model gets it: the first `shown` records, and a note ending it when more were found. */
export function boundedForAgent(
	records: IDataObject[],
	shown: number,
	agent: AgentOutput,
): IDataObject[] {
	if (records.length <= shown) return records;
	return [...records.slice(0, shown), moreRecordsNote(shown, agent.maxRecords)];
}

/**
 * A list a model gets newest first (see helpers/newestFirst.ts): the `shown` newest records, and a note ending
 * it when more exist, saying the order and, when the collection was larger than what was read, how many were
 * not read.
 */
export function newestForAgent(
	list: { records: IDataObject[]; unread: number },
	shown: number,
	agent: AgentOutput,
	timeField: string,
): IDataObject[] {
	const { records, unread } = list;
	const more = Math.max(0, records.length - shown) + unread;
	if (more === 0) return records;
	const next =
		shown < agent.maxRecords
			? `Ask again with a higher limit (at most ${agent.maxRecords}), or narrow the filters.`
			: 'Narrow the filters to find older ones.';
	const unreadNote =
		unread > 0
			? ` The ${records.length} records entered last were read and ordered; the ${unread} entered before them were not.`
			: '';
	return [
		...records.slice(0, shown),
		{
			note: `Only the ${Math.min(shown, records.length)} most recent records (by ${timeField}) are listed, newest first; ${more} more exist.${unreadNote} ${next}`,
		},
	];
}
