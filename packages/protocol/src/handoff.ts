import * as z from 'zod/mini';
import { AttemptState } from './attempts';
import type { Endpoint } from './endpoints';

/**
 * Hand-off: an end user without the credentials sends a link to their IT admin. The link carries a
 * one-time secret (`flh_…`) in its fragment, which never reaches a server; the admin's page redeems it
 * by POST for a session token of its own, bound to the same session (same end user, systems, expiry).
 * The end user's widget learns of the admin's success by polling the session's hand-offs.
 */

/** Where the end user was, so the admin starts on the same form. Only non-secret values (the address). */
export const HandoffResume = z.strictObject({
  system_id: z.string().check(z.minLength(1), z.maxLength(100)),
  auth_method: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  values: z.optional(z.record(z.string().check(z.maxLength(100)), z.string().check(z.maxLength(2048)))),
});
export type HandoffResume = z.infer<typeof HandoffResume>;

/** Where the end user is, saved on the session so a reload anywhere returns there (null: the catalog). */
export const SavePositionBody = z.strictObject({ position: z.nullable(HandoffResume) });
export type SavePositionBody = z.infer<typeof SavePositionBody>;

export const PositionResponse = z.object({ position: z.nullable(HandoffResume) });
export type PositionResponse = z.infer<typeof PositionResponse>;

export const CreateHandoffBody = z.strictObject({ resume: z.optional(HandoffResume) });
export type CreateHandoffBody = z.infer<typeof CreateHandoffBody>;

/** The link to send. `url` holds the secret in its fragment: shown once, never stored by Flange. */
export const HandoffCreated = z.object({
  id: z.string(),
  url: z.string(),
  expires_at: z.iso.datetime(),
});
export type HandoffCreated = z.infer<typeof HandoffCreated>;

/**
 * `pending`: not opened yet · `opened`: the admin's page redeemed it · `completed`: the admin connected ·
 * `expired`: never opened and past its expiry.
 */
export const HandoffStatus = z.enum(['pending', 'opened', 'completed', 'expired']);
export type HandoffStatus = z.infer<typeof HandoffStatus>;

export const HandoffView = z.object({
  id: z.string(),
  status: HandoffStatus,
  created_at: z.iso.datetime(),
  expires_at: z.iso.datetime(),
  opened_at: z.nullable(z.iso.datetime()),
  /** The admin's latest attempt; a `succeeded` one carries the public token for the end user's widget. */
  attempt: z.nullable(AttemptState),
});
export type HandoffView = z.infer<typeof HandoffView>;

export const HandoffList = z.object({ data: z.array(HandoffView) });
export type HandoffList = z.infer<typeof HandoffList>;

/** What the admin's page gets for the one-time secret: its own session token for the same session. */
export const RedeemHandoffResponse = z.object({
  session_token: z.string(),
  expires_at: z.iso.datetime(),
  resume: z.nullable(HandoffResume),
});
export type RedeemHandoffResponse = z.infer<typeof RedeemHandoffResponse>;

export const HANDOFF_ENDPOINTS = [
  {
    method: 'POST',
    path: '/v1/connect/handoffs',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'Create a one-time link for someone else (an IT admin) to finish this session',
    body: CreateHandoffBody,
    status: 201,
    response: HandoffCreated,
  },
  {
    method: 'GET',
    path: '/v1/connect/handoffs',
    auth: 'session',
    tag: 'Connect flow',
    summary: "The session's hand-off links and the admin's progress",
    status: 200,
    response: HandoffList,
  },
  {
    method: 'POST',
    path: '/v1/connect/position',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'Save where the end user is (system, method, non-secret values) for a reload',
    body: SavePositionBody,
    status: 204,
    response: null,
  },
  {
    method: 'GET',
    path: '/v1/connect/position',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'Where the end user was in this session',
    status: 200,
    response: PositionResponse,
  },
  {
    method: 'POST',
    path: '/v1/connect/handoffs/redeem',
    auth: 'none',
    tag: 'Connect flow',
    summary: 'Exchange a hand-off secret (Authorization: Bearer flh_…) for a session token, once',
    status: 200,
    response: RedeemHandoffResponse,
  },
] as const satisfies readonly Endpoint[];
