//! A widget's options (from data attributes) and its mutable state.

use crate::api::{CatalogItem, Filters, Meta, SearchResult};
use web_sys::{AbortController, Element};

/// How the widget presents itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// A search box with results in the page flow.
    Inline,
    /// A button that opens a search dialog (also `/` and Ctrl-K).
    Modal,
    /// Full-screen touch layout with an on-screen pinyin keyboard and an idle reset.
    Kiosk,
}

/// Options read from the host element's data attributes, falling back to the script tag's.
#[derive(Debug, Clone)]
pub struct Options {
    /// API base URL without a trailing slash (`data-endpoint`, resolved against the page;
    /// default: the origin of the script).
    pub endpoint: String,
    /// `data-mode`: `inline` (default), `modal`, `kiosk`.
    pub mode: Mode,
    /// Default filters `data-domain`, `data-region`, `data-catalog`.
    pub defaults: Filters,
    /// `data-lang`: `zh-CN` (default) or `en`.
    pub lang: String,
    /// `data-page-size`: 1–50, default 10.
    pub size: u32,
    /// `data-idle-seconds`: reset to the start screen after this much inactivity (kiosk
    /// default 120; 0 turns it off; other modes default to off).
    pub idle_seconds: u32,
    /// `data-label`: accessible name of the search landmark (must differ between widgets).
    pub label: Option<String>,
    /// `data-placeholder`.
    pub placeholder: Option<String>,
    /// `data-theme="contrast"` starts in high contrast.
    pub contrast: bool,
    /// `data-link-target`: `_blank` (default) or `_self` (kiosk default).
    pub link_target: String,
    /// `data-hotkey="off"` disables `/` and Ctrl-K in modal mode.
    pub hotkey: bool,
    /// `data-timeout-ms`: time limit of a request, default 8000.
    pub timeout_ms: u32,
}

impl Options {
    /// Reads the options of `host`, with `script` (the loader's tag) supplying defaults.
    pub fn read(host: &Element, script: Option<&Element>) -> Options {
        let get = |name: &str| -> Option<String> {
            host.get_attribute(name)
                .or_else(|| script.and_then(|s| s.get_attribute(name)))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mode = match get("data-mode").as_deref() {
            Some("modal") => Mode::Modal,
            Some("kiosk") => Mode::Kiosk,
            _ => Mode::Inline,
        };
        // Relative values (`/`, `/search-api`) are resolved against the page; without the
        // attribute the endpoint is the origin widget.js came from.
        let page = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        let resolve = |u: &str| web_sys::Url::new_with_base(u, &page).ok();
        let endpoint = match get("data-endpoint") {
            Some(e) => resolve(&e).map(|u| u.href()).unwrap_or(e),
            None => script
                .and_then(|s| s.get_attribute("src"))
                .and_then(|s| resolve(&s))
                .map(|u| u.origin())
                .unwrap_or_default(),
        };
        let num = |name: &str| get(name).and_then(|v| v.parse::<u32>().ok());
        Options {
            endpoint: endpoint.trim_end_matches('/').to_string(),
            mode,
            defaults: Filters {
                domain: get("data-domain"),
                region: get("data-region").filter(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_digit())),
                catalog: get("data-catalog"),
                year: None,
            },
            lang: get("data-lang").unwrap_or_else(|| "zh-CN".into()),
            size: num("data-page-size").unwrap_or(10).clamp(1, 50),
            idle_seconds: num("data-idle-seconds").unwrap_or(if mode == Mode::Kiosk { 120 } else { 0 }),
            label: get("data-label"),
            placeholder: get("data-placeholder"),
            contrast: get("data-theme").as_deref() == Some("contrast"),
            link_target: match get("data-link-target").as_deref() {
                Some("_self") => "_self".into(),
                Some("_blank") => "_blank".into(),
                _ if mode == Mode::Kiosk => "_self".into(),
                _ => "_blank".into(),
            },
            hotkey: get("data-hotkey").as_deref() != Some("off"),
            timeout_ms: num("data-timeout-ms").unwrap_or(8000).clamp(500, 60000),
        }
    }

    /// True when the endpoint is an absolute http(s) URL.
    pub fn endpoint_ok(&self) -> bool {
        self.endpoint.starts_with("https://") || self.endpoint.starts_with("http://")
    }
}

/// What the widget is showing and doing.
#[derive(Default)]
pub struct State {
    /// The query text of the current results.
    pub query: String,
    /// The filters in force.
    pub filters: Filters,
    /// Sort by date instead of relevance.
    pub by_date: bool,
    /// Last page loaded.
    pub page: u32,
    /// Number of hits rendered.
    pub shown: usize,
    /// The last answer (for facets and labels).
    pub last: Option<SearchResult>,
    /// Labels from `/v1/meta`, when it answered.
    pub meta: Option<Meta>,
    /// Current suggestions and the active one (`aria-activedescendant`).
    pub suggestions: Vec<String>,
    pub active: Option<usize>,
    /// Request sequence numbers: an answer whose number is not the latest is stale.
    pub seq: u32,
    pub suggest_seq: u32,
    /// In-flight requests, aborted when replaced.
    pub search_ctrl: Option<AbortController>,
    pub suggest_ctrl: Option<AbortController>,
    /// Timer handles.
    pub debounce: Option<i32>,
    pub idle: Option<i32>,
    /// The last search failed: the retry button repeats it (`true` = it was a "more").
    pub failed: Option<bool>,
    /// `performance.now()` of the last keystroke / request start, for the results event.
    pub input_at: f64,
    pub request_at: f64,
    /// Show every catalog item instead of the first few.
    pub all_catalog: bool,
    /// Bumped whenever a view opens or closes: an answer for an older view is dropped.
    pub view_seq: u32,
    /// The catalog with its counts (`/v1/catalog`), once loaded, and the domain chosen in it.
    pub catalog: Option<Vec<CatalogItem>>,
    pub catalog_domain: Option<String>,
    /// The party whose records are shown (a credit look-up) instead of a search.
    pub party: Option<String>,
    /// Move the focus to the first result when the next results arrive (after browsing).
    pub focus_results: bool,
}
