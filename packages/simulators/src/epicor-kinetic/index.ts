export * from './simulator';
export { epicorSandboxHints } from './sandbox';
