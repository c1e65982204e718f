export { fishbowl, FISHBOWL_APP } from './definition';
