import { sleep } from 'n8n-workflow';

/**
 * Runs `task` over `inputs` with at most `limit` tasks in flight and returns the results in input order, as a
 * sequential loop would. A task that throws rejects the whole run (callers that must go on catch per task).
 */
export async function mapConcurrent<T, R>(
	inputs: readonly T[],
	limit: number,
	task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	const lane = async (): Promise<void> => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	};
	const lanes = Math.max(1, Math.min(Math.floor(limit) || 1, inputs.length));
	await Promise.all(Array.from({ length: lanes }, lane));
	return results;
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

const itemOrders = new WeakMap<object, ItemOrder>();

/** Runs `work` with `order` deciding when each item of `context` may send its first request. */
export async function withItemOrder<R>(
	context: object,
	order: ItemOrder,
	work: () => Promise<R>,
): Promise<R> {
	itemOrders.set(context, order);
	try {
		return await work();
	} finally {
		itemOrders.delete(context);
	}
}

/** Waits for item `itemIndex`'s turn to send, in a concurrent run of `context`; undefined outside one. */
export function itemTurn(
	context: object,
	itemIndex: number | undefined,
): Promise<void> | undefined {
	if (itemIndex === undefined) return undefined;
	return itemOrders.get(context)?.turn(itemIndex);
}
