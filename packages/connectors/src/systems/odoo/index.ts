export { odoo } from './definition';
