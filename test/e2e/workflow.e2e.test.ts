/** Manual Trigger → Fitbit Plus, run by n8n's CLI (`n8n execute --id --rawOutput`) against the sandbox. */
import * as fs from 'node:fs';
import { nodeOutput } from '../../scripts/n8n-runtime';
import { outcome, readState, runManual, sandboxAdmin } from './harness';

const state = readState();
const admin = sandboxAdmin(state);
/** Tests of a resource run once the node offers it (state.resources is read from the loaded node type). */
const ifResource = (resource: string) => (state.resources.includes(resource) ? test : test.skip);

// Every request n8n sent on our behalf must match the spec (the sandbox records violations).
beforeAll(() => admin.resetLog());
afterEach(async () => {
	expect(await admin.takeViolations()).toEqual([]);
});

function idsOf(items: Array<Record<string, unknown>>): string[] {
	return items.map((i) => String(i.id));
}

describe('workflows executed by n8n', () => {
	// Both collections require filter[organization] (or, for patients, filter[groups]) on their GET.
	for (const [resource, workflowId] of [
		['group', 'e2eGroupGetAll01'],
		['patient', 'e2ePatientGetAll'],
	] as const) {
		ifResource(resource)(
			`${resource} getAll with returnAll returns every ${resource} of the sandbox, across pages`,
			async () => {
				const { organization } = await admin.ids();
				// Every record the sandbox holds now: other files of the suite create some.
				const all = await admin.currentIds(resource);
				expect(all.length).toBeGreaterThan(50);
				const result = await runManual(workflowId, {
					resource,
					operation: 'getAll',
					returnAll: true,
					filters: { organization },
				});
				expect(outcome(result)).toEqual({ code: 0, ran: true });
				const ids = idsOf(nodeOutput(result.run!, 'Fitbit Plus'));
				expect(new Set(ids).size).toBe(ids.length);
				expect([...ids].sort()).toEqual([...all].sort());
			},
		);
	}

	ifResource('patient')(
		"patient count without a filter: the credential's organization, one count request (page[limit]=0)",
		async () => {
			const { organization } = await admin.ids();
			// Every patient the sandbox holds now: other files of the suite create some.
			const patients = await admin.currentIds('patient');
			await admin.resetLog();
			const result = await runManual('e2ePatientCount', {
				resource: 'patient',
				operation: 'count',
			});
			expect(outcome(result)).toEqual({ code: 0, ran: true });
			expect(nodeOutput(result.run!, 'Fitbit Plus')).toEqual([{ count: patients.length }]);
			const requests = (await admin.requests()).filter((r) => !r.pathname.endsWith('/oauth/token'));
			// One count request; before it, at most the light request that makes n8n fetch a first token (whose
			// answer names the organization).
			const counts = requests.filter((r) => r.pathname === '/pub/patient');
			expect(counts.map((r) => [r.query['filter[organization]'], r.query['page[limit]']])).toEqual([
				[organization, '0'],
			]);
			expect(requests.length).toBeLessThanOrEqual(2);
		},
	);

	ifResource('group')('a wrong secret makes the execution fail, and n8n says why', async () => {
		const result = await runManual(
			'e2eGroupWrongSec',
			{
				resource: 'group',
				operation: 'getAll',
				returnAll: false,
				limit: 5,
				filters: { organization: (await admin.ids()).organization },
			},
			'e2eFitbitPlusBad',
		);
		expect(result.code).not.toBe(0);
		expect(result.run).toBeUndefined();
		expect(`${result.stdout}\n${result.stderr}`).toMatch(
			/client|secret|credential|unauthori[sz]ed|401/i,
		);
	});

	test('neither the n8n server log nor the CLI output ever contains the client secret', async () => {
		const logs = fs.readFileSync(state.logFile, 'utf8');
		expect(logs.length).toBeGreaterThan(0);
		expect(logs).not.toContain(state.sandbox.clientSecret);
		const result = await runManual('e2eGroupSecrets1', {
			resource: 'group',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { organization: (await admin.ids()).organization },
		});
		expect(outcome(result)).toEqual({ code: 0, ran: true });
		expect(`${result.stdout}${result.stderr}`).not.toContain(state.sandbox.clientSecret);
	});
});
