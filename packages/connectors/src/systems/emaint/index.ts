export { emaint, EMAINT_USER_AGENT } from './definition';
