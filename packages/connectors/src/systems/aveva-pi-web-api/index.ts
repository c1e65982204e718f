export { aveva } from './definition';
