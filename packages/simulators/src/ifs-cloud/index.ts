export * from './simulator';
export { ifsSandboxHints } from './sandbox';
