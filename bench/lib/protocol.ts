/**
 * What the orchestrator (bench/run.ts) sends a worker process (bench/worker.ts) and what comes back.
 * Only ids, counts and timings cross this boundary: never record contents. The client secret crosses it (the
 * worker needs it to get a token) but is never printed or written.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

export interface SandboxRef {
	/** Server root (admin API under /__admin). */
	url: string;
	/** API root (…/pub). */
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	organization: string;
}

/** A collection read three ways: by our node, by a raw loop, by n8n's HTTP Request node. */
export interface CollectionSpec {
	/** The collection, as named in the report ("patient"). */
	name: string;
	/** API path under baseUrl ("/patient"). */
	path: string;
	/** Filters every request carries (the spec requires one for most collections). */
	query: Record<string, string>;
	/** Our node's parameters for Get Many with Return All. */
	params: INodeParameters;
}

export type Variant = 'ours' | 'raw' | 'http';

/** Get Many adds the helper-floor loop: n8n's request helper in a minimal node (bench/lib/helperFloor.ts). */
export type GetManyVariant = Variant | 'helper';

export type Task =
	| { kind: 'getMany'; variant: GetManyVariant; sandbox: SandboxRef; collection: CollectionSpec }
	| { kind: 'tokens'; variant: 'ours' | 'http'; sandbox: SandboxRef; executions: number }
	| {
			kind: 'perItem';
			variant: Variant;
			sandbox: SandboxRef;
			ids: string[];
			params: INodeParameters;
			/** More options of the HTTP Request node (e.g. its Batching). */
			httpOptions?: INodeParameters;
	  }
	| {
			kind: 'batchCreate';
			variant: 'batched' | 'single';
			sandbox: SandboxRef;
			params: INodeParameters;
			items: IDataObject[];
			path: string;
	  }
	| {
			kind: 'trigger';
			sandbox: SandboxRef;
			params: INodeParameters;
			insertType: string;
			ks: number[];
	  };

export interface RequestCounts {
	/** API requests (token exchanges not counted). */
	api: number;
	tokenExchanges: number;
	/** Requests the sandbox answered with something else than 2xx. */
	failed: number;
}

export interface GetManyResult {
	ms: number;
	requests: RequestCounts;
	/** Records read (the node's items; for the HTTP Request node, the sum of `data` over its page items). */
	records: number;
	/** Output items of the step (HTTP Request: one per page). */
	items: number;
	/** JSON size of the output items, bytes. */
	outputBytes: number;
	/** process.memoryUsage().rss just before the timed part, bytes. */
	rssBefore: number;
	/** process.resourceUsage().maxRSS after it, bytes. */
	peakRss: number;
	/** CPU time (user + system) of the timed part, ms: less disturbed than wall time by the other processes. */
	cpuMs: number;
	/**
	 * V8 heap the output holds once garbage is collected (after the timed part: heap used with the output, less
	 * heap used without it, each after a full GC), bytes: the part of the RSS growth that no node can avoid.
	 */
	retainedBytes: number;
	error?: string;
}

export interface TokensResult {
	executions: number;
	tokenExchanges: number;
	apiRequests: number;
	ms: number;
	failedExecutions: number;
	error?: string;
}

export interface PerItemResult {
	items: number;
	ms: number;
	requests: RequestCounts;
	outputItems: number;
	error?: string;
}

export interface BatchCreateResult {
	items: number;
	batchSize: number | 'default';
	ms: number;
	requests: RequestCounts;
	outputItems: number;
	error?: string;
}

export interface TriggerStep {
	step: string;
	/** Records that existed (activation) or were added before the poll (k). */
	records: number;
	requests: RequestCounts;
	emitted: number;
	ms: number;
	/** When the step's records were inserted (ms since the epoch): what the trigger's Overlap re-reads. */
	insertedAt?: number;
}

export interface TriggerResult {
	steps: TriggerStep[];
	error?: string;
}

export type TaskResult =
	GetManyResult | TokensResult | PerItemResult | BatchCreateResult | TriggerResult;
