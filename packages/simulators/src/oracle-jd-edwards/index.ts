export * from './simulator';
export { jdeSandboxHints } from './sandbox';
