/** Field names as the form labels them, for the printed instructions. */
const LABELS = { api_key: 'API key', apikey: 'API key', username: 'User name', password: 'Password' };
const METHODS = { api_key: 'API key (Maximo Manage / MAS)', maxauth: 'User name + password (Maximo 7.6)' };
const label = (key) => LABELS[key] ?? key.replace(/_/g, ' ');
// The URL is printed once above the credentials; the method is the line's own title.
const typed = (values) =>
  Object.entries(values)
    .filter(([k]) => k !== 'instance_url' && k !== 'auth_method')
    .map(([k, v]) => `${label(k)}: ${v}`)
    .join('   ');

/** The text `pnpm start` prints once everything is up: where to go and what to type. */
export function banner(stack, stackFile) {
  const out = [];
  const rule = '─'.repeat(78);
  out.push('', rule, '  Flange is running', rule);
  out.push(`  Acme Reliability (the demo host app)   ${stack.demo_url}`);
  out.push(`  Flange API                             ${stack.flange_url}`);
  out.push(`  Hosted connect flow                    ${stack.connect_url}`);
  const systems = Object.entries(stack.systems);
  if (systems.length > 0) {
    const ports = systems.map(([, sys]) => Number(new URL(sys.url).port)).sort((a, b) => a - b);
    const title = `Simulators of ${systems.length} products`.padEnd(39);
    out.push(`  ${title}127.0.0.1, ports ${ports[0]}–${ports.at(-1)}`);
    out.push(`    (each product's address and test credentials: ${stackFile})`);
  }
  out.push('', `  1. Open ${stack.demo_url} and go to "Connect your CMMS".`);
  out.push('  2. Choose "Connect inline" or "Open in a window", then pick IBM Maximo.');
  const maximo = stack.sandbox['ibm-maximo'];
  if (maximo) {
    out.push(`  3. Instance URL: ${maximo.instance_url}`);
    for (const [method, values] of Object.entries(maximo.credentials)) {
      out.push(`     ${(METHODS[method] ?? method).padEnd(36)} ${typed(values)}`);
    }
    out.push('     Any other API key shows a fixable error (BMXAA9549E); correct it and connect.');
    if ((maximo.scenarios ?? []).length > 0) {
      out.push('     More scenarios to try:');
      for (const s of maximo.scenarios) out.push(`       - ${s.label}: ${typed(s.values)}`);
    }
  }
  out.push(
    '  4. Watch the checks run; on success the page shows the connection status Acme read from Flange.',
  );
  out.push('', '  Press Ctrl-C to stop.', rule, '');
  return out.join('\n');
}
