/**
 * Count operations: the size of a collection in one request, whatever its size. The spec: with `page[limit]=0`
 * the API answers no records, only `meta.count`, the number of records matching the filters.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { GetManyExecute } from './operations';
import { collectionPath, forEachItem } from './operations';
import type { ApiSession } from '../../shared/transport';

/** Get Many fields that shape the records returned, not which ones match: a Count has no use for them. */
const OUTPUT_ONLY_FIELDS = new Set(['returnAll', 'limit', 'simplify', 'include', 'options']);

/** Query parameters that change how records come back, never how many there are. */
const OUTPUT_ONLY_PARAMETERS = ['include', 'sort'];

/**
 * The fields of a Count: the Get Many's own (its filters, path locators and their checks), shown for the
 * `count` operation instead of `getAll`, without those that only shape the output.
 */
export function countFields(getManyFields: INodeProperties[]): INodeProperties[] {
	return getManyFields
		.filter((field) => !OUTPUT_ONLY_FIELDS.has(field.name))
		.map((field) => {
			const show = field.displayOptions?.show;
			if (!show?.operation) return field;
			return {
				...field,
				displayOptions: {
					...field.displayOptions,
					show: {
						...show,
						operation: show.operation.map((operation) =>
							operation === 'getAll' ? 'count' : operation,
						),
					},
				},
			};
		});
}

/**
 * `execute` of a Count: per input item, one request to the Get Many's collection with the same filters and
 * `page[limit]=0`, and one output item `{ count }`.
 */
export function countMany(getManyExecute: GetManyExecute) {
	const { endpoint, buildQuery } = getManyExecute.collection;
	return async function execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		session: ApiSession,
	) {
		return await forEachItem.call(this, session, items, async (itemIndex) => {
			const path = await collectionPath.call(this, session, endpoint, itemIndex);
			const qs = buildQuery ? { ...(await buildQuery.call(this, itemIndex, session)) } : {};
			for (const name of OUTPUT_ONLY_PARAMETERS) delete qs[name];
			const document = await session.request('GET', path, {
				qs: { ...qs, 'page[limit]': 0 },
				itemIndex,
			});
			const count = document.meta?.count;
			if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
				throw new NodeApiError(
					this.getNode(),
					{ message: 'Fitbit Plus answered without a count' },
					{
						message: 'Fitbit Plus answered without a count (meta.count) for the collection',
						description:
							"No count is returned rather than a wrong one. Use Get Many with 'Return All' to count the records instead.",
						itemIndex,
					},
				);
			}
			return [{ count }];
		});
	};
}
