/**
 * The nodes' versions (the action node and the trigger). Version 1 is what workflows saved with 0.3.0 run;
 * version 2 is what a node added in the editor gets. A field or behaviour that changes what saved workflows get is gated on the version, as
 * n8n's own nodes do (`displayOptions.show['@version']`, `getNode().typeVersion`).
 */
import type {
	IDisplayOptions,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/** `displayOptions.show` entry: shown only from `version` on (e.g. a field version 2 adds). */
export function fromVersion(version: number): IDisplayOptions['show'] {
	return { '@version': [{ _cnd: { gte: version } }] };
}

/** `displayOptions.show` entry: shown only before `version` (a field version `version` replaces). */
export function beforeVersion(version: number): IDisplayOptions['show'] {
	return { '@version': [{ _cnd: { lt: version } }] };
}

/** The version of the node being run (1 for workflows saved before version 2 existed). */
export function nodeVersion(
	this: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
): number {
	return this.getNode().typeVersion;
}
