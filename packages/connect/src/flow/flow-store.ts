import type {
  AttemptEvent,
  AttemptState,
  CreateAttemptBody,
  HandoffResume,
  HandoffView,
  SessionInfo,
} from '@flange/protocol';
import type { ApiClient } from '../api/api-client';
import { FlangeApiError } from '../api/api-error';
import type { ConnectSuccess } from '../embed/open-connect';
import type { FieldIssue, FlowError, FlowEventSink, FlowSnapshot, HandoffProgress } from './flow-types';
import { FATAL_CODES, applyStep, fromApiError, fromAttemptError, stripValuesPrefix } from './flow-helpers';
import { createHandoffWatch } from './handoff-watch';
import { createPersistence } from './persistence';
import { createPositionSync, resumeOf } from './position-sync';
import type { KeyValueStorage } from './persistence';

export interface FlowStoreOptions {
  client: ApiClient;
  onEvent?: FlowEventSink;
  onSuccess?: (result: ConnectSuccess) => void;
  /**
   * Where the non-secret position (system, method, address), delivered successes and recent systems
   * survive a reload or a new tab: localStorage in a browser, null to remember nothing.
   */
  storage?: KeyValueStorage | null;
  /** How often an open hand-off link is checked; default 3 s. */
  handoffPollMs?: number;
}

export interface SubmitInput {
  /** Cleaned values (checkFields output) of the current auth method's fields only. */
  values: Record<string, string>;
  /** Keys of fields whose values are secrets: cleared on "try again". */
  secretKeys: readonly string[];
}

export interface StartOptions {
  /** Where a hand-off link's sender was (the admin's page passes what it redeemed). */
  resume?: HandoffResume | null;
}

/** The framework-free connect flow: a subscribable state machine over the API client. */
export interface FlowStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): FlowSnapshot;
  /** Restore from the session: a reload or a new tab returns to the step the user was on. */
  start(session: SessionInfo, opts?: StartOptions): Promise<void>;
  selectSystem(systemId: string, authMethod?: string | null): void;
  backToCatalog(): void;
  setAuthMethod(authMethod: string): void;
  /** `persist` marks a non-secret value that may survive a reload (the instance URL). */
  setValue(key: string, value: string, persist?: boolean): void;
  setValues(values: Record<string, string>, persistKeys?: readonly string[]): void;
  submit(input: SubmitInput): Promise<void>;
  /** Back to the form after a failure: values kept, secrets cleared unless `keepSecrets`. */
  tryAgain(opts?: { keepSecrets?: boolean }): void;
  /** Resubmit the same values (retryable failures), or resume following a dropped attempt. */
  retryNow(): Promise<void>;
  /** Trust the certificate of a TLS_UNTRUSTED failure and resubmit the same values. */
  trustCertificate(sha256: string): Promise<void>;
  /** "I don't have these credentials": make a one-time link for the IT admin and wait for them. */
  startHandoff(): Promise<void>;
  /** Leave the hand-off screen (the link stays valid; the widget keeps watching it). */
  closeHandoff(): void;
  openRequest(name?: string, systemId?: string | null): void;
  submitRequest(name: string, note?: string): Promise<void>;
  dispose(): void;
}

const INITIAL: Omit<FlowSnapshot, 'recent'> = {
  screen: 'catalog',
  systemId: null,
  authMethod: null,
  values: {},
  fieldErrors: {},
  focusField: null,
  attemptId: null,
  steps: [],
  error: null,
  trustedCertificate: null,
  result: null,
  resumed: false,
  submitting: false,
  request: null,
  handoff: null,
  successVia: null,
};

const lastEvent = (a: AttemptState): AttemptEvent | undefined => a.events.at(-1);

/** Create the flow store for one connect session. */
export function createFlowStore(options: FlowStoreOptions): FlowStore {
  const { client } = options;
  const listeners = new Set<() => void>();
  const persistence = createPersistence(options.storage ?? null);
  let state: FlowSnapshot = { ...INITIAL, recent: persistence.recent() };
  let stream: AbortController | null = null;
  let lastSubmit: SubmitInput | null = null;
  let attemptTerminal = true;
  let disposed = false;
  const position = createPositionSync(client, persistence);

  const set = (patch: Partial<FlowSnapshot>): void => {
    if (disposed) return;
    const screenBefore = state.screen;
    state = { ...state, ...patch };
    for (const l of listeners) l();
    if (
      patch.screen !== undefined ||
      patch.values !== undefined ||
      patch.systemId !== undefined ||
      patch.authMethod !== undefined ||
      screenBefore !== state.screen
    ) {
      position.save(state);
    }
  };
  const emit: FlowEventSink = (name, metadata) => {
    if (!disposed) options.onEvent?.(name, metadata);
  };

  const stopStream = (): void => {
    stream?.abort();
    stream = null;
  };

  /** Show a success; tell the host unless it was told already (a reload, a second tab). */
  const succeed = (attemptId: string, result: ConnectSuccess, via: 'self' | 'handoff'): void => {
    const tell = !persistence.isDelivered(attemptId);
    set({ screen: 'success', result, error: null, submitting: false, resumed: !tell, successVia: via });
    if (!tell) return;
    persistence.markDelivered(attemptId);
    if (via === 'handoff') emit('HANDOFF', { status: 'completed', system_id: result.connection.system.id });
    emit('SUCCESS', { system_id: result.connection.system.id, connection_id: result.connection.id });
    options.onSuccess?.(result);
  };

  const fail = (error: FlowError, extra: Partial<FlowSnapshot> = {}): void => {
    set({ screen: 'failed', error, submitting: false, ...extra });
    emit('ERROR', { error_code: error.code, step: error.step ?? null });
  };

  const fatal = (error: FlangeApiError): void => {
    watch.stop();
    set({ screen: 'fatal', error: fromApiError(error), submitting: false });
    emit('ERROR', { error_code: error.code, step: null });
  };

  const handleApiError = (error: unknown): void => {
    if (!(error instanceof FlangeApiError)) {
      fail({ code: 'INTERNAL_ERROR', retryable: true });
      return;
    }
    if (FATAL_CODES.has(error.code)) return fatal(error);
    const flowError = fromApiError(error);
    const issues = error.problem?.issues ?? [];
    const fieldErrors: Record<string, FieldIssue> = {};
    for (const issue of issues) {
      const key = stripValuesPrefix(issue.path);
      if (key && key !== issue.path) fieldErrors[key] = { message: issue.message, code: error.code };
    }
    if (flowError.param && flowError.display_message)
      fieldErrors[flowError.param] ??= { message: flowError.display_message, code: error.code };
    if (error.code === 'INVALID_REQUEST' && Object.keys(fieldErrors).length > 0) {
      // A field the browser could not judge (server-side rules): back to the form with it highlighted.
      set({
        screen: 'form',
        fieldErrors,
        focusField: Object.keys(fieldErrors)[0] ?? null,
        submitting: false,
      });
      emit('ERROR', { error_code: error.code, step: null });
      return;
    }
    fail(flowError, { fieldErrors });
  };

  /** Apply one attempt event; `live` when it happens now (not replayed after a reload). */
  const onAttemptEvent = (attemptId: string, ev: AttemptEvent, live: boolean): void => {
    if (ev.type === 'step') {
      set({ steps: applyStep(state.steps, ev) });
      if (live) {
        const meta: Record<string, string | number> = { step: ev.step, status: ev.status };
        if (ev.duration_ms !== undefined) meta['duration_ms'] = ev.duration_ms;
        emit('STEP', meta);
      }
      return;
    }
    attemptTerminal = true;
    if (ev.type === 'succeeded') {
      watch.stop();
      // A success replayed after a reload is told only when storage proves the host never heard of it.
      if (!live && !persistence.available) persistence.markDelivered(attemptId);
      succeed(attemptId, { publicToken: ev.public_token, connection: ev.connection }, 'self');
      return;
    }
    const error = fromAttemptError(ev.error);
    const fieldErrors: Record<string, FieldIssue> = {};
    if (error.param) fieldErrors[error.param] = { message: ev.error.display_message, code: ev.error.code };
    if (live) fail(error, { fieldErrors });
    else set({ screen: 'failed', error, fieldErrors, submitting: false });
  };

  const follow = async (attemptId: string): Promise<void> => {
    stopStream();
    const controller = new AbortController();
    stream = controller;
    attemptTerminal = false;
    try {
      await client.followAttempt(attemptId, (ev) => onAttemptEvent(attemptId, ev, true), {
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      handleApiError(error);
    } finally {
      if (stream === controller) stream = null;
    }
  };

  const run = async (input: SubmitInput): Promise<void> => {
    if (state.submitting || !state.systemId || !state.authMethod) return;
    lastSubmit = input;
    const body: CreateAttemptBody = {
      system_id: state.systemId,
      auth_method: state.authMethod,
      values: input.values,
    };
    if (state.trustedCertificate) body.trust_certificate_sha256 = state.trustedCertificate;
    set({ submitting: true, fieldErrors: {}, focusField: null, error: null });
    emit('SUBMIT_CREDENTIALS', { system_id: body.system_id, auth_method: body.auth_method });
    let attemptId: string;
    try {
      attemptId = (await client.createAttempt(body)).attempt_id;
    } catch (error) {
      handleApiError(error);
      return;
    }
    set({ screen: 'validating', attemptId, steps: [], submitting: false });
    await follow(attemptId);
  };

  const restoreAttempt = (attempt: AttemptState): void => {
    for (const k of Object.keys(attempt.values)) position.keys.add(k);
    set({
      systemId: attempt.system_id,
      authMethod: attempt.auth_method,
      values: { ...attempt.values },
      attemptId: attempt.id,
      steps: [],
      screen: 'validating',
    });
    for (const ev of attempt.events) onAttemptEvent(attempt.id, ev, false);
  };

  /** React to the session's hand-offs; returns whether any is still worth watching. */
  const onHandoffs = (list: HandoffView[]): boolean => {
    if (state.screen === 'success') return false;
    const done = list.find((h) => h.status === 'completed' && h.attempt?.status === 'succeeded');
    const final = done?.attempt ? lastEvent(done.attempt) : undefined;
    if (done?.attempt && final?.type === 'succeeded') {
      stopStream();
      succeed(done.attempt.id, { publicToken: final.public_token, connection: final.connection }, 'handoff');
      return false;
    }
    const open = list.filter((h) => h.status === 'pending' || h.status === 'opened');
    const current = list.find((h) => h.id === state.handoff?.id) ?? open[0];
    if (current) {
      const previous = state.handoff;
      const admin = current.attempt?.status;
      const next: HandoffProgress = {
        id: current.id,
        url: previous?.id === current.id ? previous.url : null,
        status: current.status,
        expiresAt: current.expires_at,
        adminAttempt: admin === 'running' || admin === 'failed' ? admin : null,
        error: null,
      };
      if (
        previous?.status !== next.status ||
        previous.adminAttempt !== next.adminAttempt ||
        previous.id !== next.id
      ) {
        set({ handoff: next });
        if (next.status === 'opened' && previous?.status !== 'opened') emit('HANDOFF', { status: 'opened' });
      }
    }
    return open.length > 0;
  };

  const watch = createHandoffWatch({
    client,
    intervalMs: options.handoffPollMs ?? 3000,
    onList: onHandoffs,
    onFatal: fatal,
  });

  const enterForm = (systemId: string, authMethod: string | null, values: Record<string, string>): void => {
    for (const k of Object.keys(values)) position.keys.add(k);
    set({ screen: 'form', systemId, authMethod, values: { ...values } });
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,

    async start(session, opts = {}) {
      emit('OPEN', { session_id: session.id, environment: session.environment });
      persistence.bind(session.id, session.expires_at);
      const saved = persistence.load();
      position.bind();
      // An admin may have finished through a link while this page was away: look once, in the background.
      watch.ensure();
      if (session.last_attempt_id) {
        try {
          const attempt = await client.getAttempt(session.last_attempt_id);
          // An admin's success found meanwhile (the background look) outranks the user's own last try.
          if (disposed || state.screen === 'success') return;
          restoreAttempt(attempt);
          // The server replays the attempt's events from the start; applying them again is idempotent.
          if (attempt.status === 'running') await follow(attempt.id);
          return;
        } catch (error) {
          if (error instanceof FlangeApiError && FATAL_CODES.has(error.code)) return handleApiError(error);
          // The attempt is gone (expired): fall back to the saved position.
        }
      }
      if (state.screen !== 'catalog') return;
      if (opts.resume) {
        enterForm(opts.resume.system_id, opts.resume.auth_method ?? null, opts.resume.values ?? {});
      } else if (session.reconnect) {
        const values: Record<string, string> =
          saved?.systemId === session.reconnect.system_id ? saved.values : {};
        enterForm(session.reconnect.system_id, session.reconnect.auth_method, values);
      } else if (saved?.systemId) {
        enterForm(saved.systemId, saved.authMethod, saved.values);
        if (saved.screen === 'handoff') {
          set({
            screen: 'handoff',
            handoff: {
              id: null,
              url: null,
              status: 'pending',
              expiresAt: null,
              adminAttempt: null,
              error: null,
            },
          });
        }
      } else {
        // No storage here (a third-party frame, another browser profile): ask the session.
        const remote = await client.getPosition().catch(() => null);
        if (disposed || state.screen !== 'catalog' || !remote) return;
        position.adoptRemote(remote);
        enterForm(remote.system_id, remote.auth_method ?? null, remote.values ?? {});
      }
    },

    selectSystem(systemId, authMethod = null) {
      stopStream();
      lastSubmit = null;
      position.keys.clear();
      const recent = persistence.addRecent(systemId);
      set({ ...INITIAL, handoff: state.handoff, screen: 'form', systemId, authMethod, recent });
      emit('SELECT_SYSTEM', { system_id: systemId });
    },

    backToCatalog() {
      stopStream();
      lastSubmit = null;
      position.keys.clear();
      set({ ...INITIAL, handoff: state.handoff, recent: state.recent });
    },

    setAuthMethod(authMethod) {
      set({ authMethod, fieldErrors: {}, focusField: null });
    },

    setValue(key, value, persist = false) {
      if (persist) position.keys.add(key);
      const fieldErrors = key in state.fieldErrors ? { ...state.fieldErrors } : state.fieldErrors;
      if (fieldErrors !== state.fieldErrors) delete (fieldErrors as Record<string, FieldIssue>)[key];
      set({ values: { ...state.values, [key]: value }, fieldErrors });
    },

    setValues(values, keys = []) {
      for (const k of keys) position.keys.add(k);
      set({ values: { ...state.values, ...values }, fieldErrors: {} });
    },

    submit: run,

    tryAgain(opts = {}) {
      stopStream();
      const values = { ...state.values };
      if (!opts.keepSecrets) for (const k of lastSubmit?.secretKeys ?? []) delete values[k];
      set({ screen: 'form', values, focusField: state.error?.param ?? null, error: null, submitting: false });
    },

    async retryNow() {
      if (state.attemptId && !attemptTerminal) {
        set({ screen: 'validating', error: null });
        await follow(state.attemptId);
        return;
      }
      if (lastSubmit) {
        set({ screen: 'form' });
        await run(lastSubmit);
      }
    },

    async trustCertificate(sha256) {
      set({ trustedCertificate: sha256, screen: 'form' });
      if (lastSubmit) await run(lastSubmit);
    },

    async startHandoff() {
      if (state.handoff?.status === 'creating') return;
      const handoff: HandoffProgress = {
        id: null,
        url: null,
        status: 'creating',
        expiresAt: null,
        adminAttempt: null,
        error: null,
      };
      set({ screen: 'handoff', handoff });
      const resume = resumeOf(state, position.keptValues(state.values, true));
      try {
        const created = await client.createHandoff(resume ? { resume } : {});
        set({
          handoff: {
            ...handoff,
            id: created.id,
            url: created.url,
            status: 'pending',
            expiresAt: created.expires_at,
          },
        });
        // Never the link itself: it is a credential for this session.
        emit('HANDOFF', { status: 'created', system_id: state.systemId });
        watch.ensure();
      } catch (error) {
        if (error instanceof FlangeApiError && FATAL_CODES.has(error.code)) return fatal(error);
        const flowError: FlowError =
          error instanceof FlangeApiError ? fromApiError(error) : { code: 'INTERNAL_ERROR', retryable: true };
        set({ handoff: { ...handoff, status: 'failed', error: flowError } });
        emit('ERROR', { error_code: flowError.code, step: null });
      }
    },

    closeHandoff() {
      set({ screen: state.systemId ? 'form' : 'catalog' });
    },

    openRequest(name = '', systemId = null) {
      stopStream();
      set({
        ...INITIAL,
        handoff: state.handoff,
        recent: state.recent,
        screen: 'request',
        request: { systemId, name },
      });
    },

    async submitRequest(name, note) {
      if (state.submitting) return;
      const systemId = state.request?.systemId ?? null;
      set({ submitting: true, error: null });
      try {
        const body: { name: string; system_id?: string; note?: string } = { name };
        if (systemId) body.system_id = systemId;
        if (note) body.note = note;
        await client.requestSystem(body);
        set({ screen: 'requested', submitting: false, request: { systemId, name } });
        emit('REQUEST_SYSTEM', { system_id: systemId, name });
      } catch (error) {
        if (error instanceof FlangeApiError && !FATAL_CODES.has(error.code)) {
          set({ submitting: false, error: fromApiError(error) });
        } else handleApiError(error);
      }
    },

    dispose() {
      // What the user typed last still reaches the session (a reload right after typing).
      position.flush();
      stopStream();
      watch.stop();
      disposed = true;
      listeners.clear();
    },
  };
}
