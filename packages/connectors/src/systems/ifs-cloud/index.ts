export { ifsCloud } from './definition';
