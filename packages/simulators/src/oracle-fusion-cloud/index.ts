export * from './simulator';
export { fusionSandboxHints } from './sandbox';
