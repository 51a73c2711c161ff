import { defineResource } from '../../helpers/resource';
import * as getGroups from './getGroups.operation';
import * as getOrganization from './getOrganization.operation';

export const token = defineResource({
	resource: {
		name: 'Token',
		value: 'token',
		description: "What this node's credential (its access token) can reach",
	},
	operations: { getGroups, getOrganization },
	options: {
		getGroups: {
			name: 'Get Groups',
			description: "List the groups this node's credential (its access token) can reach",
			action: 'Get groups of the credential',
		},
		getOrganization: {
			name: 'Get Organization',
			description: "Get the organization this node's credential (its access token) belongs to",
			action: 'Get the organization of the credential',
		},
	},
	default: 'getOrganization',
});
