/**
 * The test engine (test/helpers/engine.ts: n8n-core's real WorkflowExecute, the credentials helper that runs our
 * credential's preAuthentication) extended to run n8n's own HTTP Request node (n8n-nodes-base, from the private
 * n8n install in tools/n8n) and small multi-node workflows, so our node and "what users do without us" go through
 * the same engine in the same process layout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { NODE_TYPE, TestEngine, nodeTypes as ourNodeTypes } from '../../test/helpers/engine';
import { HELPER_FLOOR_TYPE, helperFloorNode } from './helperFloor';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
export const HTTP_REQUEST_VERSION = 4.2;
const HTTP_REQUEST_FILE = path.join(
	REPO_ROOT,
	'tools/n8n/node_modules/n8n-nodes-base/dist/nodes/HttpRequest/V3/HttpRequestV3.node.js',
);

let httpRequestNode: INodeType | undefined;

/** n8n's HTTP Request node (V3 class: typeVersions 3 … 4.x), or throws why it cannot be loaded. */
export function loadHttpRequestNode(): INodeType {
	if (httpRequestNode) return httpRequestNode;
	if (!fs.existsSync(HTTP_REQUEST_FILE)) {
		throw new Error(
			'n8n-nodes-base is not installed in tools/n8n (see ensureN8n() in scripts/n8n/install.ts)',
		);
	}
	const req = createRequire(__filename);
	const { HttpRequestV3 } = req(HTTP_REQUEST_FILE) as {
		HttpRequestV3: new (d: IDataObject) => INodeType;
	};
	httpRequestNode = new HttpRequestV3({
		displayName: 'HTTP Request',
		name: 'httpRequest',
		group: ['output'],
		subtitle: '',
		description: 'Makes an HTTP request and returns the response data',
		defaultVersion: HTTP_REQUEST_VERSION,
	});
	return httpRequestNode;
}

/** n8n's HTTP Request node and the helper-floor node beside ours. */
const benchNodeType = (type: string): INodeType | undefined =>
	type === HTTP_REQUEST_TYPE
		? loadHttpRequestNode()
		: type === HELPER_FLOOR_TYPE
			? helperFloorNode
			: undefined;

const benchNodeTypes: INodeTypes = {
	getByName: (type) => benchNodeType(type) ?? ourNodeTypes.getByName(type),
	getByNameAndVersion: (type, version) =>
		benchNodeType(type) ?? ourNodeTypes.getByNameAndVersion(type, version),
	getKnownTypes: () => ({}),
};

export interface WorkflowResult {
	/** Output items (first output) of each node that ran, by node name. */
	output: Record<string, INodeExecutionData[]>;
	run: IRun;
	error?: Error;
}

export class BenchEngine extends TestEngine {
	/** An HTTP Request node (no credential: headers are set as parameters). */
	httpNode(name: string, parameters: INodeParameters): INode {
		return {
			id: `${name}-id`,
			name,
			type: HTTP_REQUEST_TYPE,
			typeVersion: HTTP_REQUEST_VERSION,
			position: [0, 0],
			parameters,
		};
	}

	/** The helper-floor node (bench/lib/helperFloor.ts), with our credential: `url` and its next links. */
	helperFloorNode(url: string, maxPages = 0): INode {
		return this.node(
			HELPER_FLOOR_TYPE,
			{ url, maxPages },
			{ name: 'Helper Floor', id: 'helper-floor-id' },
		);
	}

	/** Our Fitbit Plus node, as TestEngine.execute builds it. */
	fitbitNode(name: string, parameters: INodeParameters): INode {
		return this.node(NODE_TYPE, parameters, { name, id: `${name}-id` });
	}

	/**
	 * Runs `nodes` (connected by `connections`, main output 0 → main input 0) through WorkflowExecute, starting at
	 * `nodes[0]` with `items` as its input.
	 */
	async runWorkflow(
		nodes: INode[],
		connections: IConnections,
		items: IDataObject[] = [{}],
	): Promise<WorkflowResult> {
		const workflow = new Workflow({
			id: 'wf-bench',
			name: 'bench',
			nodes,
			connections,
			active: false,
			nodeTypes: benchNodeTypes,
			settings: {},
		});
		const hooks = new ExecutionLifecycleHooks('manual', 'exec-bench', {
			id: 'wf-bench',
			name: 'bench',
			nodes,
			connections,
			active: false,
			settings: {},
		} as never);
		// Not n8n-workflow's createDeferredPromise: 2.41.0 does not export it.
		let finished!: (run: IRun) => void;
		const done = new Promise<IRun>((resolve) => (finished = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
		// The run data as TestEngine.execute builds it: the start node with `items` as its input.
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{
						node: nodes[0],
						data: { main: [items.map((json, index) => ({ json, pairedItem: { item: index } }))] },
						source: null,
					},
				],
			},
		});
		const execute = new WorkflowExecute(this.additionalData(hooks), 'manual', runExecutionData);
		await execute.processRunExecutionData(workflow);
		const run = await done;
		const output: Record<string, INodeExecutionData[]> = {};
		let error: Error | undefined = run.data.resultData.error as Error | undefined;
		for (const node of nodes) {
			const task = run.data.resultData.runData[node.name]?.[0];
			if (!task) continue;
			output[node.name] = task.data?.main?.[0] ?? [];
			error = error ?? (task.error as Error | undefined);
		}
		return { output, run, error };
	}

	/** One HTTP Request node alone. */
	async runHttpNode(parameters: INodeParameters, items: IDataObject[] = [{}]) {
		const node = this.httpNode('HTTP Request', parameters);
		const result = await this.runWorkflow([node], {}, items);
		return { items: result.output[node.name] ?? [], error: result.error };
	}
}

/** Connects `from` main output 0 to `to` main input 0. */
export function chain(...names: string[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}
