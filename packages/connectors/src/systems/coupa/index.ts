export { coupa, COUPA_DEFAULT_SCOPES } from './definition';
