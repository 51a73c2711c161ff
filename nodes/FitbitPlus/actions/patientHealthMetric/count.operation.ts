import { countFields, countMany } from '../../../shared/helpers/count';
import * as getAll from './getAll.operation';

export const description = countFields(getAll.description);

export const execute = countMany(getAll.execute);
