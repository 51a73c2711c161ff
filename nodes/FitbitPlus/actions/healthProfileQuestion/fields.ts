import { includeRelated } from '../../../shared/helpers/fields';

/** Include Related of Get and Get Many Health Profile Question. */
export const include = includeRelated([
	{ name: 'Answer', value: 'answer', description: "The patient's answer" },
	{
		name: 'Question Definition',
		value: 'question_definition',
		description: 'The definition of the question (text, answer choices)',
	},
]);
