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
import { listSearch, loadOptions } from '../shared/methods';
import { agentOutputFields } from '../shared/helpers/agentOutput';
import { requestOptionsField } from '../shared/transport/options';

/** The node's fields, with each resource's `properties`, or its `toolProperties` for the tool variant. */
function nodeProperties(fields: 'properties' | 'toolProperties'): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceOptions,
			default: 'patient',
		},
		...Object.values(resources).flatMap((resource) => resource[fields]),
		...agentOutputFields,
		requestOptionsField,
	];
}

const DESCRIPTION =
	'Work with patients, plans, health metrics, calendar events and rewards in Fitbit Plus (formerly Twine Health)';

/**
 * What the tool variant n8n makes of this node replaces: n8n spreads `usableAsTool.replacements` over the whole
 * description (`createAiTools`), and its automatic tool description is "<action> in Fitbit Plus", so there each
 * operation's action is its description while the editor names a node by its short action.
 */
const toolReplacements: Pick<INodeTypeDescription, 'description' | 'properties'> = {
	description: DESCRIPTION,
	properties: nodeProperties('toolProperties'),
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
		subtitle,
		description: DESCRIPTION,
		defaults: { name: 'Fitbit Plus' },
		usableAsTool: { replacements: toolReplacements },
		builderHint: {
			searchHint:
				'Fitbit Plus (formerly Twine Health) care platform: patients, care plans, health metrics and results, calendar events and rewards. As an AI agent tool, prefer Get and Get Many; IDs are 24 hexadecimal characters taken from earlier results.',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fitbitPlusApi', required: true }],
		properties: nodeProperties('properties'),
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
