export * from './simulator';
export { financeOperationsSandboxHints } from './sandbox';
