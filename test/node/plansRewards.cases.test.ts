/** Runs the plans & rewards coverage cases on their own (the lead's coverage test runs every resource's). */
import type { IDataObject } from 'n8n-workflow';

import { plansRewardsCases } from '../coverage/cases.plansRewards';
import { apiRequests, useSandbox } from '../helpers/sandbox';

const fixture = useSandbox();

describe('plans & rewards coverage cases', () => {
	test.each(plansRewardsCases.map((c) => [c.operationId, c] as const))(
		'%s',
		async (operationId, c) => {
			const { sandbox, engine } = fixture;
			sandbox.resetLog();
			const { items, error } = await engine.execute(
				{ resource: c.resource, operation: c.operation, ...c.parameters(sandbox) },
				c.input ? c.input(sandbox) : [{}],
			);
			expect(error?.message).toBeUndefined();
			const requests = apiRequests(sandbox);
			expect(requests.some((r) => r.operationId === operationId && r.status < 300)).toBe(true);
			expect(requests.every((r) => r.status < 400)).toBe(true);
			c.check?.(
				items.map((i) => i.json as IDataObject),
				sandbox,
			);
		},
	);
});
