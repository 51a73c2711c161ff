/**
 * Lists for an AI model, newest first. The API lists health metrics, health results and calendar events in
 * creation order (ids ascending) and takes no `sort` for them, so a list's first records are the oldest: with
 * more records than Max Records per Call, the newest readings were the ones cut off. A model asked for the latest
 * blood pressure must get it in one call, so the tool variant (node version 2) reads the records entered last,
 * with skip paging from the end of the collection (its size is the first page's `meta.count`), and orders them
 * by their time (when measured, occurred, or starting).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiSession } from '../transport';
import { MAX_PAGE_SIZE } from '../transport';
import { pageToItems } from '../transport/jsonApi';

/** At most this many pages (1,000 records) per call, read from the end: the records entered last. */
const NEWEST_FIRST_MAX_PAGES = 20;

export interface NewestFirstList {
	/** The records read, newest first by their time; records without one last. */
	records: IDataObject[];
	/** How many records the collection holds beyond those read (entered before them); 0 when all were read. */
	unread: number;
}

/** A record's time (flat, or a JSON:API resource's attribute) in ms; -Infinity without one, so it sorts last. */
function timeOf(record: IDataObject, field: string): number {
	const value = record[field] ?? (record.attributes as IDataObject | undefined)?.[field];
	const time = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(time) ? -Infinity : time;
}

/**
 * Up to NEWEST_FIRST_MAX_PAGES pages of a collection, from its last page back, ordered by `timeField`, newest
 * first (ties: the one entered later first). Costs one request when the collection fits one page, else one
 * per page read plus the first (which also counts as read once the walk reaches it).
 */
export async function newestFirst(
	session: ApiSession,
	path: string,
	qs: IDataObject,
	options: { timeField: string; simplify: boolean; itemIndex: number },
): Promise<NewestFirstList> {
	const { timeField, simplify, itemIndex } = options;
	const page = async (number: number) =>
		await session.request('GET', path, {
			qs: { ...qs, 'page[size]': MAX_PAGE_SIZE, 'page[number]': number },
			itemIndex,
			expect: 'collection',
		});
	const first = await page(1);
	const total = first.meta?.count;
	if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
		throw new NodeApiError(
			session.context.getNode(),
			{ message: 'Fitbit Plus answered without a count' },
			{
				message:
					'Fitbit Plus answered without a count (meta.count), needed to read the newest records',
				description:
					'No list is returned rather than one missing the newest records. Try again; if it persists, narrow the filters.',
				itemIndex,
			},
		);
	}
	const lastPage = Math.max(1, Math.ceil(total / MAX_PAGE_SIZE));
	const firstRead = Math.max(1, lastPage - NEWEST_FIRST_MAX_PAGES + 1);
	const byId = new Map<string, IDataObject>();
	for (let number = lastPage; number >= firstRead; number--) {
		const document = number === 1 ? first : await page(number);
		// Records created meanwhile shift the pages: one seen twice is kept once.
		for (const record of pageToItems(document, simplify)) byId.set(String(record.id), record);
	}
	const records = [...byId.values()].sort(
		(a, b) => timeOf(b, timeField) - timeOf(a, timeField) || (String(b.id) > String(a.id) ? 1 : -1),
	);
	return { records, unread: Math.max(0, total - records.length) };
}
