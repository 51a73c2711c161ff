/**
 * The oracle: every /pub request is checked against the spec before it is served, so a client that drifts from
 * the spec fails loudly (400 SpecViolation) instead of passing against a lenient fake.
 */
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { Operation, Spec, SwaggerParameter } from './spec';

export type Query = Record<string, string | string[]>;

/** Paging names ../shared/fitbit-plus-api/NOTES.md lets any GET collection take, declared or not. */
export const PAGING_PARAMS = [
	'page[after]',
	'page[cursor]',
	'page[limit]',
	'page[size]',
	'page[number]',
];

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
export function isIsoDateTime(value: string): boolean {
	return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Operations whose description lets `data` be an array of resources (one schema per element): the "(bulk
 * create)" notes of PatientCreateResource and PatientHealthMetricCreateResource, and createRewardEarning's.
 */
const ARRAY_DATA_OPS = new Set([
	'createPatient',
	'createPatientHealthMetric',
	'createRewardEarning',
]);
/** updateCalendarEvent's description un-completes an event with nulls its schema (type string) forbids. */
const NULLABLE_ATTRS: Record<string, string[]> = {
	updateCalendarEvent: ['completed_at', 'completed_by'],
};
const PLACEHOLDER_ID = '000000000000000000000000';

export class SpecValidator {
	private readonly ajv: InstanceType<typeof Ajv04>;
	private readonly compiled = new Map<string, ValidateFunction>();

	constructor(spec: Spec) {
		this.ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: true });
		addFormats(this.ajv);
		// The spec's own (non-standard) format names.
		this.ajv.addFormat('dateTime', { type: 'string', validate: isIsoDateTime });
		this.ajv.addFormat('ISODate', { type: 'string', validate: isIsoDateTime });
		const definitions = stripExamples(JSON.parse(JSON.stringify(spec.doc.definitions)));
		// ../shared/fitbit-plus-api/NOTES.md: `errors` is declared as one object but is an array everywhere; the sandbox sends an array.
		definitions.ErrorList = { type: 'array', items: { $ref: '#/definitions/Error' } };
		for (const name of ['CreateOrUpdateErrorResponse', 'FetchErrorResponse']) {
			definitions[name].properties.errors = { $ref: '#/definitions/ErrorList' };
		}
		// An unknown grant type is answered by the API itself (InvalidGrantType), so it is not a violation.
		delete definitions.CreateTokenRequest.properties.data.properties.attributes.properties
			.grant_type.enum;
		// Our own 400 for spec violations: not in the spec's enum.
		definitions.Error.properties.code.enum.push('SpecViolation');
		this.ajv.addSchema({ id: 'spec', definitions });
	}

	schema(ref: string): ValidateFunction {
		let fn = this.compiled.get(ref);
		if (!fn) {
			fn = this.ajv.compile({ $ref: 'spec' + ref });
			this.compiled.set(ref, fn);
		}
		return fn;
	}

	private errorsOf(fn: ValidateFunction, value: unknown, where: string): string[] {
		if (fn(value)) return [];
		return (fn.errors ?? []).map((e) =>
			`${where}${e.instancePath || ''} ${e.message ?? 'is invalid'}`.trim(),
		);
	}

	/** Messages for everything in the request that the spec does not allow; [] when it conforms. */
	validateRequest(
		op: Operation,
		query: Query,
		contentType: string | undefined,
		body: unknown,
		bodyParseError?: string,
	): string[] {
		const messages: string[] = [];
		for (const [name, raw] of Object.entries(query)) {
			const declared = op.queryParams.get(name);
			if (!declared) {
				if (op.isCollection && PAGING_PARAMS.includes(name)) continue;
				messages.push(`query parameter "${name}" is not declared by ${op.operationId}`);
				continue;
			}
			if (Array.isArray(raw)) {
				messages.push(`query parameter "${name}" is given ${raw.length} times`);
				continue;
			}
			messages.push(...checkQueryValue(declared, raw));
		}
		for (const p of op.queryParams.values()) {
			if (p.required && !(p.name in query))
				messages.push(`required query parameter "${p.name}" is missing`);
		}
		if (op.bodyParam) {
			const media = contentType?.split(';')[0].trim().toLowerCase();
			if (!media) messages.push('Content-Type is missing; expected ' + op.consumes.join(' or '));
			else if (!op.consumes.includes(media))
				messages.push(`Content-Type "${media}" is not one of ${op.consumes.join(', ')}`);
			if (bodyParseError) messages.push('body is not valid JSON: ' + bodyParseError);
			else if (body === undefined) {
				if (op.bodyParam.required) messages.push('request body is required');
			} else if (op.operationId === 'createToken' && media === 'application/json') {
				// The description: with application/json the token fields come flat, not under data.attributes.
				messages.push(...this.validateBody(op, { data: { type: 'token', attributes: body } }));
			} else messages.push(...this.validateBody(op, body));
		}
		return messages;
	}

	private validateBody(op: Operation, body: unknown): string[] {
		const ref = op.bodyParam?.schema?.$ref as string | undefined;
		if (!ref) return [];
		const fn = this.schema(ref);
		const doc = body as { data?: unknown };
		if (doc && typeof doc === 'object' && Array.isArray(doc.data)) {
			if (!ARRAY_DATA_OPS.has(op.operationId))
				return ['body: /data must be an object, not an array'];
			if (doc.data.length === 0) return ['body: /data must not be an empty array'];
			return doc.data.flatMap((item, i) =>
				this.errorsOf(fn, this.prepareBody(op, { ...doc, data: item }), 'body').map((m) =>
					m.replace(/^body\/data/, `body/data/${i}`),
				),
			);
		}
		return this.errorsOf(fn, this.prepareBody(op, body), 'body');
	}

	/**
	 * Where the spec's examples disagree with its schemas, the examples win for what a client may send:
	 * creates carry no id (several resource schemas require one), and nulls un-complete calendar events.
	 */
	private prepareBody(op: Operation, body: unknown): unknown {
		if (!body || typeof body !== 'object') return body;
		const doc = body as { data?: Record<string, unknown> };
		const data = doc.data;
		if (!data || typeof data !== 'object' || Array.isArray(data)) return body;
		const copy: Record<string, unknown> = { ...data };
		if (op.method === 'POST' && op.operationId !== 'createToken' && copy.id === undefined)
			copy.id = PLACEHOLDER_ID;
		const nullable = NULLABLE_ATTRS[op.operationId];
		if (nullable && copy.attributes && typeof copy.attributes === 'object') {
			const attrs = { ...(copy.attributes as Record<string, unknown>) };
			for (const k of nullable) if (attrs[k] === null) delete attrs[k];
			copy.attributes = attrs;
		}
		return { ...doc, data: copy };
	}

	/** Response check used by the tests (and at runtime with validateResponses). */
	validateResponse(op: Operation, status: number, body: unknown): string[] {
		const ref = op.responseRefs[String(status)];
		if (!(String(status) in op.responseRefs))
			return [`status ${status} is not declared by ${op.operationId}`];
		if (!ref) return [];
		const doc = body as { data?: unknown };
		if (ARRAY_DATA_OPS.has(op.operationId) && doc && Array.isArray(doc.data)) {
			// A bulk create answers in the shape it was sent: one resource per element.
			return doc.data.flatMap((item, i) =>
				this.errorsOf(this.schema(ref), { ...doc, data: item }, 'response').map((m) =>
					m.replace(/^response\/data/, `response/data/${i}`),
				),
			);
		}
		return this.errorsOf(this.schema(ref), body, 'response');
	}
}

/** Examples hold objects with `id` keys, which draft-04 would take for schema ids: drop them. */
function stripExamples(node: any, inPropertyMap = false): any {
	if (Array.isArray(node)) return node.map((n) => stripExamples(n));
	if (!node || typeof node !== 'object') return node;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(node)) {
		if (!inPropertyMap && (k === 'example' || k.startsWith('x-'))) continue;
		out[k] = stripExamples(v, !inPropertyMap && (k === 'properties' || k === 'definitions'));
	}
	return out;
}

function checkQueryValue(p: SwaggerParameter, raw: string): string[] {
	const name = `query parameter "${p.name}"`;
	// JSON:API `include` is a comma-separated list; each member must be one of the declared values.
	const values = p.name === 'include' ? raw.split(',') : [raw];
	const out: string[] = [];
	for (const value of values) {
		switch (p.type) {
			case 'integer':
				if (!/^-?\d+$/.test(value)) out.push(`${name} must be an integer, got "${value}"`);
				else {
					const n = Number(value);
					if (p.maximum !== undefined && n > p.maximum)
						out.push(`${name} must be <= ${p.maximum}, got ${n}`);
					if (p.minimum !== undefined && n < p.minimum)
						out.push(`${name} must be >= ${p.minimum}, got ${n}`);
				}
				break;
			case 'number':
				if (value.trim() === '' || Number.isNaN(Number(value)))
					out.push(`${name} must be a number, got "${value}"`);
				break;
			case 'boolean':
				if (value !== 'true' && value !== 'false')
					out.push(`${name} must be true or false, got "${value}"`);
				break;
			default:
				if (p.format === 'dateTime' && !isIsoDateTime(value))
					out.push(`${name} must be an ISO date-time, got "${value}"`);
		}
		if (p.enum && !p.enum.map(String).includes(value))
			out.push(`${name} must be one of ${p.enum.join(', ')}, got "${value}"`);
	}
	return out;
}
