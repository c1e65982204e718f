export * from './simulator';
export { intacctSandboxHints } from './sandbox';
