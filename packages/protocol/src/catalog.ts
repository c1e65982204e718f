import * as z from 'zod/mini';
import { FieldSpec } from './fields';
import { StepId } from './steps';

export const Category = z.enum([
  'erp',
  'eam_cmms',
  'procurement',
  'wms',
  'mes',
  'plm',
  'quality',
  'field_service',
  'historian',
  'iwms',
  'fleet',
  'itsm',
  'accounting',
  'supply_chain',
  'inventory',
  /** Industrial data platforms, SCADA and analytics (Ignition, Cognite, Seeq…). */
  'industrial_data',
]);
export type Category = z.infer<typeof Category>;

export const Deployment = z.enum(['cloud', 'on_prem']);
export type Deployment = z.infer<typeof Deployment>;

/** One entry of the catalog, as the widget lists it. */
export const SystemSummary = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*$/)),
  name: z.string(),
  vendor: z.string(),
  category: Category,
  deployment: z.array(Deployment).check(z.minLength(1)),
  aliases: z.array(z.string()),
  /** `available`: a connector exists; `on_request`: the end user may ask for it. */
  availability: z.enum(['available', 'on_request']),
  /** Higher first; used to rank an empty search. */
  popularity: z.number().check(z.int(), z.gte(0), z.lte(100)),
  logo: z.object({
    monogram: z.string().check(z.minLength(1), z.maxLength(3)),
    background: z.string(),
    foreground: z.string(),
  }),
});
export type SystemSummary = z.infer<typeof SystemSummary>;

export const CatalogResponse = z.object({ data: z.array(SystemSummary), total: z.number().check(z.int()) });
export type CatalogResponse = z.infer<typeof CatalogResponse>;

export const GuideStep = z.object({
  text: z.string(),
  /** Anchor a field's help link points at. */
  anchor: z.optional(z.string()),
});
export const Guide = z.object({
  title: z.string(),
  steps: z.array(GuideStep),
  doc_url: z.optional(z.url()),
});
export type Guide = z.infer<typeof Guide>;

/** One way of authenticating to a system: its own form and guide. */
export const AuthMethod = z.object({
  id: z.string(),
  label: z.string(),
  description: z.optional(z.string()),
  fields: z.array(FieldSpec),
  guide: z.optional(Guide),
});
export type AuthMethod = z.infer<typeof AuthMethod>;

export const Entity = z.object({ id: z.string(), label: z.string() });
export type Entity = z.infer<typeof Entity>;

/** Sandbox hints shown in the test environment only, the way Plaid shows `user_good`. */
export const SandboxHints = z.object({
  note: z.string(),
  instance_url: z.string(),
  credentials: z.record(z.string(), z.record(z.string(), z.string())),
  scenarios: z.optional(z.array(z.object({ label: z.string(), values: z.record(z.string(), z.string()) }))),
});
export type SandboxHints = z.infer<typeof SandboxHints>;

/** What the form needs about one system. */
export const SystemDetail = z.extend(SystemSummary, {
  auth_methods: z.array(AuthMethod),
  entities: z.array(Entity),
  steps: z.array(StepId),
  sandbox: z.optional(SandboxHints),
});
export type SystemDetail = z.infer<typeof SystemDetail>;
