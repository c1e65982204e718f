import type { Logger } from '../logger';
import type { AuthContext } from './auth';

declare global {
  // Express reads per-request state from res.locals; these are the members Flange puts there.
  // oxlint-disable-next-line typescript/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
      log: Logger;
      auth?: AuthContext;
    }
  }
}
