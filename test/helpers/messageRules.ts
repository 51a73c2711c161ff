/**
 * n8n's UX guidelines for error messages (section "Errors") as checks: the words to avoid, ` [item N]` at the end
 * of an item's error, parameter names in single quotes. Used by test/unit/messageRules.test.ts (the source) and
 * test/reliability/messageRules.test.ts (the messages the engine produces).
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { FitbitPlusApi } from '../../credentials/FitbitPlusApi.credentials';
import { FitbitPlus } from '../../nodes/FitbitPlus/FitbitPlus.node';
import { FitbitPlusTrigger } from '../../nodes/FitbitPlusTrigger/FitbitPlusTrigger.node';

/** The words n8n's guidelines ask messages and descriptions to avoid. */
export const FORBIDDEN = /\b(errors?|problems?|fail|fails|failed|failing|failures?|mistakes?)\b/gi;

export const forbiddenIn = (text: string) => text.match(FORBIDDEN) ?? [];

/** Every property of a list, and those inside collections and fixed collections. */
function walk(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		if (property.type === 'collection')
			return [property, ...walk((property.options ?? []) as INodeProperties[])];
		if (property.type === 'fixedCollection')
			return [
				property,
				...((property.options ?? []) as INodePropertyCollection[]).flatMap((group) =>
					walk(group.values),
				),
			];
		return [property];
	});
}

const nodeProperties = walk(new FitbitPlus().description.properties);
const allProperties = [
	...nodeProperties,
	...walk(new FitbitPlusTrigger().description.properties),
	...walk(new FitbitPlusApi().properties),
];
/** Every name a message may quote: the display names of both nodes' and the credential's fields. */
const displayNames = new Set(allProperties.map((property) => property.displayName));
/** Names of several words (single words such as "Patient" are also prose): checked wherever they appear. */
const longNames = [...displayNames].filter((name) => name.includes(' '));

/** The display names of the parameters a bad-input row sets (the parameter that caused its error). */
export function namesOfPaths(paths: string[]): string[] {
	return paths.flatMap((dotted) =>
		dotted
			.split('.')
			.filter((key) => key !== 'value')
			.flatMap((key) => nodeProperties.filter((p) => p.name === key).map((p) => p.displayName)),
	);
}

/** A name in single quotes: the opening quote not an apostrophe ("credential's 'Base URL'"). */
const QUOTED_NAME = /(?<!\w)'([^']+)'(?!\w)/g;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names of several words (or `also`) a text writes outside quotes. */
export function unquotedNames(text: string, also: string[] = []): string[] {
	const prose = text.replace(QUOTED_NAME, ' ').replace(/"[^"]*"/g, ' ');
	return [...new Set([...longNames, ...also])].filter((name) =>
		// Not part of a longer name, and not a word inside an ID or a code.
		new RegExp(`(^|[^'\\w])${escape(name)}(?![\\w'])`).test(prose),
	);
}

/** What is wrong with one message (and description) by the guidelines' rules, as readable lines. */
export function violations(
	error: { message: string; description?: unknown },
	expected: { itemIndex?: number; apiWords?: string[]; names?: string[] },
): string[] {
	const found: string[] = [];
	const description = typeof error.description === 'string' ? error.description : '';
	const ours = (text: string) =>
		(expected.apiWords ?? []).reduce((rest, words) => rest.split(words).join(' '), text);
	for (const [part, text] of [
		['message', error.message],
		['description', description],
	] as const) {
		const words = forbiddenIn(ours(text));
		if (words.length > 0) found.push(`${part} says ${words.join(', ')}: ${text}`);
	}
	const item = / \[item (\d+)\]$/.exec(error.message);
	if (expected.itemIndex === undefined) {
		if (item) found.push(`an error of the whole run names an item: ${error.message}`);
	} else if (!item || Number(item[1]) !== expected.itemIndex) {
		found.push(`the message does not end in " [item ${expected.itemIndex}]": ${error.message}`);
	}
	if (/\[item \d+\].*\[item \d+\]/.test(error.message))
		found.push(`the item is named twice: ${error.message}`);
	for (const [part, text] of [
		['message', error.message],
		['description', description],
	] as const) {
		for (const name of unquotedNames(ours(text), expected.names))
			found.push(`${part} names ${name} without quotes: ${text}`);
		for (const [, name] of ours(text).matchAll(QUOTED_NAME)) {
			if (!displayNames.has(name)) found.push(`${part} quotes '${name}', no field's name: ${text}`);
		}
	}
	return found;
}
