/**
 * What a Fitbit Plus answer must be before anything is made of it: a success answer checked against what the
 * caller asked for (one resource, a list, or nothing). Pure: the caller turns a problem into its error
 * (`answerError`).
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { JSON_API_MEDIA_TYPE, describeError, jsonApiErrors, setMessage } from './errors';
import { excerptSentence } from './excerpt';
import type { JsonApiDocument } from './jsonApi';
import { readNextLink } from './pageGuard';

/**
 * What a request expects in a success answer: one resource (a Get, a create, an update), a collection page,
 * or nothing in particular (a Delete: an empty body too). Without one, any JSON:API document, and an empty body
 * only for a DELETE.
 */
export type Expectation = 'resource' | 'collection' | 'none';

/** A success answer as the request helper gave it. */
export interface Answer {
	status?: number;
	contentType?: string;
	body: unknown;
}

/** What is wrong with an answer, in the words the user sees. */
export interface AnswerProblem {
	message: string;
	description: string;
}

export type DocumentCheck =
	| { document: JsonApiDocument; problem?: undefined }
	| { document?: undefined; problem: AnswerProblem };

const NOTHING_RETURNED = 'No result is returned, not even a partial one.';
const GATEWAY = 'A proxy or gateway in between may have answered instead of the API.';

/** "200", or "200 (text/html)" for a media type other than JSON:API's: the answer, as far as it is known. */
function answerLabel(answer: Answer): string {
	const media = answer.contentType?.split(';')[0].trim().toLowerCase();
	const status = answer.status === undefined ? 'a success answer' : String(answer.status);
	return media && media !== JSON_API_MEDIA_TYPE ? `${status} (${media})` : status;
}

function began(body: unknown): string {
	const excerpt = excerptSentence(body);
	return excerpt === '' ? '' : ` ${excerpt}`;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** What is wrong with the primary data for the expectation, or undefined. */
function dataProblem(
	document: JsonApiDocument,
	expect: Expectation | undefined,
): string | undefined {
	const data: unknown = document.data;
	if (expect === 'resource' || expect === 'collection') {
		if (!('data' in document) || data === undefined)
			return 'without data (the document has no "data" member)';
		if (data === null)
			return expect === 'resource'
				? 'without the record asked for (data is null)'
				: 'without the list asked for (data is null, not [])';
	}
	if (expect === 'resource' && Array.isArray(data) && data.length === 0)
		return 'with an empty list where one record was asked for';
	if (expect === 'collection' && data !== undefined && !Array.isArray(data))
		return `with ${typeOf(data)} as data where a list was asked for`;
	if (data === undefined || data === null) return undefined;
	const resources: unknown[] = Array.isArray(data) ? data : [data];
	for (let index = 0; index < resources.length; index++) {
		const resource = resources[index] as { id?: unknown; type?: unknown } | null;
		const where = Array.isArray(data) ? `data[${index}]` : 'data';
		if (resource === null || typeof resource !== 'object' || Array.isArray(resource))
			return `with ${where} that is not a record (${typeOf(resource)})`;
		if (typeof resource.id !== 'string' || resource.id === '')
			return `with a record without an id (${where})`;
		if (typeof resource.type !== 'string' || resource.type === '')
			return `with a record without a type (${where})`;
	}
	return undefined;
}

/**
 * A success answer checked for what the request expects: the JSON:API document (its `links.next` given as a
 * link object turned into its `href`, as every reader of the link expects), or what is wrong with it. Never a
 * document that would pass as fewer records than the API holds: an empty or non-JSON body, an `errors` member,
 * a missing or null `data` where data was asked for, records without `id` or `type`, an unreadable next link.
 */
export function checkDocument(
	answer: Answer,
	expect?: Expectation,
	method?: string,
): DocumentCheck {
	const { body } = answer;
	const label = answerLabel(answer);
	const nothingExpected = expect === 'none' || (expect === undefined && method === 'DELETE');
	if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) {
		// Only a delete may answer with nothing; anywhere else an empty answer must not pass as "no records".
		if (nothingExpected) return { document: {} };
		return {
			problem: {
				message: `Fitbit Plus answered ${label} with an empty body where a JSON:API document was expected`,
				description: `${NOTHING_RETURNED} ${GATEWAY} Check the 'Base URL' and try again.`,
			},
		};
	}
	let parsed: unknown = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return {
				problem: {
					message: 'Fitbit Plus answered with a body that is not JSON',
					description: `The answer (${label}) is not a JSON:API document.${began(body)} ${GATEWAY} Check the 'Base URL' and try again.`,
				},
			};
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return {
			problem: {
				message: 'Fitbit Plus answered with an unexpected body (not a JSON:API document)',
				description: `The answer (${label}) is ${typeOf(parsed)}, not a JSON:API document. ${NOTHING_RETURNED}`,
			},
		};
	}
	const document = parsed as JsonApiDocument & { errors?: unknown };
	if (document.errors !== undefined && document.errors !== null) {
		const errors = jsonApiErrors(document);
		const detail = errors.length > 0 ? errors.map(describeError).join('; ') : 'nothing readable';
		return {
			problem: {
				message: `Fitbit Plus answered ${label} but reported: ${detail}`,
				description: `A success status that reports what went wrong instead of data is not a result. ${NOTHING_RETURNED} Try again; if it persists, report it to Fitbit Plus.`,
			},
		};
	}
	const wrongData = nothingExpected ? undefined : dataProblem(document, expect);
	if (wrongData !== undefined) {
		return {
			problem: {
				message: `Fitbit Plus answered ${label} ${wrongData}`,
				description: `${NOTHING_RETURNED} Try again; if it persists, report it to Fitbit Plus.`,
			},
		};
	}
	if (document.links && typeof document.links === 'object') {
		const next = readNextLink(document.links.next);
		if (next.problem !== undefined) {
			return {
				problem: {
					message: `Fitbit Plus answered ${label} with a paging link that cannot be read (${next.problem})`,
					description: `The pages after this one cannot be read, so ${NOTHING_RETURNED.toLowerCase()} Report it to Fitbit Plus.`,
				},
			};
		}
		// JSON:API 1.0 allows a link object ({"href": …}): every reader of links.next gets the URL itself.
		if (next.link !== document.links.next) document.links.next = next.link ?? null;
	}
	return { document };
}

/** The error for an answer's problem, against the node and item. */
export function answerError(node: INode, problem: AnswerProblem, itemIndex?: number): NodeApiError {
	// No httpCode: the request helper takes an error with one for a failed exchange (and would retry it).
	const error = new NodeApiError(node, { message: problem.message } as JsonObject, {
		message: problem.message,
		description: problem.description,
		itemIndex,
	});
	// NodeApiError swaps a message that merely contains a network code for a generic text; ours says what happened.
	setMessage(error, problem.message);
	return error;
}
