import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator } from '../../../shared/helpers/fields';
import { forEachItem, getIdParameter } from '../../helpers/operations';
import type { ApiSession } from '../../../shared/transport';
import { resourcePath } from '../../../shared/transport';

const properties: INodeProperties[] = [
	idLocator({
		name: 'calendarEventId',
		displayName: 'Calendar Event',
		searchable: 'calendarEvent',
	}),
];

const displayOptions = { show: { resource: ['calendarEvent'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: ApiSession,
) {
	return await forEachItem.call(this, session, items, async (itemIndex) => {
		const id = getIdParameter.call(this, 'calendarEventId', 'Calendar Event', itemIndex);
		await session.request('DELETE', resourcePath('/calendar_event/{id}', { id }), {
			itemIndex,
			expect: 'none',
		});
		return [{ deleted: true, id }];
	});
}
