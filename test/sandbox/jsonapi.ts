/** JSON:API documents: errors, resource serialization, paging (skip and cursor), includes. */
import { randomUUID } from 'node:crypto';
import { OBJECT_ID, type Relationship, type Store, type StoredRecord } from './store';
import type { Query } from './validator';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly title: string,
		detail: string,
		readonly source?: { parameter?: string; pointer?: string },
		readonly headers: Record<string, string> = {},
	) {
		super(detail);
	}
}

/** Several refusals of one request (a bulk create refused for several elements): one error object each. */
export class ApiErrors extends ApiError {
	constructor(readonly errors: ApiError[]) {
		const [first] = errors;
		super(first.status, first.code, first.title, first.message, first.source, first.headers);
	}
}

export const notFound = (what: string, id: string) =>
	new ApiError(404, 'ResourceNotFound', 'Not Found', `${what} ${id} was not found`);
export const badParameter = (parameter: string, detail: string) =>
	new ApiError(409, 'InvalidParameter', 'Invalid Request', detail, { parameter });
export const badBody = (pointer: string, detail: string) =>
	new ApiError(409, 'InvalidBodyParameter', 'Invalid Request', detail, { pointer });

export function errorDocument(
	errors: Array<{ status: number; code: string; title: string; detail: string; source?: object }>,
): Record<string, unknown> {
	return {
		meta: { req_id: randomUUID() },
		errors: errors.map((e) => ({
			status: String(e.status),
			code: e.code,
			title: e.title,
			detail: e.detail,
			...(e.source ? { source: e.source } : {}),
		})),
	};
}

export function reqMeta(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { req_id: randomUUID(), ...extra };
}

/** The resource as the API shows it; `linkBase` is '' (relative) or 'http://host:port'. */
export function toResource(rec: StoredRecord, linkBase: string): Record<string, unknown> {
	return {
		type: rec.type,
		id: rec.id,
		attributes: rec.attributes,
		relationships: rec.relationships,
		links: { self: `${linkBase}/pub/${rec.type}/${rec.id}` },
	};
}

// ---- includes ---------------------------------------------------------------------------------------------

/** Related records named by `include` (comma-separated), deduplicated and without the primary data. */
export function included(
	store: Store,
	primary: StoredRecord[],
	include: string | undefined,
	linkBase: string,
) {
	if (!include) return undefined;
	const names = include.split(',').filter(Boolean);
	const seen = new Set(primary.map((r) => `${r.type}:${r.id}`));
	const out: Record<string, unknown>[] = [];
	for (const rec of primary) {
		for (const name of names) {
			const rel: Relationship | undefined = rec.relationships[name];
			const data = rel?.data;
			const refs = !data ? [] : Array.isArray(data) ? data : [data];
			for (const ref of refs) {
				const key = `${ref.type}:${ref.id}`;
				if (seen.has(key)) continue;
				const related = store.get(ref.type, ref.id);
				if (!related) continue;
				seen.add(key);
				out.push(toResource(related, linkBase));
			}
		}
	}
	return out;
}

// ---- paging -----------------------------------------------------------------------------------------------

export interface PageRequest {
	mode: 'skip' | 'cursor';
	size: number; // page size (skip) or limit (cursor), already capped
	number: number;
	cursor?: string;
}

function intParam(query: Query, name: string, min: number): number | undefined {
	const raw = query[name];
	if (raw === undefined) return undefined;
	if (Array.isArray(raw) || !/^\d+$/.test(raw) || Number(raw) < min)
		throw badParameter(name, `${name} must be an integer >= ${min}`);
	return Number(raw);
}

export function parsePaging(query: Query, maxPageSize: number): PageRequest {
	const skipNames = ['page[size]', 'page[number]'].filter((n) => n in query);
	const cursorNames = ['page[limit]', 'page[after]', 'page[cursor]'].filter((n) => n in query);
	if (skipNames.length && cursorNames.length)
		throw badParameter(
			cursorNames[0],
			`cannot mix ${skipNames.join(', ')} with ${cursorNames.join(', ')}`,
		);
	if (cursorNames.length) {
		if ('page[after]' in query && 'page[cursor]' in query)
			throw badParameter('page[cursor]', 'give either page[after] or page[cursor], not both');
		const cursorName = 'page[after]' in query ? 'page[after]' : 'page[cursor]';
		const cursor = query[cursorName];
		if (cursor !== undefined && (Array.isArray(cursor) || !OBJECT_ID.test(cursor)))
			throw badParameter(cursorName, `${cursorName} must be the id of a resource`);
		const limit = intParam(query, 'page[limit]', 0) ?? 50;
		return {
			mode: 'cursor',
			size: Math.min(limit, maxPageSize),
			number: 1,
			cursor: cursor as string | undefined,
		};
	}
	const size = intParam(query, 'page[size]', 0) ?? 10;
	const number = intParam(query, 'page[number]', 1) ?? 1;
	return { mode: 'skip', size: Math.min(size, maxPageSize), number };
}

/** First index after the cursor: binary search when `matches` is in id order, else a scan (sorted views). */
function indexAfter(matches: StoredRecord[], cursor: string, idOrdered: boolean): number {
	if (!idOrdered) {
		const i = matches.findIndex((r) => r.id === cursor);
		return i < 0 ? matches.length : i + 1;
	}
	let lo = 0;
	let hi = matches.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (matches[mid].id <= cursor) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function buildUrl(
	prefix: string,
	base: Array<[string, string]>,
	page: Array<[string, string | number]>,
): string {
	const parts = [...base, ...page].map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
	return parts.length ? `${prefix}?${parts.join('&')}` : prefix;
}

/**
 * One page of `matches` (the filtered collection, in id order unless `idOrdered` is false) as a collection
 * document: data, links, meta.count.
 */
export function pageDocument(opts: {
	matches: StoredRecord[];
	idOrdered: boolean;
	page: PageRequest;
	query: Query;
	rawQueryOrder: Array<[string, string]>;
	urlPrefix: string; // linkBase + '/pub' + path
	cursorParam: string;
	/** Lists a cursor page in a random order (an API whose pages are not in id order); `links.next` follows it. */
	shuffle?: () => number;
}): { data: StoredRecord[]; links?: Record<string, string>; count: number } {
	const { matches, page, urlPrefix } = opts;
	const count = matches.length;
	const base = opts.rawQueryOrder.filter(([k]) => !k.startsWith('page['));
	if (page.size === 0) return { data: [], count };
	if (page.mode === 'cursor') {
		const start = page.cursor ? indexAfter(matches, page.cursor, opts.idOrdered) : 0;
		const data = matches.slice(start, start + page.size);
		if (opts.shuffle) {
			for (let i = data.length - 1; i > 0; i--) {
				const j = Math.floor(opts.shuffle() * (i + 1));
				[data[i], data[j]] = [data[j], data[i]];
			}
		}
		const links: Record<string, string> = {
			self: buildUrl(urlPrefix, base, [
				['page[limit]', page.size],
				...(page.cursor ? [[opts.cursorParam, page.cursor] as [string, string]] : []),
			]),
		};
		if (start + page.size < count)
			links.next = buildUrl(urlPrefix, base, [
				['page[limit]', page.size],
				[opts.cursorParam, data[data.length - 1].id],
			]);
		return { data, links, count };
	}
	const last = Math.max(1, Math.ceil(count / page.size));
	const start = (page.number - 1) * page.size;
	const data = matches.slice(start, start + page.size);
	const link = (n: number) =>
		buildUrl(urlPrefix, base, [
			['page[number]', n],
			['page[size]', page.size],
		]);
	const links: Record<string, string> = {
		self: link(page.number),
		first: link(1),
		last: link(last),
	};
	if (page.number > 1) links.prev = link(Math.min(page.number - 1, last));
	if (page.number < last) links.next = link(page.number + 1);
	return { data, links, count };
}
