/**
 * The patients a poll reads, for a group or organization watch of a per-patient collection (or the one patient),
 * each with a fingerprint of their reward program activations when those are the source: an earning is created,
 * or becomes ready, only with a change to its activation (counts, `active`, `deactivated_at`), so a patient whose
 * fingerprint did not change since the last poll need not be read again.
 */
import type { IPollFunctions } from 'n8n-workflow';

import type { ApiSession } from '../shared/transport';
import type { JsonApiResource } from '../shared/transport/jsonApi';
import { patientsInScope } from '../shared/helpers/patientWalk';
import type { WatchTarget } from './target';

export interface WatchedPatient {
	patient: string;
	/** null: no fingerprint (one patient, or a source without one): read at every poll. */
	fingerprint: string | null;
}

/** A 53-bit hash (cyrb53) of the activations as listed: any change to one of them changes it. */
function fingerprint(activations: JsonApiResource[]): string {
	const text = JSON.stringify(activations.map((a) => [a.id, a.attributes ?? {}]));
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The patients to read, in the order the API listed them. */
export async function watchedPatients(
	this: IPollFunctions,
	target: WatchTarget,
	session: ApiSession,
): Promise<WatchedPatient[]> {
	if (!target.walk)
		return [{ patient: target.query['filter[patient]'] as string, fingerprint: null }];
	const source = target.walk.source;
	const { patients, activations } = await patientsInScope(session, source, target.walk.scope);
	return patients.map((patient) => ({
		patient,
		fingerprint:
			source === 'rewardProgramActivations' ? fingerprint(activations.get(patient) ?? []) : null,
	}));
}
