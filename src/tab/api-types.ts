// The REST shapes live in src/api-contract/, where the API's routes are checked against them too.
export * from '../api-contract/api-types';
