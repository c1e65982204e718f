export { ibmMaximo } from './definition';
