import type { HookContext, HookFailure } from '../../engine/definition';

const REQUIRED = ['ti', 'ci', 'cs', 'iu', 'pu', 'ot', 'saak', 'sask'] as const;

/**
 * Read the `.ionapi` credential file (JSON written by ION API Gateway → Authorized Apps → Download
 * Credentials) into template variables: token URL = pu + ot, revoke URL = pu + or, gateway = iu + "/" + ti.
 * Only https URLs are accepted; the file decides where secrets are sent.
 */
export function readIonapi(ctx: HookContext): HookFailure | void {
  const fail = (message: string): HookFailure => ({ code: 'INVALID_REQUEST', message, param: 'ionapi_file' });
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(ctx.values['ionapi_file'] ?? '') as Record<string, unknown>;
  } catch {
    return fail(
      'This is not an .ionapi file (it should be JSON). Download it again from ION API Gateway → Authorized Apps.',
    );
  }
  if (doc === null || typeof doc !== 'object') return fail('This is not an .ionapi file.');
  const missing = REQUIRED.filter((k) => typeof doc[k] !== 'string' || doc[k] === '');
  if (missing.includes('saak') || missing.includes('sask')) {
    return fail(
      'This .ionapi file has no service account keys (saak/sask). Download it for a Backend Service app with "Create Service Account" ticked.',
    );
  }
  if (missing.length > 0) return fail(`This .ionapi file lacks ${missing.join(', ')}. Download it again.`);
  const v = doc as Record<(typeof REQUIRED)[number] | 'or', string>;
  const tokenUrl = joinUrl(v.pu, v.ot);
  const gateway = joinUrl(v.iu, encodeURIComponent(v.ti));
  for (const u of [tokenUrl, gateway]) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      return fail('The addresses in this .ionapi file are not valid.');
    }
    if (parsed.protocol !== 'https:') return fail('The addresses in this .ionapi file must use https.');
  }
  for (const secret of [v.cs, v.sask, v.saak]) ctx.addSecret(secret);
  Object.assign(ctx.vars, {
    ion_tenant: v.ti,
    ion_client_id: v.ci,
    ion_client_secret: v.cs,
    ion_saak: v.saak,
    ion_sask: v.sask,
    ion_token_url: tokenUrl,
  });
  ctx.baseUrl = gateway;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
