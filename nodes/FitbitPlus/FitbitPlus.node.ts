import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceOptions, resources, subtitle } from './actions/resources';
import { router } from './actions/router';
import { resourceMapping } from './actions/resourceMapping';
import { listSearch, loadOptions } from '../shared/methods';
import { agentOutputFields } from '../shared/helpers/agentOutput';
import { requestOptionsField } from './actions/requestOptions';

const resourceField: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: resourceOptions,
	default: 'patient',
};

export class FitbitPlus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fitbit Plus',
		name: 'fitbitPlus',
		icon: { light: 'file:fitbitPlus.svg', dark: 'file:fitbitPlus.dark.svg' },
		group: ['transform'],
		// Version 2 (new nodes) changes what some operations output and offer; version 1 keeps 0.3.0's behaviour for
		// saved workflows. See CHANGELOG.md.
		version: [1, 2],
		defaultVersion: 2,
		// "Create or Update: Patient": the dropdowns' names, not the raw values n8n would show under the node.
		subtitle,
		description:
			'Work with patients, plans, health metrics, calendar events and rewards in Fitbit Plus (formerly Twine Health)',
		defaults: { name: 'Fitbit Plus' },
		usableAsTool: true,
		builderHint: {
			searchHint:
				'Fitbit Plus (formerly Twine Health) care platform: patients, care plans, health metrics and results, calendar events and rewards. As an AI agent tool, prefer Get and Get Many; IDs are 24 hexadecimal characters taken from earlier results.',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fitbitPlusApi', required: true }],
		properties: [
			resourceField,
			...Object.values(resources).flatMap(({ properties }) => properties),
			...agentOutputFields,
			requestOptionsField,
		],
	};

	methods = { loadOptions, listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
