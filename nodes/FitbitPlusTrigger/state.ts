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

/**
 * "New" events read again from this many seconds before the newest id emitted (created.ts). An API on several
 * servers mints ids ordered only to the second (each server's clock) and commits a record a moment after minting
 * its id; 10 s covers servers whose clocks agree within a few seconds (NTP keeps them well within one) and commits
 * that take a few seconds (a slow write, a retried one), at the cost of re-reading 10 s of records per poll.
 */
export const DEFAULT_OVERLAP_SECONDS = 10;
export const MAX_OVERLAP_SECONDS = 300;
