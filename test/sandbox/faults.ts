/** Injected faults: matched before auth and validation, so clients' retry/timeout paths can be exercised. */

import type { AnswerFault } from './answerFaults';

export interface FaultSpec {
	method?: string;
	/** Matched against the pathname: a string equals it (with or without the /pub prefix); a RegExp tests it. */
	path?: string | RegExp;
	status?: number;
	retryAfter?: number;
	delayMs?: number;
	rawBody?: string;
	contentType?: string;
	/** Further response headers, e.g. `{ Location: … }` with a 3xx `status`. */
	headers?: Record<string, string>;
	times?: number;
	skip?: number;
	drop?: boolean;
	/**
	 * An answer that never comes: 'headers' sends nothing at all, 'body' sends the status and headers and then no
	 * body. The connection stays open until the client hangs up.
	 */
	hang?: 'headers' | 'body';
	/** Sends the answer (`rawBody`, with `status`, 200 by default) one byte every `trickleMs` ms. */
	trickleMs?: number;
	/** Serve the request as usual, then change the document answered with (see answerFaults.ts). */
	answer?: AnswerFault;
	/**
	 * A bulk create (`data` an array) refused for some of its elements still creates the others, as the spec's
	 * `ignore_duplicates` ("gracefully skipping duplicates after errors occur during bulk create") says one may.
	 * Without it the sandbox refuses such a request whole: nothing is created.
	 */
	bulkCreatesOthers?: boolean;
}

/**
 * An API that serves at most `maxInFlight` matching requests at once and answers any request beyond them at once
 * with 429 and `Retry-After: retryAfter` (seconds): the concurrency limit a real API enforces.
 */
export interface InFlightLimit {
	method?: string;
	/** As a fault's `path`. */
	path?: string | RegExp;
	maxInFlight: number;
	retryAfter: number;
}

/** Whether a request matches a fault's or a limit's method and path. */
export function requestMatches(
	spec: { method?: string; path?: string | RegExp },
	method: string,
	pathname: string,
	basePath: string,
): boolean {
	if (spec.method && spec.method.toUpperCase() !== method) return false;
	if (spec.path === undefined) return true;
	return typeof spec.path === 'string'
		? pathname === spec.path || pathname === basePath + spec.path
		: spec.path.test(pathname);
}

interface ActiveFault {
	spec: FaultSpec;
	seen: number;
	hits: number;
}

export class Faults {
	private active: ActiveFault[] = [];

	add(spec: FaultSpec): void {
		this.active.push({ spec, seen: 0, hits: 0 });
	}

	clear(): void {
		this.active = [];
	}

	list(): FaultSpec[] {
		return this.active.map((f) => f.spec);
	}

	/** The fault this request hits, if any (consuming one of its `times`). */
	take(method: string, pathname: string, basePath: string): FaultSpec | undefined {
		for (const fault of this.active) {
			const { spec } = fault;
			if (!requestMatches(spec, method, pathname, basePath)) continue;
			fault.seen++;
			if (fault.seen <= (spec.skip ?? 0)) continue;
			fault.hits++;
			if (fault.hits >= (spec.times ?? 1)) this.active = this.active.filter((f) => f !== fault);
			return spec;
		}
		return undefined;
	}
}

export function describeFault(f: FaultSpec): string {
	const parts: string[] = [];
	if (f.delayMs) parts.push(`delay:${f.delayMs}`);
	if (f.hang) parts.push(`hang:${f.hang}`);
	if (f.trickleMs !== undefined) parts.push(`trickle:${f.trickleMs}`);
	if (f.drop) parts.push('drop');
	else if (f.status !== undefined || f.rawBody !== undefined)
		parts.push(`status:${f.status ?? 200}`);
	if (f.rawBody !== undefined) parts.push('raw-body');
	if (f.headers) parts.push(`headers:${Object.keys(f.headers).join('+')}`);
	if (f.answer) parts.push(`answer:${f.answer}`);
	if (f.bulkCreatesOthers) parts.push('bulk-creates-others');
	return parts.join(',') || 'noop';
}
