export { limble } from './definition';
