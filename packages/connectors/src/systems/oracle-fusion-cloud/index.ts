export { oracleFusionCloud } from './definition';
