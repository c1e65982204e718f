export { hxgnEam } from './definition';
