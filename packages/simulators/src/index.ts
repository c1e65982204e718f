export { startSimulator } from './framework/simulator';
export type { RecordedRequest, Simulator, SimulatorMode, StartSimulatorOptions } from './framework/simulator';
export { generateCertificate, fingerprintOf } from './framework/certificates';
export type { CertificateOptions, SimulatorCertificate } from './framework/certificates';
export { startSimulators, sandboxHints, simulatorHostOverrides } from './start-all';
export type { RunningSimulators } from './start-all';
export { SIMULATORS } from './registry';
export type { SimulatorEntry } from './registry';
export {
  startMaximoSimulator,
  maximoSandboxHints,
  MAXIMO_API_KEYS,
  MAXIMO_NATIVE_USERS,
  MAXIMO_OBJECT_STRUCTURES,
} from './maximo';
export type { MaximoSimulator, MaximoSimulatorOptions, MaximoState } from './maximo';
export * from './erp-simulators';
export * from './cmms-erp-mes';
