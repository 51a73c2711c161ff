/**
 * The ground-floor checks of issue #21, without n8n or the network: what a success answer must hold
 * (documents.ts), the paging guard (pageGuard.ts), the safe excerpt of a foreign error answer (excerpt.ts) and
 * which Base URLs are this machine (baseUrl.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { checkBaseUrl } from '../../nodes/shared/transport/baseUrl';
import { checkDocument } from '../../nodes/shared/transport/documents';
import { nonJsonApiErrorHint, safeExcerpt } from '../../nodes/shared/transport/excerpt';
import type { JsonApiDocument } from '../../nodes/shared/transport/jsonApi';
import { PageGuard, readNextLink } from '../../nodes/shared/transport/pageGuard';

const patient = (id: string) => ({ type: 'patient', id, attributes: {} });
const ok = (body: unknown, expect?: 'resource' | 'collection' | 'none', method = 'GET') =>
	checkDocument({ status: 200, contentType: 'application/vnd.api+json', body }, expect, method);
const problemOf = (...args: Parameters<typeof ok>) => ok(...args).problem?.message;

describe('checkDocument: a success answer holds what was asked for', () => {
	it('passes a resource, a list, a one-element list for a Get, and a Delete with nothing', () => {
		expect(ok({ data: patient('a') }, 'resource').document).toEqual({ data: patient('a') });
		expect(ok({ data: [patient('a')] }, 'resource').document).toBeDefined();
		expect(ok({ data: [], meta: { count: 0 } }, 'collection').document).toBeDefined();
		expect(ok('', 'none', 'DELETE').document).toEqual({});
		expect(ok(undefined, undefined, 'DELETE').document).toEqual({});
		// Without an expectation: any document (a count's meta-only answer too).
		expect(ok({ meta: { count: 3 } }).document).toEqual({ meta: { count: 3 } });
	});

	it('refuses what would pass as fewer records, naming the status and what is wrong', () => {
		expect(problemOf({ data: null }, 'resource')).toBe(
			'Fitbit Plus answered 200 without the record asked for (data is null)',
		);
		expect(problemOf({ meta: {} }, 'resource')).toBe(
			'Fitbit Plus answered 200 without data (the document has no "data" member)',
		);
		expect(problemOf({ data: [] }, 'resource')).toBe(
			'Fitbit Plus answered 200 with an empty list where one record was asked for',
		);
		expect(problemOf({ data: null }, 'collection')).toBe(
			'Fitbit Plus answered 200 without the list asked for (data is null, not [])',
		);
		expect(problemOf({ data: patient('a') }, 'collection')).toBe(
			'Fitbit Plus answered 200 with an object as data where a list was asked for',
		);
		expect(problemOf({ data: [patient('a'), { type: 'patient' }] }, 'collection')).toBe(
			'Fitbit Plus answered 200 with a record without an id (data[1])',
		);
		expect(problemOf({ data: { id: 'a' } })).toBe(
			'Fitbit Plus answered 200 with a record without a type (data)',
		);
		expect(problemOf({ data: [null] }, 'collection')).toBe(
			'Fitbit Plus answered 200 with data[0] that is not a record (null)',
		);
		expect(problemOf({ errors: [{ code: 'InternalError', detail: 'boom' }] }, 'none')).toBe(
			'Fitbit Plus answered 200 but reported: InternalError: boom',
		);
		expect(problemOf({ data: [], errors: { detail: 'half done' } }, 'collection')).toBe(
			'Fitbit Plus answered 200 but reported: half done',
		);
		expect(problemOf('', 'resource')).toBe(
			'Fitbit Plus answered 200 with an empty body where a JSON:API document was expected',
		);
		expect(problemOf('[1, 2]')).toBe(
			'Fitbit Plus answered with an unexpected body (not a JSON:API document)',
		);
	});

	it('names a media type that is not JSON:API, with a safe excerpt of a body that is not JSON', () => {
		const checked = checkDocument(
			{ status: 200, contentType: 'text/html; charset=utf-8', body: '<html><b>Sign in</b></html>' },
			'collection',
		);
		expect(checked.problem?.message).toBe('Fitbit Plus answered with a body that is not JSON');
		expect(checked.problem?.description).toMatch(
			/^The answer \(200 \(text\/html\)\) is not a JSON:API document\. It began: "Sign in"\./,
		);
	});

	it('turns a link object into its href, refuses a next link that cannot be read', () => {
		const document = ok(
			{ data: [patient('a')], links: { next: { href: '/pub/patient?page%5Bcursor%5D=a' } } },
			'collection',
		).document!;
		expect(document.links?.next).toBe('/pub/patient?page%5Bcursor%5D=a');
		expect(problemOf({ data: [], links: { next: 42 } }, 'collection')).toBe(
			'Fitbit Plus answered 200 with a paging link that cannot be read (links.next is a number)',
		);
		expect(problemOf({ data: [], links: { next: { meta: {} } } }, 'collection')).toBe(
			'Fitbit Plus answered 200 with a paging link that cannot be read (links.next is an object without an "href")',
		);
	});
});

describe('readNextLink', () => {
	it('reads a URL, a link object, and the end of a walk', () => {
		expect(readNextLink('/a')).toEqual({ link: '/a' });
		expect(readNextLink({ href: 'https://x/a' })).toEqual({ link: 'https://x/a' });
		for (const end of [undefined, null, '', { href: '' }]) expect(readNextLink(end)).toEqual({});
		expect(readNextLink(['/a']).problem).toBe('links.next is a list');
	});
});

describe('PageGuard: a walk stops at the first sign of a loop', () => {
	const failing = () => (problem: { message: string }) => {
		throw new Error(problem.message);
	};
	const page = (ids: string[], next?: unknown, count?: number): JsonApiDocument =>
		({
			data: ids.map(patient),
			...(next === undefined ? {} : { links: { next } }),
			...(count === undefined ? {} : { meta: { count } }),
		}) as JsonApiDocument;
	const walk = (pages: JsonApiDocument[], firstQuery?: IDataObject) => {
		const guard = new PageGuard(firstQuery, failing());
		const seen: string[] = [];
		for (const document of pages) {
			guard.page(document);
			seen.push(...(document.data as Array<{ id: string }>).map((r) => r.id));
			if (guard.next(document) === undefined) break;
		}
		return seen;
	};

	it('lets a proper walk through, whatever its links look like', () => {
		expect(
			walk([
				page(['a', 'b'], '/p?page%5Bcursor%5D=b', 5),
				page(['c', 'd'], { href: '/p?page%5Bcursor%5D=d' }, 5),
				page(['e'], null, 5),
			]),
		).toEqual(['a', 'b', 'c', 'd', 'e']);
		// Links without a cursor parameter (skip paging): each page ends on another record.
		expect(
			walk([page(['a'], '/p?page%5Bnumber%5D=2'), page(['b'], '/p?page%5Bnumber%5D=3'), page([])]),
		).toEqual(['a', 'b']);
	});

	it('a page of records all returned before, under any link', () => {
		expect(() =>
			walk([
				page(['a', 'b'], '/p?x=1&page%5Bcursor%5D=b'),
				page(['b', 'a'], '/p?x=2&page%5Bcursor%5D=c'),
			]),
		).toThrow('Fitbit Plus sent a record it had already sent in this walk (patient b, on page 2)');
	});

	it('a record repeated beside new ones (a page listed out of id order) is returned once', () => {
		expect(
			walk([
				page(['a', 'c'], '/p?page%5Bcursor%5D=a'),
				page(['c', 'b', 'd'], '/p?page%5Bcursor%5D=d'),
				page(['e'], null),
			]),
		).toEqual(['a', 'c', 'b', 'd', 'e']);
	});

	it('the same link, or a link back to a cursor already used (a counter makes it new text)', () => {
		expect(() => walk([page(['a'], '/p?n=1'), page(['b'], '/p?n=1')])).toThrow(
			'Fitbit Plus sent a paging link it had sent before',
		);
		expect(() =>
			walk([
				page(['a'], '/p?page%5Bafter%5D=a&loop=1'),
				page(['b'], '/p?page%5Bafter%5D=a&loop=2'),
			]),
		).toThrow('Fitbit Plus sent a paging link back to a cursor it had already used (after page 2)');
		// The cursor the walk started from counts as used (the trigger starts after its last record).
		expect(() => walk([page(['b'], '/p?page%5Bafter%5D=a')], { 'page[after]': 'a' })).toThrow(
			/cursor it had already used \(after page 1\)/,
		);
	});

	it('far more records than meta.count announced, with a margin for records created meanwhile', () => {
		const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `r${from + i}`);
		const link = (n: number) => `/p?page%5Bcursor%5D=c${n}`;
		// Announced 10: up to 10 + 100 pass (creations during the walk), one more does not.
		expect(walk([page(ids(0, 60), link(1), 10), page(ids(60, 50), null, 10)])).toHaveLength(110);
		expect(() => walk([page(ids(0, 60), link(1), 10), page(ids(60, 51), null, 10)])).toThrow(
			'Fitbit Plus sent 111 records where it announced 10 (meta.count)',
		);
		// A large collection: a tenth of its count.
		const big = new PageGuard(undefined, failing());
		big.page(page(ids(0, 2200), link(1), 2000));
		expect(() => big.page(page(ids(2200, 1), link(2), 2000))).toThrow(
			'2201 records where it announced 2000',
		);
		// A count that grows as records are created raises the bound.
		expect(walk([page(ids(0, 60), link(1), 10), page(ids(60, 60), null, 200)])).toHaveLength(120);
	});

	it('empty pages that keep linking to others', () => {
		const empties = Array.from({ length: 6 }, (_, n) => page([], `/p?page%5Bcursor%5D=e${n}`));
		expect(() => walk(empties)).toThrow(
			'Fitbit Plus sent 5 empty pages in a row, each linking to another',
		);
	});
});

describe('safeExcerpt and the hint of an error answer that is not a JSON:API error document', () => {
	it('strips tags and scripts, collapses whitespace, masks tokens, stays short', () => {
		expect(
			safeExcerpt(
				'<html><script>x="Bearer abc"</script><h1>Bad\n\n  Gateway</h1> Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig token=abc123 client_secret: "s3cr3t"</html>',
			),
		).toBe('Bad Gateway Authorization: Bearer … token=… client_secret: "…"');
		expect(safeExcerpt(`id ${'f'.repeat(40)} end`)).toBe('id … end');
		const long = safeExcerpt('word '.repeat(100));
		expect(long.length).toBeLessThanOrEqual(120);
		expect(long.endsWith('…')).toBe(true);
		expect(safeExcerpt('<p>  </p>')).toBe('');
	});

	it('points at the Base URL only where it is the likely cause', () => {
		expect(nonJsonApiErrorHint(404, '<h1>Not Found</h1>')).toMatch(/Base URL/);
		expect(nonJsonApiErrorHint(200, 'Sign in')).toMatch(/Base URL/);
		for (const status of [422, 502, 503, 400, 401])
			expect(nonJsonApiErrorHint(status, 'x')).not.toMatch(/Base URL/);
		expect(nonJsonApiErrorHint(502, '<b>Bad Gateway</b>')).toBe(
			'It began: "Bad Gateway". A gateway or proxy in front of Fitbit Plus, or Fitbit Plus itself, could not answer just now. Try again later, or check the status of the Fitbit Plus API.',
		);
	});
});

describe('checkBaseUrl: plain http only for this machine', () => {
	it.each([
		'http://127.0.0.1:5679/pub',
		'http://127.255.3.4/pub',
		'http://127.1/pub', // the URL parser writes it 127.0.0.1
		'http://localhost:5679/pub',
		'http://LOCALHOST/pub',
		'http://[::1]:5679/pub',
	])('%s is this machine', (url) => {
		expect(checkBaseUrl(url, false).problem).toBeUndefined();
	});

	it.each([
		'http://127.evil.example/pub',
		'http://127.0.0.1.evil.example/pub',
		'http://127-0-0-1.example/pub',
		'http://localhost.evil.example/pub',
		'http://128.0.0.1/pub',
		'http://10.0.0.5/pub',
		'http://[::2]/pub',
	])('%s is not', (url) => {
		expect(checkBaseUrl(url, false).problem).toMatch(
			/plain http for a host that is not this machine/,
		);
		expect(checkBaseUrl(url, true).problem).toBeUndefined();
	});
});
