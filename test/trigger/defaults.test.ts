/**
 * The trigger as added from the node panel: with its defaults nothing is missing (n8n enables Fetch Test Event
 * only without parameter issues), and the organization watched is the credential's own.
 */
import type { INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { FitbitPlusTrigger } from '../../nodes/FitbitPlusTrigger/FitbitPlusTrigger.node';
import { useSandbox } from '../helpers/sandbox';

const fixture = useSandbox({ seed: 5 });

const description = new FitbitPlusTrigger().description;

/** The parameters n8n gives a new trigger node (defaults of what is shown). */
function addedNode(parameters: Record<string, string> = {}): INode {
	const node: INode = {
		id: 'trigger',
		name: 'Fitbit Plus Trigger',
		type: 'n8n-nodes-fitbit-plus.fitbitPlusTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	node.parameters = NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		node,
		description,
	)!;
	return node;
}

describe('the trigger as added', () => {
	const events = (description.properties.find((p) => p.name === 'event')!.options ?? []).map(
		(option) => String((option as { value: string }).value),
	);
	const byOrganization = events.filter(
		(event) => addedNode({ event }).parameters.watch === 'organization',
	);

	test('most events watch the organization by default', () => {
		expect(byOrganization.length).toBeGreaterThanOrEqual(6);
	});

	test.each(byOrganization)(
		'%s: no parameter issues with the defaults (Fetch Test Event enabled)',
		(event) => {
			const node = addedNode({ event });
			expect(node.parameters.organization).toBe('');
			expect(NodeHelpers.getNodeParametersIssues(description.properties, node, description)).toBe(
				null,
			);
		},
	);

	test("Fetch Test Event with the defaults: a record of the credential's organization", async () => {
		const { sandbox, engine } = fixture;
		const { parameters } = addedNode({ event: 'newPatient' });
		sandbox.resetLog();
		const { items } = await engine.poll(parameters, {}, 'manual', 'manual');
		expect(items).toHaveLength(1);
		expect(sandbox.list('patient').map((p) => p.id)).toContain(items![0].json.id);
		const listed = sandbox.requests.filter((r) => r.pathname === '/pub/patient');
		expect(listed.length).toBeGreaterThan(0);
		for (const request of listed)
			expect(request.query['filter[organization]']).toBe(sandbox.ids.organization);
	});

	test('an organization picked is the one watched', async () => {
		const { sandbox, engine } = fixture;
		sandbox.resetLog();
		const { parameters } = addedNode({
			event: 'newPatient',
			organization: 'aaaaaaaaaaaaaaaaaaaaaaaa',
		});
		await engine.poll(parameters, {}, 'manual', 'manual');
		const listed = sandbox.requests.filter((r) => r.pathname === '/pub/patient');
		expect(listed[0].query['filter[organization]']).toBe('aaaaaaaaaaaaaaaaaaaaaaaa');
	});
});
