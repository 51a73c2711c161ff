import { defineResource } from '../../helpers/resource';
import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const emailHistory = defineResource({
	resource: {
		name: 'Email History',
		value: 'emailHistory',
		description: 'Emails Fitbit Plus sent to patients and coaches',
	},
	operations: { get, getAll, count },
	options: {
		count: {
			name: 'Count',
			description:
				'Count the sent emails that match the filters Get Many takes, in one request however many there are',
			action: 'Count sent emails',
		},
		get: {
			name: 'Get',
			description: 'Get one sent email (type, address, delivery and open times) by ID',
			action: 'Get a sent email',
		},
		getAll: {
			name: 'Get Many',
			description:
				'List the emails sent to or by a user, optionally by email type, newest or oldest first',
			action: 'Get many sent emails',
		},
	},
	default: 'getAll',
});
