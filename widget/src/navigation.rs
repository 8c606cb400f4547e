//! Keyboard navigation: the combobox keys in the search box, arrows between results, and
//! the page-wide `/` and Ctrl+K shortcut of modal widgets.

use crate::dom::{closest_with, focus};
use crate::state::Mode;
use crate::widget::Widget;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

impl Widget {
    /// Keys in the search box, per the WAI-ARIA combobox pattern (list autocomplete).
    pub(crate) fn on_input_key(self: &Rc<Self>, e: Event) {
        let Some(k) = e.dyn_ref::<KeyboardEvent>() else { return };
        if k.is_composing() {
            return;
        }
        let (n, active) = {
            let st = self.st.borrow();
            (st.suggestions.len(), st.active)
        };
        let open = self.listbox_open();
        match k.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                if open && n > 0 {
                    match active {
                        Some(i) if i + 1 >= n => {
                            self.close_listbox();
                            self.focus_result(0);
                        }
                        Some(i) => self.set_active(Some(i + 1)),
                        None => self.set_active(Some(0)),
                    }
                } else if n > 0 && !open {
                    self.show_listbox();
                    if self.listbox_open() {
                        self.set_active(Some(0));
                    } else {
                        self.focus_result(0);
                    }
                } else {
                    self.focus_result(0);
                }
            }
            "ArrowUp" if open => {
                e.prevent_default();
                self.set_active(match active {
                    Some(0) | None => None,
                    Some(i) => Some(i - 1),
                });
            }
            "Enter" => {
                if let (true, Some(i)) = (open, active) {
                    e.prevent_default();
                    self.choose(i);
                }
            }
            "Escape" => {
                if open {
                    // Close the suggestions only (not the dialog).
                    e.prevent_default();
                    e.stop_propagation();
                    self.close_listbox();
                } else if self.opts.mode != Mode::Modal && !self.dom.input.value().is_empty() {
                    e.prevent_default();
                    self.dom.input.set_value("");
                    self.on_input();
                }
            }
            _ => {}
        }
    }

    // -----------------------------------------------------------------------------------
    // Results keyboard navigation.

    pub(crate) fn nav_items(&self) -> Vec<Element> {
        let mut v = Vec::new();
        if let Ok(list) = self.dom.results.query_selector_all("[data-nav]") {
            for i in 0..list.length() {
                if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    v.push(e);
                }
            }
        }
        v
    }

    pub(crate) fn focus_result(&self, i: usize) {
        if let Some(e) = self.nav_items().get(i) {
            focus(e);
        }
    }

    /// Arrows, Home, End and Escape between the result links.
    pub(crate) fn on_results_key(&self, e: Event) {
        let Some(k) = e.dyn_ref::<KeyboardEvent>() else { return };
        let Some((cur, _)) = closest_with(e.target(), "data-nav") else { return };
        let items = self.nav_items();
        let Some(pos) = items.iter().position(|x| x == &cur) else { return };
        match k.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                if pos + 1 < items.len() {
                    focus(&items[pos + 1]);
                }
            }
            "ArrowUp" => {
                e.prevent_default();
                if pos == 0 {
                    focus(&self.dom.input);
                } else {
                    focus(&items[pos - 1]);
                }
            }
            "Home" => {
                e.prevent_default();
                self.focus_result(0);
            }
            "End" => {
                e.prevent_default();
                self.focus_result(items.len().saturating_sub(1));
            }
            "Escape" if self.opts.mode != Mode::Modal => {
                e.prevent_default();
                focus(&self.dom.input);
            }
            _ => {}
        }
    }

    /// `/` and Ctrl+K (⌘K) anywhere on the page open the modal widget.
    pub(crate) fn on_page_key(self: &Rc<Self>, e: Event) {
        let Some(k) = e.dyn_ref::<KeyboardEvent>() else { return };
        let key = k.key();
        let hot = (key == "k" || key == "K") && (k.ctrl_key() || k.meta_key());
        let slash = key == "/" && !k.ctrl_key() && !k.meta_key() && !k.alt_key() && !typing_in(&e);
        if (hot || slash) && !k.default_prevented() {
            if let Some(d) = &self.dom.dialog {
                if !d.open() {
                    e.prevent_default();
                    self.open();
                }
            }
        }
    }
}

/// True when a key event comes from a text field (so `/` types instead of opening search).
pub(crate) fn typing_in(e: &Event) -> bool {
    let path = e.composed_path();
    let Some(first) = path.get(0).dyn_into::<Element>().ok() else { return false };
    let tag = first.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select")
        || first.dyn_ref::<web_sys::HtmlElement>().map(|h| h.is_content_editable()).unwrap_or(false)
}
