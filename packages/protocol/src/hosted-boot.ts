import * as z from 'zod/mini';
import { Origin } from './api-bodies';

/**
 * What the server writes into the hosted flow page as `<script type="application/json" id="flange-boot">`.
 * No secret: the session token reaches the page only by postMessage from an allowed origin.
 */
export const HostedBoot = z.object({
  /** Base URL of the API the flow calls ('' for the page's own origin). */
  api_base: z.string().check(z.maxLength(300)),
  session_id: z.string().check(z.maxLength(100)),
  /** The host origins allowed to embed this session; `ready` is posted to each, `init` accepted from them. */
  allowed_origins: z.array(Origin).check(z.maxLength(20)),
});
export type HostedBoot = z.infer<typeof HostedBoot>;
