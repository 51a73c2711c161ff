import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyField } from '../../../shared/helpers/fields';
import { getById } from '../../../shared/helpers/operations';

const properties: INodeProperties[] = [
	idLocator({
		name: 'emailHistoryId',
		displayName: 'Email History ID',
		description: 'The ID of the email record to get',
	}),
	simplifyField,
];

const displayOptions = { show: { resource: ['emailHistory'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute = getById('/email_history/{id}', 'emailHistoryId', 'Email History ID');
