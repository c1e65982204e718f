export * from './simulator';
export { s4HanaOnPremSandboxHints } from './sandbox';
