export { tulip } from './definition';
