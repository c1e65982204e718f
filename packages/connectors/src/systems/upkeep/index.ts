export { upkeep } from './definition';
