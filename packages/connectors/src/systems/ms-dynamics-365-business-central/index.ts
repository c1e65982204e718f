export { msDynamicsBusinessCentral } from './definition';
