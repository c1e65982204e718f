import { enCore } from './en-core';
import { enFlow } from './en-flow';
import { enHosted } from './en-hosted';

/**
 * The English catalog, whole: the reference every other locale matches key for key. The widget itself
 * loads it in two parts (en-core with the page, en-flow with the later screens) and the hosted page adds
 * en-hosted; this whole object is for types and tests.
 */
export const en = { ...enCore, ...enFlow, ...enHosted } as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
