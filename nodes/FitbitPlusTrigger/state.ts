/**
 * What the trigger keeps in the node's static data between polls: one state, under the key of the event and
 * filters it belongs to (a state kept for other filters could be picked up again, much later, if they came back).
 */
import type { IDataObject } from 'n8n-workflow';

const STATE_FIELD = 'fitbitPlusTrigger';

/** The stored state for these event and filters, or undefined: never polled, or other filters then. */
export function readState(staticData: IDataObject, key: string): IDataObject | undefined {
	const state = staticData[STATE_FIELD] as IDataObject | undefined;
	if (!state || typeof state !== 'object' || state.key !== key) return undefined;
	return state;
}

export function writeState(staticData: IDataObject, key: string, state: IDataObject): void {
	staticData[STATE_FIELD] = { key, ...state };
}
