/**
 * The one place an answer's body is checked: a 2xx body becomes a JSON:API document, or a clear error (empty,
 * not JSON, not a document). Every request of a session (ApiSession.request) passes through it.
 */
import type { IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FitbitPlusContext } from './credentials';
import type { JsonApiDocument } from './jsonApi';

/** The parsed body of a 2xx answer to `method`, checked to be a JSON:API document. */
export function parseDocument(
	context: FitbitPlusContext,
	method: IHttpRequestMethods,
	body: unknown,
	itemIndex: number | undefined,
): JsonApiDocument {
	if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) {
		// Only a delete may answer with nothing; anywhere else an empty answer must not pass as "no records".
		if (method === 'DELETE') return {};
		throw new NodeApiError(
			context.getNode(),
			{ message: 'Fitbit Plus answered with an empty body' },
			{
				message: 'Fitbit Plus answered with an empty body where a JSON:API document was expected',
				description:
					'No result is returned, not even a partial one. A proxy or gateway in between may have answered instead of the API: check the Base URL and try again.',
				itemIndex,
			},
		);
	}
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as JsonApiDocument;
		} catch {
			throw new NodeApiError(
				context.getNode(),
				{ message: 'Fitbit Plus answered with a body that is not JSON' },
				{
					message: 'Fitbit Plus answered with a body that is not JSON',
					description:
						'A proxy or gateway in between may have answered instead of the API. Check the Base URL and try again.',
					itemIndex,
				},
			);
		}
	}
	if (typeof body !== 'object' || Array.isArray(body)) {
		throw new NodeApiError(
			context.getNode(),
			{ message: 'Fitbit Plus answered with an unexpected body' },
			{
				message: 'Fitbit Plus answered with an unexpected body (not a JSON:API document)',
				itemIndex,
			},
		);
	}
	return body as JsonApiDocument;
}
