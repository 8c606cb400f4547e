//! The widget's CSS, applied to each shadow root through `adoptedStyleSheets` (allowed by a
//! strict host CSP), with a `<style>` element only where constructable stylesheets are missing.
//!
//! The host page's CSS cannot select elements inside the shadow root, but inherited
//! properties (colour, font size, line height…) and rules on the host element itself still
//! reach in. So the host gets `display:block !important` (inner `!important` wins over the
//! page's) and the inner wrapper `.gk` resets everything with `all: initial` before setting
//! its own values. Admins theme the widget with the `--gk-*` custom properties listed in
//! `widget/README.md`; custom properties pass through the shadow boundary and `all`.

/// The stylesheet (one sheet shared by every widget on the page).
pub const CSS: &str = r#"
:host{display:block!important;writing-mode:horizontal-tb!important;columns:auto!important;content-visibility:visible!important;visibility:visible!important}
:host([hidden]){display:none!important}
.gk{all:initial;display:block;box-sizing:border-box;
--fs:var(--gk-font-size,max(16px,1rem));--fg:var(--gk-fg,#1f1f1f);--bg:var(--gk-bg,#fff);--muted:var(--gk-muted,#4d4d4d);
--accent:var(--gk-accent,#a8071a);--accent-fg:var(--gk-accent-fg,#fff);--link:var(--gk-link,#0b4ea2);--border:var(--gk-border,#767676);
--surface:var(--gk-surface,#f4f5f7);--mark-bg:var(--gk-mark-bg,#ffe58f);--mark-fg:var(--gk-mark-fg,#1f1f1f);--focus:var(--gk-focus,#1a5fb4);--r:var(--gk-radius,6px);
font-family:var(--gk-font,system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei",sans-serif);
font-size:var(--fs);line-height:1.6;color:var(--fg);background:var(--bg);text-align:start;direction:ltr;unicode-bidi:normal;letter-spacing:normal;word-spacing:normal;overflow-wrap:anywhere;text-transform:none;font-weight:400;font-style:normal;white-space:normal;cursor:auto;-webkit-text-size-adjust:100%;-webkit-tap-highlight-color:transparent}
.gk *,.gk *::before,.gk *::after{box-sizing:border-box}
.gk :where(h2,h3,p,ul,ol,dl,dd,fieldset,figure){margin:0;padding:0}
.gk :where(ul,ol){list-style:none}
.gk :where(h2,h3){font-size:1em;line-height:1.4;font-weight:700}
.gk [hidden]{display:none!important}
.gk :where(button,input,select,summary){font:inherit;color:inherit;line-height:1.3;letter-spacing:inherit}
.gk :where(button,select,summary,a,[role=option]){cursor:pointer}
.gk :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.gk :focus:not(:focus-visible){outline:none}
.gk-large{font-size:calc(var(--fs)*1.3)}
.gk-hc{--fg:#fff;--bg:#000;--muted:#fff;--accent:#ffeb3b;--accent-fg:#000;--link:#ffeb3b;--border:#fff;--surface:#000;--mark-bg:#ffeb3b;--mark-fg:#000;--focus:#00e5ff}
.gk-hc .gk-fv,.gk-hc .gk-key{border-color:var(--border)}
.gk-sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.gk-panel{display:block;container:gk/inline-size;padding:.75em;background:var(--bg);color:var(--fg)}
.gk-bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5em;margin-bottom:.5em}
.gk-bar .gk-h{flex:1 1 auto;font-size:1.1em;font-weight:700}
.gk-btn,.gk-tool,.gk-chip,.gk-fv,.gk-key,.gk-opt,.gk-open,.gk-sel,summary.gk-sum{min-height:max(44px,2.75em);min-width:44px;padding:.35em .9em;border:1px solid var(--border);border-radius:var(--r);background:var(--bg);color:var(--fg);display:inline-flex;align-items:center;justify-content:center;gap:.35em;text-decoration:none;white-space:nowrap}
.gk-tool[aria-pressed=true],.gk-fv[aria-pressed=true]{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);font-weight:700}
.gk-tool[aria-pressed=true]::before,.gk-fv[aria-pressed=true]::before{content:"✓"}
.gk-btn-primary{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);font-weight:700}
.gk-form{display:block;margin:0}
.gk-label{display:block;font-weight:700}
.gk-combo{position:relative;display:flex;gap:.5em;align-items:stretch}
.gk-input{all:unset;flex:1 1 auto;min-width:0;min-height:max(48px,3em);padding:.3em .75em;border:2px solid var(--border);border-radius:var(--r);background:var(--bg);color:var(--fg);font:inherit;line-height:1.4;box-sizing:border-box}
.gk-input:focus-visible,.gk-input:focus{outline:3px solid var(--focus);outline-offset:1px}
.gk-input::placeholder{color:var(--muted);opacity:1}
.gk-input::-webkit-search-cancel-button{display:none}
.gk-lb{position:absolute;left:0;right:0;top:100%;z-index:10;margin-top:.25em;padding:.25em;background:var(--bg);border:2px solid var(--border);border-radius:var(--r);box-shadow:0 6px 18px rgb(0 0 0/.2);max-height:60vh;overflow:auto}
.gk-opt{display:flex;justify-content:flex-start;width:100%;white-space:normal;border:0;border-left:4px solid transparent;text-align:start}
.gk-opt[aria-selected=true]{background:var(--surface);border-left-color:var(--accent);font-weight:700;text-decoration:underline}
.gk-scroll{display:block}
.gk-start{margin:.75em 0;color:var(--muted)}
.gk-notice{margin:.5em 0;padding:.5em .75em;border-left:4px solid var(--accent);background:var(--surface)}
.gk-notice .gk-btn{margin-inline-start:.5em}
.gk-alert{margin:.75em 0;padding:.75em;border:2px solid var(--accent);border-radius:var(--r);background:var(--surface);display:flex;flex-wrap:wrap;gap:.75em;align-items:center}
.gk-alert::before{content:"⚠";font-size:1.3em}
.gk-chips{display:flex;flex-wrap:wrap;gap:.5em;margin:.5em 0}
.gk-chip{white-space:normal}
.gk-chip::after{content:"✕";font-weight:700}
.gk-summary{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;justify-content:space-between;margin:.5em 0}
.gk-status,.gk-pname{font-weight:700}
.gk-sel{appearance:auto;padding:.2em .5em}
.gk-body{display:grid;gap:1em;grid-template-columns:minmax(0,1fr)}
@container gk (min-width:640px){.gk-body{grid-template-columns:13em minmax(0,1fr)}}
.gk-facets{display:block;align-self:start}
summary.gk-sum{display:flex;justify-content:flex-start;width:100%;font-weight:700;list-style:none}
summary.gk-sum::-webkit-details-marker{display:none}
summary.gk-sum::before{content:"▸"}
details[open]>summary.gk-sum::before{content:"▾"}
.gk-fg{margin:.75em 0}
.gk-fgh{font-weight:700;margin-bottom:.25em}
.gk-fg li{margin:.25em 0}
.gk-fv{width:100%;justify-content:space-between;white-space:normal;text-align:start;border-color:transparent;background:var(--surface)}
.gk-fv .gk-n{font-variant-numeric:tabular-nums;color:inherit;opacity:.9}
.gk-sub{margin-inline-start:1.25em}
.gk-more-f{border:0;background:none;color:var(--link);text-decoration:underline;padding-inline:0}
.gk-results{display:block}
.gk-busy .gk-results{opacity:.55}
.gk-hit{display:block;padding:.75em 0;border-bottom:1px solid var(--border)}
.gk-hit h3{font-size:1.15em}
.gk-link{display:block;min-height:44px;padding:.3em 0;color:var(--link);text-decoration:underline;text-underline-offset:.2em}
.gk-link:visited{color:var(--link)}
.gk-nolink{display:block;padding:.3em 0}
.gk mark{background:var(--mark-bg);color:var(--mark-fg);font-weight:700;padding:0 .05em;border-radius:2px}
.gk-snip{margin:.25em 0;line-height:1.7}
.gk-tags{display:flex;flex-wrap:wrap;gap:.4em;margin:.35em 0}
.gk-tag{display:inline-block;padding:0 .5em;border:1px solid var(--border);border-radius:var(--r);font-size:.9em;line-height:1.6}
.gk-warn{border-color:var(--accent);font-weight:700}
.gk-tl{margin:.35em 0;padding-inline-start:1.5em}
.gk-tl-when{color:var(--muted)}
.gk-feed{color:var(--link);display:inline-flex;align-items:center;min-height:max(44px,2.75em);min-width:44px}
.gk-tl-btn{margin-top:.35em}
.gk-ents{display:flex;flex-wrap:wrap;gap:0 1em}
@container gk (max-width:520px){.gk-combo{flex-wrap:wrap}.gk-combo .gk-input{flex-basis:0}.gk-cred{flex:1 1 100%}}
.gk-vbar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5em}
.gk-meta{display:flex;flex-wrap:wrap;gap:.15em 1.25em;color:var(--muted);font-size:.92em}
.gk-meta div{display:flex}
.gk-meta dt::after{content:"："}
.gk-meta dd{margin:0}
.gk-pager{margin:1em 0;display:flex;flex-wrap:wrap;gap:.75em;align-items:center}
.gk-open{gap:.5em;background:var(--bg);white-space:nowrap}
.gk-ico{display:inline-block;position:relative;width:.8em;height:.8em;border:.14em solid currentColor;border-radius:50%;margin:0 .25em .2em 0}
.gk-ico::after{content:"";position:absolute;width:.14em;height:.45em;background:currentColor;right:-.3em;bottom:-.4em;transform:rotate(-45deg)}
.gk-open kbd{font:inherit;font-size:.85em;padding:0 .4em;border:1px solid var(--border);border-radius:4px;color:var(--muted)}
.gk-dialog{width:min(64em,calc(100vw - 1em));max-width:none;max-height:calc(100vh - 1em);margin:auto;padding:0;border:2px solid var(--border);border-radius:var(--r);background:var(--bg);color:var(--fg);overflow:auto}
.gk-dialog::backdrop{background:rgb(0 0 0/.55)}
.gk-browse{display:flex;flex-wrap:wrap;gap:.75em;margin:1em 0}
.gk-kiosk{position:fixed;inset:0;z-index:2147483000;--fs:var(--gk-kiosk-font-size,26px);overflow:hidden}
.gk-kiosk.gk-large{font-size:calc(var(--fs)*1.25)}
.gk-kiosk .gk-panel{height:100%;display:flex;flex-direction:column;padding:1em 1.25em}
.gk-kiosk .gk-scroll{flex:1 1 auto;overflow:auto;min-height:0}
.gk-kiosk .gk-h{font-size:1.4em}
.gk-kiosk .gk-body{grid-template-columns:minmax(0,1fr)}
.gk-kb{flex:0 0 auto;display:grid;gap:.35em;padding-top:.6em;border-top:2px solid var(--border);margin-top:.5em}
.gk-kbr{display:flex;justify-content:center;gap:.35em}
.gk-key{min-width:2.9em;min-height:2.6em;padding:0 .3em;font-size:1.15em;font-weight:700;background:var(--surface)}
.gk-key-w{min-width:5em;font-size:.95em}
.gk-key.gk-btn-primary{background:var(--accent);color:var(--accent-fg)}
.gk-key-wide{flex:1 1 auto;max-width:12em}
.gk-kiosk .gk-combo{flex-wrap:wrap}
.gk-kiosk .gk-lb{position:static;flex:1 1 100%;box-shadow:none;display:flex;flex-wrap:wrap;gap:.4em;max-height:none;margin:0}
.gk-kiosk .gk-opt{width:auto;border:1px solid var(--border);font-size:1.1em}
@media (prefers-reduced-motion:no-preference){.gk-results{transition:opacity .15s}}
@media (forced-colors:active){.gk-tool[aria-pressed=true],.gk-fv[aria-pressed=true],.gk-opt[aria-selected=true]{outline:3px solid Highlight}.gk mark{forced-color-adjust:none;background:Mark;color:MarkText}}
"#;
