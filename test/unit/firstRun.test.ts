/**
 * What a newcomer meets first: each example says on its canvas what it does and what it writes, and the docs
 * links n8n shows keep working once n8n appends its tracking query.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { FitbitPlusApi } from '../../credentials/FitbitPlusApi.credentials';

const ROOT = path.join(__dirname, '..', '..');
const REPOSITORY = 'https://github.com/n8n-nodes-fitbit-plus/n8n-nodes-fitbit-plus';
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));

describe('examples', () => {
	test.each(examples)('%s has a sticky note saying what it does and what it writes', (file) => {
		const workflow = read(`examples/${file}`);
		const notes = workflow.nodes.filter(
			(n: { type: string }) => n.type === 'n8n-nodes-base.stickyNote',
		);
		expect(notes).toHaveLength(1);
		const content = String(notes[0].parameters.content);
		expect(content).toMatch(/\*\*What it does:\*\* \S/);
		expect(content).toMatch(/\*\*What it writes:\*\* \S/);
		// A workflow that creates or changes records in Fitbit Plus says so up front.
		const writes = workflow.nodes.some(
			(n: { type: string; parameters: { operation?: string } }) =>
				n.type.startsWith('n8n-nodes-fitbit-plus.fitbitPlus') &&
				['create', 'update', 'upsert', 'delete'].includes(String(n.parameters.operation)),
		);
		if (writes) expect(content).toContain('This workflow writes to Fitbit Plus');
		else expect(content).toMatch(/\*\*What it writes:\*\* nothing/);
	});
});

describe('docs links', () => {
	const links = [
		['credential documentationUrl', new FitbitPlusApi().documentationUrl],
		...[
			'nodes/FitbitPlus/FitbitPlus.node.json',
			'nodes/FitbitPlusTrigger/FitbitPlusTrigger.node.json',
		].flatMap((file) => {
			const resources = read(file).resources as Record<string, Array<{ url: string }>>;
			return Object.entries(resources).flatMap(([kind, list]) =>
				list.map(({ url }) => [`${file} ${kind}`, url]),
			);
		}),
	];

	test.each(links)('%s takes the query n8n appends (%s)', (_, url) => {
		// n8n 2.41.1's node settings link is `${url}?utm_source=n8n_app&…`: after a `#` it would be part of the
		// anchor, and the page would not scroll to it.
		const opened = new URL(
			`${url}?utm_source=n8n_app&utm_medium=node_settings_modal-credential_link`,
		);
		expect(opened.hash).toBe('');
		expect(opened.searchParams.get('utm_source')).toBe('n8n_app');
		expect(url.startsWith(REPOSITORY)).toBe(true);
		// A page of this repository that exists.
		const page = url.slice(REPOSITORY.length).replace(/^\/blob\/main\//, '');
		if (page !== '') expect(fs.existsSync(path.join(ROOT, page))).toBe(true);
	});
});
