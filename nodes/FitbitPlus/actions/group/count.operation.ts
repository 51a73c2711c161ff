import { countFields, countMany } from '../../helpers/count';
import * as getAll from './getAll.operation';

export const description = countFields(getAll.description);

export const execute = countMany(getAll.execute);
