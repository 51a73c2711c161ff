import type { IExecuteFunctions } from 'n8n-workflow';

import { includeField } from '../../../shared/helpers/fields';
import { includeQuery } from '../../../shared/helpers/operations';

const INCLUDES = ['answer', 'question_definition'] as const;

export const includeRelatedField = includeField([
	{ name: 'Answer', value: 'answer', description: "The patient's answer" },
	{
		name: 'Question Definition',
		value: 'question_definition',
		description: 'The definition of the question (text, answer choices)',
	},
]);

export function includeRelated(this: IExecuteFunctions, itemIndex: number) {
	return includeQuery.call(this, itemIndex, INCLUDES);
}
