import { sleep } from 'n8n-workflow';

/**
 * How many items of one run may be in flight: the Concurrency set, halved when the API asks to slow down (429,
 * Retry-After, 503) and grown back by one lane per round of answers, as TCP does, but never back to a level the API
 * refused. So a high Concurrency settles just below what an API allows instead of meeting its limit on every lane
 * after every pause.
 */
export class LaneLimit {
	/** Lanes allowed now: between 1 and `max`. */
	current: number;
	/** Requests on their way now (see `enter`). */
	private sending = 0;
	private readonly queue: Array<() => void> = [];
	/** Answers since the last change of `current`. */
	private answers = 0;
	/** When `current` was last halved (Date.now()). */
	private narrowedAt = -Infinity;
	/** The most lanes not yet refused: growth stops below a level the API refused, so it is not probed again. */
	private ceiling: number;

	constructor(readonly max: number) {
		this.current = max;
		this.ceiling = max;
	}

	/** Waits until one more request may be on its way (first come, first served); undefined when it may now. */
	enter(): Promise<void> | undefined {
		if (this.sending < this.current) {
			this.sending++;
			return undefined;
		}
		return new Promise((resolve) => this.queue.push(resolve));
	}

	/** A request let through by `enter` has its answer (or failed). An arrow: passed to `.finally()`. */
	readonly leave = (): void => {
		this.sending--;
		this.admit();
	};

	/** A request was answered: after a round of answers (one per lane), one lane more, up to the ceiling. */
	answered(): void {
		if (this.current >= this.ceiling || ++this.answers < this.current) return;
		this.answers = 0;
		this.current++;
		this.admit();
	}

	/**
	 * The API asked a request sent at `sentAt` to slow down: half the lanes. Requests sent before the last halving
	 * were part of the burst it answered already: false, nothing changes.
	 */
	narrow(sentAt: number): boolean {
		if (sentAt < this.narrowedAt) return false;
		this.narrowedAt = Date.now();
		this.answers = 0;
		this.ceiling = Math.max(1, this.current - 1);
		this.current = Math.max(1, Math.floor(this.current / 2));
		return true;
	}

	private admit(): void {
		while (this.queue.length > 0 && this.sending < this.current) {
			this.sending++;
			this.queue.shift()!();
		}
	}
}

/**
 * Runs `task` over `inputs` with at most `limit` tasks in flight (a number, or a LaneLimit that may change while
 * it runs) and returns the results in input order, as a sequential loop would. A task that throws rejects the whole
 * run and no further task starts (callers that must go on catch per task).
 */
export async function mapConcurrent<T, R>(
	inputs: readonly T[],
	limit: number | LaneLimit,
	task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	if (inputs.length === 0) return results;
	const lanes =
		typeof limit === 'number' ? new LaneLimit(Math.max(1, Math.floor(limit) || 1)) : limit;
	return await new Promise<R[]>((resolve, reject) => {
		let next = 0;
		let running = 0;
		let failed = false;
		const start = (): void => {
			while (!failed && next < inputs.length && running < lanes.current) {
				const index = next++;
				running++;
				task(inputs[index], index).then(
					(result) => {
						results[index] = result;
						running--;
						if (next === inputs.length && running === 0) resolve(results);
						else start();
					},
					(error: unknown) => {
						failed = true;
						reject(error);
					},
				);
			}
		};
		start();
	});
}

/**
 * One back-off per execution context, shared by every lane: after a 429 (or a Retry-After) no request of that
 * context is sent until the wait is over, whichever lane met it.
 */
const pausedUntil = new WeakMap<object, number>();

/** Holds every request of `context` for `ms` from now (a longer pause already set stays). */
export function pauseRequests(context: object, ms: number): void {
	const until = Date.now() + ms;
	if (until > (pausedUntil.get(context) ?? 0)) pausedUntil.set(context, until);
}

/** Waits out the pause of `context`, if any; undefined (nothing to await) when there is none. */
export function requestPause(context: object): Promise<void> | undefined {
	const until = pausedUntil.get(context);
	if (until === undefined || until <= Date.now()) return undefined;
	return (async () => {
		// Another lane may lengthen the pause meanwhile.
		for (
			let left = until - Date.now();
			left > 0;
			left = (pausedUntil.get(context) ?? 0) - Date.now()
		)
			await sleep(left);
	})();
}

/** Thrown into an item's request when an earlier item failed and the run stops (without Continue On Fail). */
export class ItemSkipped extends Error {
	constructor() {
		super('Not sent: an earlier item failed');
	}
}

/**
 * Lets the items of a concurrent run send their first request in input order: item i sends once every earlier
 * item has sent one or finished. So an item refused by validation stops the later ones before they send,
 * exactly as in a sequential loop, while the requests themselves overlap.
 */
export class ItemOrder {
	private readonly cleared = new Set<number>();
	/** Every item below this one has sent a request or finished. */
	private frontier = 0;
	private stoppedAt = Infinity;
	private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

	/** Resolves when item `index` may send; undefined when it may at once. Rejects once an earlier item failed. */
	turn(index: number): Promise<void> | undefined {
		if (index > this.stoppedAt) return Promise.reject(new ItemSkipped());
		if (index <= this.frontier) {
			this.clear(index);
			return undefined;
		}
		return new Promise((resolve, reject) => this.waiting.set(index, { resolve, reject }));
	}

	/** Item `index` has sent a request or finished. */
	clear(index: number): void {
		if (index < this.frontier || this.cleared.has(index)) return;
		this.cleared.add(index);
		while (this.cleared.has(this.frontier)) this.cleared.delete(this.frontier++);
		const next = this.waiting.get(this.frontier);
		if (next) {
			this.waiting.delete(this.frontier);
			this.clear(this.frontier);
			next.resolve();
		}
	}

	/** Item `index` failed and the run stops: later items send nothing more. */
	stop(index: number): void {
		this.stoppedAt = Math.min(this.stoppedAt, index);
		for (const [waiting, { reject }] of this.waiting) {
			if (waiting <= this.stoppedAt) continue;
			this.waiting.delete(waiting);
			reject(new ItemSkipped());
		}
	}
}

/** What a concurrent run of one execution context shares with its requests. */
export interface ConcurrentRun {
	/** When each input item may send its first request (runs over input items only). */
	order?: ItemOrder;
	/** How many items may be in flight; narrowed by the API's slow-downs. */
	lanes: LaneLimit;
}

const concurrentRuns = new WeakMap<object, ConcurrentRun>();

/** Runs `work` as the concurrent run of `context`: its requests take their turn and signal slow-downs to it. */
export async function withConcurrentRun<R>(
	context: object,
	run: ConcurrentRun,
	work: () => Promise<R>,
): Promise<R> {
	concurrentRuns.set(context, run);
	try {
		return await work();
	} finally {
		concurrentRuns.delete(context);
	}
}

/** Waits for item `itemIndex`'s turn to send, in a concurrent run of `context`; undefined outside one. */
export function itemTurn(
	context: object,
	itemIndex: number | undefined,
): Promise<void> | undefined {
	if (itemIndex === undefined) return undefined;
	return concurrentRuns.get(context)?.order?.turn(itemIndex);
}

/** The lanes of `context`'s concurrent run, if one is going on. */
export function runLanes(context: object): LaneLimit | undefined {
	return concurrentRuns.get(context)?.lanes;
}

/**
 * `mapConcurrent` for tasks that send requests of `context` (a trigger's or an item's walk over patients): their
 * requests share lanes that narrow when the API asks to slow down; inside a run that has lanes already, those.
 */
export async function mapConcurrentRequests<T, R>(
	context: object,
	inputs: readonly T[],
	limit: number,
	task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	if (concurrentRuns.has(context)) return await mapConcurrent(inputs, limit, task);
	const lanes = new LaneLimit(Math.max(1, Math.floor(limit) || 1));
	return await withConcurrentRun(
		context,
		{ lanes },
		async () => await mapConcurrent(inputs, lanes, task),
	);
}
