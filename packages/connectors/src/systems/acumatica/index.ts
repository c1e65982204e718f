export { acumatica } from './definition';
