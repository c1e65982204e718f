export { epicorKinetic } from './definition';
