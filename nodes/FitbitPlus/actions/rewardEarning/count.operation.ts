import { countFields, countMany } from '../../helpers/count';
import { onePatientFields } from '../../helpers/perPatient';
import * as getAll from './getAll.operation';

// Counts one patient's records (a group's would take a walk, not one request).
export const description = countFields(onePatientFields(getAll.description));

export const execute = countMany(getAll.execute);
