import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'emailHistoryId',
		displayName: 'Sent Email',
		description: "The sent email to get (to list them, type the receiver's ID: a patient or coach)",
		searchable: 'emailHistory',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['emailHistory'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/email_history/{id}', 'emailHistoryId', 'Sent Email');
