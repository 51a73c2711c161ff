/**
 * Range filters as the spec shows them: always `<start>..<end>` (start inclusive, end exclusive), never with a
 * side left empty. A side the user left open is filled with a bound that means "any".
 */
export const RANGE_ANY_START = '1970-01-01T00:00:00.000Z';
const RANGE_ANY_END = '9999-12-31T23:59:59.999Z';

export function rangeValue(from: string | undefined, to: string | undefined): string {
	return `${from ?? RANGE_ANY_START}..${to ?? RANGE_ANY_END}`;
}
