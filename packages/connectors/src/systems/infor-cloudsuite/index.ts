export { inforCloudSuite } from './definition';
