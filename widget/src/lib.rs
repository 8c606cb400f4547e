//! Gongkai (公开) search widget: Chinese full-text search of government information
//! disclosure, embeddable in any page with one script tag.
//!
//! ```html
//! <script src="https://<edge>/widget.js" data-endpoint="https://<edge>" defer></script>
//! ```
//!
//! `widget.js` (a hand-written loader, `widget/loader/widget.js`) imports the wasm-bindgen
//! module next to it and calls [`mount`] for every `[data-gongkai]` element of the page (or
//! for a new element after its script tag when there is none). Each widget lives in its own
//! open Shadow DOM; options are data attributes (see `widget/README.md`).
//!
//! Nothing here panics on bad input: network errors, HTTP errors and malformed JSON become
//! a message with a retry button.

#![deny(missing_docs)]

mod action;
mod api;
mod dom;
mod i18n;
mod keyboard;
mod navigation;
mod render;
mod state;
mod style;
mod view;
mod views;
mod widget;

use wasm_bindgen::prelude::*;

/// Mounts a widget into `host`. `script` is the loader's `<script>` element, whose data
/// attributes are defaults for the host's own. Mounting the same element twice does nothing.
#[wasm_bindgen]
pub fn mount(host: &web_sys::Element, script: Option<web_sys::Element>) -> Result<(), JsValue> {
    widget::mount(host, script.as_ref())
}

/// The widget's version (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
