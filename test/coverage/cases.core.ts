import type { OperationCase } from './cases';
import { byId } from './cases';

export const coreCases: OperationCase[] = [
	{
		operationId: 'createGroup',
		resource: 'group',
		operation: 'create',
		parameters: () => ({ name: 'Cardiac Rehab', additionalFields: { bio: 'Twelve-week programme' } }),
		check: (items) => expect(items[0]).toMatchObject({ name: 'Cardiac Rehab', bio: 'Twelve-week programme' }),
	},
	{
		operationId: 'fetchGroup',
		resource: 'group',
		operation: 'get',
		parameters: (sandbox) => ({ groupId: byId(sandbox.ids.groups[0]) }),
		check: (items, sandbox) => expect(items[0].id).toBe(sandbox.ids.groups[0]),
	},
	{
		operationId: 'fetchGroups',
		resource: 'group',
		operation: 'getAll',
		parameters: () => ({ returnAll: true }),
		check: (items, sandbox) => expect(items.length).toBe(sandbox.list('group').length),
	},
	{
		operationId: 'fetchOrganization',
		resource: 'organization',
		operation: 'get',
		parameters: (sandbox) => ({ organizationId: sandbox.ids.organization }),
		check: (items, sandbox) => expect(items[0].id).toBe(sandbox.ids.organization),
	},
];
