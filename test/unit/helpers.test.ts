/** Pure helpers, no sandbox needed. */
import type { JsonApiDocument } from '../../nodes/shared/transport/jsonApi';
import {
	documentToItems,
	flattenResource,
	pageToItems,
} from '../../nodes/shared/transport/jsonApi';
import { checkBaseUrl } from '../../nodes/shared/transport/baseUrl';
import { jsonApiErrors, errorSummary } from '../../nodes/shared/transport/errors';
import { resourcePath } from '../../nodes/shared/transport';

describe('helpers', () => {
	it('keeps ids inside their path segment', () => {
		expect(resourcePath('/group/{id}', { id: '../patient' })).toBe('/group/..%2Fpatient');
		expect(resourcePath('/group/{id}', { id: 'a/b?x=1' })).toBe('/group/a%2Fb%3Fx%3D1');
	});

	it('flattens a JSON:API resource and resolves included resources in place', () => {
		const resource = {
			id: '1',
			type: 'calendar_event',
			attributes: { type: 'appointment', title: 'Check-in' },
			relationships: {
				patient: { data: { type: 'patient', id: 'p1' } },
				attendees: { data: [{ type: 'coach', id: 'c1' }] },
			},
		};
		expect(flattenResource(resource)).toEqual({
			id: '1',
			resourceType: 'calendar_event',
			type: 'appointment',
			title: 'Check-in',
			patient: 'p1',
			attendees: ['c1'],
		});
		const included = new Map([
			['patient:p1', { id: 'p1', type: 'patient', attributes: { given_name: 'Ada' } }],
		]);
		expect(flattenResource(resource, included).patient).toEqual({
			id: 'p1',
			resourceType: 'patient',
			given_name: 'Ada',
		});
	});

	it('makes the same items of a page as of a document, emptying the page only once they are copies', () => {
		const page = (): JsonApiDocument => ({
			data: [
				{
					id: '1',
					type: 'patient',
					attributes: { first_name: 'Ada', phone_numbers: [{ value: '555' }] },
					relationships: { groups: { data: [{ type: 'group', id: 'g1' }] } },
				},
				{ id: '2', type: 'patient', attributes: { first_name: 'Bo' } },
			],
			included: [{ id: 'g1', type: 'group', attributes: { name: 'North' } }],
			links: { next: '/patient?page[after]=2' },
		});
		const simplified = page();
		const items = pageToItems(simplified, true);
		expect(items).toEqual(documentToItems(page(), true));
		expect(items[0].groups).toEqual([{ id: 'g1', resourceType: 'group', name: 'North' }]);
		// The next link stays for the walk; the resources, now copied into the items, go.
		expect(simplified).toEqual({ links: { next: '/patient?page[after]=2' } });
		const raw = page();
		const rawItems = pageToItems(raw, false);
		expect(rawItems).toEqual(page().data);
		expect(raw).toEqual(page());
	});

	it('accepts https, and http only for this machine unless allowed', () => {
		expect(checkBaseUrl('https://api.twinehealth.com/pub/', false)).toEqual({
			url: 'https://api.twinehealth.com/pub',
		});
		expect(checkBaseUrl('http://127.0.0.1:5679/pub', false).url).toBe('http://127.0.0.1:5679/pub');
		expect(checkBaseUrl('http://localhost:5679/pub', false).url).toBe('http://localhost:5679/pub');
		expect(checkBaseUrl('http://api.example.org/pub', false).problem).toMatch(/plain http/);
		expect(checkBaseUrl('http://api.example.org/pub', true).url).toBe('http://api.example.org/pub');
		expect(checkBaseUrl('ftp://api.example.org/pub', true).problem).toMatch(/https/);
		expect(checkBaseUrl('not a url', false).problem).toMatch(/not a valid URL/);
		expect(checkBaseUrl('https://user:pw@api.example.org/pub', false).problem).toMatch(/user name/);
	});

	it('reads JSON:API errors as an array or a single object', () => {
		const one = {
			status: '409',
			code: 'InvalidParameter',
			detail: 'bad filter',
			source: { parameter: 'filter[type]' },
		};
		expect(jsonApiErrors({ errors: [one] })).toEqual([one]);
		expect(jsonApiErrors({ errors: one })).toEqual([one]);
		expect(jsonApiErrors('<html>')).toEqual([]);
		expect(errorSummary({ status: 409, headers: {}, body: { errors: one } }).summary).toBe(
			'409 InvalidParameter: bad filter (parameter filter[type])',
		);
		expect(
			errorSummary({
				status: 502,
				headers: { 'content-type': 'text/html; charset=utf-8' },
				body: '<html>',
			}).summary,
		).toBe('502 with a body that is not JSON:API (text/html)');
		expect(errorSummary({ headers: {}, networkCode: 'ECONNREFUSED' }).summary).toMatch(
			/ECONNREFUSED/,
		);
	});
});
