import { config } from 'zod/mini';

// zod compiles parsers with `new Function` once it has probed that eval works. This page's CSP has no
// 'unsafe-eval', so the probe would only log a violation; jitless skips it. The setting is zod's global
// one (classic and mini share it) and is read when a schema is built, which @flange/protocol does at
// import time: main.tsx imports this module first.
config({ jitless: true });
