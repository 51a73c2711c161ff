/**
 * Answers that are wrong in their body, not their status (fault `answer`): the sandbox serves the request as
 * usual, then changes the document it answers with. What a broken API or a gateway in between may send.
 */

export type AnswerFault =
	/** The document plus an `errors` member, without its data (a 200 that reports a failure). */
	| 'errors-member'
	/** The document without `data`. */
	| 'no-data'
	/** `data: null`. */
	| 'data-null'
	/** Every record without its `id`. */
	| 'records-without-id'
	/** Every record without its `type`. */
	| 'records-without-type'
	/** `links.next` as a JSON:API 1.0 link object, `{"href": …}`. */
	| 'link-object'
	/**
	 * `links.next` back to this same page (same cursor), with a counter that changes it every time
	 * (`loop=<n>`, which the sandbox drops before validation): the same records, over and over.
	 */
	| 'counter-link';

/** The query parameter of a counter link. */
export const COUNTER_PARAMETER = 'loop';

interface Document {
	data?: unknown;
	links?: Record<string, unknown>;
	[member: string]: unknown;
}

function records(document: Document): Record<string, unknown>[] {
	const data = document.data;
	if (data === null || data === undefined) return [];
	return (Array.isArray(data) ? data : [data]) as Record<string, unknown>[];
}

/**
 * The answer's body changed as `fault` says. `self` is this request's URL (absolute or root-relative, as the
 * sandbox writes links) without the counter, `counter` the counter it carried (0 when none).
 */
export function rewriteAnswer(
	fault: AnswerFault,
	body: unknown,
	self: string,
	counter: number,
): unknown {
	const document = structuredClone(body ?? {}) as Document;
	switch (fault) {
		case 'errors-member':
			delete document.data;
			document.errors = [
				{ status: '500', code: 'InternalError', title: 'Internal Error', detail: 'lookup failed' },
			];
			break;
		case 'no-data':
			delete document.data;
			break;
		case 'data-null':
			document.data = null;
			break;
		case 'records-without-id':
			for (const record of records(document)) delete record.id;
			break;
		case 'records-without-type':
			for (const record of records(document)) delete record.type;
			break;
		case 'link-object':
			if (typeof document.links?.next === 'string')
				document.links.next = { href: document.links.next, meta: { note: 'link object' } };
			break;
		case 'counter-link': {
			const separator = self.includes('?') ? '&' : '?';
			document.links = {
				...document.links,
				next: `${self}${separator}${COUNTER_PARAMETER}=${counter + 1}`,
			};
			break;
		}
	}
	return document;
}
