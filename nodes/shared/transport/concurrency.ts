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
