/**
 * One poll of the trigger: checks the parameters, runs the event's kind of poll (created.ts, changed.ts,
 * fulfillmentQueue.ts) and turns what it found into items. State moves only when the whole poll succeeded.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { JsonApiResource } from '../shared/transport/jsonApi';
import { flattenResource } from '../shared/transport/jsonApi';
import { pollChanged } from './changed';
import { findNewest, pollCreated } from './created';
import { pollCreatedWalk } from './createdWalk';
import { pollFulfillmentQueue } from './fulfillmentQueue';
import { pollSession, readAll } from './records';
import type { ApiSession } from '../shared/transport';
import { setMessage } from '../shared/transport/errors';
import type { TriggerOptions, WatchTarget } from './target';
import { getOptions, getWatchTarget } from './target';

function toItems(
	this: IPollFunctions,
	records: JsonApiResource[],
	simplify: boolean,
): INodeExecutionData[] {
	const json = records.map((resource) =>
		simplify ? flattenResource(resource) : (resource as unknown as IDataObject),
	);
	return this.helpers.returnJsonArray(json);
}

/** Says, on the error a failed poll throws, that nothing was emitted and where the next poll resumes. */
function pollFailed(this: IPollFunctions, target: WatchTarget, error: unknown): Error {
	const what = `Could not fetch new ${target.event.noun} records`;
	const note =
		'Nothing was emitted and the trigger kept its position: the next poll starts again from the same point.';
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (!error.message.startsWith(what)) setMessage(error, `${what}: ${error.message}`);
		error.description = [error.description, note].filter(Boolean).join(' ');
		return error;
	}
	return new NodeOperationError(
		this.getNode(),
		`${what}: ${(error as Error)?.message ?? String(error)}`,
		{ description: note },
	);
}

/** "Fetch Test Event": one recent record of what the event watches; the state is not touched. */
async function sample(
	this: IPollFunctions,
	target: WatchTarget,
	options: TriggerOptions,
	session: ApiSession,
): Promise<JsonApiResource[]> {
	if (target.event.kind === 'fulfillmentQueue')
		return await pollFulfillmentQueue.call(this, target, options, session, true);
	if (target.walk)
		return (await readAll.call(this, target, target.query, options, session)).slice(-1);
	const newest = await findNewest.call(this, target, target.query, session);
	return newest ? [newest] : [];
}

/**
 * One poll.
 * - Manual run ("Fetch Test Event"): a recent record, state untouched.
 * - First poll for these event and filters: the starting point is taken, nothing emitted (or, with "Emit
 *   Existing Records", what exists, up to Max Records per Poll).
 * - Later polls: what is new since the stored state, up to Max Records per Poll. `null` when nothing is new.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const options = getOptions.call(this);
	const session = pollSession.call(this, options);
	const target = await getWatchTarget.call(this, session);
	try {
		let records: JsonApiResource[];
		if (this.getMode() === 'manual') records = await sample.call(this, target, options, session);
		else if (target.event.kind === 'created')
			records = await (target.walk ? pollCreatedWalk : pollCreated).call(
				this,
				target,
				options,
				session,
			);
		else if (target.event.kind === 'changed')
			records = await pollChanged.call(this, target, options, session);
		else records = await pollFulfillmentQueue.call(this, target, options, session);
		return records.length > 0 ? [toItems.call(this, records, options.simplify)] : null;
	} catch (error) {
		throw pollFailed.call(this, target, error);
	}
}
