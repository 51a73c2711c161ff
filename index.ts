export { FitbitPlusApi } from './credentials/FitbitPlusApi.credentials';
export { FitbitPlus } from './nodes/FitbitPlus/FitbitPlus.node';
export { FitbitPlusTrigger } from './nodes/FitbitPlusTrigger/FitbitPlusTrigger.node';
