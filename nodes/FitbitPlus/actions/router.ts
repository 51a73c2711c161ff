import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findOperation } from '../helpers/resource';
import { resources } from './resources';
import {
	agentOutput,
	compactRecord,
	runsAsTool,
	simplifiedRecord,
} from '../../shared/helpers/agentOutput';
import { getSimplify } from '../helpers/operations';
import { nodeVersion } from '../../shared/helpers/version';
import { ApiSession } from '../../shared/transport';
import { asNodeError, toToolError } from '../../shared/transport/errors';
import { requestSettings } from './requestOptions';

/**
 * Sends all input items to the operation the user chose; each operation handles its items (and batching). As an
 * AI tool, records are compacted and errors become one text that says what to send instead. The run's API
 * session is made here, from Request Options, and handed to the operation.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = findOperation(resources[resource], operation);
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for "${resource}"`,
		);
	}
	const session = new ApiSession(this, requestSettings.call(this));
	let output: INodeExecutionData[];
	try {
		output = await handler.execute.call(this, items, session);
	} catch (error) {
		if (runsAsTool.call(this, session)) throw toToolError(this.getNode(), error);
		throw asNodeError(this.getNode(), error);
	}
	if (agentOutput.call(this, session, 0)?.compact) {
		output = output.map((item) => ({ ...item, json: compactRecord(item.json) }));
	} else if (nodeVersion.call(this) >= 2) {
		output = output.map((item) =>
			getSimplify.call(this, session, pairedIndex(item))
				? { ...item, json: simplifiedRecord(item.json) }
				: item,
		);
	}
	return [output];
}

/** The input item an output item came from (the first, when several). */
function pairedIndex(item: INodeExecutionData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? 0);
}
