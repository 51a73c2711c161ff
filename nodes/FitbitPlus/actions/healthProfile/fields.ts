import { includeRelated } from '../../../shared/helpers/fields';

/** Include Related of Get and Get Many Health Profile. */
export const include = includeRelated([
	{ name: 'Patient', value: 'patient' },
	{ name: 'Questions', value: 'questions', description: 'The questions of the profile' },
]);
