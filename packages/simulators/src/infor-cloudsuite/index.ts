export * from './simulator';
export { inforSandboxHints } from './sandbox';
