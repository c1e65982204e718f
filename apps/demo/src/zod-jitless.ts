import { config } from 'zod/mini';

// zod compiles parsers with `new Function` once it has probed that eval works. This page's CSP forbids
// eval, so the probe only logs a violation; jitless skips it. It must run before any schema is built,
// which @flange/protocol does at import time: main.tsx imports this module first. The setting is zod's
// global one (classic and mini share it); importing it from zod/mini keeps classic zod out of the bundle.
config({ jitless: true });
