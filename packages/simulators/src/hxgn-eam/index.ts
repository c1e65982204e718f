export * from './simulator';
export { hxgnEamSandboxHints } from './sandbox';
