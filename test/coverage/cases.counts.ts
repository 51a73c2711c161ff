/**
 * The Count operations: one per Get Many, built from the Get Many's case (same collection, same filters), so a
 * Count reaches the same spec operation. test/node/count.test.ts checks each count against its Get Many.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { OperationCase } from './cases';

/** Get Many parameters a Count does not take: they shape the records returned, not which ones match. */
const OUTPUT_ONLY = ['returnAll', 'limit', 'simplify', 'include', 'options'];

export function countParameters(parameters: INodeParameters): INodeParameters {
	return Object.fromEntries(Object.entries(parameters).filter(([name]) => !OUTPUT_ONLY.includes(name)));
}

export function countCasesOf(cases: OperationCase[]): OperationCase[] {
	return cases
		.filter((c) => c.operation === 'getAll')
		.map((c) => ({
			operationId: c.operationId,
			resource: c.resource,
			operation: 'count',
			parameters: (sandbox) => countParameters(c.parameters(sandbox)),
			input: c.input,
			check: (items) => {
				expect(items).toHaveLength(1);
				expect(Object.keys(items[0])).toEqual(['count']);
				expect(Number.isInteger(items[0].count)).toBe(true);
			},
		}));
}
