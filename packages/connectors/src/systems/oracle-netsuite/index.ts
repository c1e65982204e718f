export { oracleNetSuite } from './definition';
