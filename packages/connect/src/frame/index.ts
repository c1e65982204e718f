/**
 * The iframe side of the hosted flow (Flange's own page under /connect), apart from the package's main
 * entry: a host page never runs this code, so a host's bundle never carries it.
 */
export { readHostedBoot, BOOT_ELEMENT_ID } from './boot';
export { connectToHost, isEmbedded } from './host-bridge';
export type { HostBridge, HostBridgeOptions, BridgeTarget, BridgeWindow } from './host-bridge';
// The hand-off page (opened from an admin's link) trades its secret before any session exists.
export { redeemHandoff } from '../api/api-client';
