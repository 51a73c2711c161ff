/**
 * Bad input is refused before any request, with a NodeOperationError that says what to fix and names the item.
 * One table, many resources: each row starts from the operation's coverage case (valid parameters) and breaks
 * one thing. Rows with `expression` also run with Continue On Fail, the bad value arriving by expression in the
 * middle item of three: that item becomes an error item paired to it, the other two succeed.
 */
import type { IDataObject } from 'n8n-workflow';

import { withoutItem } from '../../nodes/shared/transport/errors';
import { badRun, build, caseOf, rows } from './badInputRows';
import { useSandbox } from '../helpers/sandbox';

describe('bad input is refused before any request', () => {
	const fixture = useSandbox();

	afterAll(() => {
		const withExpression = rows.filter((row) => row.expression).length;
		console.log(
			`bad-input table: ${rows.length} rows over ${new Set(rows.map((r) => caseOf(r.operationId).resource)).size} resources (${withExpression} also by expression under Continue On Fail)`,
		);
	});

	it('has at least 30 rows across many resources', () => {
		expect(rows.length).toBeGreaterThanOrEqual(30);
		expect(new Set(rows.map((r) => caseOf(r.operationId).resource)).size).toBeGreaterThanOrEqual(
			10,
		);
	});

	it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
		const { sandbox, engine } = fixture;
		const { parameters, input } = badRun(sandbox, row);
		// A credential with no token yet: any request at all (even the token exchange) would show in the log.
		engine.setCredential({
			baseUrl: sandbox.baseUrl,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
		});
		sandbox.resetLog();
		const { items, error } = await engine.execute(parameters, input);
		expect(items).toHaveLength(0);
		expect(error?.name).toBe('NodeOperationError');
		// The item at the end of the message (n8n's " [item N]"), but not for Batch Size: it serves the whole run.
		const ofTheRun = Object.keys(row.set(sandbox)).every((path) => path.endsWith('batchSize'));
		expect(error!.message).toMatch(ofTheRun ? /[^\]]$/ : / \[item 0\]$/);
		expect(withoutItem(error!.message)).toMatch(row.message);
		expect((error!.context as IDataObject).itemIndex).toBe(0);
		// What to fix: a description beyond the message, for every row but those whose message says it all.
		expect(`${error!.message} ${String(error!.description ?? '')}`.length).toBeGreaterThan(
			error!.message.length + 10,
		);
		expect(sandbox.requests).toEqual([]);
		expect(sandbox.tokenExchanges()).toBe(0);
	});

	const expressionRows = rows.filter((row) => row.expression);

	it.each(expressionRows.map((row) => [row.name, row] as const))(
		'Continue On Fail, by expression in the middle item: %s',
		async (_name, row) => {
			const { sandbox, engine } = fixture;
			const { path, good } = row.expression!;
			const bad = row.set(sandbox)[path];
			const overrides = { ...row.set(sandbox), ...row.expression!.also, [path]: '={{ $json.v }}' };
			const { parameters, input } = build(sandbox, row, overrides);
			const values = [good(sandbox), bad, good(sandbox)];
			const items = values.map((v, index) => ({ ...input[index % input.length], v }));
			engine.setCredential({
				baseUrl: sandbox.baseUrl,
				clientId: sandbox.clientId,
				clientSecret: sandbox.clientSecret,
			});
			sandbox.resetLog();
			const run = await engine.execute(parameters, items as IDataObject[], {
				continueOnFail: true,
			});
			expect(run.error).toBeUndefined();
			const byItem = (index: number) =>
				run.items.filter((item) => (item.pairedItem as { item: number }).item === index);
			expect(byItem(1)).toHaveLength(1);
			expect(String(byItem(1)[0].json.error)).toMatch(/ \[item 1\]$/);
			expect(withoutItem(String(byItem(1)[0].json.error))).toMatch(row.message);
			for (const index of [0, 2]) {
				expect(byItem(index).length).toBeGreaterThan(0);
				for (const item of byItem(index)) expect(item.json.error).toBeUndefined();
			}
			// The good items were sent and answered; nothing carried the bad value.
			const api = sandbox.requests.filter((r) => r.operationId !== 'createToken');
			expect(api.length).toBeGreaterThan(0);
			expect(api.every((r) => r.status < 400)).toBe(true);
			if (String(bad).trim() !== '') {
				expect(JSON.stringify(api.map((r) => [r.path, r.body]))).not.toContain(
					JSON.stringify(String(bad)).slice(1, -1),
				);
			}
		},
	);

	it('a batch create names the bad item (the second of three) and sends nothing', async () => {
		const { sandbox, engine } = fixture;
		const c = caseOf('createPatientHealthMetric');
		const input = [
			{ patient: sandbox.ids.patients[0], kg: 80, at: '2025-02-01T08:00:00.000Z' },
			{ patient: sandbox.ids.patients[1], kg: 'eighty', at: '2025-02-01T08:00:00.000Z' },
			{ patient: sandbox.ids.patients[2], kg: 81, at: '2025-02-01T08:00:00.000Z' },
		];
		engine.setCredential({
			baseUrl: sandbox.baseUrl,
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
		});
		sandbox.resetLog();
		const { error } = await engine.execute(
			{ resource: c.resource, operation: c.operation, ...c.parameters(sandbox) },
			input,
		);
		expect(error?.name).toBe('NodeOperationError');
		expect(error!.message).toBe(`'Value' "eighty" is not a number [item 1]`);
		expect((error!.context as IDataObject).itemIndex).toBe(1);
		expect(sandbox.requests).toEqual([]);
	});
});
