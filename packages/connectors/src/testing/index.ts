export { runConnectorContract, contractPolicy } from './contract';
export type { ConnectorContract, ContractTarget, FailureScenario } from './contract';
export { loopbackPolicy, startRecordingServer } from './servers';
export type { RecordingServer } from './servers';
export { expectFailure, expectSuccess } from './outcome';
