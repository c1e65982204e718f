export * from './simulator';
export { netSuiteSandboxHints } from './sandbox';
