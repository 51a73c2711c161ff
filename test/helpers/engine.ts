/**
 * Runs our nodes through n8n's real execution engine (n8n-core's WorkflowExecute, PollContext and
 * LoadOptionsContext) in-process, with a credentials helper that behaves like the n8n server's: it keeps the
 * credential's data between executions, calls the credential type's preAuthentication when the expirable token
 * is empty or refused, and saves what it returns.
 */
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	SupplyDataContext,
	WorkflowExecute,
} from 'n8n-core';
// n8n-core's own tool wrapper (not in its index): what the MCP Server Trigger and sub-node tools call.
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import { makeHandleToolInvocation } from 'n8n-core/dist/execution-engine/node-execution-context/utils/get-input-connection-data';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	INodeListSearchResult,
	INodePropertyOptions,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

/** n8n-workflow 2.x no longer exports createDeferredPromise: the same, locally. */
function createDeferredPromise<T>(): {
	promise: Promise<T>;
	resolve: (value: T) => void;
	reject: (error: Error) => void;
} {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

import { FitbitPlusApi } from '../../credentials/FitbitPlusApi.credentials';
import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import { FitbitPlusTrigger } from '../../nodes/FitbitPlusTrigger/FitbitPlusTrigger.node';

export const PACKAGE = 'n8n-nodes-fitbit-plus';
export const NODE_TYPE = `${PACKAGE}.fitbitPlus`;
export const TRIGGER_TYPE = `${PACKAGE}.fitbitPlusTrigger`;
/** The tool variant n8n adds for a `usableAsTool` node. */
export const TOOL_TYPE = `${PACKAGE}.fitbitPlusTool`;
export const CREDENTIAL_ID = 'cred-1';

/**
 * The tool variant as n8n 2.41.1 makes it (`convertNodeToAiTool`): the same node, its type name ending in
 * "Tool", no main input, one `ai_tool` output (n8n also adds a Tool Description field, not needed here).
 */
function toolVariant(node: INodeType): INodeType {
	const description = {
		...node.description,
		name: `${node.description.name}Tool`,
		displayName: `${node.description.displayName} Tool`,
		inputs: [],
		outputs: ['ai_tool'],
	} as INodeType['description'];
	delete description.usableAsTool;
	return { description, methods: node.methods, execute: node.execute };
}

const fitbitPlus = new FitbitPlus();
const nodeClasses: Record<string, INodeType | IVersionedNodeType> = {
	[NODE_TYPE]: fitbitPlus,
	[TOOL_TYPE]: toolVariant(fitbitPlus),
	[TRIGGER_TYPE]: new FitbitPlusTrigger(),
};

export const nodeTypes: INodeTypes = {
	getByName: (type) => lookup(type),
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(lookup(type), version),
	getKnownTypes: () => ({}),
};

function lookup(type: string): INodeType | IVersionedNodeType {
	const found = nodeClasses[type];
	if (!found) throw new Error(`Unknown node type ${type} in the test engine`);
	return found;
}

const credentialTypes: Record<string, ICredentialType> = { fitbitPlusApi: new FitbitPlusApi() };

/** A stand-in for the n8n server's CredentialsHelper, with its rules for expirable credentials. */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Stored credential data by credential id, as the database would hold it. */
	readonly store = new Map<string, ICredentialDataDecryptedObject>();

	/** How often the credential type's preAuthentication ran (i.e. token exchanges requested). */
	preAuthenticationCalls = 0;

	/** How often a node read the credential (on n8n's server, a database query and a decryption each). */
	reads = 0;

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	/** As n8n's server does: a function is called; a generic template goes through n8n's expression engine. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const authenticate = type?.authenticate;
		// Called on the type, as n8n's server calls it (a method may use `this`).
		if (typeof authenticate === 'function')
			return await authenticate.call(type, credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;
		const resolve = (value: string) =>
			String(
				workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				) ?? '',
			);
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [name, value] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[resolve(name)] = resolve(String(value));
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		const expirable = type?.properties.find(
			(p: INodeProperties) => p.type === 'hidden' && p.typeOptions?.expirable,
		);
		if (!type?.preAuthentication || !expirable) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.preAuthenticationCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		const id = node.credentials?.[typeName]?.id;
		if (id)
			this.store.set(id, { ...this.store.get(id), ...output } as ICredentialDataDecryptedObject);
		return output as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine in these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		const data = this.store.get(nodeCredentials.id ?? '');
		if (!data) throw new Error(`No credential ${nodeCredentials.id} in the test store`);
		// As n8n does, hand out only the properties the credential type declares (a value preAuthentication
		// returns under an undeclared name is lost), as a copy: the engine may change what it gets.
		const declared = new Set(this.getCredentialsProperties(type).map((property) => property.name));
		return Object.fromEntries(
			Object.entries(data).filter(([name]) => declared.has(name)),
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(nodeCredentials.id ?? '', { ...data });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export interface CredentialInput {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	allowHttp?: boolean;
}

/** One n8n "instance": a credential store shared by every execution made through it. */
export class TestEngine {
	readonly credentialsHelper = new TestCredentialsHelper();

	constructor(credential: CredentialInput) {
		this.setCredential(credential);
	}

	setCredential(credential: CredentialInput): void {
		this.credentialsHelper.store.set(CREDENTIAL_ID, {
			allowHttp: false,
			accessToken: '',
			accessTokenExpiresAt: '',
			accessTokenId: '',
			...credential,
		} as unknown as ICredentialDataDecryptedObject);
	}

	/** Changes some fields of the stored credential, keeping the rest (the token too), as an edit in n8n does. */
	editCredential(changes: Partial<CredentialInput>): void {
		this.credentialsHelper.store.set(CREDENTIAL_ID, {
			...this.credentialsHelper.store.get(CREDENTIAL_ID),
			...changes,
		} as unknown as ICredentialDataDecryptedObject);
	}

	/** The credential as stored now (token included): for assertions only. */
	storedCredential(): ICredentialDataDecryptedObject {
		return { ...this.credentialsHelper.store.get(CREDENTIAL_ID) } as ICredentialDataDecryptedObject;
	}

	additionalData(hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			hooks,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678',
			formBaseUrl: 'http://localhost:5678/form',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			formTestBaseUrl: 'http://localhost:5678/form-test',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			mcpBaseUrl: 'http://localhost:5678/mcp',
			mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
			variables: {},
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not used in these tests');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			logAiEvent: async () => {},
			startRunnerTask: async () => {
				throw new Error('task runners are not used in these tests');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	node(type: string, parameters: INodeParameters, overrides: Partial<INode> = {}): INode {
		return {
			id: `${overrides.name ?? 'Fitbit Plus'}-id`,
			name: 'Fitbit Plus',
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { fitbitPlusApi: { id: CREDENTIAL_ID, name: 'Fitbit Plus Sandbox' } },
			...overrides,
		};
	}

	workflow(nodes: INode[], staticData?: IDataObject): Workflow {
		return new Workflow({
			id: 'wf-test',
			name: 'test',
			nodes,
			connections: {},
			active: false,
			nodeTypes,
			staticData,
			settings: {},
		});
	}

	/**
	 * Executes the Fitbit Plus node once with `items` as its input, through WorkflowExecute.
	 * Returns the node's output items (first output) and the run, whose error is set if the node failed.
	 */
	async execute(
		parameters: INodeParameters,
		items: IDataObject[] = [{}],
		options: { continueOnFail?: boolean; mode?: WorkflowExecuteMode; typeVersion?: number } = {},
	): Promise<{ items: INodeExecutionData[]; run: IRun; error?: Error & IDataObject }> {
		const node = this.node(NODE_TYPE, parameters, {
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			// Saved workflows of 0.3.0 are version 1; a node added in the editor now is version 2.
			...(options.typeVersion !== undefined ? { typeVersion: options.typeVersion } : {}),
		});
		const workflow = this.workflow([node]);
		const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', 'exec-1', {
			id: 'wf-test',
			name: 'test',
			nodes: [node],
			connections: {},
			active: false,
			settings: {},
		} as never);
		const done = createDeferredPromise<IRun>();
		hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{
						node,
						data: { main: [items.map((json, index) => ({ json, pairedItem: { item: index } }))] },
						source: null,
					},
				],
			},
		});
		const execute = new WorkflowExecute(
			this.additionalData(hooks),
			options.mode ?? 'manual',
			runExecutionData,
		);
		await execute.processRunExecutionData(workflow);
		const run = await done.promise;
		const taskData = run.data.resultData.runData[node.name]?.[0];
		const error = (taskData?.error ?? run.data.resultData.error) as
			(Error & IDataObject) | undefined;
		return { items: taskData?.data?.main?.[0] ?? [], run, error };
	}

	/**
	 * Runs the node as an AI tool through n8n-core's own wrapper, exactly as n8n's MCP Server Trigger (and any
	 * parent that takes tools as sub-nodes) does: `createNodeAsTool` builds the tool (name, description, argument
	 * schema from the `$fromAI()` expressions), `makeHandleToolInvocation` runs the node in a SupplyDataContext
	 * and re-wraps whatever it throws. Returns the tool, the text the model gets, or the error thrown.
	 */
	async callTool(
		parameters: INodeParameters,
		args: IDataObject,
		overrides: Partial<INode> = {},
	): Promise<{
		tool: { name: string; description: string; schema: unknown };
		output?: string;
		error?: Error & IDataObject;
	}> {
		const node = this.node(TOOL_TYPE, parameters, overrides);
		const workflow = this.workflow([node]);
		const runExecutionData = createRunExecutionData({});
		const type = NodeHelpers.getVersionedNodeType(nodeTypes.getByName(TOOL_TYPE), 1);
		const additionalData = this.additionalData();
		const executeData = { node, data: { main: [[{ json: {} }]] }, source: null };
		const context = (runIndex: number) =>
			new SupplyDataContext(
				workflow,
				node,
				additionalData,
				'internal',
				runExecutionData,
				runIndex,
				[],
				{},
				'ai_tool',
				executeData,
				[],
			);
		const { response: tool } = createNodeAsTool({
			node,
			nodeType: type,
			handleToolInvocation: makeHandleToolInvocation(context, node, type, runExecutionData),
			context: context(0),
			itemIndex: 0,
		});
		try {
			return { tool, output: (await tool.invoke(args)) as string };
		} catch (error) {
			return { tool, error: error as Error & IDataObject };
		}
	}

	/** Calls a loadOptions method of the Fitbit Plus node as the editor would, with `parameters` as the current form. */
	async loadOptions(
		method: string,
		parameters: INodeParameters = {},
	): Promise<INodePropertyOptions[]> {
		const { context, type } = this.optionsContext(parameters);
		const fn = type.methods?.loadOptions?.[method];
		if (!fn) throw new Error(`No loadOptions method ${method}`);
		return await fn.call(context);
	}

	/** Calls a listSearch method of the Fitbit Plus node as a resource locator would. */
	async listSearch(
		method: string,
		filter?: string,
		paginationToken?: string,
		parameters: INodeParameters = {},
	): Promise<INodeListSearchResult> {
		const { context, type } = this.optionsContext(parameters);
		const fn = type.methods?.listSearch?.[method];
		if (!fn) throw new Error(`No listSearch method ${method}`);
		return await fn.call(context, filter, paginationToken);
	}

	private optionsContext(parameters: INodeParameters) {
		const node = this.node(NODE_TYPE, parameters);
		const workflow = this.workflow([node]);
		const additionalData = this.additionalData();
		additionalData.currentNodeParameters = parameters;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		const type = NodeHelpers.getVersionedNodeType(nodeTypes.getByName(NODE_TYPE), 1);
		return { context, type };
	}

	/**
	 * One poll of the trigger through n8n-core's PollContext. `staticData` is the workflow's static data, carried
	 * between polls (serialize it to simulate a restart). `mode` 'manual' is the editor's "Fetch Test Event".
	 */
	async poll(
		parameters: INodeParameters,
		staticData: IDataObject,
		mode: WorkflowExecuteMode = 'trigger',
		activation: 'activate' | 'update' | 'init' | 'manual' = 'activate',
		// Saved workflows' triggers are version 1; a trigger added in the editor now is version 2.
		typeVersion = 1,
	): Promise<{ items: INodeExecutionData[] | null; staticData: IDataObject }> {
		const node = this.node(TRIGGER_TYPE, parameters, { name: 'Fitbit Plus Trigger', typeVersion });
		const workflow = this.workflow([node], staticData);
		const context = new PollContext(workflow, node, this.additionalData(), mode, activation);
		const type = NodeHelpers.getVersionedNodeType(nodeTypes.getByName(TRIGGER_TYPE), 1);
		const result = await type.poll!.call(context);
		return { items: result ? result[0] : null, staticData: workflow.staticData as IDataObject };
	}
}
