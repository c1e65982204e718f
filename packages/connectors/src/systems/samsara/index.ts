export { samsara } from './definition';
