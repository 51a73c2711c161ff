import type { IExecuteFunctions } from 'n8n-workflow';

import { includeField } from '../../../shared/helpers/fields';
import { includeQuery } from '../../../shared/helpers/operations';

const INCLUDES = ['patient', 'questions'] as const;

export const includeRelatedField = includeField([
	{ name: 'Patient', value: 'patient' },
	{ name: 'Questions', value: 'questions', description: 'The questions of the profile' },
]);

export function includeRelated(this: IExecuteFunctions, itemIndex: number) {
	return includeQuery.call(this, itemIndex, INCLUDES);
}
