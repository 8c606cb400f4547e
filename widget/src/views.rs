//! The platform's two views beside the search (issue #11), built on first use in the widget's
//! view area while the search is hidden: the credit look-up of one company or person
//! (`/v1/entity`; its records come back in the results list, newest first, under a summary with
//! the counts by kind and whether it is on a blacklist now, since when, by whom) and the catalog
//! browser (`/v1/catalog`: domain → catalog item with its count → the item's newest records,
//! shown as an ordinary search).

use crate::action::Act;
use crate::api::{self, FacetValue, Party};
use crate::dom::{add, attr, button, clear, focus, joined, show, text};
use crate::i18n::fill;
use crate::widget::Widget;
use gongkai_api::Facet;
use std::rc::Rc;
use web_sys::Element;

impl Widget {
    /// Empties the view area, gives it a heading and a way back, hides the search; returns the
    /// view element to fill.
    fn view_frame(&self, title: &str) -> Element {
        let v = &self.dom.view;
        clear(v);
        let bar = add(v, "div", "gk-vbar");
        let h = add(&bar, "h2", "gk-h");
        text(&h, title);
        button(&bar, "gk-btn", Some(Act::Back), self.t.back);
        show(&self.dom.search, false);
        show(v, true);
        self.st.borrow_mut().view_seq += 1;
        v.clone()
    }

    /// True while a view is shown instead of the search.
    pub(crate) fn view_open(&self) -> bool {
        !self.dom.view.has_attribute("hidden")
    }

    /// Back to the search as it was.
    pub(crate) fn close_view(&self) {
        if !self.view_open() {
            return;
        }
        self.st.borrow_mut().view_seq += 1;
        show(&self.dom.view, false);
        clear(&self.dom.view);
        show(&self.dom.search, true);
        self.render_facets();
    }

    /// A `role=status` line of a view, for what it is doing and what it found.
    fn view_status(&self, parent: &Element) -> Element {
        let s = add(parent, "p", "gk-status");
        attr(&s, "role", "status");
        s
    }

    // -----------------------------------------------------------------------------------
    // 信用查询: one company or person.

    /// A party's records in the results list, newest first, under its summary; a filter chip
    /// leads back to the search.
    pub(crate) fn show_party(self: &Rc<Self>, name: String) {
        self.close_view();
        let name_in_box = &name.clone();
        {
            let mut st = self.st.borrow_mut();
            st.party = Some(name);
            st.filters = Default::default();
            st.focus_results = true;
        }
        self.dom.input.set_value(name_in_box);
        self.search(false);
    }

    /// The summary of a credit look-up (in the notice above the results): whether the party is on
    /// a blacklist now, since when, by whom, until when, in words; its records per kind.
    pub(crate) fn render_party(&self, p: &Party) {
        let t = self.t;
        let out = &self.dom.notice;
        text(&add(out, "p", "gk-pname"), &p.name);
        let mut s = (if p.listed.is_some() { t.listed_yes } else { t.listed_no }).to_string();
        for (tpl, v) in [t.listed_since, t.listed_by, t.listed_until].iter().zip(p.listed.iter().flatten()) {
            if let Some(v) = v {
                s.push('，');
                s.push_str(&fill(tpl, &[v]));
            }
        }
        text(&add(out, "p", if p.listed.is_some() { "gk-tag gk-warn" } else { "gk-tag" }), &s);
        let counts: Vec<String> = (0..p.counts.len())
            .filter(|&i| p.counts[i] > 0)
            .map(|i| fill("{} {}", &[t.roles[i], &fill(t.count, &[&p.counts[i].to_string()])]))
            .collect();
        let counts: Vec<&str> = counts.iter().map(String::as_str).collect();
        text(&add(out, "p", ""), &joined(&counts, " · "));
    }

    // -----------------------------------------------------------------------------------
    // 目录管理: browse domain → catalog item → newest records.

    /// Opens the catalog view, loading the catalog with its counts on first use.
    pub(crate) fn open_catalog(self: &Rc<Self>) {
        let v = self.view_frame(self.t.catalog);
        let hint = add(&v, "p", "");
        text(&hint, self.t.catalog_hint);
        let status = self.view_status(&v);
        add(&v, "div", "gk-cat");
        if self.st.borrow().catalog.is_some() {
            self.render_catalog(true);
            return;
        }
        status.set_text_content(Some(self.t.loading));
        let seq = self.st.borrow().view_seq;
        let mut url = format!("{}/v1/catalog", self.opts.endpoint);
        if let Some(r) = &self.opts.defaults.region {
            url.push_str("?region=");
            url.push_str(r);
        }
        self.fetch(
            url,
            Box::new(move |w, r| {
                if w.st.borrow().view_seq != seq {
                    return;
                }
                match r.map(|v| api::parse_catalog(&v)) {
                    Ok(items) if !items.is_empty() => {
                        status.set_text_content(None);
                        w.st.borrow_mut().catalog = Some(items);
                        w.render_catalog(true);
                    }
                    Ok(_) => status.set_text_content(Some(w.t.err_data)),
                    Err(_) => status.set_text_content(Some(w.t.err_server)),
                }
            }),
        );
    }

    /// The domains with their record counts and, for the chosen one, its catalog items with
    /// theirs, as facet buttons (the search's facets are put away meanwhile: same ids). The focus
    /// goes to the first domain on `opening`, else to the chosen domain's first item.
    pub(crate) fn render_catalog(&self, opening: bool) {
        let Some(out) = self.dom.view.query_selector(".gk-cat").ok().flatten() else { return };
        clear(&out);
        clear(&self.dom.facet_list);
        let st = self.st.borrow();
        let Some(items) = &st.catalog else { return };
        let chosen = st.catalog_domain.as_deref();
        // Domains in catalog order, each with the sum of its items' counts.
        let mut domains: Vec<(FacetValue, u8)> = Vec::new();
        for i in items {
            match domains.iter_mut().find(|(d, _)| d.value == i.domain) {
                Some((d, _)) => d.count += i.count,
                None => domains.push((
                    FacetValue { value: i.domain.clone(), label: i.domain_label.clone(), count: i.count, parent: None },
                    0,
                )),
            }
        }
        self.facet_group(&out, Facet::Domain, self.t.f_domain, &domains, chosen, None);
        let label = domains.iter().find(|(d, _)| Some(d.value.as_str()) == chosen).map(|(d, _)| d.label.clone());
        if let Some(l) = label {
            let of_domain: Vec<(FacetValue, u8)> = items
                .iter()
                .filter(|i| Some(i.domain.as_str()) == chosen)
                .map(|i| {
                    let mut label = i.code.clone();
                    for part in [" ", &i.label, "：", i.content.as_deref().unwrap_or("")] {
                        label.push_str(part);
                    }
                    (FacetValue { value: i.code.clone(), label, count: i.count, parent: None }, 0)
                })
                .collect();
            self.facet_group(&out, Facet::CatalogItem, &fill(self.t.catalog_items, &[&l]), &of_domain, None, None);
        }
        drop(st);
        let groups = out.children();
        if let Some(f) =
            groups.item(if opening { 0 } else { 1 }).and_then(|g| g.query_selector("button").ok().flatten())
        {
            focus(&f);
        }
    }

    /// The newest records of a catalog item (in the chosen domain): the view closes and the
    /// search shows them, filtered by the item and its domain, newest first.
    pub(crate) fn browse_item(self: &Rc<Self>, code: String) {
        let domain = self.st.borrow().catalog_domain.clone();
        self.close_view();
        {
            let mut st = self.st.borrow_mut();
            st.filters = api::Filters { domain, catalog: Some(code), ..Default::default() };
            st.by_date = true;
            st.focus_results = true;
            st.party = None;
        }
        self.dom.sort.set_value("date");
        self.dom.input.set_value("");
        self.search(false);
    }
}
