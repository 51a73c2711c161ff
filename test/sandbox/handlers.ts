/**
 * One handler per operationId. Reads are generic (type tables); writes carry the rules the spec states in
 * words: relationships by id or meta.query, one-per constraints, plan-check-in events, read-only attributes.
 */
import { randomBytes } from 'node:crypto';
import {
	ApiError,
	ApiErrors,
	badBody,
	included,
	notFound,
	pageDocument,
	parsePaging,
	reqMeta,
	toResource,
} from './jsonapi';
import { buildFilter, type filterTables } from './filters';
import { afterCreate, deriveScope, type ResourceType } from './model';
import { earningRels, uniqueKeys, type Gen } from './seed';
import type { FaultSpec } from './faults';
import type { Operation, Spec } from './spec';
import {
	OBJECT_ID,
	relIds,
	type Relationship,
	type RelRef,
	type Store,
	type StoredRecord,
} from './store';
import type { Query } from './validator';

export interface TokenInfo {
	id: string;
	accessToken: string;
	refreshToken: string;
	clientId: string;
	expiresAt: number;
}

export interface State {
	spec: Spec;
	store: Store;
	gen: Gen;
	organization: string;
	clients: Array<{ clientId: string; clientSecret: string }>;
	tokenLifetimeSeconds: number;
	/** Prefix of every issued access and refresh token ('' by default). */
	tokenPrefix: string;
	maxPageSize: number;
	accessTokens: Map<string, TokenInfo>;
	refreshTokens: Map<string, TokenInfo>;
	tokensById: Map<string, TokenInfo>;
	/** The grant type of each token exchange that succeeded, in order. */
	tokenGrants: string[];
	filters: ReturnType<typeof filterTables>;
	/** Per type: read-only attribute names (ignored on writes) and schema defaults. */
	readOnly: Record<string, Set<string>>;
	defaults: Record<string, Record<string, unknown>>;
}

export interface Ctx {
	state: State;
	op: Operation;
	params: Record<string, string>;
	query: Query;
	rawQuery: Array<[string, string]>;
	body: any;
	contentType?: string;
	linkBase: string;
	subPath: string;
	/** The fault this request met, if it goes on to its handler (e.g. `bulkCreatesOthers`). */
	fault?: FaultSpec;
}

export interface Result {
	status: number;
	body?: unknown;
}

type Handler = (ctx: Ctx) => Result;

/** Resource definition of each type, for read-only attributes and defaults. */
export const DEFINITIONS: Record<string, string> = {
	organization: 'OrganizationResource',
	group: 'GroupResource',
	coach: 'CoachResource',
	reward_program: 'RewardProgramResource',
	action: 'ActionResource',
	bundle: 'BundleResource',
	calendar_event: 'CalendarEventResource',
	calendar_event_response: 'CalendarEventResponseResource',
	email_history: 'EmailHistoryResource',
	health_profile: 'HealthProfileResource',
	health_profile_question: 'HealthProfileQuestionResource',
	health_profile_answer: 'HealthProfileAnswerResource',
	health_question_definition: 'HealthQuestionDefinitionResource',
	patient_health_metric: 'PatientHealthMetricResource',
	patient: 'PatientResource',
	patient_plan_summary: 'PatientPlanSummaryResource',
	result: 'PatientHealthResultResource',
	reward_program_activation: 'RewardProgramActivationResource',
	reward: 'RewardResource',
	reward_earning: 'RewardEarningResource',
	reward_earning_fulfillment: 'RewardEarningFulfillmentResource',
};

export function schemaFacts(spec: Spec): Pick<State, 'readOnly' | 'defaults'> {
	const readOnly: State['readOnly'] = {};
	const defaults: State['defaults'] = {};
	for (const [type, name] of Object.entries(DEFINITIONS)) {
		const props = spec.doc.definitions[name]?.properties?.attributes?.properties ?? {};
		readOnly[type] = new Set(Object.keys(props).filter((k) => props[k].readOnly));
		defaults[type] = {};
		for (const [k, v] of Object.entries<any>(props))
			if (v.default !== undefined) defaults[type][k] = v.default;
	}
	return { readOnly, defaults };
}

const COLLECTIONS: Record<string, ResourceType> = {
	fetchGroups: 'group',
	fetchCoaches: 'coach',
	fetchRewardPrograms: 'reward_program',
	fetchCalendarEvents: 'calendar_event',
	fetchEmailHistories: 'email_history',
	fetchHealthProfiles: 'health_profile',
	fetchHealthProfileQuestions: 'health_profile_question',
	fetchHealthProfileAnswers: 'health_profile_answer',
	fetchHealthQuestionDefinitions: 'health_question_definition',
	fetchPatientHealthMetrics: 'patient_health_metric',
	fetchPatients: 'patient',
	fetchPatientPlanSummaries: 'patient_plan_summary',
	fetchPatientHealthResults: 'result',
	fetchRewards: 'reward',
	fetchRewardEarnings: 'reward_earning',
	fetchRewardEarningFulfillments: 'reward_earning_fulfillment',
	fetchRewardProgramActivations: 'reward_program_activation',
};

const SINGLES: Record<string, ResourceType> = {
	fetchOrganization: 'organization',
	fetchGroup: 'group',
	fetchCoach: 'coach',
	fetchRewardProgram: 'reward_program',
	fetchAction: 'action',
	fetchBundle: 'bundle',
	fetchCalendarEvent: 'calendar_event',
	fetchEmailHistory: 'email_history',
	fetchHealthProfile: 'health_profile',
	fetchHealthProfileQuestion: 'health_profile_question',
	fetchHealthProfileAnswer: 'health_profile_answer',
	fetchHealthQuestionDefinition: 'health_question_definition',
	fetchPatientHealthMetric: 'patient_health_metric',
	fetchPatient: 'patient',
	fetchPatientPlanSummary: 'patient_plan_summary',
	fetchPatientHealthResult: 'result',
	fetchReward: 'reward',
	fetchRewardEarning: 'reward_earning',
	fetchRewardEarningFulfillment: 'reward_earning_fulfillment',
	fetchRewardProgramActivation: 'reward_program_activation',
};

// ---- helpers ----------------------------------------------------------------------------------------------

function must(store: Store, type: string, id: string): StoredRecord {
	const rec = OBJECT_ID.test(id) ? store.get(type, id) : undefined;
	if (!rec) throw notFound(type, id);
	return rec;
}

/** A to-one relationship in a body that must name an existing record. */
/** A relationship the create requires (of `types`, by default its own name), resolved to its stored record. */
function requireRelated(
	store: Store,
	rels: Record<string, any> | undefined,
	name: string,
	types: string[] = [name],
): StoredRecord {
	return resolveOne(store, rels, name, types, '/data', true)!;
}

/** The patient relationship a record inherits from its parent, when the parent belongs to a patient. */
function patientOf(parent: StoredRecord): Record<string, Relationship> {
	return parent.scope.patient
		? { patient: { data: { type: 'patient', id: parent.scope.patient } } }
		: {};
}

function resolveOne(
	store: Store,
	rels: Record<string, any> | undefined,
	name: string,
	types: string[],
	pointer: string,
	required: boolean,
): StoredRecord | undefined {
	const data = rels?.[name]?.data;
	if (data == null) {
		if (required)
			throw badBody(`${pointer}/relationships/${name}`, `relationship ${name} is required`);
		return undefined;
	}
	if (Array.isArray(data) || typeof data.id !== 'string')
		throw badBody(
			`${pointer}/relationships/${name}/data`,
			`relationship ${name} must name one resource by id`,
		);
	for (const type of types) {
		const rec = OBJECT_ID.test(data.id) ? store.get(type, data.id) : undefined;
		if (rec) return rec;
	}
	throw badBody(
		`${pointer}/relationships/${name}/data/id`,
		`${types.join(' or ')} ${data.id} was not found`,
	);
}

function ref(rec: StoredRecord, meta?: Record<string, unknown>): RelRef {
	return meta ? { type: rec.type, id: rec.id, meta } : { type: rec.type, id: rec.id };
}

/** Writable attributes of a body: read-only ones are dropped and reported in meta.ignored. */
function writable(
	state: State,
	type: string,
	attrs: unknown,
	ignored: string[],
	prefix = '',
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (!attrs || typeof attrs !== 'object') return out;
	for (const [k, v] of Object.entries(attrs as Record<string, unknown>)) {
		if (state.readOnly[type]?.has(k) || k === 'created_at' || k === 'updated_at')
			ignored.push(`${prefix}data.attributes.${k}`);
		else out[k] = v;
	}
	return out;
}

function persist(
	state: State,
	type: ResourceType,
	attributes: Record<string, unknown>,
	relationships: Record<string, Relationship>,
	hint: Parameters<typeof deriveScope>[4] = {},
): StoredRecord {
	const { store, gen } = state;
	const scope = deriveScope(store, state.organization, type, relationships, hint);
	const rec = store.create(type, { ...state.defaults[type], ...attributes }, relationships, scope);
	if (type === 'patient_plan_summary' && rec.scope.patient)
		gen.planByPatient.set(rec.scope.patient, rec.id);
	for (const key of uniqueKeys(rec)) gen.unique.add(key);
	afterCreate(store, rec);
	return rec;
}

function touch(state: State, rec: StoredRecord): void {
	rec.updatedAt = state.store.ids.now();
	rec.attributes.updated_at = new Date(rec.updatedAt).toISOString();
	state.store.collection(rec.type).touch();
}

function single(
	ctx: Ctx,
	rec: StoredRecord,
	status: number,
	meta: Record<string, unknown> = {},
): Result {
	const include = typeof ctx.query.include === 'string' ? ctx.query.include : undefined;
	const inc = included(ctx.state.store, [rec], include, ctx.linkBase);
	return {
		status,
		body: {
			meta: reqMeta(meta),
			data: toResource(rec, ctx.linkBase),
			...(inc ? { included: inc } : {}),
		},
	};
}

/** Writes answer with meta.ignored when read-only attributes were sent. */
function writeMeta(ignored: string[]): Record<string, unknown> {
	return ignored.length ? { ignored } : {};
}

/** Pages `matches` (id order unless sorted) as the operation's collection document. */
function collection(ctx: Ctx, matches: StoredRecord[], idOrdered = true): Result {
	const page = parsePaging(ctx.query, ctx.state.maxPageSize);
	const doc = pageDocument({
		matches,
		idOrdered,
		page,
		query: ctx.query,
		rawQueryOrder: ctx.rawQuery,
		urlPrefix: `${ctx.linkBase}${ctx.state.spec.basePath}${ctx.subPath}`,
		cursorParam: ctx.op.cursorParam,
		shuffle: ctx.state.store.ids.pageShuffle(),
	});
	const include = typeof ctx.query.include === 'string' ? ctx.query.include : undefined;
	const inc = included(ctx.state.store, doc.data, include, ctx.linkBase);
	return {
		status: 200,
		body: {
			meta: reqMeta({ count: doc.count }),
			...(doc.links ? { links: doc.links } : {}),
			data: doc.data.map((r) => toResource(r, ctx.linkBase)),
			...(inc ? { included: inc } : {}),
		},
	};
}

function fetchCollection(type: ResourceType): Handler {
	return (ctx) => {
		const { store } = ctx.state;
		const coll = store.collection(type);
		const { predicate, key } = buildFilter(ctx.state.filters[ctx.op.operationId], store, ctx.query);
		let matches = coll.matching(key, predicate);
		const sort = typeof ctx.query.sort === 'string' ? ctx.query.sort : undefined;
		if (sort) {
			const field = sort.replace(/^-/, '');
			const dir = sort.startsWith('-') ? -1 : 1;
			matches = [...matches].sort(
				(a, b) =>
					dir *
						String(a.attributes[field] ?? '').localeCompare(String(b.attributes[field] ?? '')) ||
					(a.id < b.id ? -1 : 1),
			);
		}
		return collection(ctx, matches, !sort);
	};
}

function fetchSingle(type: ResourceType): Handler {
	return (ctx) => {
		const rec = must(ctx.state.store, type, ctx.params.id);
		// fetchPatientHealthMetric and fetchPatientHealthResult declare a list as their response: one element.
		if (ctx.op.dataIsArray)
			return {
				status: 200,
				body: { meta: reqMeta({ count: 1 }), data: [toResource(rec, ctx.linkBase)] },
			};
		return single(ctx, rec, 200);
	};
}

function byIds(store: Store, type: string, ids: string[]): StoredRecord[] {
	return ids
		.map((id) => store.get(type, id))
		.filter((r): r is StoredRecord => !!r)
		.sort((a, b) => (a.id < b.id ? -1 : 1));
}

function dataOf(body: any): any {
	return body?.data;
}

// ---- token ------------------------------------------------------------------------------------------------

function createToken(ctx: Ctx): Result {
	const { state } = ctx;
	const media = ctx.contentType?.split(';')[0].trim().toLowerCase();
	const attrs = media === 'application/json' ? ctx.body : dataOf(ctx.body)?.attributes;
	const a = (attrs ?? {}) as Record<string, unknown>;
	const invalid = () =>
		new ApiError(401, 'InvalidCredentials', 'Unauthorized', 'invalid client credentials');
	const client = state.clients.find((c) => c.clientId === a.client_id);
	let info: TokenInfo;
	if (a.grant_type === 'client_credentials') {
		if (!client || typeof a.client_secret !== 'string' || client.clientSecret !== a.client_secret)
			throw invalid();
		info = {
			id: state.store.ids.next(state.store.ids.now()),
			accessToken: state.tokenPrefix + randomBytes(24).toString('hex'),
			refreshToken: state.tokenPrefix + randomBytes(24).toString('hex'),
			clientId: client.clientId,
			expiresAt: 0,
		};
	} else if (a.grant_type === 'refresh_token') {
		const previous =
			typeof a.refresh_token === 'string' ? state.refreshTokens.get(a.refresh_token) : undefined;
		if (!client || !previous || previous.clientId !== client.clientId)
			throw new ApiError(
				401,
				'InvalidCredentials',
				'Unauthorized',
				'invalid refresh token or client',
			);
		if (a.client_secret !== undefined && a.client_secret !== client.clientSecret) throw invalid();
		info = {
			...previous,
			id: state.store.ids.next(state.store.ids.now()),
			accessToken: state.tokenPrefix + randomBytes(24).toString('hex'),
		};
	} else {
		throw new ApiError(
			409,
			'InvalidGrantType',
			'Invalid Request',
			`unsupported grant_type "${String(a.grant_type)}"`,
			{
				pointer: media === 'application/json' ? '/grant_type' : '/data/attributes/grant_type',
			},
		);
	}
	info.expiresAt = Date.now() + state.tokenLifetimeSeconds * 1000;
	state.accessTokens.set(info.accessToken, info);
	state.refreshTokens.set(info.refreshToken, info);
	state.tokensById.set(info.id, info);
	state.tokenGrants.push(a.grant_type);
	const groups = state.store.collection('group').records;
	const base = `${ctx.linkBase}${state.spec.basePath}/oauth/token/${info.id}`;
	const include = typeof ctx.query.include === 'string' ? ctx.query.include.split(',') : [];
	// CreateTokenResponse.included holds groups only, so include=organization adds nothing (the schema wins).
	const inc = include.includes('groups') ? groups.map((g) => toResource(g, ctx.linkBase)) : [];
	return {
		status: 201,
		body: {
			meta: reqMeta(),
			data: {
				type: 'token',
				id: info.id,
				attributes: {
					access_token: info.accessToken,
					refresh_token: info.refreshToken,
					token_type: 'bearer',
					expires_in: state.tokenLifetimeSeconds,
				},
				relationships: {
					groups: {
						data: groups.map((g) => ({ type: 'group', id: g.id })),
						links: { related: `${base}/groups` },
					},
					organization: {
						data: { type: 'organization', id: state.organization },
						links: { related: `${base}/organization` },
					},
				},
			},
			...(include.length ? { included: inc } : {}),
		},
	};
}

function tokenOf(ctx: Ctx): TokenInfo {
	const info = ctx.state.tokensById.get(ctx.params.id);
	if (!info) throw notFound('token', ctx.params.id);
	return info;
}

// ---- writes -----------------------------------------------------------------------------------------------

function checkId(ctx: Ctx): void {
	const id = dataOf(ctx.body)?.id;
	if (id !== undefined && id !== ctx.params.id)
		throw badBody('/data/id', `data.id ${id} does not match the URL id ${ctx.params.id}`);
}

/** Patient named by id or by meta.query {identifier, organization | groups}. */
function resolvePatient(state: State, data: any, pointer: string): StoredRecord {
	if (!data) throw badBody(pointer, 'relationship patient is required');
	if (typeof data.id === 'string' && data.id) {
		const rec = OBJECT_ID.test(data.id) ? state.store.get('patient', data.id) : undefined;
		if (!rec) throw badBody(`${pointer}/id`, `patient ${data.id} was not found`);
		return rec;
	}
	const query = data.meta?.query;
	if (!query?.identifier) throw badBody(pointer, 'patient must be given by id or by meta.query');
	const found = findByIdentifier(state.store, query.identifier, query.organization, query.groups);
	if (!found) throw badBody(`${pointer}/meta/query`, 'no patient matches meta.query');
	return found;
}

function findByIdentifier(
	store: Store,
	identifier: { system?: string; value?: string },
	organization?: string,
	groups?: string[],
): StoredRecord | undefined {
	return store
		.collection('patient')
		.records.find(
			(p) =>
				(!organization || p.scope.organization === organization) &&
				(!groups?.length || (p.scope.groups ?? []).some((g) => groups.includes(g))) &&
				((p.attributes.identifiers ?? []) as Array<{ system: string; value: string }>).some(
					(i) => i.system === identifier.system && i.value === identifier.value,
				),
		);
}

/** groups relationship of a patient body: ids or meta.query {organization, name}. */
function resolveGroups(state: State, rel: any, pointer: string): RelRef[] {
	const data = rel?.data;
	if (!Array.isArray(data)) throw badBody(pointer, 'groups must be a list');
	return data.map((item: any, i: number) => {
		const at = `${pointer}/data/${i}`;
		if (typeof item?.id === 'string' && item.id) {
			const g = OBJECT_ID.test(item.id) ? state.store.get('group', item.id) : undefined;
			if (!g) throw badBody(`${at}/id`, `group ${item.id} was not found`);
			return ref(g);
		}
		const q = item?.meta?.query;
		const g =
			q &&
			state.store
				.collection('group')
				.records.find(
					(r) => r.scope.organization === q.organization && r.attributes.name === q.name,
				);
		if (!g) throw badBody(`${at}/meta/query`, 'no group matches meta.query');
		return ref(g);
	});
}

function resolveCoaches(state: State, rel: any, pointer: string): RelRef[] {
	const data = rel?.data;
	if (!Array.isArray(data)) throw badBody(pointer, 'coaches must be a list');
	return data.map((item: any, i: number) => {
		const c =
			typeof item?.id === 'string' && OBJECT_ID.test(item.id)
				? state.store.get('coach', item.id)
				: undefined;
		if (!c) throw badBody(`${pointer}/data/${i}/id`, `coach ${item?.id} was not found`);
		return ref(c, item.meta);
	});
}

/**
 * Refuses an identifier another patient holds (or, in a bulk create, an earlier element of the same request:
 * `taken` collects them). `pointer` is where the patient's resource object is in the body.
 */
function checkIdentifiers(
	state: State,
	attrs: Record<string, unknown>,
	self?: string,
	pointer = '/data',
	taken?: Set<string>,
): void {
	const ids = (attrs.identifiers ?? []) as Array<{
		system: string;
		value: string;
		unique?: boolean;
	}>;
	ids.forEach((identifier, i) => {
		if (identifier.unique === false) return;
		const key = JSON.stringify([identifier.system, identifier.value]);
		const other = findByIdentifier(state.store, identifier, state.organization);
		if ((other && other.id !== self) || taken?.has(key))
			throw badBody(
				`${pointer}/attributes/identifiers/${i}`,
				`identifier ${identifier.system} ${identifier.value} is already in use`,
			);
		taken?.add(key);
	});
}

function syncArchived(attrs: Record<string, unknown>): void {
	// `archived` is read-only; it follows the last archive_history entry.
	const history = attrs.archive_history as Array<{ archived?: boolean }> | undefined;
	if (Array.isArray(history) && history.length)
		attrs.archived = history[history.length - 1].archived === true;
}

function patientBody(
	state: State,
	data: any,
	ignored: string[],
	self?: StoredRecord,
	pointer = '/data',
	taken?: Set<string>,
) {
	const attributes = writable(state, 'patient', data?.attributes, ignored);
	const relationships: Record<string, Relationship> = {};
	if (data?.relationships?.groups)
		relationships.groups = {
			data: resolveGroups(state, data.relationships.groups, `${pointer}/relationships/groups`),
		};
	if (data?.relationships?.coaches)
		relationships.coaches = {
			data: resolveCoaches(state, data.relationships.coaches, `${pointer}/relationships/coaches`),
		};
	checkIdentifiers(state, attributes, self?.id, pointer, taken);
	return { attributes, relationships };
}

const PATIENT_DEFAULTS = {
	phone_numbers: [],
	addresses: [],
	identifiers: [],
	archived: false,
	archive_history: [],
};

/**
 * The patient a new one duplicates under `ignore_duplicates`: one holding any of its unique identifiers (same
 * system and value), stored or an earlier element of the same request (`taken`: then there is no record yet).
 */
function duplicatePatient(
	state: State,
	attributes: any,
	taken: Set<string>,
): { existing?: StoredRecord } | undefined {
	const ids = (attributes?.identifiers ?? []) as Array<{
		system: string;
		value: string;
		unique?: boolean;
	}>;
	for (const identifier of ids) {
		if (identifier.unique === false) continue;
		const existing = findByIdentifier(state.store, identifier, state.organization);
		if (existing) return { existing };
		if (taken.has(JSON.stringify([identifier.system, identifier.value]))) return {};
	}
	return undefined;
}

/**
 * One patient or, in a bulk create (`data` an array), several. With `meta.ignore_duplicates` a patient with a
 * conflicting identifier is ignored (see createMany for the answer) instead of refusing the request.
 */
function createPatient(ctx: Ctx): Result {
	const skipDuplicates = ctx.body?.meta?.ignore_duplicates === true;
	const taken = new Set<string>();
	return createMany(ctx, 'patient', (data, pointer, ignored) => {
		const duplicate = skipDuplicates
			? duplicatePatient(ctx.state, data?.attributes, taken)
			: undefined;
		if (duplicate) return { duplicateOf: duplicate.existing };
		const { attributes, relationships } = patientBody(
			ctx.state,
			data,
			ignored,
			undefined,
			pointer,
			taken,
		);
		if (!relationships.groups)
			throw badBody(`${pointer}/relationships/groups`, 'relationship groups is required');
		relationships.coaches ??= { data: [] };
		const attrs = { ...PATIENT_DEFAULTS, ...attributes };
		syncArchived(attrs);
		return () => persist(ctx.state, 'patient', attrs, relationships);
	});
}

function updatePatientRecord(ctx: Ctx, rec: StoredRecord, data: any, ignored: string[]): void {
	const { attributes, relationships } = patientBody(ctx.state, data, ignored, rec);
	Object.assign(rec.attributes, attributes);
	syncArchived(rec.attributes);
	Object.assign(rec.relationships, relationships);
	rec.scope = deriveScope(ctx.state.store, ctx.state.organization, 'patient', rec.relationships);
	touch(ctx.state, rec);
}

function upsertPatient(ctx: Ctx): Result {
	const query = ctx.body.meta.query;
	const data = dataOf(ctx.body) ?? {};
	const ignored: string[] = [];
	const existing = findByIdentifier(ctx.state.store, query.identifier, undefined, query.groups);
	const identifier = { system: query.identifier.system, value: query.identifier.value };
	const withIdentifier = (attrs: Record<string, unknown> | undefined, current: unknown) => {
		const list = [
			...((attrs?.identifiers ?? current ?? []) as Array<{ system: string; value: string }>),
		];
		if (!list.some((i) => i.system === identifier.system && i.value === identifier.value))
			list.push(identifier);
		return { ...(attrs ?? {}), identifiers: list };
	};
	if (existing) {
		updatePatientRecord(
			ctx,
			existing,
			{ ...data, attributes: withIdentifier(data.attributes, existing.attributes.identifiers) },
			ignored,
		);
		return single(ctx, existing, ctx.op.successStatus, writeMeta(ignored));
	}
	const body = { ...data, attributes: withIdentifier(data.attributes, []) };
	if (!body.relationships?.groups)
		body.relationships = {
			...(body.relationships ?? {}),
			groups: { data: (query.groups as string[]).map((id) => ({ type: 'group', id })) },
		};
	const { attributes, relationships } = patientBody(ctx.state, body, ignored);
	relationships.coaches ??= { data: [] };
	const attrs = { ...PATIENT_DEFAULTS, ...attributes };
	syncArchived(attrs);
	return single(
		ctx,
		persist(ctx.state, 'patient', attrs, relationships),
		ctx.op.successStatus,
		writeMeta(ignored),
	);
}

function updatePatient(ctx: Ctx): Result {
	const rec = must(ctx.state.store, 'patient', ctx.params.id);
	checkId(ctx);
	const ignored: string[] = [];
	updatePatientRecord(ctx, rec, dataOf(ctx.body), ignored);
	return single(ctx, rec, ctx.op.successStatus, writeMeta(ignored));
}

/** Generic PATCH: writable attributes merged; named relationships replaced after resolution. */
function patch(
	type: ResourceType,
	rels: (ctx: Ctx, rec: StoredRecord, given: any) => void = () => undefined,
): Handler {
	return (ctx) => {
		const rec = must(ctx.state.store, type, ctx.params.id);
		checkId(ctx);
		const data = dataOf(ctx.body);
		const ignored: string[] = [];
		Object.assign(rec.attributes, writable(ctx.state, type, data?.attributes, ignored));
		rels(ctx, rec, data?.relationships ?? {});
		touch(ctx.state, rec);
		return single(ctx, rec, ctx.op.successStatus, writeMeta(ignored));
	};
}

function refList(state: State, rel: any, type: string, pointer: string): RelRef[] {
	const data = rel?.data;
	const items = data == null ? [] : Array.isArray(data) ? data : [data];
	return items.map((item: any, i: number) => {
		const rec =
			typeof item?.id === 'string' && OBJECT_ID.test(item.id)
				? state.store.get(type, item.id)
				: undefined;
		if (!rec)
			throw badBody(
				`${pointer}/data${Array.isArray(data) ? `/${i}` : ''}/id`,
				`${type} ${item?.id} was not found`,
			);
		return ref(rec);
	});
}

/**
 * A plan summary's relationships (the spec requires actions, bundles and patient together, the validator checks
 * that): the patient must be the plan's own, and every action, bundle and result one of that patient's.
 */
const updatePlanSummary = patch('patient_plan_summary', (ctx, rec, rels) => {
	if (rels.patient) {
		const [patient] = refList(ctx.state, rels.patient, 'patient', '/data/relationships/patient');
		if (patient && patient.id !== rec.scope.patient)
			throw badBody(
				'/data/relationships/patient/data/id',
				`patient ${patient.id} is not the patient of plan summary ${rec.id}`,
			);
	}
	const changed: Record<string, RelRef[]> = {};
	for (const [name, type] of [
		['actions', 'action'],
		['bundles', 'bundle'],
		['current_results', 'result'],
	] as const) {
		if (!rels[name]) continue;
		const pointer = `/data/relationships/${name}`;
		changed[name] = refList(ctx.state, rels[name], type, pointer);
		changed[name].forEach((r, i) => {
			if (ctx.state.store.get(type, r.id)?.scope.patient !== rec.scope.patient)
				throw badBody(
					`${pointer}/data/${i}/id`,
					`${type} ${r.id} belongs to another patient than plan summary ${rec.id}`,
				);
		});
	}
	// All checked: nothing changes when one of them is refused.
	for (const [name, refs] of Object.entries(changed)) rec.relationships[name] = { data: refs };
});

const updateAction = patch('action');

const updateBundle = patch('bundle', (ctx, rec, rels) => {
	if (rels.actions) {
		const refs = refList(ctx.state, rels.actions, 'action', '/data/relationships/actions');
		rec.relationships.actions = { data: refs[0] ?? null };
		rec.attributes._actions = refs.map((r) => r.id);
	}
});

/** Body data as a list (the bulk creates: patients, health metrics, reward earnings) and the pointer prefix. */
function items(body: any): Array<{ data: any; pointer: string }> {
	const data = dataOf(body);
	return Array.isArray(data)
		? data.map((d, i) => ({ data: d, pointer: `/data/${i}` }))
		: [{ data, pointer: '/data' }];
}

/** What `prepare` makes of one element: its creation, or (under `ignore_duplicates`) the record it duplicates. */
type Prepared = (() => StoredRecord) | { duplicateOf?: StoredRecord };

/**
 * Validates every element first, then creates them all, answering in the shape sent. A refusal names every
 * element at fault by its pointer (`/data/<n>/…`), one error object each; the request then creates nothing
 * (or, with the `bulkCreatesOthers` fault, the elements not refused). An element ignored as a duplicate is not
 * created: a bulk answer's `data` holds only the records created, and `meta.ignored` lists each ignored
 * element (`data.<n>`); a single create's answer holds the record it duplicates (`data` is required there) with
 * `meta.ignored: ["data"]`.
 */
function createMany(
	ctx: Ctx,
	type: ResourceType,
	prepare: (data: any, pointer: string, ignored: string[]) => Prepared,
): Result {
	const ignored: string[] = [];
	const bulk = Array.isArray(dataOf(ctx.body));
	const refusals: ApiError[] = [];
	const prepared = items(ctx.body).map(({ data, pointer }): Prepared | undefined => {
		try {
			return prepare(data, pointer, ignored);
		} catch (error) {
			if (!bulk || !(error instanceof ApiError) || !error.source?.pointer?.startsWith(pointer))
				throw error;
			refusals.push(error);
			return undefined;
		}
	});
	const commit = () => prepared.map((one) => (typeof one === 'function' ? one() : undefined));
	if (refusals.length > 0) {
		if (ctx.fault?.bulkCreatesOthers) commit();
		throw refusals.length === 1 ? refusals[0] : new ApiErrors(refusals);
	}
	const created = commit();
	prepared.forEach((one, index) => {
		if (typeof one !== 'function') ignored.push(bulk ? `data.${index}` : 'data');
	});
	if (bulk)
		return {
			status: ctx.op.successStatus,
			body: {
				meta: reqMeta(writeMeta(ignored)),
				data: created
					.filter((rec): rec is StoredRecord => rec !== undefined)
					.map((r) => toResource(r, ctx.linkBase)),
			},
		};
	const only = prepared[0];
	const rec = typeof only === 'function' ? created[0] : only?.duplicateOf;
	if (!rec)
		throw new Error('a single create ignored as a duplicate names the record it duplicates');
	return single(ctx, rec, ctx.op.successStatus, writeMeta(ignored));
}

/** The key under which `ignore_duplicates` sees two health metrics as one: patient, type, occurred_at. */
function measurementKey(patient: string, attributes: Record<string, unknown>): string {
	const time = Date.parse(String(attributes.occurred_at));
	return JSON.stringify([
		patient,
		attributes.type,
		Number.isNaN(time) ? attributes.occurred_at : time,
	]);
}

/**
 * With `meta.ignore_duplicates`, a metric is ignored when the patient already has one of the same `type` and
 * `occurred_at` (stored, or an earlier element of the same request).
 */
function createPatientHealthMetric(ctx: Ctx): Result {
	const skipDuplicates = ctx.body?.meta?.ignore_duplicates === true;
	const seen = new Set<string>();
	return createMany(ctx, 'patient_health_metric', (data, pointer, ignored) => {
		const patient = resolvePatient(
			ctx.state,
			data?.relationships?.patient?.data,
			`${pointer}/relationships/patient/data`,
		);
		const attributes = writable(ctx.state, 'patient_health_metric', data?.attributes, ignored);
		if (!attributes.type) throw badBody(`${pointer}/attributes/type`, 'attribute type is required');
		if (skipDuplicates) {
			const key = measurementKey(patient.id, attributes);
			const existing = ctx.state.store
				.collection('patient_health_metric')
				.records.find(
					(metric) =>
						relIds(metric.relationships.patient)[0] === patient.id &&
						measurementKey(patient.id, metric.attributes) === key,
				);
			if (existing || seen.has(key)) return { duplicateOf: existing };
			seen.add(key);
		}
		return () =>
			persist(ctx.state, 'patient_health_metric', attributes, { patient: { data: ref(patient) } });
	});
}

function createRewardEarning(ctx: Ctx): Result {
	const seen = new Set<string>();
	return createMany(ctx, 'reward_earning', (data, pointer, ignored) => {
		const reward = resolveOne(
			ctx.state.store,
			data?.relationships,
			'reward',
			['reward'],
			pointer,
			true,
		)!;
		if (ctx.state.gen.unique.has(`earning:${reward.id}`) || seen.has(reward.id))
			throw badBody(
				`${pointer}/relationships/reward`,
				`reward ${reward.id} already has an earning`,
			);
		seen.add(reward.id);
		const attributes = writable(ctx.state, 'reward_earning', data?.attributes, ignored);
		return () =>
			persist(
				ctx.state,
				'reward_earning',
				{
					...attributes,
					earned_unit: reward.attributes.allocated_unit ?? 'dollar',
				},
				earningRels(ctx.state.gen, reward),
			);
	});
}

function createSimple(
	type: ResourceType,
	build: (
		ctx: Ctx,
		data: any,
		attributes: Record<string, unknown>,
	) => {
		attributes?: Record<string, unknown>;
		relationships: Record<string, Relationship>;
		hint?: any;
	},
): Handler {
	return (ctx) => {
		const data = dataOf(ctx.body);
		const ignored: string[] = [];
		const attributes = writable(ctx.state, type, data?.attributes, ignored);
		const built = build(ctx, data, attributes);
		const rec = persist(
			ctx.state,
			type,
			built.attributes ?? attributes,
			built.relationships,
			built.hint,
		);
		return single(ctx, rec, ctx.op.successStatus, writeMeta(ignored));
	};
}

const DAY = 86_400_000;

function checkEvent(attrs: Record<string, unknown>): void {
	if (attrs.type === 'plan-check-in') {
		if (attrs.all_day !== true)
			throw badBody('/data/attributes/all_day', 'all_day must be true for a plan-check-in event');
		if (attrs.end_at != null)
			throw badBody('/data/attributes/end_at', 'end_at cannot be set for a plan-check-in event');
	}
	if (
		typeof attrs.start_at === 'string' &&
		typeof attrs.end_at === 'string' &&
		Date.parse(attrs.end_at) < Date.parse(attrs.start_at)
	)
		throw badBody('/data/attributes/end_at', 'end_at is before start_at');
}

function attendeesOf(
	state: State,
	given: unknown,
	previous: Array<Record<string, unknown>> = [],
): Array<Record<string, unknown>> {
	if (!Array.isArray(given))
		throw badBody('/data/attributes/attendees', 'attendees must be a list');
	return given.map((a: any, i: number) => {
		const user = a?.user;
		if (
			typeof user !== 'string' ||
			!OBJECT_ID.test(user) ||
			!(state.store.get('patient', user) || state.store.get('coach', user))
		)
			throw badBody(
				`/data/attributes/attendees/${i}/user`,
				`attendee ${String(user)} is not a patient or coach`,
			);
		// Response statuses change only through calendar_event_response.
		const before = previous.find((p) => p.user === user);
		return {
			_id: before?._id ?? state.store.ids.next(state.store.ids.now()),
			user,
			response_status: before?.response_status ?? 'needsAction',
		};
	});
}

const createCalendarEvent = createSimple('calendar_event', (ctx, data, attributes) => {
	const owner = resolveOne(
		ctx.state.store,
		data.relationships,
		'owner',
		['patient', 'coach'],
		'/data',
		true,
	)!;
	checkEvent(attributes);
	return {
		attributes: { ...attributes, attendees: attendeesOf(ctx.state, attributes.attendees) },
		relationships: { owner: { data: ref(owner) } },
	};
});

function updateCalendarEvent(ctx: Ctx): Result {
	const { state } = ctx;
	const rec = must(state.store, 'calendar_event', ctx.params.id);
	checkId(ctx);
	const data = dataOf(ctx.body) ?? {};
	const ignored: string[] = [];
	const given = writable(state, 'calendar_event', data.attributes, ignored);
	const next = { ...rec.attributes, ...given };
	for (const k of ['completed_at', 'completed_by', 'end_at']) if (next[k] === null) delete next[k];
	if (given.attendees !== undefined)
		next.attendees = attendeesOf(state, given.attendees, rec.attributes.attendees as any);
	checkEvent(next);
	let owner: StoredRecord | undefined;
	if (data.relationships?.owner)
		owner = resolveOne(
			state.store,
			data.relationships,
			'owner',
			['patient', 'coach'],
			'/data',
			true,
		);
	rec.attributes = next;
	if (owner) {
		rec.relationships.owner = { data: ref(owner) };
		rec.scope = deriveScope(state.store, state.organization, 'calendar_event', rec.relationships);
	}
	touch(state, rec);
	return single(ctx, rec, ctx.op.successStatus, writeMeta(ignored));
}

function deleteCalendarEvent(ctx: Ctx): Result {
	must(ctx.state.store, 'calendar_event', ctx.params.id);
	ctx.state.store.collection('calendar_event').remove(ctx.params.id);
	return { status: ctx.op.successStatus, body: { meta: reqMeta() } };
}

const createCalendarEventResponse = createSimple(
	'calendar_event_response',
	(ctx, data, attributes) => {
		const { store } = ctx.state;
		const event = requireRelated(store, data.relationships, 'calendar_event');
		const user = resolveOne(
			store,
			data.relationships,
			'user',
			['patient', 'coach'],
			'/data',
			false,
		);
		const attendee = (attributes.attendee ?? {}) as Record<string, unknown>;
		const list = (event.attributes.attendees ?? []) as Array<Record<string, unknown>>;
		const hit = list.find(
			(a) =>
				(user && a.user === user.id) ||
				(attendee._id && a._id === attendee._id) ||
				(attendee.user && a.user === attendee.user),
		);
		if (!hit)
			throw badBody(
				'/data/attributes/attendee',
				'the attendee is not an attendee of the calendar event',
			);
		const userRec =
			user ?? store.get('patient', String(hit.user)) ?? store.get('coach', String(hit.user));
		return {
			attributes: { ...attributes, attendee: { _id: hit._id, user: hit.user } },
			relationships: {
				...(userRec ? { user: { data: ref(userRec) } } : {}),
				calendar_event: { data: ref(event) },
			},
		};
	},
);

const createGroup = createSimple('group', () => ({ relationships: {} }));

const createRewardProgram = createSimple('reward_program', (ctx, data) => {
	const group = requireRelated(ctx.state.store, data.relationships, 'group');
	return { relationships: { group: { data: ref(group) } } };
});

const createAction = createSimple('action', (ctx, data, attributes) => {
	const plan = requireRelated(ctx.state.store, data.relationships, 'plan', [
		'patient_plan_summary',
	]);
	const relationships: Record<string, Relationship> = { plan: { data: ref(plan) } };
	if (data.relationships?.bundles)
		relationships.bundles = {
			data: refList(ctx.state, data.relationships.bundles, 'bundle', '/data/relationships/bundles'),
		};
	return {
		attributes: { tracking: true, identifiers: [], metrics: [], windows: [], ...attributes },
		relationships,
	};
});

const createBundle = createSimple('bundle', (ctx, data, attributes) => {
	const plan = requireRelated(ctx.state.store, data.relationships, 'plan', [
		'patient_plan_summary',
	]);
	const actions = data.relationships?.actions
		? refList(ctx.state, data.relationships.actions, 'action', '/data/relationships/actions')
		: [];
	return {
		attributes: { ...attributes, _actions: actions.map((a) => a.id) },
		relationships: {
			plan: { data: ref(plan) },
			...(actions.length ? { actions: { data: actions[0] } } : {}),
		},
	};
});

const createReward = createSimple('reward', (ctx, data, attributes) => {
	const activation = requireRelated(
		ctx.state.store,
		data.relationships,
		'reward_program_activation',
	);
	return {
		attributes: { ...attributes, allocated_unit: activation.attributes.budget_unit ?? 'dollar' },
		relationships: {
			...patientOf(activation),
			reward_program_activation: { data: ref(activation) },
		},
	};
});

const createRewardEarningFulfillment = createSimple(
	'reward_earning_fulfillment',
	(ctx, data, attributes) => {
		const earning = requireRelated(ctx.state.store, data.relationships, 'reward_earning');
		if (ctx.state.gen.unique.has(`fulfillment:${earning.id}`))
			throw badBody(
				'/data/relationships/reward_earning',
				`reward earning ${earning.id} already has a fulfillment`,
			);
		return {
			attributes: { ...attributes, fulfilled_unit: earning.attributes.earned_unit ?? 'dollar' },
			relationships: {
				...patientOf(earning),
				reward_earning: { data: ref(earning) },
			},
		};
	},
);

const createRewardProgramActivation = createSimple(
	'reward_program_activation',
	(ctx, data, attributes) => {
		const { store, gen } = ctx.state;
		const patient = requireRelated(store, data.relationships, 'patient');
		const program = requireRelated(store, data.relationships, 'reward_program');
		if (gen.unique.has(`activation:${patient.id}:${program.id}`))
			throw badBody(
				'/data/relationships/reward_program',
				`patient ${patient.id} already has an activation of reward program ${program.id}`,
			);
		const p = program.attributes;
		const activatedAt =
			typeof attributes.activated_at === 'string'
				? Date.parse(attributes.activated_at)
				: Date.now();
		return {
			attributes: {
				active: true,
				...attributes,
				expires_at: new Date(activatedAt + Number(p.duration_active ?? 540) * DAY).toISOString(),
				fulfill_as_earned: p.fulfill_as_earned === true,
				allocated_count: 0,
				total_allocated_value: 0,
				earned_count: 0,
				total_earned_value: 0,
				budget_unit: p.budget_unit ?? 'dollar',
			},
			relationships: { patient: { data: ref(patient) }, reward_program: { data: ref(program) } },
		};
	},
);

// ---- the table --------------------------------------------------------------------------------------------

export const handlers: Record<string, Handler> = {
	createToken,
	fetchTokenGroups: (ctx) => {
		tokenOf(ctx);
		return collection(ctx, ctx.state.store.collection('group').records);
	},
	fetchTokenOrganization: (ctx) => {
		tokenOf(ctx);
		return single(ctx, must(ctx.state.store, 'organization', ctx.state.organization), 200);
	},
	fetchRewardProgramGroup: (ctx) => {
		const program = must(ctx.state.store, 'reward_program', ctx.params.id);
		return collection(ctx, byIds(ctx.state.store, 'group', relIds(program.relationships.group)));
	},
	fetchPatientGroups: (ctx) => {
		const patient = must(ctx.state.store, 'patient', ctx.params.id);
		return collection(ctx, byIds(ctx.state.store, 'group', relIds(patient.relationships.groups)));
	},
	fetchPatientCoaches: (ctx) => {
		const patient = must(ctx.state.store, 'patient', ctx.params.id);
		return collection(ctx, byIds(ctx.state.store, 'coach', relIds(patient.relationships.coaches)));
	},
	createGroup,
	createRewardProgram,
	createAction,
	updateAction,
	createBundle,
	updateBundle,
	createCalendarEvent,
	updateCalendarEvent,
	deleteCalendarEvent,
	createCalendarEventResponse,
	createPatientHealthMetric,
	createPatient,
	upsertPatient,
	updatePatient,
	updatePatientPlanSummary: updatePlanSummary,
	createReward,
	createRewardEarning,
	createRewardEarningFulfillment,
	createRewardProgramActivation,
};
for (const [operationId, type] of Object.entries(COLLECTIONS))
	handlers[operationId] = fetchCollection(type);
for (const [operationId, type] of Object.entries(SINGLES))
	handlers[operationId] = fetchSingle(type);
