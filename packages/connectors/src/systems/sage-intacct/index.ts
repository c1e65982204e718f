export { sageIntacct } from './definition';
