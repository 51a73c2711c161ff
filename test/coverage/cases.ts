/**
 * One case per spec operation: how the Fitbit Plus node reaches it (resource, operation) and the parameters
 * and input items that make it run against the seeded sandbox. The coverage test reads the spec and requires a
 * case for every operationId; each case runs through the n8n engine and must produce a request that the
 * sandbox attributes to that operationId, with no spec violation.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';

export interface OperationCase {
	operationId: string;
	resource: string;
	operation: string;
	/** Node parameters, built from the sandbox's seeded ids. */
	parameters: (sandbox: Sandbox) => INodeParameters;
	/** Input items (default one empty item). */
	input?: (sandbox: Sandbox) => IDataObject[];
	/** Optional extra checks on the output items. */
	check?: (items: IDataObject[], sandbox: Sandbox) => void;
}

/** A resource locator value "By ID". */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}
