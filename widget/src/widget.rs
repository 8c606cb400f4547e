//! One mounted widget: mounting, events, the search flow and the kiosk idle reset. Its DOM
//! skeleton is built in `view.rs`, results and facets are drawn in `render.rs`, and the
//! keyboard handling is in `navigation.rs`.
//!
//! Each widget owns its state; several on one page never share anything but the stylesheet
//! and (for modal widgets) the page-wide `/` / Ctrl-K shortcut, which goes to the first.

use crate::action::Act;
use crate::api::{self, ApiError, Meta, SearchResult};
use crate::dom::{add, attr, clear, closest_with, doc, el, focus, show, text};
use crate::i18n::{strings, Strings};
use crate::keyboard::KeyAction;
use crate::state::{Mode, Options, State};
use crate::style::CSS;
use crate::view::{build, Dom};
use gongkai_api::Facet;
use js_sys::{Array, Function, Reflect};
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{AbortController, Element, Event, EventTarget, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// Debounce of search-as-you-type, in milliseconds.
const DEBOUNCE_MS: i32 = 180;
/// Suggestions requested per keystroke.
const SUGGEST_SIZE: u32 = 8;

thread_local! {
    static COUNTER: Cell<u32> = const { Cell::new(0) };
    static HOTKEY_TAKEN: Cell<bool> = const { Cell::new(false) };
    static SHEET: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// What to do with the answer of [`Widget::fetch`].
pub(crate) type Then = Box<dyn FnOnce(&Rc<Widget>, Result<JsValue, ApiError>)>;

/// A mounted widget.
pub struct Widget {
    pub(crate) id: String,
    pub(crate) opts: Options,
    pub(crate) t: &'static Strings,
    pub(crate) dom: Dom,
    pub(crate) st: RefCell<State>,
    pub(crate) has_focus: Cell<bool>,
    pub(crate) fire_fn: OnceCell<Function>,
    pub(crate) idle_fn: OnceCell<Function>,
}

pub(crate) fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

pub(crate) fn set_timeout(f: &Function, ms: i32) -> Option<i32> {
    web_sys::window()?.set_timeout_with_callback_and_timeout_and_arguments_0(f, ms).ok()
}

pub(crate) fn clear_timeout(h: Option<i32>) {
    if let (Some(h), Some(w)) = (h, web_sys::window()) {
        w.clear_timeout_with_handle(h);
    }
}

/// Adds an event listener that lives as long as the page.
pub(crate) fn listen(target: &EventTarget, ty: &str, f: impl FnMut(Event) + 'static) {
    let c = Closure::<dyn FnMut(Event)>::new(f);
    let _ = target.add_event_listener_with_callback(ty, c.as_ref().unchecked_ref());
    c.forget();
}

pub(crate) fn local_flag(key: &str) -> Option<bool> {
    let v = web_sys::window()?.local_storage().ok()??.get_item(key).ok()??;
    Some(v == "1")
}

pub(crate) fn set_local_flag(key: &str, on: bool) {
    if let Some(Ok(Some(s))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = s.set_item(key, if on { "1" } else { "0" });
    }
}

/// Applies the shared stylesheet: `adoptedStyleSheets` where supported, else a `<style>`.
pub(crate) fn apply_style(shadow: &ShadowRoot) {
    let sheet = SHEET.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| match web_sys::CssStyleSheet::new() {
                Ok(sheet) if sheet.replace_sync(CSS).is_ok() => sheet.into(),
                _ => JsValue::NULL,
            })
            .clone()
    });
    let adopted = !sheet.is_null()
        && Reflect::has(shadow, &"adoptedStyleSheets".into()).unwrap_or(false)
        && Reflect::set(shadow, &"adoptedStyleSheets".into(), &Array::of1(&sheet)).unwrap_or(false);
    if !adopted {
        let style = el("style", "");
        style.set_text_content(Some(CSS));
        let _ = shadow.append_child(&style);
    }
}

/// Mounts a widget into `host` (see [`crate::mount`]).
pub fn mount(host: &Element, script: Option<&Element>) -> Result<(), JsValue> {
    if host.has_attribute("data-gongkai-mounted") {
        return Ok(());
    }
    attr(host, "data-gongkai-mounted", "");
    let opts = Options::read(host, script);
    let t = strings(&opts.lang);
    let n = COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let id = format!("gk{n}");
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    apply_style(&shadow);
    let dom = build(host.clone(), shadow, &opts, t, &id, n);
    let w = Rc::new(Widget {
        id,
        opts,
        t,
        dom,
        st: RefCell::new(State::default()),
        has_focus: Cell::new(false),
        fire_fn: OnceCell::new(),
        idle_fn: OnceCell::new(),
    });
    w.wire();
    w.start();
    Ok(())
}

impl Widget {
    // -----------------------------------------------------------------------------------
    // Wiring.

    pub(crate) fn wire(self: &Rc<Self>) {
        let d = &self.dom;
        let w = self.clone();
        let _ = self.fire_fn.set(Closure::<dyn FnMut()>::new(move || w.fire()).into_js_value().unchecked_into());
        let w = self.clone();
        let _ = self.idle_fn.set(Closure::<dyn FnMut()>::new(move || w.reset()).into_js_value().unchecked_into());

        let w = self.clone();
        listen(&d.input, "input", move |_| w.on_input());
        let w = self.clone();
        listen(&d.input, "keydown", move |e| w.on_input_key(e));
        let w = self.clone();
        listen(&d.input, "focus", move |_| {
            w.has_focus.set(true);
            w.show_listbox();
        });
        let w = self.clone();
        listen(&d.input, "blur", move |_| {
            w.has_focus.set(false);
            if w.opts.mode != Mode::Kiosk {
                w.close_listbox();
            }
        });
        let w = self.clone();
        listen(&d.shadow, "submit", move |e| {
            e.prevent_default();
            w.search_now();
        });
        let w = self.clone();
        listen(&d.sort, "change", move |_| {
            let by_date = w.dom.sort.value() == "date";
            w.st.borrow_mut().by_date = by_date;
            w.search(false);
        });
        // Pointer presses on keys and suggestions keep the focus in the box.
        listen(&d.shadow, "mousedown", move |e| {
            if closest_with(e.target(), "data-keep").is_some() {
                e.prevent_default();
            }
        });
        let w = self.clone();
        listen(&d.shadow, "click", move |e| w.on_click(e));
        let w = self.clone();
        listen(&d.results, "keydown", move |e| w.on_results_key(e));
        if let Some(dialog) = &d.dialog {
            let w = self.clone();
            listen(dialog, "close", move |_| {
                if let Some(o) = &w.dom.opener {
                    focus(o);
                }
            });
        }
        if self.opts.mode == Mode::Modal && self.opts.hotkey && !HOTKEY_TAKEN.with(|h| h.replace(true)) {
            let w = self.clone();
            listen(&doc(), "keydown", move |e| w.on_page_key(e));
        }
        if let Some(win) = web_sys::window() {
            let w = self.clone();
            listen(&win, "online", move |_| {
                if w.st.borrow().failed.is_some() {
                    w.retry();
                }
            });
        }
        if self.opts.idle_seconds > 0 {
            for ty in ["pointerdown", "keydown", "input", "wheel", "scroll"] {
                let w = self.clone();
                let _ = ty;
                listen(&d.shadow, ty, move |_| w.bump_idle());
            }
        }
    }

    pub(crate) fn start(self: &Rc<Self>) {
        let stored = |k: &str| if self.opts.mode == Mode::Kiosk { None } else { local_flag(k) };
        let prefers_contrast = web_sys::window()
            .and_then(|w| w.match_media("(prefers-contrast: more)").ok().flatten())
            .map(|m| m.matches())
            .unwrap_or(false);
        self.set_large(stored("gongkai-large").unwrap_or(false));
        self.set_contrast(stored("gongkai-contrast").unwrap_or(self.opts.contrast || prefers_contrast));
        // Facets start folded on narrow widgets and in kiosk mode.
        let wide = self.dom.host.client_width() >= 640;
        if wide && self.opts.mode == Mode::Inline {
            attr(&self.dom.facets, "open", "");
        }
        if !self.opts.endpoint_ok() {
            self.dom.alert_msg.set_text_content(Some(self.t.err_config));
            show(&self.dom.alert, true);
            return;
        }
        self.st.borrow_mut().filters = self.opts.defaults.clone();
        self.render_chips();
        self.load_meta();
        if self.opts.defaults.any() && self.opts.mode != Mode::Modal {
            self.search(false);
        }
        self.bump_idle();
    }

    pub(crate) fn load_meta(self: &Rc<Self>) {
        self.fetch(
            format!("{}/v1/meta", self.opts.endpoint),
            Box::new(|w, r| {
                if let Ok(v) = r {
                    w.st.borrow_mut().meta = Some(Meta::parse(&v));
                    w.render_chips();
                    w.render_browse();
                }
            }),
        );
    }

    /// `GET url` as JSON, aborted through `ctrl` by a newer request or after the configured
    /// timeout (reported as a timeout, not as an abort).
    pub(crate) async fn get_json(&self, url: &str, ctrl: &AbortController) -> Result<JsValue, ApiError> {
        let timed = Rc::new(Cell::new(false));
        let (c, f) = (ctrl.clone(), timed.clone());
        let cb = Closure::once_into_js(move || {
            f.set(true);
            c.abort();
        });
        let h = set_timeout(cb.unchecked_ref(), self.opts.timeout_ms as i32);
        let r = api::get_json(url, ctrl, || timed.get()).await;
        clear_timeout(h);
        r
    }

    /// `GET url` as JSON in the background, then `then` with the answer: one spawned future
    /// for every caller that needs no cancellation (the fetch code is not copied into each).
    pub(crate) fn fetch(self: &Rc<Self>, url: String, then: Then) {
        let w = self.clone();
        spawn_local(async move {
            let Ok(ctrl) = AbortController::new() else { return };
            let r = w.get_json(&url, &ctrl).await;
            then(&w, r);
        });
    }

    // -----------------------------------------------------------------------------------
    // Typing, suggestions and the combobox.

    pub(crate) fn on_input(self: &Rc<Self>) {
        // Typing in the search box goes back to the search.
        if self.view_open() {
            self.close_view();
        }
        let mut st = self.st.borrow_mut();
        st.party = None;
        st.input_at = now();
        clear_timeout(st.debounce.take());
        if let Some(f) = self.fire_fn.get() {
            st.debounce = set_timeout(f, DEBOUNCE_MS);
        }
    }

    /// The debounce ran out: suggest and search for what is in the box.
    pub(crate) fn fire(self: &Rc<Self>) {
        self.st.borrow_mut().debounce = None;
        let q = self.dom.input.value();
        self.suggest(q.trim());
        self.search(false);
    }

    /// Enter / the search button: search now, without waiting for the debounce.
    pub(crate) fn search_now(self: &Rc<Self>) {
        {
            let mut st = self.st.borrow_mut();
            clear_timeout(st.debounce.take());
            if let Some(c) = st.suggest_ctrl.take() {
                c.abort();
            }
            st.suggest_seq += 1;
            if st.input_at == 0.0 {
                st.input_at = now();
            }
        }
        self.set_suggestions(Vec::new());
        self.search(false);
    }

    pub(crate) fn suggest(self: &Rc<Self>, q: &str) {
        let (seq, ctrl) = {
            let mut st = self.st.borrow_mut();
            if let Some(c) = st.suggest_ctrl.take() {
                c.abort();
            }
            st.suggest_seq += 1;
            if q.is_empty() {
                drop(st);
                self.set_suggestions(Vec::new());
                return;
            }
            let Ok(ctrl) = AbortController::new() else { return };
            st.suggest_ctrl = Some(ctrl.clone());
            (st.suggest_seq, ctrl)
        };
        let url = api::suggest_url(&self.opts.endpoint, q, SUGGEST_SIZE);
        let w = self.clone();
        let q = q.to_string();
        spawn_local(async move {
            let r = w.get_json(&url, &ctrl).await;
            if w.st.borrow().suggest_seq != seq {
                return;
            }
            w.st.borrow_mut().suggest_ctrl = None;
            // Without suggestions (an edge without /v1/suggest, say) the box still searches.
            let list = r.map(|v| api::parse_suggestions(&v)).unwrap_or_default();
            w.set_suggestions(list.into_iter().filter(|s| s.trim() != q).collect());
        });
    }

    pub(crate) fn set_suggestions(&self, list: Vec<String>) {
        let lb = &self.dom.listbox;
        clear(lb);
        for (i, s) in list.iter().enumerate() {
            let li = add(lb, "li", "gk-opt");
            attr(&li, "id", &format!("{}-o{i}", self.id));
            attr(&li, "role", "option");
            attr(&li, "aria-selected", "false");
            attr(&li, "data-act", Act::Opt.as_str());
            attr(&li, "data-i", &i.to_string());
            attr(&li, "data-keep", "");
            text(&li, s);
        }
        {
            let mut st = self.st.borrow_mut();
            st.suggestions = list;
            st.active = None;
        }
        let _ = self.dom.input.remove_attribute("aria-activedescendant");
        self.show_listbox();
    }

    pub(crate) fn show_listbox(&self) {
        let open = !self.st.borrow().suggestions.is_empty() && (self.has_focus.get() || self.opts.mode == Mode::Kiosk);
        show(&self.dom.listbox, open);
        attr(&self.dom.input, "aria-expanded", if open { "true" } else { "false" });
    }

    pub(crate) fn close_listbox(&self) {
        show(&self.dom.listbox, false);
        attr(&self.dom.input, "aria-expanded", "false");
        let _ = self.dom.input.remove_attribute("aria-activedescendant");
        self.st.borrow_mut().active = None;
        self.mark_active(None);
    }

    pub(crate) fn listbox_open(&self) -> bool {
        !self.dom.listbox.has_attribute("hidden") && !self.st.borrow().suggestions.is_empty()
    }

    pub(crate) fn mark_active(&self, active: Option<usize>) {
        let opts = self.dom.listbox.children();
        for i in 0..opts.length() {
            if let Some(o) = opts.item(i) {
                let on = active == Some(i as usize);
                attr(&o, "aria-selected", if on { "true" } else { "false" });
                if on {
                    o.scroll_into_view_with_bool(false);
                }
            }
        }
        match active {
            Some(i) => attr(&self.dom.input, "aria-activedescendant", &format!("{}-o{i}", self.id)),
            None => {
                let _ = self.dom.input.remove_attribute("aria-activedescendant");
            }
        }
    }

    pub(crate) fn set_active(&self, active: Option<usize>) {
        self.st.borrow_mut().active = active;
        self.mark_active(active);
    }

    pub(crate) fn choose(self: &Rc<Self>, i: usize) {
        let Some(s) = self.st.borrow().suggestions.get(i).cloned() else { return };
        self.dom.input.set_value(&s);
        self.st.borrow_mut().input_at = now();
        self.search_now();
        focus(&self.dom.input);
    }

    // -----------------------------------------------------------------------------------
    // Clicks (one delegated listener per widget).

    pub(crate) fn on_click(self: &Rc<Self>, e: Event) {
        if let Some((_, key)) = closest_with(e.target(), "data-key") {
            if let Some(a) = KeyAction::parse(&key) {
                let v = a.apply(&self.dom.input.value());
                self.dom.input.set_value(&v);
                self.on_input();
            }
            return;
        }
        if let (Some(d), Some(t)) = (&self.dom.dialog, e.target()) {
            // A click on the backdrop (the dialog element itself, outside its panel).
            if JsValue::from(d) == JsValue::from(t) {
                d.close();
                return;
            }
        }
        let Some((el, act)) = closest_with(e.target(), "data-act") else { return };
        let Some(act) = Act::parse(&act) else { return };
        let data = |k: &str| el.get_attribute(k).unwrap_or_default();
        match act {
            Act::Large => {
                let on = !self.dom.root.class_list().contains("gk-large");
                self.set_large(on);
                if self.opts.mode != Mode::Kiosk {
                    set_local_flag("gongkai-large", on);
                }
            }
            Act::Contrast => {
                let on = !self.dom.root.class_list().contains("gk-hc");
                self.set_contrast(on);
                if self.opts.mode != Mode::Kiosk {
                    set_local_flag("gongkai-contrast", on);
                }
            }
            Act::Open => self.open(),
            Act::Close => {
                if let Some(d) = &self.dom.dialog {
                    d.close();
                }
            }
            Act::Clear => {
                self.dom.input.set_value("");
                self.on_input();
                focus(&self.dom.input);
            }
            Act::Go => self.search_now(),
            Act::Retry => self.retry(),
            Act::More => self.search(true),
            Act::Opt => {
                if let Ok(i) = data("data-i").parse::<usize>() {
                    self.choose(i);
                }
            }
            Act::DidYouMean => {
                self.dom.input.set_value(&data("data-v"));
                self.search_now();
            }
            Act::Facet => {
                let (Some(f), v) = (Facet::from_key(&data("data-f")), data("data-v")) else { return };
                // In the catalog view: a domain shows its items, an item its newest records.
                if self.view_open() {
                    if f == Facet::Domain {
                        self.st.borrow_mut().catalog_domain = Some(v);
                        self.render_catalog(false);
                    } else {
                        self.browse_item(v);
                    }
                    return;
                }
                {
                    let mut st = self.st.borrow_mut();
                    let domain_before = st.filters.domain.clone();
                    let slot = st.filters.slot(f);
                    *slot = if slot.as_deref() == Some(v.as_str()) { None } else { Some(v) };
                    // Catalog items belong to a domain.
                    if f == Facet::Domain && st.filters.domain != domain_before {
                        st.filters.catalog = None;
                    }
                }
                self.search(false);
            }
            Act::Browse => {
                self.st.borrow_mut().filters.domain = Some(data("data-v"));
                self.search(false);
            }
            Act::Unfilter => {
                if data("data-f") == "party" {
                    self.st.borrow_mut().party = None;
                }
                if let Some(f) = Facet::from_key(&data("data-f")) {
                    *self.st.borrow_mut().filters.slot(f) = None;
                }
                self.search(false);
                focus(&self.dom.input);
            }
            Act::ClearFilters => {
                let mut st = self.st.borrow_mut();
                st.filters = Default::default();
                st.party = None;
                drop(st);
                self.search(false);
                focus(&self.dom.input);
            }
            Act::Timeline => self.toggle_timeline(&el, &data("data-v")),
            // From a hit (`data-v`), or the name in the search box.
            Act::Credit => match data("data-v") {
                n if !n.is_empty() => self.show_party(n),
                _ => match self.dom.input.value().trim() {
                    "" => {
                        if let Some(p) = self.dom.start.first_element_child() {
                            p.set_text_content(Some(self.t.credit_hint));
                        }
                        focus(&self.dom.input);
                    }
                    n => self.show_party(n.to_string()),
                },
            },
            Act::Catalog => self.open_catalog(),
            Act::Back => {
                self.close_view();
                focus(&self.dom.input);
            }
            Act::AllCatalog => {
                let on = {
                    let mut st = self.st.borrow_mut();
                    st.all_catalog = !st.all_catalog;
                    st.all_catalog
                };
                self.render_facets();
                if let Ok(Some(b)) = self.dom.facet_list.query_selector("[data-act=allcat]") {
                    focus(&b);
                }
                let _ = on;
            }
        }
    }

    /// Shows a project's timeline under its hit, loading it on first use; a second click hides it.
    pub(crate) fn toggle_timeline(self: &Rc<Self>, button: &Element, code: &str) {
        let Some(ol) = button.next_element_sibling() else { return };
        let open = button.get_attribute("aria-expanded").as_deref() == Some("true");
        attr(button, "aria-expanded", if open { "false" } else { "true" });
        show(&ol, !open);
        if open || ol.child_element_count() > 0 {
            return;
        }
        self.fetch(
            api::project_url(&self.opts.endpoint, code),
            Box::new(move |w, r| match r {
                Ok(v) => w.render_timeline(&ol, &api::parse_timeline(&v)),
                Err(_) => ol.set_text_content(Some(w.t.err_server)),
            }),
        );
    }

    pub(crate) fn open(self: &Rc<Self>) {
        if let Some(d) = &self.dom.dialog {
            if !d.open() {
                let _ = d.show_modal();
            }
            focus(&self.dom.input);
            let first_open = self.st.borrow().last.is_none() && self.st.borrow().seq == 0;
            if first_open && self.opts.defaults.any() {
                self.search(false);
            }
        }
    }

    pub(crate) fn set_large(&self, on: bool) {
        let _ = self.dom.root.class_list().toggle_with_force("gk-large", on);
        attr(&self.dom.large, "aria-pressed", if on { "true" } else { "false" });
    }

    pub(crate) fn set_contrast(&self, on: bool) {
        let _ = self.dom.root.class_list().toggle_with_force("gk-hc", on);
        attr(&self.dom.contrast, "aria-pressed", if on { "true" } else { "false" });
    }

    // -----------------------------------------------------------------------------------
    // Idle reset (kiosk).

    pub(crate) fn bump_idle(&self) {
        if self.opts.idle_seconds == 0 {
            return;
        }
        let mut st = self.st.borrow_mut();
        clear_timeout(st.idle.take());
        if let Some(f) = self.idle_fn.get() {
            st.idle = set_timeout(f, (self.opts.idle_seconds.min(86_400) * 1000) as i32);
        }
    }

    /// Back to the start screen, as the next person at a kiosk expects it.
    pub(crate) fn reset(self: &Rc<Self>) {
        {
            let mut st = self.st.borrow_mut();
            st.idle = None;
            clear_timeout(st.debounce.take());
            for c in [st.search_ctrl.take(), st.suggest_ctrl.take()].into_iter().flatten() {
                c.abort();
            }
            let (meta, seq, suggest_seq) = (st.meta.take(), st.seq + 1, st.suggest_seq + 1);
            *st = State { meta, seq, suggest_seq, ..Default::default() };
            st.filters = self.opts.defaults.clone();
        }
        self.close_view();
        self.dom.input.set_value("");
        self.dom.sort.set_value("relevance");
        self.set_suggestions(Vec::new());
        self.close_listbox();
        if self.opts.mode == Mode::Kiosk {
            self.set_large(false);
            self.set_contrast(self.opts.contrast);
            let _ = self.dom.facets.remove_attribute("open");
        }
        self.show_start();
        self.render_chips();
        self.dom.scroll.set_scroll_top(0);
        if let Some(d) = &self.dom.dialog {
            d.close();
        }
        if self.opts.defaults.any() && self.opts.mode != Mode::Modal {
            self.search(false);
        }
        focus_if_kiosk(self);
        self.bump_idle();
    }

    // -----------------------------------------------------------------------------------
    // Searching.

    pub(crate) fn search(self: &Rc<Self>, append: bool) {
        let (url, seq, ctrl) = {
            let mut st = self.st.borrow_mut();
            if let Some(c) = st.search_ctrl.take() {
                c.abort();
            }
            st.seq += 1;
            if append {
                st.page += 1;
            } else {
                st.query = self.dom.input.value().trim().to_string();
                st.page = 1;
            }
            if st.query.is_empty() && !st.filters.any() && st.party.is_none() {
                drop(st);
                self.show_start();
                return;
            }
            let Ok(ctrl) = AbortController::new() else { return };
            st.search_ctrl = Some(ctrl.clone());
            st.request_at = now();
            let url = match &st.party {
                Some(p) => api::entity_url(&self.opts.endpoint, p, st.page, self.opts.size),
                None => {
                    api::search_url(&self.opts.endpoint, &st.query, &st.filters, st.by_date, st.page, self.opts.size)
                }
            };
            (url, st.seq, ctrl)
        };
        self.set_busy(true);
        let w = self.clone();
        spawn_local(async move {
            let r = w.get_json(&url, &ctrl).await;
            w.on_search(seq, append, r);
        });
    }

    pub(crate) fn retry(self: &Rc<Self>) {
        let append = self.st.borrow_mut().failed.take().unwrap_or(false);
        show(&self.dom.alert, false);
        self.search(append);
    }

    pub(crate) fn on_search(self: &Rc<Self>, seq: u32, append: bool, r: Result<JsValue, ApiError>) {
        if self.st.borrow().seq != seq {
            return;
        }
        self.st.borrow_mut().search_ctrl = None;
        self.set_busy(false);
        match r {
            Err(ApiError::Aborted) => {}
            Err(e) => self.show_error(e, append),
            Ok(v) => match SearchResult::parse(&v) {
                Some(r) => self.render(r, append),
                None => self.show_error(ApiError::BadData, append),
            },
        }
    }
}

pub(crate) fn focus_if_kiosk(w: &Widget) {
    if w.opts.mode == Mode::Kiosk {
        focus(&w.dom.input);
    }
}
