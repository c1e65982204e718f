export { oracleJdEdwards } from './definition';
