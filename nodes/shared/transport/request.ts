/**
 * The one place an answer's body is checked: a 2xx answer becomes a JSON:API document holding what the request
 * expects (documents.ts), or a clear error naming its status and what was wrong. Every request of a session
 * (ApiSession.request) passes through it.
 */
import type { IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import type { FitbitPlusContext } from './credentials';
import type { Expectation } from './documents';
import { answerError, checkDocument } from './documents';
import type { JsonApiDocument } from './jsonApi';

/** The checked document of a 2xx answer to `method` (sent with `returnFullResponse`, for its status and type). */
export function parseDocument(
	context: FitbitPlusContext,
	method: IHttpRequestMethods,
	response: IN8nHttpFullResponse,
	expect: Expectation | undefined,
	itemIndex: number | undefined,
): JsonApiDocument {
	const contentType: unknown = response.headers?.['content-type'];
	const checked = checkDocument(
		{
			status: response.statusCode,
			contentType: typeof contentType === 'string' ? contentType : undefined,
			body: response.body,
		},
		expect,
		method,
	);
	if (checked.problem) throw answerError(context.getNode(), checked.problem, itemIndex);
	return checked.document;
}
