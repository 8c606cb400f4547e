//! Rendering results, facets, filter chips, messages and the `gongkai:results` event.

use crate::action::Act;
use crate::api::{ApiError, FacetValue, Hit, SearchResult, Step};
use crate::dom::{add, attr, button, clear, el, focus, highlighted, joined, safe_href, show, text};
use crate::i18n::fill;
use crate::state::Mode;
use crate::widget::{now, Widget};
use gongkai_api::Facet;
use js_sys::{Object, Reflect};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// Catalog items shown before "show all".
const CATALOG_FIRST: usize = 8;

impl Widget {
    pub(crate) fn set_busy(&self, on: bool) {
        let _ = self.dom.root.class_list().toggle_with_force("gk-busy", on);
        attr(&self.dom.results, "aria-busy", if on { "true" } else { "false" });
    }

    pub(crate) fn show_error(&self, e: ApiError, append: bool) {
        let t = self.t;
        let msg = match &e {
            ApiError::Timeout => t.err_timeout.to_string(),
            ApiError::Network => t.err_network.to_string(),
            ApiError::BadData => t.err_data.to_string(),
            ApiError::Http(status, m) if *status >= 500 || m.is_empty() => format!("{}（HTTP {status}）", t.err_server),
            ApiError::Http(_, m) => format!("{} {m}", t.err_server),
            ApiError::Aborted => return,
        };
        {
            let mut st = self.st.borrow_mut();
            st.failed = Some(append);
            if append {
                st.page = st.page.saturating_sub(1).max(1);
            }
        }
        show(&self.dom.start, false);
        show(&self.dom.alert, true);
        self.dom.alert_msg.set_text_content(Some(&msg));
        if !append {
            clear(&self.dom.results);
            self.dom.status.set_text_content(None);
            show(&self.dom.pager, false);
            show(&self.dom.notice, false);
        }
    }

    pub(crate) fn show_start(&self) {
        self.set_busy(false);
        clear(&self.dom.results);
        clear(&self.dom.facet_list);
        self.dom.status.set_text_content(None);
        for e in [&self.dom.alert, &self.dom.notice, &self.dom.pager] {
            show(e, false);
        }
        if let Some(p) = self.dom.results.parent_element().and_then(|m| m.parent_element()) {
            show(&p, false);
        }
        if let Some(s) = self.dom.status.parent_element() {
            show(&s, false);
        }
        {
            let mut st = self.st.borrow_mut();
            st.last = None;
            st.shown = 0;
            st.failed = None;
        }
        self.render_chips();
        show(&self.dom.start, true);
    }

    pub(crate) fn render(self: &Rc<Self>, r: SearchResult, append: bool) {
        let t = self.t;
        show(&self.dom.alert, false);
        show(&self.dom.start, false);
        if let Some(p) = self.dom.results.parent_element().and_then(|m| m.parent_element()) {
            show(&p, true);
        }
        if let Some(s) = self.dom.status.parent_element() {
            show(&s, true);
        }
        if !append {
            clear(&self.dom.results);
        }
        let target = self.opts.link_target.clone();
        let mut first_new = None;
        for h in &r.hits {
            let li = self.hit(h, &target);
            if first_new.is_none() {
                first_new = li.query_selector("[data-nav]").ok().flatten();
            }
            let _ = self.dom.results.append_child(&li);
        }
        let (shown, total, query, input_at, request_at) = {
            let mut st = self.st.borrow_mut();
            st.shown = if append { st.shown + r.hits.len() } else { r.hits.len() };
            st.failed = None;
            (st.shown, r.total, st.query.clone(), st.input_at, st.request_at)
        };
        let n = shown.to_string();
        let tot = if r.total_estimated { fill(t.about, &[&total.to_string()]) } else { total.to_string() };
        let status = if total == 0 {
            t.none.to_string()
        } else if append {
            fill(t.page_loaded, &[&n, &tot])
        } else {
            fill(t.found, &[&tot])
        };
        self.dom.status.set_text_content(Some(&status));
        self.render_feed_link(&query);
        show(&self.dom.pager, (shown as u64) < total && !r.hits.is_empty());
        self.dom.pager_text.set_text_content(Some(&fill(t.shown, &[&n, &tot])));

        // "Did you mean" / pinyin rewrite notice, or a credit look-up's summary.
        clear(&self.dom.notice);
        if let Some(p) = &r.party {
            self.render_party(p);
        }
        if let Some(d) = &r.did_you_mean {
            text(&self.dom.notice, t.dym);
            let b = button(&self.dom.notice, "gk-btn", Some(Act::DidYouMean), d);
            attr(&b, "data-v", d);
        } else if let Some(rw) = &r.rewritten {
            text(&self.dom.notice, &fill(t.rewritten, &[rw]));
        } else if r.relaxed && total > 0 {
            text(&self.dom.notice, t.relaxed);
        }
        let relaxed = r.relaxed && total > 0;
        show(&self.dom.notice, r.did_you_mean.is_some() || r.rewritten.is_some() || r.party.is_some() || relaxed);

        let to_results = std::mem::take(&mut self.st.borrow_mut().focus_results);
        if append || to_results {
            if let Some(f) = first_new {
                focus(&f);
            }
        }
        {
            let mut st = self.st.borrow_mut();
            if append {
                if let Some(last) = st.last.as_mut() {
                    last.hits.extend(r.hits);
                }
            } else {
                st.last = Some(r);
            }
        }
        if !append {
            self.render_facets();
        }
        self.render_chips();
        self.emit(&query, total, shown, input_at, request_at);
        self.st.borrow_mut().input_at = 0.0;
    }

    /// Tells the host page that results were rendered (`gongkai:results` on the host
    /// element, `detail`: query, total, shown, ms since the keystroke, ms since the request).
    pub(crate) fn emit(&self, query: &str, total: u64, shown: usize, input_at: f64, request_at: f64) {
        let t = now();
        let detail = Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&detail, &k.into(), &v);
        };
        set("query", query.into());
        set("total", (total as f64).into());
        set("shown", (shown as f64).into());
        set("ms", (t - if input_at > 0.0 { input_at } else { request_at }).into());
        set("fetchMs", (t - request_at).into());
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_detail(&detail);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict("gongkai:results", &init) {
            let _ = self.dom.host.dispatch_event(&ev);
        }
    }

    pub(crate) fn hit(&self, h: &Hit, target: &str) -> Element {
        let t = self.t;
        let li = el("li", "gk-hit");
        let art = add(&li, "article", "");
        let h3 = add(&art, "h3", "");
        match h.url.as_deref().and_then(safe_href) {
            Some(href) => {
                let a = add(&h3, "a", "gk-link");
                attr(&a, "href", &href);
                attr(&a, "data-nav", "");
                if target == "_blank" {
                    attr(&a, "target", "_blank");
                    attr(&a, "rel", "noopener noreferrer");
                }
                highlighted(&a, &h.title, &h.title_hl);
                if target == "_blank" {
                    let s = add(&a, "span", "gk-sr");
                    text(&s, t.new_window);
                }
            }
            None => {
                let s = add(&h3, "span", "gk-nolink");
                attr(&s, "tabindex", "-1");
                attr(&s, "data-nav", "");
                highlighted(&s, &h.title, &h.title_hl);
                let sr = add(&s, "span", "gk-sr");
                text(&sr, t.no_link);
            }
        }
        if let Some(snip) = &h.snippet {
            let p = add(&art, "p", "gk-snip");
            highlighted(&p, snip, &h.snippet_hl);
        }
        if h.domain_label.is_some() || h.catalog_label.is_some() || h.late.is_some() || !h.blacklisted.is_empty() {
            let tags = add(&art, "p", "gk-tags");
            // In a credit look-up: what the record says of the party (中标, 处罚, 列入黑名单 …).
            if let Some(r) = h.role {
                text(&add(&tags, "span", "gk-tag gk-role"), t.roles[r]);
            }
            for (name, v) in [(t.f_domain, &h.domain_label), (t.f_catalog, &h.catalog_label)] {
                if let Some(v) = v {
                    let s = add(&tags, "span", "gk-tag");
                    let sr = add(&s, "span", "gk-sr");
                    text(&sr, &format!("{name}："));
                    text(&s, v);
                }
            }
            // Said in words, not only by colour: 公开时效 and 黑名单 matter to whoever reads it.
            if let Some((days, limit)) = h.late {
                let s = add(&tags, "span", "gk-tag gk-warn");
                text(&s, &fill(t.late, &[&days.to_string(), &limit.to_string()]));
            }
            if !h.blacklisted.is_empty() {
                let s = add(&tags, "span", "gk-tag gk-warn");
                let names: Vec<&str> = h.blacklisted.iter().map(String::as_str).collect();
                text(&s, &fill(t.blacklisted, &[&joined(&names, "、")]));
            }
        }
        // The companies it names, each a way into its credit record (信用查询).
        let companies: Vec<&String> = h.entities.iter().filter(|n| n.ends_with("公司")).take(3).collect();
        if !companies.is_empty() && self.opts.mode != Mode::Kiosk && self.st.borrow().party.is_none() {
            let p = add(&art, "p", "gk-ents");
            for n in companies {
                let b = button(&p, "gk-btn gk-more-f", Some(Act::Credit), &fill(t.credit_of, &[n]));
                attr(&b, "data-v", n);
            }
        }
        let dl = add(&art, "dl", "gk-meta");
        for (name, v) in [
            (t.m_region, &h.region_name),
            (t.m_publisher, &h.publisher),
            (t.m_source, &h.source),
            (t.m_date, &h.published_at),
            (t.m_code, &h.project_code),
        ] {
            if let Some(v) = v {
                let d = add(&dl, "div", "");
                let dt = add(&d, "dt", "");
                text(&dt, name);
                let dd = add(&d, "dd", "");
                text(&dd, v);
            }
        }
        if let Some((code, n)) = h.timeline.as_ref().filter(|(_, n)| *n >= 2) {
            let b = button(&art, "gk-btn gk-tl-btn", Some(Act::Timeline), &fill(t.timeline, &[&n.to_string()]));
            attr(&b, "data-v", code);
            attr(&b, "aria-expanded", "false");
            let ol = add(&art, "ol", "gk-tl");
            show(&ol, false);
        }
        li
    }

    /// Fills a hit's timeline list (the `ol` after its button) with a project's records.
    pub(crate) fn render_timeline(&self, ol: &Element, steps: &[Step]) {
        clear(ol);
        for s in steps {
            let li = add(ol, "li", "");
            let head: Vec<&str> = [s.stage.as_deref(), s.published_at.as_deref()].into_iter().flatten().collect();
            if !head.is_empty() {
                let b = add(&li, "span", "gk-tl-when");
                text(&b, &(joined(&head, " · ") + " "));
            }
            match s.url.as_deref().and_then(safe_href) {
                Some(href) => {
                    let a = add(&li, "a", "");
                    attr(&a, "href", &href);
                    text(&a, &s.title);
                }
                None => text(&li, &s.title),
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Facets, chips, browse buttons.

    pub(crate) fn label(&self, facet: Facet, value: &str) -> String {
        let st = self.st.borrow();
        if facet == Facet::Year {
            return fill(self.t.year, &[value]);
        }
        if let Some(r) = &st.last {
            let list = match facet {
                Facet::Domain => &r.domain,
                Facet::Region => &r.region,
                Facet::CatalogItem => &r.catalog,
                Facet::Year => &r.year,
            };
            if let Some(f) = list.iter().find(|f| f.value == value) {
                return f.label.clone();
            }
        }
        st.meta.as_ref().and_then(|m| m.label(facet, value)).unwrap_or_else(|| value.to_string())
    }

    pub(crate) fn render_facets(&self) {
        let fl = &self.dom.facet_list;
        clear(fl);
        let st = self.st.borrow();
        let Some(r) = &st.last else { return };
        let t = self.t;
        let f = &st.filters;
        let flat = |v: &[FacetValue]| v.iter().map(|x| (x.clone(), 0u8)).collect::<Vec<_>>();
        self.facet_group(fl, Facet::Domain, t.f_domain, &flat(&r.domain), f.get(Facet::Domain), None);
        // Regions: cities, and the counties of the selected city.
        let sel = f.get(Facet::Region);
        let values: Vec<&str> = r.region.iter().map(|x| x.value.as_str()).collect();
        let is_top = |x: &FacetValue| match x.parent.as_deref() {
            None | Some("320000") | Some("") => true,
            Some(p) => !values.contains(&p),
        };
        let mut regions = Vec::new();
        for top in r.region.iter().filter(|x| is_top(x)) {
            regions.push((top.clone(), 0u8));
            let sel_parent = sel.and_then(|s| r.region.iter().find(|x| x.value == s)).and_then(|x| x.parent.clone());
            if sel == Some(top.value.as_str()) || sel_parent.as_deref() == Some(top.value.as_str()) {
                for c in r.region.iter().filter(|x| x.parent.as_deref() == Some(top.value.as_str())) {
                    regions.push((c.clone(), 1));
                }
            }
        }
        self.facet_group(fl, Facet::Region, t.f_region, &regions, sel, None);
        let cat = flat(&r.catalog);
        let limit = if st.all_catalog || cat.len() <= CATALOG_FIRST + 1 { None } else { Some(CATALOG_FIRST) };
        self.facet_group(
            fl,
            Facet::CatalogItem,
            t.f_catalog,
            &cat,
            f.get(Facet::CatalogItem),
            limit.map(|l| (l, st.all_catalog)),
        );
        if st.all_catalog && cat.len() > CATALOG_FIRST + 1 {
            // "Show fewer" after the full list.
            if let Ok(Some(g)) = fl.query_selector("[data-facet=catalog_item]") {
                button(&g, "gk-btn gk-more-f", Some(Act::AllCatalog), t.show_less);
            }
        }
        let mut years = r.year.clone();
        crate::dom::sort_small(&mut years, |a, b| a.value < b.value);
        let years: Vec<_> = years
            .into_iter()
            .map(|mut y| {
                y.label = fill(t.year, &[&y.value]);
                (y, 0u8)
            })
            .collect();
        self.facet_group(fl, Facet::Year, t.f_year, &years, f.get(Facet::Year), None);
    }

    pub(crate) fn facet_group(
        &self,
        parent: &Element,
        facet: Facet,
        title: &str,
        values: &[(FacetValue, u8)],
        selected: Option<&str>,
        limit: Option<(usize, bool)>,
    ) {
        if values.is_empty() {
            return;
        }
        let key = facet.key();
        let g = add(parent, "div", "gk-fg");
        attr(&g, "role", "group");
        attr(&g, "data-facet", key);
        let hid = format!("{}-fh-{key}", self.id);
        attr(&g, "aria-labelledby", &hid);
        // A group label, not a heading: result titles are the widget's headings (h3 under
        // the visually hidden h2 "搜索结果"), so heading order holds on any page.
        let h = add(&g, "p", "gk-fgh");
        attr(&h, "id", &hid);
        text(&h, title);
        let ul = add(&g, "ul", "");
        let max = limit.map(|l| l.0).unwrap_or(usize::MAX);
        for (i, (v, depth)) in values.iter().enumerate() {
            let on = selected == Some(v.value.as_str());
            if i >= max && !on {
                continue;
            }
            let li = add(&ul, "li", if *depth > 0 { "gk-sub" } else { "" });
            let b = button(&li, "gk-fv", Some(Act::Facet), "");
            attr(&b, "data-f", key);
            attr(&b, "data-v", &v.value);
            attr(&b, "aria-pressed", if on { "true" } else { "false" });
            let l = add(&b, "span", "");
            text(&l, &v.label);
            let c = add(&b, "span", "gk-n");
            text(&c, &fill(self.t.count, &[&v.count.to_string()]));
        }
        if let Some((l, false)) = limit {
            if values.len() > l {
                button(
                    &g,
                    "gk-btn gk-more-f",
                    Some(Act::AllCatalog),
                    &format!("{}（{}）", self.t.show_all, values.len()),
                );
            }
        }
    }

    /// The link that subscribes to the current search as an Atom feed (精准推送), beside the
    /// result count.
    pub(crate) fn render_feed_link(&self, query: &str) {
        // A kiosk has no feed reader: nothing to subscribe with there.
        if self.opts.mode == Mode::Kiosk {
            return;
        }
        let Some(summary) = self.dom.status.parent_element() else { return };
        let a = match summary.query_selector(".gk-feed").ok().flatten() {
            Some(a) => a,
            None => {
                let a = el("a", "gk-feed");
                let _ = summary.insert_before(&a, self.dom.status.next_sibling().as_ref());
                a
            }
        };
        let filters = self.st.borrow().filters.clone();
        attr(&a, "href", &crate::api::feed_url(&self.opts.endpoint, query, &filters));
        attr(&a, "type", "application/atom+xml");
        a.set_text_content(Some(self.t.feed));
    }

    pub(crate) fn render_chips(&self) {
        let c = &self.dom.chips;
        clear(c);
        let filters = self.st.borrow().filters.clone();
        let t = self.t;
        let mut n = 0;
        for (facet, name) in [
            (Facet::Domain, t.f_domain),
            (Facet::Region, t.f_region),
            (Facet::CatalogItem, t.f_catalog),
            (Facet::Year, t.f_year),
        ] {
            if let Some(v) = filters.get(facet) {
                let b = button(c, "gk-chip", Some(Act::Unfilter), "");
                attr(&b, "data-f", facet.key());
                let sr = add(&b, "span", "gk-sr");
                text(&sr, t.remove_filter);
                text(&b, &format!("{name}：{}", self.label(facet, v)));
                n += 1;
            }
        }
        if let Some(p) = self.st.borrow().party.clone() {
            let b = button(c, "gk-chip", Some(Act::Unfilter), "");
            attr(&b, "data-f", "party");
            text(&add(&b, "span", "gk-sr"), t.remove_filter);
            text(&b, &format!("{}：{p}", t.credit_title));
            n += 1;
        }
        if n > 1 {
            button(c, "gk-btn gk-more-f", Some(Act::ClearFilters), t.clear_filters);
        }
        show(c, n > 0);
    }

    pub(crate) fn render_browse(&self) {
        if self.opts.mode != Mode::Kiosk {
            return;
        }
        let b = &self.dom.browse;
        clear(b);
        let st = self.st.borrow();
        let Some(m) = &st.meta else { return };
        for d in &m.domains {
            let x = button(b, "gk-btn", Some(Act::Browse), &d.label);
            attr(&x, "data-v", &d.value);
        }
        show(b, !m.domains.is_empty());
    }
}
