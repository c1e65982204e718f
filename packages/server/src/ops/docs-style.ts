/** The reference page's stylesheet, inlined under the response's CSP nonce (no external asset, no script). */
export const DOCS_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa;
  --line: #d0d7de; --accent: #0b5cad; --get: #1a7f37; --post: #0b5cad; --patch: #9a6700; --delete: #b42318; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --panel: #161b22; --line: #30363d;
    --accent: #58a6ff; --get: #3fb950; --post: #58a6ff; --patch: #bb8009; --delete: #f85149; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); }
a { color: var(--accent); }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.layout { display: grid; grid-template-columns: 270px minmax(0, 1fr); min-height: 100vh; }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 24px 16px;
  border-right: 1px solid var(--line); background: var(--panel); font-size: 14px; }
nav h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 18px 0 6px; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li a { display: block; padding: 2px 0; text-decoration: none; color: var(--fg); }
nav li a:hover, nav li a:focus { color: var(--accent); text-decoration: underline; }
main { padding: 32px 40px 80px; max-width: 1100px; }
header h1 { margin: 0 0 8px; font-size: 28px; }
header .version { color: var(--muted); font-size: 15px; font-weight: normal; }
section.tag { margin-top: 48px; }
section.tag > h2 { font-size: 22px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
article.op { margin: 28px 0; padding: 16px 20px; border: 1px solid var(--line); border-radius: 8px; }
article.op h3 { margin: 0 0 6px; font-size: 17px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
article.op h4 { margin: 18px 0 6px; font-size: 14px; }
.method { display: inline-block; min-width: 64px; text-align: center; border-radius: 4px; padding: 1px 6px;
  font: 600 12px/1.6 ui-monospace, monospace; color: #fff; }
.method.get { background: var(--get); } .method.post { background: var(--post); }
.method.patch { background: var(--patch); } .method.delete { background: var(--delete); }
.auth { color: var(--muted); font-size: 13px; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; border-top: 1px solid var(--line); padding: 5px 8px; }
th { font-weight: 600; background: var(--panel); }
td.name { white-space: nowrap; }
.req { color: var(--delete); font-size: 12px; }
.muted { color: var(--muted); }
ul.codes { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px 14px; }
@media (max-width: 800px) { .layout { display: block; } nav { position: static; max-height: none; } main { padding: 20px; } }
`;
