/**
 * Loads the Fitbit Plus Swagger 2.0 document (never vendored: see ../shared/fitbit-plus-api/NOTES.md) and builds the operation table
 * the router and the validator share.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';

export interface SwaggerParameter {
	name: string;
	in: 'query' | 'path' | 'body' | 'header' | 'formData';
	required?: boolean;
	type?: string;
	format?: string;
	enum?: unknown[];
	maximum?: number;
	minimum?: number;
	schema?: Record<string, unknown>;
	description?: string;
}

export interface Operation {
	operationId: string;
	method: string; // upper case
	template: string; // '/patient/{id}/groups'
	regex: RegExp;
	pathParamNames: string[];
	parameters: SwaggerParameter[];
	queryParams: Map<string, SwaggerParameter>;
	bodyParam?: SwaggerParameter;
	consumes: string[];
	successStatus: number;
	/** '#/definitions/X' of each declared response status. */
	responseRefs: Record<string, string | undefined>;
	/** GET of a collection (its success body is a list and the path does not end in an id): every one pages. */
	isCollection: boolean;
	/** The success schema's `data` is an array (also true of two single-resource fetches, see handlers). */
	dataIsArray: boolean;
	/** Name of the cursor parameter the spec declares for this path ('page[cursor]' or 'page[after]'). */
	cursorParam: string;
}

export interface Spec {
	path: string;
	doc: any;
	basePath: string;
	operations: Operation[];
	byId: Map<string, Operation>;
}

/** The spec file: FITBIT_PLUS_SPEC, else ../shared/fitbit-plus-api/swagger.yaml beside the checkout. */
export function locateSpec(explicit?: string): string {
	const candidates = [
		explicit,
		process.env.FITBIT_PLUS_SPEC,
		// test/sandbox -> repo root -> its parent
		path.resolve(__dirname, '..', '..', '..', 'shared', 'fitbit-plus-api', 'swagger.yaml'),
	].filter((p): p is string => !!p);
	for (const candidate of candidates) if (fs.existsSync(candidate)) return candidate;
	throw new Error(
		'Fitbit Plus API spec not found (looked at: ' +
			candidates.join(', ') +
			'). Download spec/swagger.yaml from the TwineHealth/TwineDeveloperDocs repository ' +
			'(or twinehealth.com/v7.78.1 from the APIs.guru directory) and set FITBIT_PLUS_SPEC to its path.',
	);
}

const specCache = new Map<string, Spec>();

export function loadSpec(explicit?: string): Spec {
	const file = locateSpec(explicit);
	const cached = specCache.get(file);
	if (cached) return cached;
	const doc = yaml.load(fs.readFileSync(file, 'utf8')) as any;
	const operations: Operation[] = [];
	for (const [template, item] of Object.entries<any>(doc.paths)) {
		const shared: SwaggerParameter[] = item.parameters ?? [];
		for (const [method, op] of Object.entries<any>(item)) {
			if (method === 'parameters') continue;
			const parameters: SwaggerParameter[] = [...shared, ...(op.parameters ?? [])];
			const pathParamNames: string[] = [];
			const regex = new RegExp(
				'^' +
					template
						.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
						.replace(/\{([^}]+)\}/g, (_m, name: string) => {
							pathParamNames.push(name);
							return '([^/]+)';
						}) +
					'$',
			);
			const responseRefs: Record<string, string | undefined> = {};
			for (const [code, resp] of Object.entries<any>(op.responses ?? {}))
				responseRefs[code] = resp?.schema?.$ref;
			const successStatus = Number(
				Object.keys(op.responses ?? {}).find((c) => /^2\d\d$/.test(c)) ?? 200,
			);
			const successRef = responseRefs[String(successStatus)];
			const successSchema = successRef ? doc.definitions[successRef.split('/').pop()!] : undefined;
			const dataIsArray = successSchema?.properties?.data?.type === 'array';
			const isCollection = method === 'get' && dataIsArray && !template.endsWith('}');
			const queryParams = new Map(
				parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]),
			);
			operations.push({
				operationId: op.operationId,
				method: method.toUpperCase(),
				template,
				regex,
				pathParamNames,
				parameters,
				queryParams,
				bodyParam: parameters.find((p) => p.in === 'body'),
				consumes: op.consumes ?? doc.consumes ?? ['application/json'],
				successStatus,
				responseRefs,
				isCollection,
				dataIsArray,
				cursorParam: queryParams.has('page[cursor]') ? 'page[cursor]' : 'page[after]',
			});
		}
	}
	const spec: Spec = {
		path: file,
		doc,
		basePath: doc.basePath ?? '',
		operations,
		byId: new Map(operations.map((o) => [o.operationId, o])),
	};
	specCache.set(file, spec);
	return spec;
}

/** Finds the operation for a method and a path below the base path; `pathMatched` tells a 405-ish miss apart. */
export function matchOperation(
	spec: Spec,
	method: string,
	subPath: string,
): { op?: Operation; params: Record<string, string>; pathMatched: boolean } {
	let pathMatched = false;
	for (const op of spec.operations) {
		const m = op.regex.exec(subPath);
		if (!m) continue;
		pathMatched = true;
		if (op.method !== method) continue;
		const params: Record<string, string> = {};
		op.pathParamNames.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
		return { op, params, pathMatched };
	}
	return { params: {}, pathMatched };
}
