/**
 * How many requests of one run may be on their way: the Concurrency set, one fewer for each request the API refused
 * as too many (429, Retry-After, 503), for the rest of the run. A burst of 32 against an API that serves 4 at once
 * gets 28 refusals and leaves 4 lanes: the run settles at what the API allows after one refused burst, instead of
 * meeting its limit on every lane after every pause.
 */
export class LaneLimit {
	/** Lanes allowed now: between 1 and `max`. */
	current: number;
	/** Requests on their way now (see `enter`). */
	private sending = 0;
	private readonly queue: Array<() => void> = [];
	/** When the last burst of refusals began (Date.now()); refusals of requests sent before it belong to it. */
	private burstAt = -Infinity;

	/** The Concurrency set: a whole number of 1 or more (anything else counts as 1). */
	readonly max: number;

	constructor(max: number) {
		this.max = Math.max(1, Math.floor(max) || 1);
		this.current = this.max;
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
		while (this.queue.length > 0 && this.sending < this.current) {
			this.sending++;
			this.queue.shift()!();
		}
	};

	/**
	 * The API refused a request sent at `sentAt` as one too many: one lane fewer. True when the refusal begins a
	 * burst (the request was sent after the last burst began); false for the rest of a burst, whose requests were
	 * all on their way before the run slowed down.
	 */
	refused(sentAt: number): boolean {
		this.current = Math.max(1, this.current - 1);
		if (sentAt < this.burstAt) return false;
		this.burstAt = Date.now();
		return true;
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
	const lanes = typeof limit === 'number' ? new LaneLimit(limit) : limit;
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
