export { fiix } from './definition';
