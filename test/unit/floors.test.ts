/**
 * The floor plan of docs/CONVENTIONS.md: every import in nodes/ and credentials/ runs downward. Reads each .ts file,
 * resolves its imports (import, import type, export … from, import(), require) and names each one that runs the
 * wrong way. The second test plants a file with one bad import per rule, so a rule that stops catching fails here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');

const TRANSPORT = 'nodes/shared/transport/';
const HELPERS = 'nodes/shared/helpers/';
const METHODS = 'nodes/shared/methods/';
const ACTIONS = 'nodes/FitbitPlus/actions/';
const NODE_HELPERS = 'nodes/FitbitPlus/helpers/';
const NODE = 'nodes/FitbitPlus/';
const TRIGGER = 'nodes/FitbitPlusTrigger/';
const CREDENTIALS = 'credentials/';
const GROUND = [TRANSPORT, HELPERS];

type Floor = { name: string; may: (to: string) => boolean; rule: string };

const under = (to: string, ...folders: string[]) => folders.some((folder) => to.startsWith(folder));

/** The floor of a file and what it may import (besides its own folder), or undefined when it is on none. */
function floorOf(file: string): (Floor & { own: string }) | undefined {
	if (file.startsWith(TRANSPORT))
		return {
			name: 'ground: transport',
			own: TRANSPORT,
			may: () => false,
			rule: 'nodes/shared/transport imports nothing from the rest of the package',
		};
	if (file.startsWith(HELPERS))
		return {
			name: 'ground: helpers',
			own: HELPERS,
			may: (to) => under(to, TRANSPORT),
			rule: 'nodes/shared/helpers imports only nodes/shared/transport',
		};
	if (file.startsWith(METHODS))
		return {
			name: 'middle: methods',
			own: METHODS,
			may: (to) => under(to, ...GROUND),
			rule: 'nodes/shared/methods imports only the ground floor',
		};
	if (file.startsWith(NODE_HELPERS))
		return {
			name: "middle: the node's helpers",
			own: NODE_HELPERS,
			may: (to) => under(to, ...GROUND),
			rule: 'nodes/FitbitPlus/helpers imports only its own folder and the ground floor',
		};
	const resource = file.match(/^nodes\/FitbitPlus\/actions\/([^/]+)\//)?.[1];
	if (resource)
		return {
			name: `middle: resource ${resource}`,
			own: `${ACTIONS}${resource}/`,
			may: (to) => under(to, NODE_HELPERS, ...GROUND),
			rule: "a resource imports only its own folder, the node's helpers and the ground floor, never another resource",
		};
	if (path.dirname(file) === path.dirname(ACTIONS + 'x'))
		return {
			name: 'the operation registry',
			own: ACTIONS,
			may: (to) => under(to, ACTIONS, NODE_HELPERS, ...GROUND),
			rule: "actions/*.ts (registry, router) import the resources, the node's helpers and the ground floor",
		};
	if (file === `${NODE}FitbitPlus.node.ts`)
		return {
			name: 'top: Fitbit Plus node',
			own: NODE,
			may: (to) => under(to, NODE, METHODS, ...GROUND),
			rule: 'the Fitbit Plus node imports its actions, its helpers, methods and the ground floor',
		};
	if (file.startsWith(TRIGGER))
		return {
			name: 'trigger',
			own: TRIGGER,
			may: (to) => under(to, METHODS, ...GROUND),
			rule: 'the trigger imports its own files, methods and the ground floor, never nodes/FitbitPlus/',
		};
	if (file.startsWith(CREDENTIALS))
		return {
			name: 'credential',
			own: '\0',
			may: (to) => to === `${TRANSPORT}token.ts` || to === `${TRANSPORT}baseUrl.ts`,
			rule: 'the credential imports only nodes/shared/transport/token.ts and baseUrl.ts',
		};
	return undefined;
}

/** `<file> -> <what>: <rule>` for each import that runs the wrong way, given the sources by repository path. */
function wrongWayImports(sources: Map<string, string>): string[] {
	const problems: string[] = [];
	for (const [file, text] of sources) {
		const floor = floorOf(file);
		if (!floor) {
			problems.push(`${file}: on no floor (see docs/CONVENTIONS.md for where a file goes)`);
			continue;
		}
		for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
			if (!specifier.startsWith('.')) {
				if (specifier !== 'n8n-workflow')
					problems.push(
						`${file} -> ${specifier}: node code imports only n8n-workflow and relative files`,
					);
				continue;
			}
			const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
			const target = [`${base}.ts`, `${base}/index.ts`].find((candidate) => sources.has(candidate));
			if (!target) {
				problems.push(`${file} -> ${specifier}: not a .ts file of nodes/ or credentials/`);
				continue;
			}
			if (target.endsWith('.node.ts') || target.startsWith(CREDENTIALS)) {
				problems.push(
					`${file} -> ${target}: n8n loads nodes and credentials; nothing imports them`,
				);
				continue;
			}
			if (target.startsWith(floor.own) || floor.may(target)) continue;
			problems.push(`${file} -> ${target}: ${floor.rule}`);
		}
	}
	return problems;
}

function readSources(): Map<string, string> {
	const sources = new Map<string, string>();
	for (const folder of ['nodes', 'credentials']) {
		for (const entry of fs.readdirSync(path.join(root, folder), {
			recursive: true,
			encoding: 'utf8',
		})) {
			if (!entry.endsWith('.ts')) continue;
			const file = `${folder}/${entry.split(path.sep).join('/')}`;
			sources.set(file, fs.readFileSync(path.join(root, file), 'utf8'));
		}
	}
	return sources;
}

it('every import in nodes/ and credentials/ runs downward (docs/CONVENTIONS.md)', () => {
	const sources = readSources();
	expect(sources.size).toBeGreaterThan(100);
	expect(wrongWayImports(sources)).toEqual([]);
});

it('names each planted import that runs the wrong way', () => {
	const sources = readSources();
	const planted: Array<[file: string, line: string, expected: string]> = [
		[
			`${TRANSPORT}planted.ts`,
			"import { requireObjectId } from '../helpers/validation';",
			`${TRANSPORT}planted.ts -> ${HELPERS}validation.ts: nodes/shared/transport imports nothing`,
		],
		[
			`${HELPERS}planted.ts`,
			"import type { methods } from '../methods';",
			`${HELPERS}planted.ts -> ${METHODS}index.ts: nodes/shared/helpers imports only`,
		],
		[
			`${METHODS}planted.ts`,
			"export { router } from '../../FitbitPlus/actions/router';",
			`${METHODS}planted.ts -> ${ACTIONS}router.ts: nodes/shared/methods imports only the ground`,
		],
		[
			`${ACTIONS}group/planted.ts`,
			"import { description } from '../patient/get.operation';",
			`${ACTIONS}group/planted.ts -> ${ACTIONS}patient/get.operation.ts: a resource imports only`,
		],
		[
			`${NODE_HELPERS}planted.ts`,
			"import { router } from '../actions/router';",
			`${NODE_HELPERS}planted.ts -> ${ACTIONS}router.ts: nodes/FitbitPlus/helpers imports only`,
		],
		[
			`${TRIGGER}planted.ts`,
			"import { createInBatches } from '../FitbitPlus/helpers/batch';",
			`${TRIGGER}planted.ts -> ${NODE_HELPERS}batch.ts: the trigger imports`,
		],
		[
			`${TRIGGER}planted.ts`,
			"const resources = require('../FitbitPlus/actions/resources');",
			`${TRIGGER}planted.ts -> ${ACTIONS}resources.ts: the trigger imports`,
		],
		[
			`${CREDENTIALS}Planted.credentials.ts`,
			"import { apiRequest } from '../nodes/shared/transport/request';",
			`${CREDENTIALS}Planted.credentials.ts -> ${TRANSPORT}request.ts: the credential imports only`,
		],
		[
			`${HELPERS}planted.ts`,
			"import axios from 'axios';",
			`${HELPERS}planted.ts -> axios: node code imports only n8n-workflow and relative files`,
		],
		[
			`${ACTIONS}planted.ts`,
			"import { FitbitPlusTrigger } from '../../FitbitPlusTrigger/FitbitPlusTrigger.node';",
			`${ACTIONS}planted.ts -> ${TRIGGER}FitbitPlusTrigger.node.ts: n8n loads nodes`,
		],
	];
	for (const [file, line, expected] of planted) {
		const withPlant = new Map(sources).set(file, `${line}\n`);
		const problems = wrongWayImports(withPlant);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain(expected);
	}
	const stray = new Map(sources).set(`${NODE}descriptions.ts`, 'export const x = 1;\n');
	expect(wrongWayImports(stray)).toEqual([
		`${NODE}descriptions.ts: on no floor (see docs/CONVENTIONS.md for where a file goes)`,
	]);
});
