import type {
  AttemptError,
  ErrorCode,
  HandoffStatus,
  StepEvent,
  WidgetEventMetadata,
  WidgetEventName,
} from '@flange/protocol';
import type { ConnectSuccess } from '../embed/open-connect';

export type FlowScreen =
  /** Pick a system. */
  | 'catalog'
  /** Enter the instance and credentials. */
  | 'form'
  /** The attempt runs; steps stream in. */
  | 'validating'
  /** The attempt (or its creation) failed: fixable, values kept. */
  | 'failed'
  | 'success'
  /** The end user asks their IT admin to finish: the link to send, and the admin's progress. */
  | 'handoff'
  /** Ask for a system that has no connector yet. */
  | 'request'
  | 'requested'
  /** The session cannot go on (expired, revoked): only leaving helps. */
  | 'fatal';

export type StepProgress = Omit<StepEvent, 'type'>;

/**
 * What the failure view shows: an attempt's error, or what an API error tells (`step` and
 * `display_message` are absent when only the code is known, a network failure).
 */
export type FlowError = Omit<AttemptError, 'step' | 'display_message'> &
  Partial<Pick<AttemptError, 'step' | 'display_message'>>;

/** A value the server refused: its English message, and the code a UI translates instead. */
export interface FieldIssue {
  message: string;
  code: ErrorCode;
}

/** The hand-off link this widget made (or found open after a reload) and how far the admin got. */
export interface HandoffProgress {
  id: string | null;
  /** The link to send; its fragment holds the one-time secret. Memory only: null after a reload. */
  url: string | null;
  status: 'creating' | 'failed' | HandoffStatus;
  expiresAt: string | null;
  /** The admin's latest attempt, while it runs or after it failed (the end user sees the admin is on it). */
  adminAttempt: 'running' | 'failed' | null;
  error: FlowError | null;
}

export interface FlowSnapshot {
  screen: FlowScreen;
  systemId: string | null;
  authMethod: string | null;
  /** What the user typed, secrets included (memory only, never persisted). */
  values: Readonly<Record<string, string>>;
  /** Field-level refusals from the server (an attempt's `param`, a problem's issues). */
  fieldErrors: Readonly<Record<string, FieldIssue>>;
  /** The field to highlight and focus when the form shows again. */
  focusField: string | null;
  attemptId: string | null;
  steps: readonly StepProgress[];
  error: FlowError | null;
  trustedCertificate: string | null;
  result: ConnectSuccess | null;
  /** True when the success was found on a reload rather than seen live (the host was told already). */
  resumed: boolean;
  submitting: boolean;
  request: { systemId: string | null; name: string } | null;
  handoff: HandoffProgress | null;
  /** Who finished: the user here, or their admin through a hand-off link. */
  successVia: 'self' | 'handoff' | null;
  /** Ids of recently chosen systems, most recent first (ids only, from this browser). */
  recent: readonly string[];
}

export type FlowEventSink = (name: WidgetEventName, metadata: WidgetEventMetadata) => void;
