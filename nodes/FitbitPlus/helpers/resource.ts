/**
 * The typed operation registry: each resource's `index.ts` declares its operations and their Operation options
 * with `defineResource()`, and the node's router dispatches through `operations`.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from './writeOperations';

/**
 * How the Operation dropdown shows one operation. `action` is what n8n names a node added for it in the editor
 * ("Get a patient", at most 40 characters) and, as "<action> in Fitbit Plus", an AI tool's automatic
 * description; `description`, under it in the dropdown, says what the operation takes and returns.
 */
export interface OperationOption {
	name: string;
	description: string;
	action: string;
}

/** A resource of the node: its Resource option, its fields (Operation dropdown first) and its operations. */
export interface Resource<Value extends string = string> {
	option: INodePropertyOptions & { value: string; description: string };
	properties: INodeProperties[];
	operations: Readonly<Record<Value, Operation>>;
}

/**
 * A resource from its operations (each an `<operation>.operation.ts` module, by its Operation value) and their
 * options (keyed the same, in the order the dropdown shows them); the fields follow in `operations` order.
 */
export function defineResource<Value extends string>(spec: {
	/** The Resource option: `value` is the `resource` parameter value. */
	resource: { name: string; value: string; description: string };
	operations: Record<Value, Operation>;
	options: Record<Value, OperationOption>;
	default: NoInfer<Value>;
}): Resource<Value> {
	const entries = Object.entries(spec.options) as Array<[Value, OperationOption]>;
	const defaultOperation: string = spec.default;
	const operationField: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [spec.resource.value] } },
		options: entries.map(([value, option]) => ({
			name: option.name,
			value,
			description: option.description,
			action: option.action,
		})),
		default: defaultOperation,
	};
	const operations = Object.values(spec.operations) as Operation[];
	return {
		option: { ...spec.resource },
		properties: [operationField, ...operations.flatMap((operation) => operation.description)],
		operations: spec.operations,
	};
}

/** The operation a (resource, operation) pair names, if the resource has it. */
export function findOperation(
	resource: Resource | undefined,
	value: string,
): Operation | undefined {
	if (resource === undefined || !Object.prototype.hasOwnProperty.call(resource.operations, value))
		return undefined;
	return (resource.operations as Record<string, Operation>)[value];
}
