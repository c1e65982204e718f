export * from './simulator';
export { s4HanaCloudSandboxHints } from './sandbox';
