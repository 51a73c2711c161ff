import { defineResource } from '../../helpers/resource';
import * as get from './get.operation';

export const organization = defineResource({
	resource: {
		name: 'Organization',
		value: 'organization',
		description: 'Your organization',
	},
	operations: { get },
	options: {
		get: {
			name: 'Get',
			description: 'Get an organization by ID, e.g. the one your credential belongs to',
			action: 'Get an organization',
		},
	},
	default: 'get',
});
