//! The widget's DOM skeleton, built once per mount with DOM calls (no HTML parsing, so a
//! Trusted Types CSP is fine).

use crate::action::Act;
use crate::dom::{add, attr, button, el, show, text};
use crate::i18n::Strings;
use crate::keyboard;
use crate::state::{Mode, Options};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDialogElement, HtmlInputElement, HtmlSelectElement, ShadowRoot};

/// Element handles, fixed after mounting.
pub(crate) struct Dom {
    pub(crate) host: Element,
    pub(crate) shadow: ShadowRoot,
    pub(crate) root: Element,
    pub(crate) dialog: Option<HtmlDialogElement>,
    pub(crate) opener: Option<Element>,
    pub(crate) input: HtmlInputElement,
    pub(crate) listbox: Element,
    pub(crate) scroll: Element,
    /// What the search shows (start screen, messages, results), hidden while a view is open.
    pub(crate) search: Element,
    /// The credit look-up or catalog view, built on first use (`views.rs`).
    pub(crate) view: Element,
    pub(crate) start: Element,
    pub(crate) browse: Element,
    pub(crate) notice: Element,
    pub(crate) alert: Element,
    pub(crate) alert_msg: Element,
    pub(crate) chips: Element,
    pub(crate) status: Element,
    pub(crate) sort: HtmlSelectElement,
    pub(crate) facets: Element,
    pub(crate) facet_list: Element,
    pub(crate) results: Element,
    pub(crate) pager: Element,
    pub(crate) pager_text: Element,
    pub(crate) large: Element,
    pub(crate) contrast: Element,
}

pub(crate) fn build(host: Element, shadow: ShadowRoot, o: &Options, t: &'static Strings, id: &str, n: u32) -> Dom {
    let root = el("div", "gk");
    attr(&root, "lang", t.lang);
    let _ = shadow.append_child(&root);
    let kiosk = o.mode == Mode::Kiosk;
    match o.mode {
        Mode::Kiosk => root.class_list().add_1("gk-kiosk").ok(),
        Mode::Modal => root.class_list().add_1("gk-modal").ok(),
        Mode::Inline => root.class_list().add_1("gk-inline").ok(),
    };
    let label =
        o.label.clone().unwrap_or_else(|| if n > 1 { format!("{}（{n}）", t.label) } else { t.label.to_string() });

    // Modal: an opener button and a dialog that holds the panel.
    let (dialog, opener, container) = if o.mode == Mode::Modal {
        let b = button(&root, "gk-open", Some(Act::Open), "");
        attr(&b, "aria-haspopup", "dialog");
        let icon = add(&b, "span", "gk-ico");
        attr(&icon, "aria-hidden", "true");
        text(&b, t.open);
        if o.hotkey {
            let k = add(&b, "kbd", "");
            attr(&k, "aria-hidden", "true");
            text(&k, "/");
            attr(&b, "aria-keyshortcuts", "/ Control+K");
            attr(&b, "title", t.hotkey_hint);
        }
        let d = add(&root, "dialog", "gk-dialog");
        attr(&d, "aria-labelledby", &format!("{id}-h"));
        (d.clone().dyn_into::<HtmlDialogElement>().ok(), Some(b), d)
    } else {
        (None, None, root.clone())
    };
    let panel = add(&container, "div", "gk-panel");

    // Tool bar: title (kiosk, modal), large text, high contrast, close (modal).
    // Inline, the bar holds the search box's label; kiosk and modal show a heading there
    // (the label, which says the same, is then only for screen readers).
    let bar = add(&panel, "div", "gk-bar");
    let lab = el("label", if o.mode == Mode::Inline { "gk-label gk-h" } else { "gk-sr" });
    attr(&lab, "for", &format!("{id}-q"));
    text(&lab, &label);
    if o.mode == Mode::Inline {
        let _ = bar.append_child(&lab);
    } else {
        let title = add(&bar, "h2", "gk-h");
        attr(&title, "id", &format!("{id}-h"));
        text(&title, if kiosk { t.kiosk_title } else { &label });
    }
    // The disclosure catalog, browsed without typing.
    button(&bar, "gk-tool", Some(Act::Catalog), t.catalog);
    let large = button(&bar, "gk-tool", Some(Act::Large), t.large);
    attr(&large, "aria-pressed", "false");
    let contrast = button(&bar, "gk-tool", Some(Act::Contrast), t.contrast);
    attr(&contrast, "aria-pressed", "false");
    if o.mode == Mode::Modal {
        let c = button(&bar, "gk-btn", Some(Act::Close), "✕");
        attr(&c, "aria-label", t.close);
    }

    // The search form with the combobox.
    let form = add(&panel, "form", "gk-form");
    attr(&form, "role", "search");
    attr(&form, "aria-label", &label);
    attr(&form, "id", &format!("{id}-f"));
    if o.mode != Mode::Inline {
        let _ = form.append_child(&lab);
    }
    let combo = add(&form, "div", "gk-combo");
    let input = add(&combo, "input", "gk-input");
    for (k, v) in [
        ("id", format!("{id}-q")),
        ("type", "text".into()),
        ("role", "combobox".into()),
        ("aria-autocomplete", "list".into()),
        ("aria-expanded", "false".into()),
        ("aria-controls", format!("{id}-lb")),
        ("autocomplete", "off".into()),
        ("autocapitalize", "off".into()),
        ("spellcheck", "false".into()),
        ("enterkeyhint", "search".into()),
        ("maxlength", "100".into()),
        (
            "placeholder",
            o.placeholder.clone().unwrap_or_else(|| (if kiosk { t.placeholder_kiosk } else { t.placeholder }).into()),
        ),
    ] {
        attr(&input, k, &v);
    }
    if kiosk {
        // The on-screen keyboard types; keep the device's own keyboard away.
        attr(&input, "inputmode", "none");
    }
    let clr = button(&combo, "gk-btn", Some(Act::Clear), "✕");
    attr(&clr, "aria-label", t.clear);
    let go = add(&combo, "button", "gk-btn gk-btn-primary");
    attr(&go, "type", "submit");
    text(&go, t.search);
    // The credit record of the company named in the box (信用查询).
    if !kiosk {
        button(&combo, "gk-btn gk-cred", Some(Act::Credit), t.credit);
    }
    let listbox = add(&combo, "ul", "gk-lb");
    attr(&listbox, "id", &format!("{id}-lb"));
    attr(&listbox, "role", "listbox");
    attr(&listbox, "aria-label", t.suggestions);
    show(&listbox, false);

    let scroll = add(&panel, "div", "gk-scroll");
    let view = add(&scroll, "div", "gk-view");
    show(&view, false);
    let search = add(&scroll, "div", "gk-search");
    let start = add(&search, "div", "gk-start");
    let hint = add(&start, "p", "");
    attr(&hint, "aria-live", "polite");
    text(&hint, if kiosk { t.kiosk_hint } else { t.start_hint });
    let browse = add(&start, "div", "gk-browse");
    attr(&browse, "role", "group");
    attr(&browse, "aria-label", t.browse);
    show(&browse, false);

    let alert = add(&search, "div", "gk-alert");
    let alert_msg = add(&alert, "p", "");
    attr(&alert_msg, "role", "alert");
    button(&alert, "gk-btn gk-btn-primary", Some(Act::Retry), t.retry);
    show(&alert, false);
    let notice = add(&search, "div", "gk-notice");
    show(&notice, false);
    let chips = add(&search, "div", "gk-chips");
    show(&chips, false);

    let summary = add(&search, "div", "gk-summary");
    let status = add(&summary, "p", "gk-status");
    attr(&status, "role", "status");
    let sort_label = add(&summary, "label", "");
    text(&sort_label, t.sort);
    text(&sort_label, " ");
    let sort = add(&sort_label, "select", "gk-sel");
    for (v, l) in [("relevance", t.sort_relevance), ("date", t.sort_date)] {
        let opt = add(&sort, "option", "");
        attr(&opt, "value", v);
        text(&opt, l);
    }

    let body = add(&search, "div", "gk-body");
    let facets = add(&body, "details", "gk-facets");
    let sum = add(&facets, "summary", "gk-sum");
    text(&sum, t.filters);
    let facet_list = add(&facets, "div", "");
    let main = add(&body, "div", "gk-main");
    let rh = add(&main, "h2", "gk-sr");
    text(&rh, t.results);
    attr(&rh, "id", &format!("{id}-rh"));
    let results = add(&main, "ol", "gk-results");
    attr(&results, "aria-labelledby", &format!("{id}-rh"));
    let pager = add(&main, "div", "gk-pager");
    let pager_text = add(&pager, "p", "");
    button(&pager, "gk-btn", Some(Act::More), t.more);
    show(&pager, false);
    show(&summary, false);
    show(&body, false);

    if kiosk {
        keyboard::build(&panel, t);
    }

    Dom {
        host,
        shadow,
        root,
        dialog,
        opener,
        input: input.unchecked_into(),
        listbox,
        scroll,
        search,
        view,
        start,
        browse,
        notice,
        alert,
        alert_msg,
        chips,
        status,
        sort: sort.unchecked_into(),
        facets,
        facet_list,
        results,
        pager,
        pager_text,
        large,
        contrast,
    }
}
