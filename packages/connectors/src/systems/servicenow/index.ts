export { servicenow } from './definition';
