export * from './simulator';
export { businessOneSandboxHints } from './sandbox';
