import { NodeOperationError } from 'n8n-workflow';

import type { FitbitPlusContext } from './credentials';

/**
 * Encodes each value into its path segment, so an id such as `../group` or `a/b?x=1` stays one segment of the
 * route it was meant for.
 */
export function resourcePath(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = String(values[name] ?? '');
		// An empty, `.` or `..` segment would change the route itself once the URL is normalized (`/group/..` is
		// `/`, `/group/` is the collection): refuse it, whatever validation came before.
		if (value === '' || value === '.' || value === '..') {
			throw new Error(
				`Refusing to build the path ${template} with ${value === '' ? 'an empty' : `the value "${value}" as`} {${name}}`,
			);
		}
		return encodeURIComponent(value);
	});
}

/** The origin and path of each Base URL, parsed once: a Return All resolves a link per page against it. */
const parsedBaseUrls = new Map<string, { origin: string; pathPrefix: string }>();

function baseParts(baseUrl: string): { origin: string; pathPrefix: string } {
	let parts = parsedBaseUrls.get(baseUrl);
	if (!parts) {
		const url = new URL(baseUrl);
		parts = { origin: url.origin, pathPrefix: url.pathname + '/' };
		parsedBaseUrls.set(baseUrl, parts);
	}
	return parts;
}

/**
 * The URL of `endpoint`: a path under the Base URL (`/patient/…`), or a link the API gave (absolute or
 * root-relative), which must stay on the Base URL's origin.
 */
export function resolveEndpoint(
	this: FitbitPlusContext,
	baseUrl: string,
	endpoint: string,
	itemIndex?: number,
): string {
	const base = baseParts(baseUrl);
	if (!/^https?:\/\//i.test(endpoint) && !endpoint.startsWith(base.pathPrefix)) {
		return `${baseUrl}${endpoint.startsWith('/') ? '' : '/'}${endpoint}`;
	}
	// A link from the API: absolute, or relative to the server's root. It must stay on the API's origin, or
	// the bearer token would go to whatever host the link names.
	const url = new URL(endpoint, baseUrl);
	if (url.origin !== base.origin) {
		throw new NodeOperationError(
			this.getNode(),
			`Fitbit Plus sent a paging link to another host (${url.origin})`,
			{
				description: "The node follows paging links only on the credential's 'Base URL' host.",
				itemIndex,
			},
		);
	}
	return url.toString();
}
