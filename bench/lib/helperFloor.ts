/**
 * The floor a verified node can reach for Return All: a minimal node that walks `links.next` through n8n's own
 * request helper (`httpRequestWithAuthentication`, our credential, same engine) and outputs each resource as an
 * item, paired to the input item. No flattening, no checks, no retries: what is left is n8n's cost per request.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

export const HELPER_FLOOR_TYPE = 'bench.helperFloor';

const JSON_API = 'application/vnd.api+json';

interface Page {
	data?: IDataObject[];
	links?: { next?: string | null };
}

const description: INodeTypeDescription = {
	displayName: 'Helper Floor',
	name: 'helperFloor',
	group: ['transform'],
	version: 1,
	description: 'Benchmark only: a Return All loop through n8n’s request helper',
	defaults: { name: 'Helper Floor' },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'fitbitPlusApi', required: true }],
	properties: [
		{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		{ displayName: 'Max Pages', name: 'maxPages', type: 'number', default: 0 },
	],
};

export const helperFloorNode: INodeType = {
	description,
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const first = this.getNodeParameter('url', 0) as string;
		// 0: every page (the timed walk); the warm-up reads one.
		const maxPages = this.getNodeParameter('maxPages', 0) as number;
		let next: string | undefined = first;
		for (let pages = 0; next && (maxPages === 0 || pages < maxPages); pages++) {
			const page = (await this.helpers.httpRequestWithAuthentication.call(this, 'fitbitPlusApi', {
				method: 'GET',
				url: next,
				headers: { Accept: JSON_API },
				json: true,
				// As our node sends its requests (no redirect is followed): plain node http, not follow-redirects.
				disableFollowRedirect: true,
			})) as Page;
			for (const resource of page.data ?? [])
				output.push({ json: resource, pairedItem: { item: 0 } });
			next = page.links?.next ? new URL(page.links.next, first).toString() : undefined;
		}
		return [output];
	},
};
