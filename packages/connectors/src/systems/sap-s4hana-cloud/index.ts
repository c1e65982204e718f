export { sapS4HanaCloud } from './definition';
