import * as z from 'zod/mini';
import {
  ConnectionList,
  CreateAttemptBody,
  CreateSessionBody,
  CreateSessionResponse,
  ExchangeBody,
  ExchangeResponse,
  ListConnectionsQuery,
  ProbeBody,
  RequestSystemBody,
} from './api-bodies';
import { CreateAttemptResponse, AttemptState, ProbeResult } from './attempts';
import { CatalogResponse, SystemDetail, Category, Deployment } from './catalog';
import { ConnectionView } from './connection';
import { SessionInfo } from './session';

/** Who may call an endpoint: which bearer token it takes. */
export type EndpointAuth = 'secret_key' | 'session' | 'connection' | 'none';

/** One HTTP endpoint of the v1 API: the single source for the server's routes, the SDKs and /openapi.json. */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** OpenAPI-style path, e.g. /v1/connections/{id}. */
  path: string;
  auth: EndpointAuth;
  summary: string;
  tag: string;
  body?: z.core.$ZodType;
  query?: z.core.$ZodObject;
  /** Success status and body; `null` for an empty body. */
  status: number;
  response: z.core.$ZodType | null;
  /** Served as text/event-stream instead of JSON. */
  stream?: boolean;
}

export const CatalogQuery = z.strictObject({
  q: z.optional(z.string().check(z.maxLength(200))),
  category: z.optional(Category),
  deployment: z.optional(Deployment),
});
export type CatalogQuery = z.infer<typeof CatalogQuery>;

export const SystemRequestView = z.object({
  id: z.string(),
  object: z.literal('system_request'),
  system_id: z.nullable(z.string()),
  name: z.string(),
  note: z.nullable(z.string()),
  end_user: z.object({ id: z.string(), name: z.nullable(z.string()), organization: z.nullable(z.string()) }),
  environment: z.enum(['test', 'live']),
  created_at: z.iso.datetime(),
});
export type SystemRequestView = z.infer<typeof SystemRequestView>;

export const SystemRequestList = z.object({
  data: z.array(SystemRequestView),
  next_cursor: z.nullable(z.string()),
});

/** One locale's message catalog: message key → text with `{name}` placeholders. */
export const LocaleCatalog = z.record(z.string(), z.string());
export type LocaleCatalog = z.infer<typeof LocaleCatalog>;

/** The endpoints of issue 2's foundation; lifecycle endpoints are appended by their own module. */
export const CORE_ENDPOINTS = [
  {
    method: 'POST',
    path: '/v1/connect/sessions',
    auth: 'secret_key',
    tag: 'Connect sessions',
    summary: 'Create a connect session for one end user',
    body: CreateSessionBody,
    status: 201,
    response: CreateSessionResponse,
  },
  {
    method: 'POST',
    path: '/v1/connect/exchange',
    auth: 'secret_key',
    tag: 'Connect sessions',
    summary: 'Exchange a public token for the connection id and its token (once)',
    body: ExchangeBody,
    status: 200,
    response: ExchangeResponse,
  },
  {
    method: 'GET',
    path: '/v1/connections',
    auth: 'secret_key',
    tag: 'Connections',
    summary: 'List connections',
    query: ListConnectionsQuery,
    status: 200,
    response: ConnectionList,
  },
  {
    method: 'GET',
    path: '/v1/connections/{id}',
    auth: 'secret_key',
    tag: 'Connections',
    summary: 'Get a connection',
    status: 200,
    response: ConnectionView,
  },
  {
    method: 'DELETE',
    path: '/v1/connections/{id}',
    auth: 'secret_key',
    tag: 'Connections',
    summary: 'Revoke a connection: credentials wiped, every token dead at once',
    status: 200,
    response: ConnectionView,
  },
  {
    method: 'GET',
    path: '/v1/system-requests',
    auth: 'secret_key',
    tag: 'Catalog',
    summary: 'List the systems end users asked for',
    status: 200,
    response: SystemRequestList,
  },
  {
    method: 'GET',
    path: '/v1/connect/session',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'The current connect session',
    status: 200,
    response: SessionInfo,
  },
  {
    method: 'GET',
    path: '/v1/connect/catalog',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'Search the catalog of systems',
    query: CatalogQuery,
    status: 200,
    response: CatalogResponse,
  },
  {
    method: 'GET',
    path: '/v1/connect/systems/{id}',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'Fields, guides and steps of one system',
    status: 200,
    response: SystemDetail,
  },
  {
    method: 'POST',
    path: '/v1/connect/probe',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'Look at an instance address before credentials are typed',
    body: ProbeBody,
    status: 200,
    response: ProbeResult,
  },
  {
    method: 'POST',
    path: '/v1/connect/attempts',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'Start validating credentials',
    body: CreateAttemptBody,
    status: 202,
    response: CreateAttemptResponse,
  },
  {
    method: 'GET',
    path: '/v1/connect/attempts/{id}',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'The whole state of an attempt (for a reload)',
    status: 200,
    response: AttemptState,
  },
  {
    method: 'GET',
    path: '/v1/connect/attempts/{id}/events',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'Step events of an attempt as server-sent events (resumable with Last-Event-ID)',
    status: 200,
    response: null,
    stream: true,
  },
  {
    method: 'POST',
    path: '/v1/connect/system-requests',
    auth: 'session',
    tag: 'Connect flow',
    summary: 'Ask for a system that has no connector yet',
    body: RequestSystemBody,
    status: 201,
    response: SystemRequestView,
  },
  {
    method: 'GET',
    path: '/v1/connect/locales/{locale}',
    auth: 'none',
    tag: 'Connect flow',
    summary: 'The connect flow’s messages in one language (public, cacheable; the widget ships English only)',
    status: 200,
    response: LocaleCatalog,
  },
  {
    method: 'GET',
    path: '/v1/connection',
    auth: 'connection',
    tag: 'Connection token',
    summary: 'Status of the connection this token belongs to',
    status: 200,
    response: ConnectionView,
  },
] as const satisfies readonly Endpoint[];
