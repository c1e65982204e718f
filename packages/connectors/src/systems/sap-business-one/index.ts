export { sapBusinessOne } from './definition';
