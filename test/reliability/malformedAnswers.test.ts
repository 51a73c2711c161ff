/**
 * Answers that are not what was asked for, met the way a user meets them (issue #21): a success status whose body
 * holds `errors`, no `data`, `data: null` or records without id/type is an error naming the status and what was
 * wrong, never fewer items; a link object is followed; a walk that goes round stops at the first repeat; an
 * error answer that is not a JSON:API error document shows a safe excerpt and points at the Base URL only where
 * that is the likely cause; a Base URL whose host name merely begins like a loopback address is refused by the
 * node, the trigger and the credential (its test included).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { FitbitPlusApi } from '../../credentials/FitbitPlusApi.credentials';
import { byId } from '../coverage/cases';
import { apiRequests, useSandbox } from '../helpers/sandbox';

const PATIENTS = 120;

describe('malformed answers: an error that says so, never a short result', () => {
	const fixture = useSandbox({ sizes: { patients: PATIENTS }, maxPageSize: 50 });
	const allPatients = (extra: IDataObject = {}) => ({
		resource: 'patient',
		operation: 'getAll',
		returnAll: true,
		filters: { organization: fixture.sandbox.ids.organization },
		...extra,
	});
	const getPatient = (id: string) => ({
		resource: 'patient',
		operation: 'get',
		patientId: byId(id),
	});
	const patientIds = () => fixture.sandbox.list('patient').map((patient) => patient.id);

	beforeEach(async () => {
		fixture.sandbox.clearFaults();
		// Warm the token, so that the counts below are what the fault caused.
		expect((await fixture.engine.execute(getPatient(patientIds()[0]))).error).toBeUndefined();
		fixture.sandbox.resetLog();
	});

	describe('a Get whose 200 is not one record', () => {
		it.each([
			[
				'data: null',
				'data-null',
				/^Fitbit Plus answered 200 without the record asked for \(data is null\) \[item 1\]$/,
			],
			[
				'no data',
				'no-data',
				/^Fitbit Plus answered 200 without data \(the document has no "data" member\) \[item 1\]$/,
			],
			[
				'an errors member',
				'errors-member',
				/^Fitbit Plus answered 200 but reported: InternalError: lookup failed \[item 1\]$/,
			],
			[
				'a record without id',
				'records-without-id',
				/^Fitbit Plus answered 200 with a record without an id \(data\) \[item 1\]$/,
			],
			[
				'a record without type',
				'records-without-type',
				/^Fitbit Plus answered 200 with a record without a type \(data\) \[item 1\]$/,
			],
		] as const)(
			'%s: under Continue On Fail that item is an error item, the others go on',
			async (_label, answer, message) => {
				const ids = patientIds().slice(0, 3);
				fixture.sandbox.injectFault({ method: 'GET', path: `/pub/patient/${ids[1]}`, answer });
				const { items, error } = await fixture.engine.execute(
					{ ...getPatient(ids[0]), patientId: byId('={{ $json.id }}') },
					ids.map((id) => ({ id })),
					{ continueOnFail: true },
				);
				expect(error).toBeUndefined();
				expect(items).toHaveLength(3);
				expect(items.map((item) => item.pairedItem)).toEqual([
					{ item: 0 },
					{ item: 1 },
					{ item: 2 },
				]);
				expect(items[0].json.id).toBe(ids[0]);
				expect(String(items[1].json.error)).toMatch(message);
				expect(items[2].json.id).toBe(ids[2]);
			},
		);

		it('data: null without Continue On Fail: the run fails on that item, with what to do', async () => {
			const id = patientIds()[4];
			fixture.sandbox.injectFault({
				method: 'GET',
				path: `/pub/patient/${id}`,
				answer: 'data-null',
			});
			const { items, error } = await fixture.engine.execute(getPatient(id));
			expect(items).toHaveLength(0);
			expect(error?.message).toBe(
				'Fitbit Plus answered 200 without the record asked for (data is null) [item 0]',
			);
			expect(String(error?.description)).toMatch(/No result is returned/);
			expect((error?.context as IDataObject).itemIndex).toBe(0);
		});
	});

	describe('Return All', () => {
		it.each([
			['an errors member on page 2', 'errors-member', /^Fitbit Plus answered 200 but reported: /],
			['no data on page 2', 'no-data', /^Fitbit Plus answered 200 without data /],
			[
				'data: null on page 2',
				'data-null',
				/^Fitbit Plus answered 200 without the list asked for \(data is null, not \[\]\) \[item 0\]$/,
			],
			[
				'records without id on page 2',
				'records-without-id',
				/^Fitbit Plus answered 200 with a record without an id \(data\[0\]\) \[item 0\]$/,
			],
			[
				'records without type on page 2',
				'records-without-type',
				/^Fitbit Plus answered 200 with a record without a type \(data\[0\]\) \[item 0\]$/,
			],
		] as const)('%s: an error, no items', async (_label, answer, message) => {
			fixture.sandbox.injectFault({ method: 'GET', path: '/pub/patient', skip: 1, answer });
			const { items, error } = await fixture.engine.execute(allPatients());
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(message);
			expect(apiRequests(fixture.sandbox)).toHaveLength(2);
		});

		it('links.next as a link object {"href": …}: every record, once, in order', async () => {
			fixture.sandbox.injectFault({
				method: 'GET',
				path: '/pub/patient',
				answer: 'link-object',
				times: 10,
			});
			const { items, error } = await fixture.engine.execute(allPatients());
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.id)).toEqual(patientIds());
			const requests = apiRequests(fixture.sandbox);
			expect(requests).toHaveLength(Math.ceil(PATIENTS / 50));
			expect(requests.every((request) => request.fault === 'answer:link-object')).toBe(true);
		});

		it('a link with a changing counter back to the same page: stopped at the first repeat', async () => {
			// Page 2 links to itself with loop=1, loop=2…: a different link each time, the same records and cursor.
			fixture.sandbox.injectFault({
				method: 'GET',
				path: '/pub/patient',
				skip: 1,
				answer: 'counter-link',
				times: 500,
			});
			const started = Date.now();
			const { items, error } = await fixture.engine.execute(allPatients());
			expect(Date.now() - started).toBeLessThan(5000);
			expect(items).toHaveLength(0);
			// Page 2's link goes back to its own cursor (the one page 1 linked to): refused before it is read again.
			expect(error?.message).toBe(
				'Fitbit Plus sent a paging link back to a cursor it had already used (after page 2): the results would never end [item 0]',
			);
			expect(String(error?.description)).toMatch(/No partial result is returned/);
			expect(apiRequests(fixture.sandbox)).toHaveLength(2);
		});

		it('the same page again under a new cursor: stopped at the first record sent twice', async () => {
			// Page 2 answered again (same records) whatever the link says, each link with a fresh cursor.
			const records = fixture.sandbox.list('patient');
			for (let page = 0; page < 5; page++) {
				fixture.sandbox.injectFault({
					method: 'GET',
					path: '/pub/patient',
					status: 200,
					rawBody: JSON.stringify({
						data: records.slice(50, 100),
						links: {
							next: `${fixture.sandbox.baseUrl}/patient?page%5Blimit%5D=50&page%5Bcursor%5D=n${page}`,
						},
						meta: { count: PATIENTS },
					}),
				});
			}
			const { items, error } = await fixture.engine.execute(allPatients());
			expect(items).toHaveLength(0);
			expect(error?.message).toBe(
				`Fitbit Plus sent a record it had already sent in this walk (patient ${records[50].id}, on page 2): the pages are looping [item 0]`,
			);
			expect(apiRequests(fixture.sandbox)).toHaveLength(2);
		});

		it('far more records than meta.count announced: stopped', async () => {
			// Fresh records on every page (none repeated) but a count of 3: the pages are not the collection's.
			const records = fixture.sandbox.list('patient');
			for (let page = 0; page < 3; page++) {
				fixture.sandbox.injectFault({
					method: 'GET',
					path: '/pub/patient',
					status: 200,
					rawBody: JSON.stringify({
						data: records.slice(page * 40, page * 40 + 40),
						links: {
							next: `${fixture.sandbox.baseUrl}/patient?page%5Blimit%5D=50&page%5Bcursor%5D=c${page}`,
						},
						meta: { count: 3 },
					}),
				});
			}
			const { items, error } = await fixture.engine.execute(allPatients());
			expect(items).toHaveLength(0);
			expect(error?.message).toBe(
				'Fitbit Plus sent 120 records where it announced 3 (meta.count): the pages are looping [item 0]',
			);
			expect(apiRequests(fixture.sandbox)).toHaveLength(3);
		});
	});

	describe('an error answer that is not a JSON:API error document', () => {
		const quick = { requestOptions: { retries: 0 } };

		it("a gateway's HTML 502: status, content type, a safe excerpt; try later, not the Base URL", async () => {
			fixture.sandbox.injectFault({
				method: 'GET',
				path: '/pub/patient',
				status: 502,
				contentType: 'text/html; charset=utf-8',
				rawBody:
					'<html><head><title>502 Bad Gateway</title><script>var t="Bearer abc.def.ghi"</script></head>\n<body><h1>Bad   Gateway</h1><p>upstream: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.secretpayload</p></body></html>',
			});
			const { error } = await fixture.engine.execute(allPatients(quick));
			expect(error?.message).toBe(
				'Fitbit Plus answered 502 with a body that is not JSON:API (text/html) [item 0]',
			);
			const description = String(error?.description);
			expect(description).toMatch(
				/^It began: "502 Bad Gateway Bad Gateway upstream: Authorization: Bearer …"\./,
			);
			expect(description).toMatch(/Try again later/);
			expect(description).not.toMatch(/Base URL|<|eyJ|secretpayload|abc\.def/);
		});

		it("a validator's plain-text 422: the excerpt says what was refused; not the Base URL", async () => {
			fixture.sandbox.injectFault({
				method: 'POST',
				path: '/pub/group',
				status: 422,
				contentType: 'text/plain',
				rawBody: 'Unprocessable Entity: data.attributes.name must be a string',
			});
			const { error } = await fixture.engine.execute({
				resource: 'group',
				operation: 'create',
				name: 'Cardiology',
			});
			expect(error?.message).toBe(
				'Fitbit Plus answered 422 with a body that is not JSON:API (text/plain) [item 0]',
			);
			const description = String(error?.description);
			expect(description).toContain(
				'It began: "Unprocessable Entity: data.attributes.name must be a string".',
			);
			expect(description).not.toMatch(/Base URL/);
		});

		it('an HTML 404 (an address that is not the API): points at the Base URL', async () => {
			fixture.sandbox.injectFault({
				method: 'GET',
				path: '/pub/patient',
				status: 404,
				contentType: 'text/html',
				rawBody: '<html><body><h1>Not Found</h1></body></html>',
			});
			const { error } = await fixture.engine.execute(allPatients(quick));
			expect(String(error?.description)).toMatch(
				/^It began: "Not Found"\. .*check the credential's 'Base URL'/,
			);
		});
	});
});

describe('a Base URL whose host name merely begins like a loopback address', () => {
	const fixture = useSandbox();
	const EVIL = 'http://127.evil.example/pub';
	const credential = () => ({
		baseUrl: EVIL,
		clientId: fixture.sandbox.clientId,
		clientSecret: fixture.sandbox.clientSecret,
	});
	const refused =
		/^The Fitbit Plus credential's 'Base URL' uses plain http for a host that is not this machine/;

	beforeEach(() => fixture.sandbox.resetLog());

	it('is refused by the node before any request', async () => {
		fixture.engine.setCredential(credential());
		const { error } = await fixture.engine.execute({
			resource: 'group',
			operation: 'get',
			groupId: byId(fixture.sandbox.ids.groups[0]),
		});
		expect(error?.message).toMatch(refused);
		expect(fixture.sandbox.requests).toEqual([]);
	});

	it('is refused by the trigger before any request', async () => {
		fixture.engine.setCredential(credential());
		const failure = await fixture.engine
			.poll(
				{
					event: 'newPatient',
					watch: 'organization',
					organization: fixture.sandbox.ids.organization,
				},
				{},
			)
			.then(
				() => undefined,
				(error: Error) => error,
			);
		expect(failure?.message).toMatch(
			/^Could not fetch new patient records: The Fitbit Plus credential's 'Base URL' uses plain http for a host that is not this machine/,
		);
		expect(fixture.sandbox.requests).toEqual([]);
	});

	it("is refused by the credential's test request (n8n authenticates it first), with a token stored or not", async () => {
		const type = new FitbitPlusApi();
		const request = type.test.request as IHttpRequestOptions;
		for (const stored of [
			{},
			{ accessToken: 'stored-token' },
		] as ICredentialDataDecryptedObject[]) {
			await expect(
				type.authenticate({ ...credential(), allowHttp: false, ...stored }, request),
			).rejects.toThrow(refused);
			// The token exchange n8n runs first when no token is stored refuses it too.
			await expect(
				type.preAuthentication.call({ helpers: {} } as never, { ...credential(), ...stored }),
			).rejects.toThrow(refused);
		}
		// This machine, or Allow Plain HTTP ticked: the test request goes out with the token.
		for (const allowed of [
			{ baseUrl: 'http://127.0.0.1:5679/pub' },
			{ baseUrl: 'http://[::1]:5679/pub' },
			{ baseUrl: EVIL, allowHttp: true },
		] as ICredentialDataDecryptedObject[]) {
			const sent = await type.authenticate({ accessToken: 't', ...allowed }, request);
			expect(sent.headers?.Authorization).toBe('Bearer t');
		}
	});
});
