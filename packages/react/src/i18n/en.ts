import { enCore } from './en-core';
import { enFlow } from './en-flow';

/**
 * The English catalog, whole: the reference every other locale matches key for key. The widget itself
 * loads it in two parts (en-core with the page, en-flow with the later screens); this whole object is
 * for types and tests.
 */
export const en = { ...enCore, ...enFlow } as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
