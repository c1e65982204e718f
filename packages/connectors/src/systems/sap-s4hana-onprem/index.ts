export { sapS4HanaOnPrem } from './definition';
