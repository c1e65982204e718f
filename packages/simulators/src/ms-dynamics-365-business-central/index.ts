export * from './simulator';
export { businessCentralSandboxHints } from './sandbox';
