/**
 * The widget's stylesheet. Every selector starts with .flange-root (or is :host, for the shadow root),
 * so nothing leaks into the host page. Colours, radius and font come from custom properties: the
 * `theme` prop sets them inline, and a host may set --flange-primary, --flange-on-primary,
 * --flange-radius and --flange-font on any ancestor instead (they inherit into the shadow root).
 * Every text colour pair meets WCAG AA (4.5:1) in both themes; borders meet 3:1.
 */
export const FLOW_CSS = `
:host{all:initial;display:block}
.flange-root{--fl-radius:var(--flange-radius,8px);--fl-font:var(--flange-font,system-ui,-apple-system,'Segoe UI',Roboto,sans-serif);
--fl-primary:var(--flange-primary,#2563eb);--fl-on-primary:var(--flange-on-primary,#fff);
--fl-link-light:var(--flange-primary,#2563eb);--fl-link-dark:#5182ef;
--fl-bg:#fff;--fl-fg:#0f172a;--fl-muted:#475569;--fl-border:#64748b;--fl-subtle:#f1f5f9;
--fl-error:#b91c1c;--fl-error-bg:#fef2f2;--fl-ok:#15803d;--fl-warn-bg:#fffbeb;--fl-warn:#92400e;--fl-link:var(--fl-link-light);
container-type:inline-size;box-sizing:border-box;font-family:var(--fl-font);font-size:15px;line-height:1.45;
font-weight:400;font-style:normal;letter-spacing:normal;text-transform:none;
color:var(--fl-fg);background:var(--fl-bg);text-align:left;color-scheme:light;min-height:100%}
.flange-root[data-theme=dark]{--fl-bg:#111827;--fl-fg:#f1f5f9;--fl-muted:#cbd5e1;--fl-border:#8291a7;
--fl-subtle:#1f2937;--fl-error:#fca5a5;--fl-error-bg:#3b1212;--fl-ok:#86efac;--fl-warn-bg:#3a2a08;--fl-warn:#fcd34d;
--fl-link:var(--fl-link-dark);color-scheme:dark}
@media (prefers-color-scheme:dark){.flange-root[data-theme=system]{--fl-bg:#111827;--fl-fg:#f1f5f9;
--fl-muted:#cbd5e1;--fl-border:#8291a7;--fl-subtle:#1f2937;--fl-error:#fca5a5;--fl-error-bg:#3b1212;
--fl-ok:#86efac;--fl-warn-bg:#3a2a08;--fl-warn:#fcd34d;--fl-link:var(--fl-link-dark);color-scheme:dark}}
.flange-root *,.flange-root *::before,.flange-root *::after{box-sizing:inherit}
.flange-root :where(h1,h2,h3,h4,h5,h6,p,ol,ul,dl,dd,fieldset,figure){margin:0;padding:0}
.flange-root :where(h1,h2,h3,h4,h5,h6){font-weight:650;line-height:1.25}
.flange-root .fl-h{font-size:1.15rem}.flange-root .fl-h-sub{font-size:1rem}
.flange-root :where(ol,ul){list-style:none}
.flange-root :where(button,input,select,textarea){font:inherit;color:inherit;margin:0}
.flange-root a{color:var(--fl-link)}
.flange-root :focus-visible{outline:3px solid var(--fl-link);outline-offset:2px}
.flange-root .fl-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.flange-root .fl-shell{max-width:960px;margin:0 auto;padding:16px;display:flex;flex-direction:column;gap:14px}
.flange-root .fl-header{display:flex;align-items:center;gap:12px}
.flange-root .fl-header img{width:32px;height:32px;border-radius:6px;object-fit:contain}
.flange-root .fl-header-text{flex:1;min-width:0}
.flange-root .fl-title{font-weight:650;font-size:1.2rem}
.flange-root .fl-progress{display:flex;flex-direction:column;gap:6px}
.flange-root .fl-progress-bar{display:flex;gap:4px}
.flange-root .fl-progress-bar span{flex:1;height:4px;border-radius:2px;background:var(--fl-subtle);border:1px solid var(--fl-border)}
.flange-root .fl-progress-bar span[data-done=true]{background:var(--fl-primary);border-color:var(--fl-primary)}
.flange-root .fl-stack{display:flex;flex-direction:column;gap:12px;min-width:0}
.flange-root .fl-row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.flange-root .fl-muted{color:var(--fl-muted);font-size:.875rem}
.flange-root .fl-note{border-left:4px solid var(--fl-link);background:var(--fl-subtle);padding:8px 12px;border-radius:var(--fl-radius)}
.flange-root .fl-code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;word-break:break-all}
.flange-root .fl-btn{display:inline-flex;align-items:center;justify-content:center;gap:6px;min-height:44px;
padding:8px 16px;border-radius:var(--fl-radius);border:1px solid var(--fl-border);background:var(--fl-bg);
color:var(--fl-fg);cursor:pointer;font-weight:550;text-decoration:none}
.flange-root .fl-btn:disabled{opacity:.6;cursor:default}
.flange-root .fl-primary{background:var(--fl-primary);color:var(--fl-on-primary);border-color:var(--fl-primary)}
.flange-root .fl-link{background:none;border:0;padding:2px 0;min-height:24px;color:var(--fl-link);text-decoration:underline;cursor:pointer;font-size:.9rem;text-align:left}
.flange-root .fl-icon-btn{min-width:44px;min-height:44px;border:0;background:none;border-radius:22px;cursor:pointer;font-size:1.4rem;line-height:1;color:var(--fl-fg)}
.flange-root .fl-input{width:100%;min-width:0;min-height:44px;padding:8px 12px;border:1px solid var(--fl-border);
border-radius:var(--fl-radius);background:var(--fl-bg)}
.flange-root textarea.fl-input{min-height:88px;resize:vertical}
.flange-root .fl-input[aria-invalid=true]{border-color:var(--fl-error);box-shadow:0 0 0 1px var(--fl-error)}
.flange-root .fl-field{display:flex;flex-direction:column;gap:4px;min-width:0}
.flange-root .fl-label{font-weight:600;font-size:.9rem}
.flange-root .fl-hint{color:var(--fl-muted);font-size:.825rem}
.flange-root .fl-error-text{color:var(--fl-error);font-size:.875rem}
.flange-root .fl-ok-text{color:var(--fl-ok);font-size:.875rem}
.flange-root .fl-input-row{display:flex;gap:6px}
.flange-root .fl-filters{display:grid;gap:8px;grid-template-columns:1fr}
@container (min-width:480px){.flange-root .fl-filters{grid-template-columns:1fr 1fr}}
.flange-root .fl-chips{display:flex;flex-wrap:wrap;gap:6px}
.flange-root .fl-chip{min-height:36px;padding:4px 12px;border-radius:18px;border:1px solid var(--fl-border);background:var(--fl-bg);cursor:pointer;font-size:.85rem}
.flange-root .fl-viewport{max-height:min(420px,55vh);overflow-y:auto;overscroll-behavior:contain;border-radius:var(--fl-radius)}
.flange-root .fl-systems li{height:64px;padding:2px 2px 6px}
.flange-root .fl-system{display:flex;width:100%;height:100%;align-items:center;gap:10px;padding:0 10px;border:1px solid var(--fl-border);
border-radius:var(--fl-radius);background:var(--fl-bg);cursor:pointer;text-align:left}
.flange-root .fl-system:focus-visible{outline-offset:-3px}
.flange-root .fl-system:hover{background:var(--fl-subtle)}
.flange-root .fl-monogram{flex:none;width:36px;height:36px;border-radius:8px;display:grid;place-items:center;font-weight:700;font-size:.8rem}
.flange-root .fl-system-text{display:flex;flex-direction:column;min-width:0;flex:1}
.flange-root .fl-system-name,.flange-root .fl-system-note{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.flange-root .fl-system-name{font-weight:600}
.flange-root .fl-system-note{color:var(--fl-muted);font-size:.85rem}
.flange-root .fl-badge{flex:none;font-size:.75rem;padding:2px 8px;border-radius:10px;background:var(--fl-subtle);color:var(--fl-fg)}
.flange-root .fl-columns{display:grid;gap:16px}
@container (min-width:720px){.flange-root .fl-columns{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}}
.flange-root .fl-panel{border:1px solid var(--fl-border);border-radius:var(--fl-radius);padding:12px;display:flex;flex-direction:column;gap:8px}
.flange-root .fl-panel ol{list-style:decimal;padding-left:20px;display:flex;flex-direction:column;gap:4px}
.flange-root .fl-panel li[data-highlight=true]{background:var(--fl-warn-bg);outline:2px solid var(--fl-warn);border-radius:4px}
.flange-root .fl-sandbox{background:var(--fl-warn-bg);border-color:var(--fl-warn)}
.flange-root .fl-sandbox code{font-size:.85rem;word-break:break-all}
.flange-root .fl-methods{border:0;display:flex;flex-wrap:wrap;gap:8px}
.flange-root .fl-methods legend{font-weight:600;font-size:.9rem;margin-bottom:4px;padding:0}
.flange-root .fl-method{display:flex;align-items:center;gap:6px;min-height:44px;padding:6px 12px;border:1px solid var(--fl-border);border-radius:var(--fl-radius);cursor:pointer}
.flange-root .fl-method:has(input:checked){border-color:var(--fl-primary);box-shadow:0 0 0 1px var(--fl-primary)}
.flange-root .fl-handoff-offer{display:flex;flex-direction:column;gap:2px;padding-top:8px;border-top:1px solid var(--fl-subtle)}
.flange-root .fl-status{min-height:1.45em}
.flange-root .fl-steps{display:flex;flex-direction:column;gap:6px}
.flange-root .fl-step{display:flex;align-items:center;gap:10px;padding:8px 10px;border-radius:var(--fl-radius);background:var(--fl-subtle)}
.flange-root .fl-step-icon{flex:none;width:22px;height:22px;border-radius:11px;display:grid;place-items:center;font-size:.8rem;font-weight:700;border:2px solid var(--fl-border)}
.flange-root .fl-step[data-status=succeeded] .fl-step-icon{background:var(--fl-ok);border-color:var(--fl-ok);color:var(--fl-bg)}
.flange-root .fl-step[data-status=failed] .fl-step-icon{background:var(--fl-error);border-color:var(--fl-error);color:var(--fl-bg)}
.flange-root .fl-step[data-status=running] .fl-step-icon{border-color:var(--fl-link);border-top-color:transparent;animation:fl-spin 1s linear infinite}
.flange-root .fl-step-label{flex:1;min-width:0;overflow-wrap:anywhere}
.flange-root .fl-step-meta{color:var(--fl-muted);font-size:.8rem;text-align:right}
@keyframes fl-spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.flange-root .fl-step[data-status=running] .fl-step-icon{animation:none}}
.flange-root .fl-alert{border-left:4px solid var(--fl-error);background:var(--fl-error-bg);padding:12px;border-radius:var(--fl-radius);display:flex;flex-direction:column;gap:8px}
.flange-root .fl-alert ul{list-style:disc;padding-left:20px}
.flange-root .fl-warning{border-left:4px solid var(--fl-warn);background:var(--fl-warn-bg);padding:8px 12px;border-radius:var(--fl-radius)}
.flange-root .fl-cert{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;font-size:.85rem}
.flange-root .fl-cert dd{word-break:break-all;font-family:ui-monospace,monospace}
.flange-root .fl-summary{display:grid;grid-template-columns:auto 1fr;gap:6px 12px}
.flange-root .fl-pair{display:contents}
.flange-root .fl-summary dt{color:var(--fl-muted)}
.flange-root .fl-summary dd{word-break:break-word}
.flange-root .fl-check{display:flex;align-items:center;gap:8px;min-height:32px}
.flange-root .fl-success-mark{width:48px;height:48px;border-radius:24px;background:var(--fl-ok);color:var(--fl-bg);display:grid;place-items:center;font-size:1.6rem}
`;
