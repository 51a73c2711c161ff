import { includeRelated } from '../../../shared/helpers/fields';

/** Include Related of Get and Get Many Health Profile Answer. */
export const include = includeRelated([{ name: 'Patient', value: 'patient' }]);
