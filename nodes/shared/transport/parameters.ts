import type { IExecuteFunctions } from 'n8n-workflow';

/** Whether a parameter's stored value holds an expression anywhere (a string starting with `=`). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

/** Per execution context: each parameter without an expression, read once (the same for every item). */
const runValues = new WeakMap<object, Map<string, { value: unknown } | undefined>>();

/**
 * `getNodeParameter(name, itemIndex, fallback)`, read once per run when the parameter holds no expression: it is
 * then the same for every item, and reading it per item costs most of a 1,000-item run's own CPU. The value is
 * shared between items: callers must not change it.
 */
export function runParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
): unknown {
	let known = runValues.get(this);
	if (!known) runValues.set(this, (known = new Map()));
	if (!known.has(name)) {
		// getNode() copies the whole node: once per parameter and run, not per item.
		const constant = !holdsExpression(this.getNode().parameters[name]);
		known.set(
			name,
			constant ? { value: this.getNodeParameter(name, itemIndex, fallback) } : undefined,
		);
	}
	const constant = known.get(name);
	return constant ? constant.value : this.getNodeParameter(name, itemIndex, fallback);
}
