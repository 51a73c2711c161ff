/**
 * Keeps the README's operation list in step with the node: `npx tsx scripts/readme.ts` rewrites the part between
 * the markers; test/unit/readme.test.ts fails when someone adds an operation and forgets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FitbitPlus } from '../nodes/FitbitPlus/FitbitPlus.node';
import { FitbitPlusTrigger } from '../nodes/FitbitPlusTrigger/FitbitPlusTrigger.node';

export const README = path.resolve(__dirname, '..', 'README.md');
const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

function options(property: INodeProperties | undefined): INodePropertyOptions[] {
	return (property?.options ?? []) as INodePropertyOptions[];
}

/** The markdown list of every resource and operation of the node, and the trigger's events. */
export function operationsMarkdown(): string {
	const properties = new FitbitPlus().description.properties;
	const resources = options(properties.find((p) => p.name === 'resource'));
	const lines = ['| Resource | Operation | What it does |', '| --- | --- | --- |'];
	let count = 0;
	for (const resource of resources) {
		const operationField = properties.find(
			(p) =>
				p.name === 'operation' &&
				p.displayOptions?.show?.resource?.includes(resource.value as string),
		);
		for (const operation of options(operationField)) {
			lines.push(`| ${resource.name} | ${operation.name} | ${operation.description ?? ''} |`);
			count++;
		}
	}
	const trigger = new FitbitPlusTrigger().description.properties;
	const events = options(trigger.find((p) => p.name === 'event'));
	return [
		`The **Fitbit Plus** node has ${count} operations over ${resources.length} resources:`,
		'',
		...lines,
		'',
		`The **Fitbit Plus Trigger** node starts a workflow on: ${events.map((e) => `**${e.name}**`).join(', ')}.`,
	].join('\n');
}

export function renderReadme(current: string): string {
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
	return `${current.slice(0, start + START.length)}\n${operationsMarkdown()}\n${current.slice(end)}`;
}

if (require.main === module) {
	const current = fs.readFileSync(README, 'utf8');
	fs.writeFileSync(README, renderReadme(current));
	console.log('README.md operation list updated');
}
