export { msDynamicsFinanceOperations } from './definition';
