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

/**
 * What the canvas shows under the node for each event: short enough not to be cut (about 26 characters), where
 * an event's name ("Patient Health Result Created or Updated") is longer (uxRules.test.ts: one for each event).
 */
const SUBTITLES: Record<string, string> = {
	completedCalendarEvent: 'Calendar Event Completed',
	newCalendarEvent: 'New Calendar Event',
	newPatient: 'New Patient',
	newPatientHealthMetric: 'New Health Metric',
	newPatientHealthResult: 'New Health Result',
	newRewardEarning: 'New Reward Earning',
	rewardEarningReadyForFulfillment: 'Ready for Fulfillment',
	updatedCalendarEvent: 'Calendar Event Changed',
	updatedPatient: 'Patient Changed',
	updatedPatientHealthResult: 'Health Result Changed',
};

export class FitbitPlusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fitbit Plus Trigger',
		name: 'fitbitPlusTrigger',
		icon: {
			light: 'file:../FitbitPlus/fitbitPlus.svg',
			dark: 'file:../FitbitPlus/fitbitPlus.dark.svg',
		},
		group: ['trigger'],
		// Version 2 (new triggers): the Completed and Archived filters are choices with an explicit "Any"; version 1
		// keeps its toggles for saved workflows. Both send the same filters for the same state (and keep the same
		// stored state).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: `={{ (${JSON.stringify(SUBTITLES)})[$parameter["event"]] }}`,
		// n8n's node panel shows one entry for the node and its trigger, with the trigger's description (above the
		// node's actions too), so it describes both.
		description:
			'Patients, plans, health metrics, calendar events and rewards in Fitbit Plus (formerly Twine Health): act on them, or start a workflow when they are created or change',
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
