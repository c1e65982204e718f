import type { Response } from 'express';
import { authOf } from '../../http/auth';
import type { EnvScope } from '../ports';

/** The environment a secret-key request acts in. */
export function scopeOf(res: Response): EnvScope {
  const auth = authOf(res, 'secret_key');
  return { environmentId: auth.environmentId, environment: auth.environment };
}

/** An optional JSON body: absent means `{}`, so a bodyless POST is the same as an empty object. */
export function bodyOrEmpty(body: unknown): unknown {
  return body === undefined ? {} : body;
}
