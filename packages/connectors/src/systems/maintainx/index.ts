export { maintainx } from './definition';
