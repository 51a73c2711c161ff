/**
 * Deterministic seed data for a believable care organization, and the per-type defaults `insert()` and the
 * admin API use, so a record added at runtime looks like one the API would have made.
 */
import { afterCreate, deriveScope, type ResourceType } from './model';
import type { Relationship, RelRef, Scope, Store, StoredRecord } from './store';

export interface SeedSizes {
	groups: number;
	coaches: number;
	patients: number;
	patientPlanSummaries: number;
	actions: number;
	bundles: number;
	calendarEvents: number;
	calendarEventResponses: number;
	emailHistories: number;
	healthQuestionDefinitions: number;
	healthProfiles: number;
	healthProfileQuestions: number;
	healthProfileAnswers: number;
	patientHealthMetrics: number;
	results: number;
	rewardPrograms: number;
	rewardProgramActivations: number;
	rewards: number;
	rewardEarnings: number;
	rewardEarningFulfillments: number;
}

export const DEFAULT_SIZES: SeedSizes = {
	groups: 3,
	coaches: 5,
	patients: 40,
	patientPlanSummaries: 20,
	actions: 40,
	bundles: 10,
	calendarEvents: 60,
	calendarEventResponses: 10,
	emailHistories: 30,
	healthQuestionDefinitions: 8,
	healthProfiles: 15,
	healthProfileQuestions: 45,
	healthProfileAnswers: 30,
	patientHealthMetrics: 200,
	results: 100,
	rewardPrograms: 2,
	rewardProgramActivations: 20,
	rewards: 30,
	rewardEarnings: 20,
	rewardEarningFulfillments: 10,
};

export const MAX_SIZE = 100_000;

/** Seeded records are stamped from this instant on, a few seconds apart (deterministic, unlike Date.now()). */
const SEED_EPOCH = Date.parse('2025-01-06T08:00:00Z');
const DAY = 86_400_000;

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const GROUP_NAMES = [
	'Diabetes Prevention',
	'Hypertension Clinic',
	'Weight Management',
	'Cardiac Rehabilitation',
	'Prenatal Wellness',
	'Smoking Cessation',
	'Chronic Pain Program',
	'Asthma & COPD Care',
	'Healthy Aging',
	'Employee Wellness',
];
const GROUP_BIOS = [
	'Coaching and lifestyle support for adults at risk of type 2 diabetes.',
	'Blood pressure monitoring and medication adherence for hypertensive patients.',
	'Nutrition and activity coaching toward a healthy weight.',
];
const FIRST = [
	'Olivia',
	'Liam',
	'Emma',
	'Noah',
	'Ava',
	'Elijah',
	'Sophia',
	'Mateo',
	'Isabella',
	'Lucas',
	'Mia',
	'Amelia',
	'James',
	'Harper',
	'Benjamin',
	'Evelyn',
	'Aiden',
	'Camila',
	'Samuel',
	'Priya',
	'Wei',
	'Fatima',
	'Diego',
	'Aisha',
	'Kenji',
	'Grace',
	'Omar',
	'Chloe',
	'Daniel',
	'Zoe',
];
const LAST = [
	'Johnson',
	'Garcia',
	'Nguyen',
	'Patel',
	'Smith',
	'Williams',
	'Brown',
	'Martinez',
	'Okafor',
	'Kim',
	'Rossi',
	'Cohen',
	'Silva',
	'Hughes',
	'Nakamura',
	'Lopez',
	'Anderson',
	'Rivera',
	'Murphy',
	'Schmidt',
	'Haddad',
	'Bennett',
	'Clarke',
	'Dubois',
	'Ivanova',
];
const STREETS = [
	'Maple Ave',
	'Oak Street',
	'Riverside Dr',
	'Elm Court',
	'Harbor Rd',
	'Cedar Lane',
	'Park Blvd',
	'Willow Way',
];
const CITIES: Array<[string, string, string]> = [
	['Boston', 'MA', '021'],
	['Cambridge', 'MA', '021'],
	['Providence', 'RI', '029'],
	['Worcester', 'MA', '016'],
	['Hartford', 'CT', '061'],
];
const TIME_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const EVENT_TYPES = [
	'plan-check-in',
	'reminder',
	'telephone-call',
	'office-visit',
	'video-call',
] as const;
const EVENT_TITLES: Record<string, string> = {
	'plan-check-in': 'Plan Check-In',
	reminder: 'Medication Reminder',
	'telephone-call': 'Telephone Call',
	'office-visit': 'Office Visit',
	'video-call': 'Video Visit',
};
const METRICS: Array<{ type: string; unit: string; loinc: string; base: number; spread: number }> =
	[
		{ type: 'weight', unit: 'lb', loinc: '29463-7', base: 150, spread: 90 },
		{ type: 'blood_glucose', unit: 'mg/dL', loinc: '2339-0', base: 80, spread: 120 },
		{ type: 'heart_rate', unit: 'bpm', loinc: '8867-4', base: 55, spread: 45 },
		{ type: 'blood_pressure', unit: 'mmHg', loinc: '85354-9', base: 0, spread: 0 },
		{ type: 'hemoglobin_a1c', unit: '%', loinc: '4548-4', base: 5, spread: 4 },
		{ type: 'ldl_cholesterol', unit: 'mg/dL', loinc: '13457-7', base: 70, spread: 110 },
		{ type: 'oxygen_saturation', unit: '%', loinc: '59408-5', base: 92, spread: 8 },
	];
const QUESTIONS: Array<{ category: string; text: string; type: string; options: string[] }> = [
	{
		category: 'lifestyle_behaviors',
		text: 'How many days a week do you exercise for 30 minutes or more?',
		type: 'single_choice',
		options: ['0', '1-2', '3-4', '5+'],
	},
	{
		category: 'lifestyle_behaviors',
		text: 'How many servings of fruit and vegetables do you eat a day?',
		type: 'single_choice',
		options: ['0-1', '2-3', '4-5', '6+'],
	},
	{
		category: 'lifestyle_behaviors',
		text: 'Do you use tobacco products?',
		type: 'yes_no',
		options: ['Yes', 'No'],
	},
	{
		category: 'mental_wellbeing',
		text: 'Over the last two weeks, how often have you felt down or hopeless?',
		type: 'single_choice',
		options: ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'],
	},
	{
		category: 'mental_wellbeing',
		text: 'How would you rate your sleep quality?',
		type: 'single_choice',
		options: ['Poor', 'Fair', 'Good', 'Excellent'],
	},
	{
		category: 'preventative_care',
		text: 'When was your last colonoscopy?',
		type: 'last_occurrence',
		options: ["I don't know", "I've never had one", 'Within 5 years', 'More than 5 years ago'],
	},
	{
		category: 'preventative_care',
		text: 'When was your last flu shot?',
		type: 'last_occurrence',
		options: ["I don't know", 'This season', 'Last season', 'Longer ago'],
	},
	{
		category: 'preventative_care',
		text: 'When did you last have your blood pressure checked?',
		type: 'last_occurrence',
		options: ["I don't know", 'Within a year', '1-2 years ago', 'Longer ago'],
	},
];
const EMAIL_TYPES = [
	'invite',
	'reminder',
	'weekly_summary',
	'password_reset',
	'message_notification',
];

export type Made = {
	attributes: Record<string, unknown>;
	relationships: Record<string, Relationship>;
	hint?: Scope;
};

/** Random source + the store, with the lookups the makers need. */
export class Gen {
	readonly rng: () => number;
	/** Seed clock; after seeding, records are stamped with the real clock. */
	clock = SEED_EPOCH;
	readonly planByPatient = new Map<string, string>();
	readonly profileByPatient = new Map<string, string>();
	/** One activation per (patient, program), one earning per reward, one fulfillment per earning. */
	readonly unique = new Set<string>();

	constructor(
		readonly store: Store,
		seed: number,
		public organization = '',
	) {
		this.rng = mulberry32(seed);
	}
	int(min: number, max: number): number {
		return min + Math.floor(this.rng() * (max - min + 1));
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.rng() * items.length)];
	}
	chance(p: number): boolean {
		return this.rng() < p;
	}
	any(type: string): StoredRecord | undefined {
		const records = this.store.collection(type).records;
		return records.length ? records[Math.floor(this.rng() * records.length)] : undefined;
	}
	/** The record a given relationship names (overrides win), else `fallback()`. */
	from(
		given: Record<string, Relationship>,
		name: string,
		type: string,
		fallback: () => StoredRecord | undefined = () => this.any(type),
	): StoredRecord | undefined {
		const d = given[name]?.data;
		if (d && !Array.isArray(d))
			return this.store.get(d.type || type, d.id) ?? this.store.get(type, d.id);
		return fallback();
	}
	/** A random record for which `ok` holds (a few tries, then any): keeps defaults O(1) at 100,000 records. */
	anyWhere(type: string, ok: (r: StoredRecord) => boolean): StoredRecord | undefined {
		for (let i = 0; i < 8; i++) {
			const r = this.any(type);
			if (r && ok(r)) return r;
		}
		return this.any(type);
	}
	ref(type: string, rec: StoredRecord | undefined): Relationship | undefined {
		return rec ? { data: { type, id: rec.id } } : undefined;
	}
	iso(ms: number): string {
		return new Date(ms).toISOString();
	}
	/** A time around `at`: `daysBack` before to `daysAhead` after, on the minute. */
	around(at: number, daysBack: number, daysAhead: number): number {
		const ms = at + Math.floor((this.rng() * (daysBack + daysAhead) - daysBack) * DAY);
		return ms - (ms % 60_000);
	}
	name(): { first: string; last: string } {
		return { first: this.pick(FIRST), last: this.pick(LAST) };
	}
}

function compact(rels: Record<string, Relationship | undefined>): Record<string, Relationship> {
	const out: Record<string, Relationship> = {};
	for (const [k, v] of Object.entries(rels)) if (v) out[k] = v;
	return out;
}

function phone(g: Gen): string {
	return `(${g.int(201, 989)}) 555-${String(g.int(0, 9999)).padStart(4, '0')}`;
}

export type Maker = (g: Gen, at: number, given: Record<string, Relationship>) => Made;

export const makers: Record<ResourceType, Maker> = {
	organization: () => ({ attributes: { name: 'Riverbend Community Health' }, relationships: {} }),

	group: (g) => {
		const n = g.store.collection('group').records.length;
		const name =
			n < GROUP_NAMES.length
				? GROUP_NAMES[n]
				: `${GROUP_NAMES[n % GROUP_NAMES.length]} ${Math.floor(n / GROUP_NAMES.length) + 1}`;
		return { attributes: { name, bio: GROUP_BIOS[n % GROUP_BIOS.length] }, relationships: {} };
	},

	coach: (g) => {
		const { first, last } = g.name();
		const groups = g.store.collection('group').records;
		const own = groups.length ? [g.pick(groups).id] : [];
		if (groups.length > 1 && g.chance(0.3)) {
			const other = g.pick(groups).id;
			if (!own.includes(other)) own.push(other);
		}
		return {
			attributes: { first_name: first, last_name: last },
			relationships: {},
			hint: { groups: own },
		};
	},

	patient: (g, at) => {
		const { first, last } = g.name();
		const n = g.store.collection('patient').records.length + 1;
		const groups = g.store.collection('group').records;
		const group = groups.length ? g.pick(groups) : undefined;
		const coach = g.anyWhere('coach', (c) => !group || !!c.scope.groups?.includes(group.id));
		const [city, state, zip] = g.pick(CITIES);
		const archived = g.chance(0.08);
		const enrolled = g.around(at, 60, 0);
		return {
			attributes: {
				first_name: first,
				last_name: last,
				email_address: `${first}.${last}.${n}@example.org`.toLowerCase(),
				phone_numbers: [
					{ type: g.pick(['mobile', 'home', 'work'] as const), value: phone(g), primary: true },
				],
				addresses: [
					{
						lines: [`${g.int(1, 999)} ${g.pick(STREETS)}`],
						city,
						state,
						postal_code: `${zip}${String(g.int(0, 99)).padStart(2, '0')}`,
						country: 'US',
						use: 'home',
					},
				],
				identifiers: [
					{
						label: 'MRN',
						system: 'https://emr.example.org/mrn',
						value: `MRN-${String(n).padStart(6, '0')}`,
						unique: true,
					},
				],
				birth_date: `${g.int(1938, 2004)}-${String(g.int(1, 12)).padStart(2, '0')}-${String(g.int(1, 28)).padStart(2, '0')}`,
				gender: g.pick(['male', 'female', 'female', 'male', 'other'] as const),
				invited_at: g.iso(enrolled - DAY),
				enrolled_at: g.iso(enrolled),
				archived,
				archive_history: archived
					? [
							{
								archived: true,
								modified_at: g.iso(at),
								reason: 'Moved out of the area',
								notes: 'Transferred care',
							},
						]
					: [],
			},
			relationships: compact({
				groups: { data: group ? [{ type: 'group', id: group.id }] : [] },
				coaches: { data: coach ? [{ type: 'coach', id: coach.id, meta: { primary: true } }] : [] },
			}),
		};
	},

	patient_plan_summary: (g, at, given) => {
		const patient = g.from(given, 'patient', 'patient', () =>
			g.anyWhere('patient', (p) => !g.planByPatient.has(p.id)),
		);
		return {
			attributes: {
				adherence: { due: g.int(0, 20), complete: g.int(0, 20), streak: { count: g.int(0, 10) } },
				critical: {
					blood_glucose: {
						data: { maximum: { unit: 'mg/dL', value: 300 }, minimum: { unit: 'mg/dL', value: 70 } },
					},
				},
				time_zone: g.pick(TIME_ZONES),
				window_order: [],
				effective_from: g.iso(g.around(at, 30, 0)),
				window_notification_times: {
					morning: 25200,
					afternoon: 43200,
					evening: 64800,
					night: 75600,
				},
			},
			relationships: {
				actions: { data: [] },
				bundles: { data: [] },
				patient: { data: patient ? { type: 'patient', id: patient.id } : null },
				current_results: { data: [] },
			},
		};
	},

	action: (g, at, given) => {
		const plan = g.from(given, 'plan', 'patient_plan_summary');
		const metric = g.pick(METRICS);
		const title = `Record ${metric.type.replace(/_/g, ' ')}`;
		return {
			attributes: {
				type: 'other_lifestyle',
				title,
				effective_from: g.iso(g.around(at, 20, 0)),
				tracking: true,
				_thread: metric.type,
				adherence: { due: g.int(0, 14), complete: g.int(0, 14), streak: { count: g.int(0, 7) } },
				frequency_goal: { weeks: { days: [0, 1, 2, 3, 4, 5, 6].filter(() => g.chance(0.6)) } },
				identifiers: [],
				metric_required: g.chance(0.5),
				metrics: [{ metric_type: metric.type, unit: metric.unit, goal: {} }],
				windows: [{ type: g.pick(['morning', 'afternoon', 'evening']) }],
			},
			relationships: compact({ plan: g.ref('patient_plan_summary', plan) }),
		};
	},

	bundle: (g, at, given) => {
		const plan = g.from(given, 'plan', 'patient_plan_summary');
		const actions = (plan?.relationships.actions?.data ?? []) as RelRef[];
		const first = actions[0];
		return {
			attributes: {
				type: 'other_lifestyle',
				title: g.pick(['Heart Health', 'Healthy Eating', 'Active Living', 'Medication Routine']),
				effective_from: g.iso(g.around(at, 20, 0)),
				_thread: first ? String(g.store.get('action', first.id)?.attributes._thread ?? '') : '',
				_actions: actions.map((a) => a.id),
			},
			// The spec declares bundle.actions.data as a single object (its example shows an array): we follow the schema.
			relationships: compact({
				plan: g.ref('patient_plan_summary', plan),
				actions: first ? { data: { type: 'action', id: first.id } } : undefined,
			}),
		};
	},

	calendar_event: (g, at, given) => {
		const patient = g.from(given, 'owner', 'patient');
		const type = g.pick(EVENT_TYPES);
		const coachId = patient ? relIdsOf(patient, 'coaches')[0] : g.any('coach')?.id;
		const start = g.around(at, 60, 120);
		const allDay = type === 'plan-check-in' || (type === 'reminder' && g.chance(0.5));
		const done = start < at && g.chance(0.7);
		const attendees = [
			...(patient
				? [
						{
							_id: g.store.ids.next(at),
							user: patient.id,
							response_status: done ? 'accepted' : 'needsAction',
						},
					]
				: []),
			...(coachId
				? [{ _id: g.store.ids.next(at), user: coachId, response_status: 'accepted' }]
				: []),
		];
		return {
			attributes: {
				type,
				title: EVENT_TITLES[type],
				time_zone: g.pick(TIME_ZONES),
				all_day: allDay,
				start_at: g.iso(allDay ? start - (start % DAY) : start),
				...(type === 'plan-check-in'
					? {}
					: {
							end_at: g.iso(
								allDay ? start - (start % DAY) + DAY : start + g.pick([15, 30, 45, 60]) * 60_000,
							),
						}),
				...(type === 'office-visit'
					? { location: `${g.int(1, 400)} ${g.pick(STREETS)}, Suite ${g.int(100, 450)}` }
					: {}),
				...(done && coachId
					? { completed_at: g.iso(start + 3_600_000), completed_by: { type: 'coach', id: coachId } }
					: {}),
				attendees,
			},
			relationships: compact({ owner: g.ref('patient', patient) }),
		};
	},

	calendar_event_response: (g, _at, given) => {
		const event = g.from(given, 'calendar_event', 'calendar_event');
		const attendees = (event?.attributes.attendees ?? []) as Array<{ _id?: string; user: string }>;
		const attendee = attendees.length ? g.pick(attendees) : undefined;
		const userType = attendee && g.store.get('patient', attendee.user) ? 'patient' : 'coach';
		return {
			attributes: {
				attendee: attendee ? { _id: attendee._id, user: attendee.user } : {},
				response_status: g.pick(['accepted', 'declined', 'tentative'] as const),
			},
			relationships: compact({
				user: attendee ? { data: { type: userType, id: attendee.user } } : undefined,
				calendar_event: g.ref('calendar_event', event),
			}),
		};
	},

	email_history: (g, at, given) => {
		const patient = g.from(given, 'receiver', 'patient');
		const coachId = patient ? relIdsOf(patient, 'coaches')[0] : undefined;
		const sent = g.around(at, 30, 0);
		const opened = g.chance(0.6);
		return {
			attributes: {
				twine_email_id: uuid(g),
				email_address: String(patient?.attributes.email_address ?? 'someone@example.org'),
				email_type: g.pick(EMAIL_TYPES),
				send_time: g.iso(sent),
				status_times: {
					processed: g.iso(sent + 1000),
					delivered: g.iso(sent + 3000),
					...(opened ? { open: g.iso(sent + g.int(60, 86_400) * 1000) } : {}),
				},
			},
			relationships: compact({
				receiver: g.ref('patient', patient),
				sender: coachId ? { data: { type: 'coach', id: coachId } } : undefined,
			}),
		};
	},

	health_question_definition: (g) => {
		const n = g.store.collection('health_question_definition').records.length;
		const q = QUESTIONS[n % QUESTIONS.length];
		return {
			attributes: {
				category: q.category,
				text: q.text,
				format: { type: q.type, data: q.options.map((label, i) => ({ label, value: String(i) })) },
				requirements:
					q.category === 'preventative_care' ? [{ property: 'age', shouldBeGreaterThan: 17 }] : [],
			},
			relationships: {},
		};
	},

	health_profile: (g, _at, given) => {
		const patient = g.from(given, 'patient', 'patient', () =>
			g.anyWhere('patient', (p) => !g.profileByPatient.has(p.id)),
		);
		const stats = ['lifestyle_behaviors', 'mental_wellbeing', 'preventative_care'].map(
			(category) => {
				const total = QUESTIONS.filter((q) => q.category === category).length;
				return { category, answered: g.int(0, total), total };
			},
		);
		stats.push({
			category: 'overall',
			answered: stats.reduce((s, x) => s + x.answered, 0),
			total: stats.reduce((s, x) => s + x.total, 0),
		});
		return {
			attributes: { stats },
			relationships: compact({ patient: g.ref('patient', patient), questions: { data: [] } }),
		};
	},

	health_profile_question: (g, _at, given) => {
		const profile = g.from(given, 'profile', 'health_profile');
		const definition = g.from(given, 'question_definition', 'health_question_definition');
		return {
			attributes: {
				text: definition?.attributes.text,
				category: definition?.attributes.category,
			},
			relationships: compact({
				profile: g.ref('health_profile', profile),
				question_definition: g.ref('health_question_definition', definition),
			}),
			hint: { profile: profile?.id },
		};
	},

	health_profile_answer: (g, at, given) => {
		const patient = g.from(given, 'patient', 'patient');
		const definition = g.any('health_question_definition');
		const options = (
			(definition?.attributes.format as { data?: Array<{ value: string }> })?.data ?? []
		).map((o) => o.value);
		const first = g.around(at, 90, 0);
		const latest = {
			answered_at: g.iso(first + g.int(1, 30) * DAY),
			value: options.length ? g.pick(options) : '0',
			_created_by: patient?.id ?? '',
		};
		return {
			attributes: {
				question_id: definition?.id ?? '',
				history: [
					{
						answered_at: g.iso(first),
						value: options.length ? g.pick(options) : '0',
						_created_by: patient?.id ?? '',
					},
					latest,
				],
				latest,
			},
			relationships: compact({ patient: g.ref('patient', patient) }),
		};
	},

	patient_health_metric: (g, at, given) => {
		const patient = g.from(given, 'patient', 'patient');
		const m = g.pick(METRICS);
		const occurred = g.around(at, 30, 0);
		const value =
			m.type === 'blood_pressure' ? undefined : Math.round((m.base + g.rng() * m.spread) * 10) / 10;
		return {
			attributes: {
				type: m.type,
				code: { system: 'http://loinc.org', value: m.loinc },
				unit: m.unit,
				occurred_at: g.iso(occurred),
				...(m.type === 'blood_pressure'
					? { systolic: g.int(100, 170), diastolic: g.int(60, 105) }
					: { value }),
			},
			relationships: compact({ patient: g.ref('patient', patient) }),
		};
	},

	result: (g, at, given) => {
		const metric = g.from(given, 'metric', 'patient_health_metric');
		const patientId =
			g.from(given, 'patient', 'patient', () => undefined)?.id ??
			metric?.scope.patient ??
			g.any('patient')?.id;
		const planId = patientId ? g.planByPatient.get(patientId) : undefined;
		const actionRefs = ((planId &&
			g.store.get('patient_plan_summary', planId)?.relationships.actions?.data) ||
			[]) as RelRef[];
		const action = actionRefs.length ? g.pick(actionRefs) : undefined;
		const ma = metric?.attributes;
		const metricType = String(ma?.type ?? 'weight');
		return {
			attributes: {
				type: 'metric',
				metric_type: metricType,
				annotations: g.chance(0.2)
					? [
							{
								text: g.pick([
									'Felt dizzy after',
									'Measured after breakfast',
									'Missed morning dose',
								]),
							},
						]
					: [],
				skipped: false,
				occurred_at: String(ma?.occurred_at ?? g.iso(g.around(at, 30, 0))),
				occurred_at_time_zone: g.pick(TIME_ZONES),
				window: g.pick(['morning', 'afternoon', 'evening']),
				data: {
					value: ma?.value ?? (ma ? { systolic: ma.systolic, diastolic: ma.diastolic } : 170),
				},
				_thread: metricType,
				channel: g.pick(['app', 'sms', 'device']),
				source: { name: g.pick(['Fitbit Aria', 'Omron BP', 'Manual entry']) },
			},
			relationships: compact({
				patient: patientId ? { data: { type: 'patient', id: patientId } } : undefined,
				action: action ? { data: { type: 'action', id: action.id } } : undefined,
				metric: g.ref('patient_health_metric', metric),
			}),
		};
	},

	reward_program: (g, at, given) => {
		const groups = g.store.collection('group').records;
		const n = g.store.collection('reward_program').records.length;
		const group = g.from(given, 'group', 'group', () =>
			groups.length ? groups[n % groups.length] : undefined,
		);
		const start = at - (at % DAY) - 30 * DAY;
		return {
			attributes: {
				name: `${group?.attributes.name ?? 'Wellness'} Rewards ${2025 + Math.floor(n / Math.max(groups.length, 1))}`,
				tagline: 'Earn gift cards for healthy habits',
				start_at: g.iso(start),
				end_at: g.iso(start + 365 * DAY),
				budget_value: g.pick([100, 200, 250, 500]),
				budget_unit: 'dollar',
				duration_active: 365,
				fulfill_as_earned: g.chance(0.3),
				frozen: false,
			},
			relationships: compact({ group: g.ref('group', group) }),
		};
	},

	reward_program_activation: (g, at, given) => {
		const program = g.from(given, 'reward_program', 'reward_program');
		const groupId = program?.scope.groups?.[0];
		const patient = g.from(given, 'patient', 'patient', () =>
			g.anyWhere(
				'patient',
				(p) =>
					!g.unique.has(`activation:${p.id}:${program?.id}`) &&
					(!groupId || !!p.scope.groups?.includes(groupId)),
			),
		);
		const activated = g.around(at, 20, 0);
		return {
			attributes: {
				active: true,
				activated_at: g.iso(activated),
				expires_at: g.iso(activated + Number(program?.attributes.duration_active ?? 540) * DAY),
				fulfill_as_earned: Boolean(program?.attributes.fulfill_as_earned),
				allocated_count: 0,
				total_allocated_value: 0,
				earned_count: 0,
				total_earned_value: 0,
				budget_unit: String(program?.attributes.budget_unit ?? 'dollar'),
			},
			relationships: compact({
				patient: g.ref('patient', patient),
				reward_program: g.ref('reward_program', program),
			}),
		};
	},

	reward: (g, at, given) => {
		const activation = g.from(given, 'reward_program_activation', 'reward_program_activation');
		const allocated = g.around(at, 10, 0);
		return {
			attributes: {
				_thread: g.pick(['weight', 'blood_pressure', 'blood_glucose', 'activity']),
				description: g.pick([
					'Log your weight 5 days a week',
					'Complete your plan check-in',
					'Walk 8,000 steps a day for a week',
					'Take your blood pressure daily',
				]),
				allocated_value: g.pick([5, 10, 20, 25]),
				allocated_unit: String(activation?.attributes.budget_unit ?? 'dollar'),
				allocated_at: g.iso(allocated),
				target_at: g.iso(allocated + g.int(7, 30) * DAY),
			},
			relationships: compact({
				patient: activation?.scope.patient
					? { data: { type: 'patient', id: activation.scope.patient } }
					: undefined,
				reward_program_activation: g.ref('reward_program_activation', activation),
			}),
		};
	},

	reward_earning: (g, at, given) => {
		const reward = g.from(given, 'reward', 'reward', () =>
			g.anyWhere('reward', (r) => !g.unique.has(`earning:${r.id}`)),
		);
		return {
			attributes: {
				earned_value: Number(reward?.attributes.allocated_value ?? 10),
				earned_unit: String(reward?.attributes.allocated_unit ?? 'dollar'),
				earned_at: g.iso(g.around(at, 5, 0)),
				ready_for_fulfillment: g.chance(0.7),
			},
			relationships: earningRels(g, reward),
		};
	},

	reward_earning_fulfillment: (g, at, given) => {
		const earning = g.from(given, 'reward_earning', 'reward_earning', () =>
			g.anyWhere(
				'reward_earning',
				(e) => !g.unique.has(`fulfillment:${e.id}`) && !!e.attributes.ready_for_fulfillment,
			),
		);
		return {
			attributes: {
				fulfilled_value: Number(earning?.attributes.earned_value ?? 10),
				fulfilled_unit: String(earning?.attributes.earned_unit ?? 'dollar'),
				fulfilled_at: g.iso(g.around(at, 2, 0)),
			},
			relationships: compact({
				patient: earning?.scope.patient
					? { data: { type: 'patient', id: earning.scope.patient } }
					: undefined,
				reward_earning: g.ref('reward_earning', earning),
			}),
		};
	},
};

/** Read-only relationships of an earning, all implied by its reward. */
export function earningRels(
	g: Gen,
	reward: StoredRecord | undefined,
): Record<string, Relationship> {
	const activationId = reward ? relIdsOf(reward, 'reward_program_activation')[0] : undefined;
	const activation = activationId
		? g.store.get('reward_program_activation', activationId)
		: undefined;
	const programId = activation ? relIdsOf(activation, 'reward_program')[0] : undefined;
	const groupId = programId
		? g.store.get('reward_program', programId)?.scope.groups?.[0]
		: undefined;
	return compact({
		group: groupId ? { data: { type: 'group', id: groupId } } : undefined,
		patient: reward?.scope.patient
			? { data: { type: 'patient', id: reward.scope.patient } }
			: undefined,
		reward_program_activation: activationId
			? { data: { type: 'reward_program_activation', id: activationId } }
			: undefined,
		reward: g.ref('reward', reward),
	});
}

/** Keys of the API's one-per rules a record takes (see Gen.unique). */
export function uniqueKeys(rec: StoredRecord): string[] {
	switch (rec.type) {
		case 'reward_program_activation':
			return [`activation:${rec.scope.patient}:${relIdsOf(rec, 'reward_program')[0]}`];
		case 'reward_earning':
			return [`earning:${relIdsOf(rec, 'reward')[0]}`];
		case 'reward_earning_fulfillment':
			return [`fulfillment:${relIdsOf(rec, 'reward_earning')[0]}`];
		default:
			return [];
	}
}

function relIdsOf(rec: StoredRecord, name: string): string[] {
	const d = rec.relationships[name]?.data;
	if (!d) return [];
	return Array.isArray(d) ? d.map((r) => r.id) : [d.id];
}

function uuid(g: Gen): string {
	const hex = () => Math.floor(g.rng() * 16).toString(16);
	const s = Array.from({ length: 32 }, hex).join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

/**
 * Creates one record of `type`: the type's defaults, overridden by the given attributes/relationships; scope and
 * bookkeeping as the API would. `at` defaults to now.
 */
export function createRecord(
	g: Gen,
	type: ResourceType,
	overrides: {
		attributes?: Record<string, unknown>;
		relationships?: Record<string, Relationship>;
		hint?: Scope;
	} = {},
	at = g.store.ids.now(),
): StoredRecord {
	const made = makers[type](g, at, overrides.relationships ?? {});
	const attributes = { ...made.attributes, ...(overrides.attributes ?? {}) };
	const relationships = { ...made.relationships, ...(overrides.relationships ?? {}) };
	const hint = { ...(made.hint ?? {}), ...(overrides.hint ?? {}) };
	const scope = deriveScope(g.store, g.organization, type, relationships, hint);
	const rec = g.store.create(type, attributes, relationships, scope, at);
	if (type === 'patient_plan_summary' && rec.scope.patient)
		g.planByPatient.set(rec.scope.patient, rec.id);
	if (type === 'health_profile' && rec.scope.patient)
		g.profileByPatient.set(rec.scope.patient, rec.id);
	for (const key of uniqueKeys(rec)) g.unique.add(key);
	afterCreate(g.store, rec);
	return rec;
}

/** Fills the store; returns the generator (its PRNG continues for runtime inserts). */
export function seedStore(store: Store, seed: number, requested: Partial<SeedSizes> = {}): Gen {
	const sizes: SeedSizes = { ...DEFAULT_SIZES };
	for (const [k, v] of Object.entries(requested)) {
		if (!(k in DEFAULT_SIZES)) throw new Error(`unknown seed size "${k}"`);
		if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > MAX_SIZE)
			throw new Error(`seed size ${k} must be an integer 0..${MAX_SIZE}`);
		(sizes as unknown as Record<string, number>)[k] = v as number;
	}
	// Uniqueness rules of the API bound some sizes.
	sizes.patientPlanSummaries = Math.min(sizes.patientPlanSummaries, sizes.patients);
	sizes.healthProfiles = Math.min(sizes.healthProfiles, sizes.patients);
	sizes.rewardProgramActivations = Math.min(
		sizes.rewardProgramActivations,
		sizes.patients * sizes.rewardPrograms,
	);
	if (sizes.rewardProgramActivations === 0) sizes.rewards = 0;
	sizes.rewardEarnings = Math.min(sizes.rewardEarnings, sizes.rewards);
	sizes.rewardEarningFulfillments = Math.min(sizes.rewardEarningFulfillments, sizes.rewardEarnings);

	const g = new Gen(store, seed);
	const make = (type: ResourceType, overrides?: Parameters<typeof createRecord>[2]) => {
		g.clock += g.int(1, 40) * 1000;
		return createRecord(g, type, overrides, g.clock);
	};
	g.organization = make('organization').id;
	for (let i = 0; i < sizes.groups; i++) make('group');
	for (let i = 0; i < sizes.coaches; i++) make('coach');
	const patients = store.collection('patient').records;
	for (let i = 0; i < sizes.patients; i++) make('patient');
	for (let i = 0; i < sizes.patientPlanSummaries; i++)
		make('patient_plan_summary', {
			relationships: { patient: { data: { type: 'patient', id: patients[i].id } } },
		});
	for (let i = 0; i < sizes.actions; i++) make('action');
	for (let i = 0; i < sizes.bundles; i++) make('bundle');
	for (let i = 0; i < sizes.healthQuestionDefinitions; i++) make('health_question_definition');
	for (let i = 0; i < sizes.healthProfiles; i++)
		make('health_profile', {
			relationships: { patient: { data: { type: 'patient', id: patients[i].id } } },
		});
	const profiles = store.collection('health_profile').records;
	const definitions = store.collection('health_question_definition').records;
	let answers = 0;
	for (let i = 0; i < sizes.healthProfileQuestions && profiles.length && definitions.length; i++) {
		const profile = profiles[i % profiles.length];
		const definition = definitions[i % definitions.length];
		const question = make('health_profile_question', {
			relationships: {
				profile: { data: { type: 'health_profile', id: profile.id } },
				question_definition: { data: { type: 'health_question_definition', id: definition.id } },
			},
		});
		if (answers < sizes.healthProfileAnswers) {
			answers++;
			const answer = make('health_profile_answer', {
				attributes: { question_id: definition.id },
				relationships: { patient: { data: { type: 'patient', id: profile.scope.patient! } } },
			});
			question.relationships.answer = { data: { type: 'health_profile_answer', id: answer.id } };
		}
	}
	for (; answers < sizes.healthProfileAnswers; answers++) make('health_profile_answer');
	for (let i = 0; i < sizes.patientHealthMetrics; i++) make('patient_health_metric');
	for (let i = 0; i < sizes.results; i++) make('result');
	for (let i = 0; i < sizes.calendarEvents; i++) make('calendar_event');
	for (let i = 0; i < sizes.calendarEventResponses; i++) make('calendar_event_response');
	for (let i = 0; i < sizes.emailHistories; i++) make('email_history');
	for (let i = 0; i < sizes.rewardPrograms; i++) make('reward_program');
	const programs = store.collection('reward_program').records;
	for (let i = 0; i < sizes.rewardProgramActivations; i++) {
		// Patient i of program i % n: each (patient, program) pair at most once.
		const program = programs[i % programs.length];
		const patient = patients[Math.floor(i / programs.length)];
		make('reward_program_activation', {
			relationships: {
				patient: { data: { type: 'patient', id: patient.id } },
				reward_program: { data: { type: 'reward_program', id: program.id } },
			},
		});
	}
	const rewards = store.collection('reward').records;
	for (let i = 0; i < sizes.rewards; i++) make('reward');
	for (let i = 0; i < sizes.rewardEarnings; i++)
		make('reward_earning', { relationships: earningRels(g, rewards[i]) });
	const earnings = store.collection('reward_earning').records;
	for (let i = 0; i < sizes.rewardEarningFulfillments; i++) {
		const earning = earnings[i];
		make('reward_earning_fulfillment', {
			relationships: {
				patient: { data: { type: 'patient', id: earning.scope.patient! } },
				reward_earning: { data: { type: 'reward_earning', id: earning.id } },
			},
		});
	}
	return g;
}
