/**
 * The lanes of a concurrent run (`LaneLimit`, `mapConcurrent`): one fewer per request the API refused, first come
 * first served, and honoured by `mapConcurrent` as they change.
 */
import { LaneLimit, mapConcurrent } from '../../nodes/shared/transport/concurrency';

describe('LaneLimit', () => {
	it('loses one lane per refusal: a burst of 32 against an API serving 4 at once leaves 4', () => {
		const lanes = new LaneLimit(32);
		const burstSentAt = Date.now() - 10;
		const news = Array.from({ length: 28 }, () => lanes.refused(burstSentAt));
		expect(lanes.current).toBe(4);
		// Only the first refusal begins a burst; the rest were on their way before the run slowed down.
		expect(news.filter(Boolean)).toHaveLength(1);
		expect(news[0]).toBe(true);
		// A request sent after that and refused too begins the next burst.
		expect(lanes.refused(Date.now() + 1)).toBe(true);
		expect(lanes.current).toBe(3);
	});

	it('never goes below one lane', () => {
		const lanes = new LaneLimit(4);
		for (let i = 0; i < 10; i++) lanes.refused(Date.now());
		expect(lanes.current).toBe(1);
	});

	it('lets through as many requests as it has lanes, the others in arrival order as lanes free up', async () => {
		const lanes = new LaneLimit(2);
		expect(lanes.enter()).toBeUndefined();
		expect(lanes.enter()).toBeUndefined();
		const order: string[] = [];
		const third = lanes.enter()!.then(() => order.push('third'));
		const fourth = lanes.enter()!.then(() => order.push('fourth'));
		lanes.leave();
		await third;
		expect(order).toEqual(['third']);
		lanes.leave();
		await fourth;
		expect(order).toEqual(['third', 'fourth']);
	});
});

describe('mapConcurrent', () => {
	/** Runs `count` tasks that each take a tick; records how many ran at once when each started. */
	async function run(count: number, limit: number | LaneLimit, onStart?: (index: number) => void) {
		let running = 0;
		const atStart: number[] = [];
		const results = await mapConcurrent(
			Array.from({ length: count }, (_, index) => index),
			limit,
			async (input) => {
				atStart.push(++running);
				onStart?.(input);
				await new Promise((resolve) => setTimeout(resolve, 2));
				running--;
				return input * 10;
			},
		);
		return { results, atStart };
	}

	it('returns the results in input order with at most `limit` tasks at once', async () => {
		const { results, atStart } = await run(20, 4);
		expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 10));
		expect(Math.max(...atStart)).toBe(4);
	});

	it('starts fewer tasks once the lanes are narrowed while it runs', async () => {
		const lanes = new LaneLimit(8);
		const { results, atStart } = await run(40, lanes, (index) => {
			if (index === 8) for (let i = 0; i < 4; i++) lanes.refused(Date.now());
		});
		expect(results).toHaveLength(40);
		expect(Math.max(...atStart.slice(0, 8))).toBe(8);
		expect(Math.max(...atStart.slice(12))).toBeLessThanOrEqual(4);
	});

	it('rejects with the first error and starts no further task', async () => {
		const started: number[] = [];
		await expect(
			mapConcurrent([0, 1, 2, 3, 4, 5], 2, async (input) => {
				started.push(input);
				if (input === 1) throw new Error('task 1 failed');
				await new Promise((resolve) => setTimeout(resolve, 5));
				return input;
			}),
		).rejects.toThrow('task 1 failed');
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(started).toEqual([0, 1]);
	});
});
