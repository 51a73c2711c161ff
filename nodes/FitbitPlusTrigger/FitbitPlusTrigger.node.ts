import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch, loadOptions } from '../shared/methods';
import { properties } from './properties';
import { poll } from './poll';

export class FitbitPlusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fitbit Plus Trigger',
		name: 'fitbitPlusTrigger',
		icon: {
			light: 'file:../FitbitPlus/fitbitPlus.svg',
			dark: 'file:../FitbitPlus/fitbitPlus.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		// "New Calendar Event", not the raw value ("newCalendarEvent") n8n would show under the node.
		subtitle:
			'={{ $parameter["event"].charAt(0).toUpperCase() + $parameter["event"].slice(1).replace(/[A-Z]/g, " $&") }}',
		description:
			'Starts the workflow when calendar events, health metrics, health results, reward earnings or patients are created or change in Fitbit Plus (formerly Twine Health), or when reward earnings become ready for fulfillment',
		defaults: { name: 'Fitbit Plus Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fitbitPlusApi', required: true }],
		properties,
	};

	methods = { loadOptions, listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll.call(this);
	}
}
