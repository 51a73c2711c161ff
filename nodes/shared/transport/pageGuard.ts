/**
 * A collection walk that cannot end: the next-link reader and a guard fed each page that stops the walk at the
 * first sign of a loop, whatever the link text (a counter in the link changes it every time). Pure: the caller
 * says how to fail.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AnswerProblem } from './documents';
import type { JsonApiDocument } from './jsonApi';
import { primaryResources } from './jsonApi';

/** `links.next` as JSON:API 1.0 allows it: a URL, a link object `{"href": …}`, or null / absent at the end. */
export function readNextLink(next: unknown): { link?: string; problem?: string } {
	if (next === undefined || next === null || next === '') return {};
	if (typeof next === 'string') return { link: next };
	if (typeof next === 'object' && !Array.isArray(next)) {
		const href = (next as { href?: unknown }).href;
		if (typeof href === 'string') return href === '' ? {} : { link: href };
		return { problem: 'links.next is an object without an "href"' };
	}
	return { problem: `links.next is ${Array.isArray(next) ? 'a list' : `a ${typeof next}`}` };
}

/** The cursor parameters a next link may carry (the spec's overview says `page[after]`, most paths `page[cursor]`). */
const CURSOR_PARAMETERS = ['page[after]', 'page[cursor]'];

/** The cursor a link resumes from, or undefined when it carries none. Links may be relative. */
function cursorOf(link: string): string | undefined {
	let url: URL;
	try {
		url = new URL(link, 'http://relative.invalid');
	} catch {
		return undefined;
	}
	for (const name of CURSOR_PARAMETERS) {
		const value = url.searchParams.get(name);
		if (value !== null && value !== '') return `${name}=${value}`;
	}
	return undefined;
}

/**
 * Records a walk may return beyond the highest `meta.count` it was told: records created while it walks (the
 * count is the collection's total on each page, so most creations raise it) and a page's worth of slack for
 * each side of a count taken between two pages: two full pages (100 records), or a tenth of the count for a
 * large collection whose walk takes minutes. Far beyond that, the pages are not the collection's.
 */
function countMargin(count: number): number {
	return Math.max(100, Math.ceil(count / 10));
}

/** Empty pages in a row that still link to another: a walk that reads nothing and does not end. */
const MAX_EMPTY_PAGES = 5;

const LOOP_DESCRIPTION =
	'No partial result is returned. Try again later; if it persists, report it to Fitbit Plus.';

/**
 * Fed each page of one walk (`page()` before its records are used, `next()` for the link to follow): fails at
 * a page of records all returned before (records repeated beside new ones are dropped: a page listed out of id
 * order may end on a cursor below some of them), link or cursor used twice (a cursor is the link's `page[after]` /
 * `page[cursor]` value, or else the last id of the page it follows), far more records than `meta.count`
 * announced, or MAX_EMPTY_PAGES empty pages in a row. Keeps one id per record returned (the strings the records
 * hold already) and one entry per page.
 */
export class PageGuard {
	private readonly records = new Set<string>();

	private readonly links = new Set<string>();

	private readonly cursors = new Set<string>();

	private pages = 0;

	private returned = 0;

	private announced: number | undefined;

	private emptyPages = 0;

	private lastId: string | undefined;

	constructor(
		firstQuery: IDataObject | undefined,
		private readonly fail: (problem: AnswerProblem) => never,
	) {
		for (const name of CURSOR_PARAMETERS) {
			const value = firstQuery?.[name];
			if (typeof value === 'string' && value !== '') this.cursors.add(`${name}=${value}`);
		}
	}

	/** One page of the walk, before its records are used. */
	page(document: JsonApiDocument): void {
		this.pages++;
		const resources = primaryResources(document);
		const fresh = resources.filter((resource) => !this.records.has(resource.id));
		if (fresh.length === 0 && resources.length > 0) {
			// Nothing new on a page: the API is serving pages it served before.
			this.fail({
				message: `Fitbit Plus sent a record it had already sent in this walk (${resources[0].type} ${resources[0].id}, on page ${this.pages}): the pages are looping`,
				description: LOOP_DESCRIPTION,
			});
		}
		// A page listed out of id order may end on a cursor below some of its records, so the next page repeats
		// them: each record is returned once, and a page must bring at least one new record.
		if (fresh.length < resources.length) document.data = fresh;
		for (const resource of fresh) this.records.add(resource.id);
		this.returned += resources.length;
		const count = document.meta?.count;
		if (typeof count === 'number' && Number.isFinite(count) && count >= 0)
			this.announced = Math.max(this.announced ?? 0, count);
		if (
			this.announced !== undefined &&
			this.returned > this.announced + countMargin(this.announced)
		) {
			this.fail({
				message: `Fitbit Plus sent ${this.returned} records where it announced ${this.announced} (meta.count): the pages are looping`,
				description: LOOP_DESCRIPTION,
			});
		}
		this.emptyPages = resources.length === 0 ? this.emptyPages + 1 : 0;
		this.lastId = resources.length > 0 ? resources[resources.length - 1].id : undefined;
	}

	/** The link to the page after `document`, or undefined at the end; refused when it would go round again. */
	next(document: JsonApiDocument): string | undefined {
		const { link } = readNextLink(document.links?.next);
		if (link === undefined) return undefined;
		if (this.links.has(link)) {
			this.fail({
				message: 'Fitbit Plus sent a paging link it had sent before: the results would never end',
				description: LOOP_DESCRIPTION,
			});
		}
		this.links.add(link);
		const cursor = cursorOf(link) ?? (this.lastId === undefined ? undefined : `id=${this.lastId}`);
		if (cursor !== undefined) {
			if (this.cursors.has(cursor)) {
				this.fail({
					message: `Fitbit Plus sent a paging link back to a cursor it had already used (after page ${this.pages}): the results would never end`,
					description: LOOP_DESCRIPTION,
				});
			}
			this.cursors.add(cursor);
		}
		if (this.emptyPages >= MAX_EMPTY_PAGES) {
			this.fail({
				message: `Fitbit Plus sent ${this.emptyPages} empty pages in a row, each linking to another: the results would never end`,
				description: LOOP_DESCRIPTION,
			});
		}
		return link;
	}
}
