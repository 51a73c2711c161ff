/**
 * What the trigger's model tests (model.test.ts, modelChanges.test.ts) share: the seeds and how many sequences,
 * the random numbers of a sequence, the faults armed between polls, the checks on a failed poll, and the run of
 * all sequences with its summary.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FaultSpec, Sandbox } from '../sandbox';
import { mulberry32 } from '../sandbox/seed';
import { triggerState } from './helpers';

/** Records per page of the models' sandbox: bursts larger than a page are cheap to make. */
export const PAGE = 5;
/** The trigger's Timeout in the models: a `timeout` fault answers three times later. */
export const TIMEOUT_MS = 40;

/** TRIGGER_MODEL_SEED=<n> replays from seed n; TRIGGER_MODEL_SEQUENCES=<n> changes how many sequences run. */
export function seeds(defaultSeed: number): { sequences: number; baseSeed: number } {
	return {
		sequences: Number(process.env.TRIGGER_MODEL_SEQUENCES ?? 1000),
		baseSeed: Number(process.env.TRIGGER_MODEL_SEED ?? defaultSeed),
	};
}

/** A sequence's random numbers: `rng()` in [0, 1), `int(min, max)` inclusive. */
export function randomOf(seed: number) {
	const rng = mulberry32(seed);
	const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
	return { rng, int };
}

/** Fails the sequence with what it did and how to replay it. */
export const failWith =
	(seed: number, log: string[]) =>
	(message: string): never => {
		throw new Error(
			`${message}\nreplay with TRIGGER_MODEL_SEED=${seed} TRIGGER_MODEL_SEQUENCES=1\n${log.join('\n')}`,
		);
	};

export type FaultKind =
	| '429'
	| '500'
	| '503'
	| 'timeout'
	| 'not-json'
	| 'no-data'
	| 'drop'
	| 'expire-tokens'
	| 'revoke-tokens';

type RequestFault = Exclude<FaultKind, 'expire-tokens' | 'revoke-tokens'>;

function faultSpec(kind: RequestFault, endpoint: string, skip: number): FaultSpec {
	const base = { method: 'GET', path: endpoint, skip, times: 1 };
	switch (kind) {
		case '429':
			return { ...base, status: 429, retryAfter: 0 };
		case '500':
			return { ...base, status: 500 };
		case '503':
			return { ...base, status: 503 };
		case 'timeout':
			return { ...base, delayMs: TIMEOUT_MS * 3 };
		case 'not-json':
			return {
				...base,
				status: 200,
				rawBody: '<html><body>Bad gateway</body></html>',
				contentType: 'text/html',
			};
		case 'no-data':
			return { ...base, status: 200, rawBody: '{"meta":{"count":1}}' };
		case 'drop':
			return { ...base, drop: true };
	}
}

/**
 * Arms one fault: the tokens expired or revoked, or a request to `endpoint()` (after `skip()` others) answered
 * badly. The endpoint and skip are drawn only for a request fault, in that order.
 */
export function armFault(
	sandbox: Sandbox,
	kind: FaultKind,
	endpoint: () => string,
	skip: () => number,
): void {
	if (kind === 'expire-tokens') sandbox.expireTokens();
	else if (kind === 'revoke-tokens') sandbox.revokeTokens();
	else {
		const path = endpoint();
		sandbox.injectFault(faultSpec(kind, path, skip()));
	}
}

/** A failed poll must leave the stored state as it was (`stateBefore`) and say what it could not fetch. */
export function checkFailedPoll(
	error: unknown,
	stateBefore: string,
	staticData: IDataObject,
	fail: (message: string) => never,
): void {
	if (JSON.stringify(triggerState(staticData)) !== stateBefore)
		fail('a failed poll changed the stored state');
	if (!/Could not fetch new/.test((error as Error).message))
		fail(`unclear error: ${(error as Error).message}`);
}

export interface ModelTotals {
	sequences: number;
	lost: number;
	duplicated: number;
}

/** Runs every sequence, logs the summary (`summary(seconds)`), and checks none failed, lost or duplicated. */
export async function runModel(
	seeds: { sequences: number; baseSeed: number },
	runSequence: (seed: number) => Promise<void>,
	totals: ModelTotals,
	summary: (seeds: string, seconds: string) => string[],
): Promise<void> {
	const started = Date.now();
	for (let i = 0; i < seeds.sequences; i++) await runSequence(seeds.baseSeed + i);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const range = `${seeds.baseSeed}..${seeds.baseSeed + seeds.sequences - 1}`;
	console.log(summary(range, seconds).join('\n'));
	expect(totals.sequences).toBe(seeds.sequences);
	expect(totals.lost).toBe(0);
	expect(totals.duplicated).toBe(0);
}
