import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../../shared/helpers/fields';

/** Optional bundle fields, under the API's names (Create's Additional Fields, Update's Update Fields). */
export const bundleFields: INodeProperties[] = [
	{
		...idLocator({ name: 'action', displayName: 'Action ID', required: false }),
		description: 'The action of the plan the bundle groups',
	},
	{
		displayName: 'Effective To',
		name: 'effective_to',
		type: 'dateTime',
		default: '',
		description: "When the bundle ends (after 'Effective From')",
	},
	{
		displayName: 'Thread',
		name: '_thread',
		type: 'string',
		default: '',
		placeholder: 'e.g. blood_pressure',
		description: 'The thread of the actions the bundle groups',
	},
];
