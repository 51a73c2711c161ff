/**
 * What each resource type is: its API name, the ids key for it, how a record's scope (organization, groups,
 * patient) follows from its relationships, and the bookkeeping the API does when one is created.
 */
import {
	relId,
	relIds,
	type Relationship,
	type Scope,
	type Store,
	type StoredRecord,
} from './store';

/** API type name -> key in `ids` / `sizes`. */
export const TYPES = {
	organization: 'organization',
	group: 'groups',
	coach: 'coaches',
	patient: 'patients',
	patient_plan_summary: 'patientPlanSummaries',
	action: 'actions',
	bundle: 'bundles',
	calendar_event: 'calendarEvents',
	calendar_event_response: 'calendarEventResponses',
	email_history: 'emailHistories',
	health_question_definition: 'healthQuestionDefinitions',
	health_profile: 'healthProfiles',
	health_profile_question: 'healthProfileQuestions',
	health_profile_answer: 'healthProfileAnswers',
	patient_health_metric: 'patientHealthMetrics',
	result: 'results',
	reward_program: 'rewardPrograms',
	reward_program_activation: 'rewardProgramActivations',
	reward: 'rewards',
	reward_earning: 'rewardEarnings',
	reward_earning_fulfillment: 'rewardEarningFulfillments',
} as const;
export type ResourceType = keyof typeof TYPES;
export function isResourceType(type: string): type is ResourceType {
	return Object.prototype.hasOwnProperty.call(TYPES, type);
}

/** Current groups of a record: its own, or its patient's (patients can change groups). */
export function groupsOf(store: Store, rec: StoredRecord): string[] {
	if (rec.scope.groups) return rec.scope.groups;
	if (rec.scope.patient) return store.get('patient', rec.scope.patient)?.scope.groups ?? [];
	return [];
}

/** The patient a record belongs to, following its relationships (used for scope and for filter[patient]). */
export function patientOf(
	store: Store,
	type: string,
	rels: Record<string, Relationship>,
): string | undefined {
	switch (type) {
		case 'patient':
			return undefined;
		case 'action':
		case 'bundle':
			return store.get('patient_plan_summary', relId(rels.plan) ?? '')?.scope.patient;
		case 'calendar_event': {
			const owner = rels.owner?.data;
			return owner && !Array.isArray(owner) && owner.type === 'patient' ? owner.id : undefined;
		}
		case 'calendar_event_response':
			return store.get('calendar_event', relId(rels.calendar_event) ?? '')?.scope.patient;
		case 'email_history': {
			for (const r of [rels.receiver, rels.sender]) {
				const d = r?.data;
				if (d && !Array.isArray(d) && d.type === 'patient') return d.id;
			}
			return undefined;
		}
		case 'reward':
			return (
				relId(rels.patient) ??
				store.get('reward_program_activation', relId(rels.reward_program_activation) ?? '')?.scope
					.patient
			);
		case 'reward_earning':
			return relId(rels.patient) ?? store.get('reward', relId(rels.reward) ?? '')?.scope.patient;
		case 'reward_earning_fulfillment':
			return (
				relId(rels.patient) ??
				store.get('reward_earning', relId(rels.reward_earning) ?? '')?.scope.patient
			);
		default:
			return relId(rels.patient);
	}
}

export function deriveScope(
	store: Store,
	organization: string,
	type: string,
	rels: Record<string, Relationship>,
	hint: Scope = {},
): Scope {
	switch (type) {
		case 'organization':
		case 'health_question_definition':
			return {};
		case 'group':
			return { organization };
		case 'coach':
			return { organization, groups: hint.groups ?? [] };
		case 'patient':
			return { organization, groups: relIds(rels.groups) };
		case 'reward_program':
			return { organization, groups: relIds(rels.group) };
		case 'health_profile_question': {
			const profileId = relId(rels.profile) ?? hint.profile;
			const profile = store.get('health_profile', profileId ?? '');
			return { organization, patient: profile?.scope.patient ?? hint.patient, profile: profileId };
		}
		case 'calendar_event': {
			const patient = patientOf(store, type, rels);
			if (patient) return { organization, patient };
			const owner = store.get('coach', relId(rels.owner) ?? '');
			return { organization, groups: owner?.scope.groups ?? [] };
		}
		default:
			return { organization, patient: patientOf(store, type, rels) ?? hint.patient };
	}
}

function pushRef(
	rec: StoredRecord | undefined,
	name: string,
	ref: { type: string; id: string },
): void {
	if (!rec) return;
	const rel = (rec.relationships[name] ??= { data: [] });
	if (!Array.isArray(rel.data)) rel.data = [];
	rel.data.push(ref); // a new record: never already listed (no scan, which would be quadratic at 100,000)
}

/**
 * Bookkeeping the API does when a record appears: plans list their actions and bundles, profiles their questions,
 * a calendar event reflects the attendee's response, rewards/activations their earnings and fulfillments.
 */
export function afterCreate(store: Store, rec: StoredRecord): void {
	const r = rec.relationships;
	const nowIso = new Date(rec.createdAt).toISOString();
	switch (rec.type) {
		case 'action': {
			pushRef(store.get('patient_plan_summary', relId(r.plan) ?? ''), 'actions', {
				type: 'action',
				id: rec.id,
			});
			break;
		}
		case 'bundle': {
			pushRef(store.get('patient_plan_summary', relId(r.plan) ?? ''), 'bundles', {
				type: 'bundle',
				id: rec.id,
			});
			break;
		}
		case 'health_profile_question': {
			const profile = store.get('health_profile', rec.scope.profile ?? '');
			pushRef(profile, 'questions', { type: 'health_profile_question', id: rec.id });
			break;
		}
		case 'calendar_event_response': {
			const event = store.get('calendar_event', relId(r.calendar_event) ?? '');
			const user = relId(r.user);
			const attendee = rec.attributes.attendee as Record<string, unknown> | undefined;
			const attendees = (event?.attributes.attendees ?? []) as Array<Record<string, unknown>>;
			const hit = attendees.find(
				(a) =>
					(user && a.user === user) ||
					(attendee && (a._id === attendee._id || a.user === attendee.user)),
			);
			if (event && hit) {
				hit.response_status = rec.attributes.response_status;
				event.attributes.updated_at = nowIso;
				event.updatedAt = rec.createdAt;
				store.collection('calendar_event').touch();
			}
			break;
		}
		case 'reward': {
			const activation = store.get(
				'reward_program_activation',
				relId(r.reward_program_activation) ?? '',
			);
			if (activation) {
				const a = activation.attributes as Record<string, number>;
				a.allocated_count = (a.allocated_count ?? 0) + 1;
				a.total_allocated_value =
					(a.total_allocated_value ?? 0) + Number(rec.attributes.allocated_value ?? 0);
			}
			break;
		}
		case 'reward_earning': {
			const reward = store.get('reward', relId(r.reward) ?? '');
			if (reward) {
				reward.attributes.earned_value = rec.attributes.earned_value;
				reward.attributes.earned_at = rec.attributes.earned_at;
				const activation = store.get(
					'reward_program_activation',
					relId(reward.relationships.reward_program_activation) ?? '',
				);
				if (activation) {
					const a = activation.attributes as Record<string, number>;
					a.earned_count = (a.earned_count ?? 0) + 1;
					a.total_earned_value =
						(a.total_earned_value ?? 0) + Number(rec.attributes.earned_value ?? 0);
					stamp(store, activation, rec.createdAt);
					// As the spec describes ready_for_fulfillment: ready when the activation is fulfill_as_earned or
					// has been deactivated.
					rec.attributes.ready_for_fulfillment =
						activation.attributes.fulfill_as_earned === true ||
						activation.attributes.active === false;
				}
			}
			break;
		}
		case 'reward_earning_fulfillment': {
			const earning = store.get('reward_earning', relId(r.reward_earning) ?? '');
			if (earning) {
				earning.attributes.fulfilled_value = rec.attributes.fulfilled_value;
				// Fulfilled: the earning leaves the fulfilment queue (filter[ready_for_fulfillment]=true).
				earning.attributes.fulfilled_at = rec.attributes.fulfilled_at ?? nowIso;
				stamp(store, earning, rec.createdAt);
				const reward = store.get('reward', relId(earning.relationships.reward) ?? '');
				if (reward) {
					reward.attributes.fulfilled_value = rec.attributes.fulfilled_value;
					reward.attributes.fulfilled_at = rec.attributes.fulfilled_at;
				}
			}
			break;
		}
	}
}

/** A change the server makes to a record: stamps `updated_at` (the server's clock, never the client's). */
export function stamp(store: Store, rec: StoredRecord, atMs: number): void {
	rec.updatedAt = Math.max(atMs, rec.updatedAt);
	rec.attributes.updated_at = new Date(rec.updatedAt).toISOString();
	store.collection(rec.type).touch();
}

/**
 * A change made in the application rather than through the API (a coach edits a patient, a result is corrected,
 * an activation is deactivated): the attributes change and `updated_at` is stamped. Deactivating a reward
 * program activation makes its earnings ready for fulfillment, as the spec describes.
 */
export function applyChange(
	store: Store,
	rec: StoredRecord,
	attributes: Record<string, unknown>,
	atMs: number,
): void {
	Object.assign(rec.attributes, attributes);
	stamp(store, rec, atMs);
	if (rec.type === 'reward_program_activation' && attributes.active === false) {
		rec.attributes.deactivated_at ??= new Date(atMs).toISOString();
		for (const earning of store.collection('reward_earning').records) {
			if (relId(earning.relationships.reward_program_activation) !== rec.id) continue;
			if (earning.attributes.ready_for_fulfillment === true) continue;
			earning.attributes.ready_for_fulfillment = true;
			stamp(store, earning, atMs);
		}
	}
}
