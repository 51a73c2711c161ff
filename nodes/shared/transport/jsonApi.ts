import type { IDataObject } from 'n8n-workflow';

export interface ResourceIdentifier {
	type: string;
	id: string;
}

export interface JsonApiResource {
	id: string;
	type: string;
	attributes?: IDataObject;
	relationships?: Record<
		string,
		{ data?: ResourceIdentifier | ResourceIdentifier[] | null; meta?: IDataObject }
	>;
	links?: IDataObject;
	meta?: IDataObject;
}

export interface JsonApiDocument {
	data?: JsonApiResource | JsonApiResource[] | null;
	included?: JsonApiResource[];
	links?: { next?: string | null; [name: string]: unknown };
	meta?: IDataObject;
}

/** Index of included resources by `type:id`, to resolve relationships in place. */
export type IncludedIndex = Map<string, JsonApiResource>;

export function indexIncluded(included: JsonApiResource[] | undefined): IncludedIndex {
	const index: IncludedIndex = new Map();
	for (const resource of included ?? []) index.set(`${resource.type}:${resource.id}`, resource);
	return index;
}

function flattenOnce(resource: JsonApiResource): IDataObject {
	// `resourceType`, not `type`: several resources (metrics, results, calendar events…) have a `type` attribute.
	const item: IDataObject = {
		id: resource.id,
		resourceType: resource.type,
		...(resource.attributes ?? {}),
	};
	// for…in rather than Object.entries: no arrays made per resource, which a Return All of 100k would collect.
	const relationships = resource.relationships;
	for (const name in relationships) {
		const data = relationships[name]?.data;
		if (data === undefined) continue;
		item[name] = Array.isArray(data) ? data.map((ref) => ref.id) : (data?.id ?? null);
	}
	return item;
}

/**
 * A JSON:API resource as one flat item a no-code user can read: `id`, `resourceType`, the attributes at the top
 * and each relationship as an id (or a list of ids). With `included`, related resources that the response
 * carries are put in place of their ids, flattened one level deep.
 */
export function flattenResource(resource: JsonApiResource, included?: IncludedIndex): IDataObject {
	const item = flattenOnce(resource);
	if (!included || included.size === 0) return item;
	for (const [name, relationship] of Object.entries(resource.relationships ?? {})) {
		const data = relationship?.data;
		if (!data) continue;
		const resolve = (ref: ResourceIdentifier) => {
			const found = included.get(`${ref.type}:${ref.id}`);
			return found ? flattenOnce(found) : ref.id;
		};
		item[name] = Array.isArray(data) ? data.map(resolve) : resolve(data);
	}
	return item;
}

/** The primary data of a document as a list, whether the API sent one resource or many. */
export function primaryResources(document: JsonApiDocument): JsonApiResource[] {
	const data = document.data;
	if (data === undefined || data === null) return [];
	return Array.isArray(data) ? data : [data];
}

/** A document's resources as output items: flat (simplify) or as the server sent them. */
export function documentToItems(document: JsonApiDocument, simplify: boolean): IDataObject[] {
	const resources = primaryResources(document);
	if (!simplify) return resources as unknown as IDataObject[];
	const included = indexIncluded(document.included);
	return resources.map((resource) => flattenResource(resource, included));
}

/**
 * A page of a collection walk as output items (see documentToItems); simplified, the page is then emptied of
 * its resources, which the items no longer need. Measured: pages left whole outlived the minor garbage
 * collections (n8n's request path keeps each response reachable until a full one), so they were moved to V8's
 * old generation and freed only there: a Return All of 100,000 patients peaked about 40 MB higher.
 */
export function pageToItems(document: JsonApiDocument, simplify: boolean): IDataObject[] {
	const items = documentToItems(document, simplify);
	if (simplify) {
		document.data = undefined;
		document.included = undefined;
	}
	return items;
}
