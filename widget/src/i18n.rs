//! User-facing strings, in Simplified Chinese (the default) and English.
//!
//! Labels that come from the index (domain, region and catalog names) are shown as the edge
//! sends them; only the widget's own chrome is translated here.

/// Every string the widget shows or announces. `{}` marks where a value is inserted
/// (see [`fill`]).
pub struct Strings {
    /// `lang` attribute of the widget's root.
    pub lang: &'static str,
    /// Accessible name of the search landmark and visible label of the box.
    pub label: &'static str,
    /// Placeholder of the search box.
    pub placeholder: &'static str,
    /// Placeholder in kiosk mode (the on-screen keyboard types pinyin).
    pub placeholder_kiosk: &'static str,
    pub search: &'static str,
    pub clear: &'static str,
    pub suggestions: &'static str,
    pub large: &'static str,
    pub contrast: &'static str,
    pub open: &'static str,
    pub hotkey_hint: &'static str,
    pub close: &'static str,
    pub results: &'static str,
    pub found: &'static str,
    /// A total the edge estimated (a query matching more records than its match budget).
    pub about: &'static str,
    pub none: &'static str,
    pub more: &'static str,
    pub shown: &'static str,
    pub page_loaded: &'static str,
    pub err_network: &'static str,
    pub err_timeout: &'static str,
    pub err_server: &'static str,
    pub err_data: &'static str,
    pub err_config: &'static str,
    pub retry: &'static str,
    pub dym: &'static str,
    pub rewritten: &'static str,
    /// Said above results that match only part of the query (the edge relaxed it).
    pub relaxed: &'static str,
    pub sort: &'static str,
    pub sort_relevance: &'static str,
    pub sort_date: &'static str,
    pub filters: &'static str,
    pub f_domain: &'static str,
    pub f_region: &'static str,
    pub f_catalog: &'static str,
    pub f_year: &'static str,
    pub year: &'static str,
    pub remove_filter: &'static str,
    pub clear_filters: &'static str,
    pub show_all: &'static str,
    pub show_less: &'static str,
    pub m_region: &'static str,
    pub m_publisher: &'static str,
    pub m_source: &'static str,
    pub m_date: &'static str,
    pub m_code: &'static str,
    pub new_window: &'static str,
    pub no_link: &'static str,
    pub start_hint: &'static str,
    pub kiosk_title: &'static str,
    pub kiosk_hint: &'static str,
    pub browse: &'static str,
    pub keyboard: &'static str,
    pub backspace: &'static str,
    pub space: &'static str,
    pub kb_clear: &'static str,
    pub count: &'static str,
    /// A late publication, in words: working days taken, then the limit.
    pub late: &'static str,
    /// A hit naming a blacklisted party: the names.
    pub blacklisted: &'static str,
    /// The button showing a project's timeline: the number of its records.
    pub timeline: &'static str,
    /// The link subscribing to the current search (an Atom feed).
    pub feed: &'static str,
    /// The credit look-up (信用查询): its button, its chip's name, what to do first.
    pub credit: &'static str,
    pub credit_title: &'static str,
    pub credit_hint: &'static str,
    /// On a blacklist now / not now; since, by whom, until.
    pub listed_yes: &'static str,
    pub listed_no: &'static str,
    pub listed_since: &'static str,
    pub listed_by: &'static str,
    pub listed_until: &'static str,
    /// A hit's button opening the look-up of a party it names.
    pub credit_of: &'static str,
    /// Role labels, in `api::ROLES` order.
    pub roles: [&'static str; 9],
    /// The catalog view (目录管理): opener and title, hint, the items heading.
    pub catalog: &'static str,
    pub catalog_hint: &'static str,
    pub catalog_items: &'static str,
    /// Back from a view to the search.
    pub back: &'static str,
    pub loading: &'static str,
}

/// Chinese (zh-CN), the default.
pub static ZH: Strings = Strings {
    lang: "zh-CN",
    label: "搜索政府信息公开",
    placeholder: "输入关键词，如：公租房、苏州 土地出让",
    placeholder_kiosk: "请用下方键盘输入拼音，如 gongzufang",
    search: "搜索",
    clear: "清空搜索框",
    suggestions: "搜索建议",
    large: "大字",
    contrast: "高对比度",
    open: "搜索政府信息",
    hotkey_hint: "快捷键 / 或 Ctrl+K",
    close: "关闭搜索",
    results: "搜索结果",
    found: "找到 {} 条结果",
    about: "约 {}",
    none: "没有找到相关信息。请换个关键词，或减少筛选条件。",
    more: "加载更多",
    shown: "已显示 {} 条，共 {} 条",
    page_loaded: "已加载更多结果，当前显示 {} 条，共 {} 条",
    err_network: "无法连接到搜索服务，请检查网络后重试。",
    err_timeout: "搜索服务响应超时，请稍后重试。",
    err_server: "搜索服务暂时出错，请稍后重试。",
    err_data: "搜索服务返回的数据无法识别，请稍后重试。",
    err_config: "搜索组件配置有误：data-endpoint 必须是 http(s) 地址。",
    retry: "重试",
    dym: "您是不是要找：",
    rewritten: "已按“{}”搜索",
    relaxed: "没有同时符合全部检索条件的结果，以下结果只符合其中一部分",
    sort: "排序",
    sort_relevance: "按相关度",
    sort_date: "按发布日期（最新在前）",
    filters: "筛选条件",
    f_domain: "领域",
    f_region: "地区",
    f_catalog: "信息类别",
    f_year: "时间",
    year: "{}年",
    remove_filter: "移除筛选条件：",
    clear_filters: "清除全部筛选",
    show_all: "显示全部",
    show_less: "收起",
    m_region: "地区",
    m_publisher: "公开主体",
    m_source: "信息来源",
    m_date: "发布日期",
    m_code: "编号",
    new_window: "（在新窗口打开）",
    no_link: "（无原文链接）",
    start_hint: "输入关键词即可搜索，支持汉字和拼音（如 gongzufang）。",
    kiosk_title: "政府信息公开查询",
    kiosk_hint: "请点击下方拼音键盘输入，例如输入 gongzufang 查询公租房信息。",
    browse: "按领域浏览",
    keyboard: "拼音键盘",
    backspace: "删除",
    space: "空格",
    kb_clear: "清空",
    count: "{} 条",
    late: "逾期公开：用时 {} 个工作日，时限 {} 个工作日",
    blacklisted: "列入失信黑名单：{}",
    timeline: "项目进度（{} 条）",
    feed: "订阅此搜索（Atom）",
    credit: "查企业信用",
    credit_title: "企业信用查询",
    credit_hint: "请先在搜索框输入企业名称（全称或去掉“有限公司”）。",
    listed_yes: "失信黑名单：在列",
    listed_no: "失信黑名单：未列入",
    listed_since: "自 {} 起",
    listed_by: "列入单位：{}",
    listed_until: "期限至 {}",
    credit_of: "查信用：{}",
    roles: ["投标", "中标候选人", "中标", "合同", "守信激励", "处罚", "列入黑名单", "信用修复", "其他"],
    catalog: "按目录浏览",
    catalog_hint: "选择领域和信息类别，查看最新公开的信息。",
    catalog_items: "{}：信息类别",
    back: "返回搜索",
    loading: "正在查询…",
};

/// English.
pub static EN: Strings = Strings {
    lang: "en",
    label: "Search government information",
    placeholder: "Keywords, e.g. 公租房 or gongzufang",
    placeholder_kiosk: "Type pinyin with the keyboard below, e.g. gongzufang",
    search: "Search",
    clear: "Clear search",
    suggestions: "Suggestions",
    large: "Large text",
    contrast: "High contrast",
    open: "Search government information",
    hotkey_hint: "Shortcut / or Ctrl+K",
    close: "Close search",
    results: "Search results",
    found: "{} results",
    about: "about {}",
    none: "Nothing found. Try other keywords or fewer filters.",
    more: "Load more",
    shown: "Showing {} of {}",
    page_loaded: "More results loaded, showing {} of {}",
    err_network: "Cannot reach the search service. Check your connection and retry.",
    err_timeout: "The search service is taking too long. Please retry.",
    err_server: "The search service had an error. Please retry later.",
    err_data: "The search service sent data the widget cannot read. Please retry later.",
    err_config: "Widget misconfigured: data-endpoint must be an http(s) URL.",
    retry: "Retry",
    dym: "Did you mean: ",
    rewritten: "Showing results for “{}”",
    relaxed: "Nothing matches every word of the search; these results match only some of it",
    sort: "Sort",
    sort_relevance: "Relevance",
    sort_date: "Newest first",
    filters: "Filters",
    f_domain: "Domain",
    f_region: "Region",
    f_catalog: "Category",
    f_year: "Year",
    year: "{}",
    remove_filter: "Remove filter: ",
    clear_filters: "Clear all filters",
    show_all: "Show all",
    show_less: "Show fewer",
    m_region: "Region",
    m_publisher: "Publisher",
    m_source: "Source",
    m_date: "Published",
    m_code: "Reference",
    new_window: " (opens in a new window)",
    no_link: " (no link to the original)",
    start_hint: "Type to search; Chinese characters and pinyin (e.g. gongzufang) both work.",
    kiosk_title: "Government information",
    kiosk_hint: "Tap the pinyin keyboard below, e.g. gongzufang for public rental housing.",
    browse: "Browse by domain",
    keyboard: "Pinyin keyboard",
    backspace: "Delete",
    space: "Space",
    kb_clear: "Clear",
    count: "{}",
    late: "Published late: {} working days, limit {}",
    blacklisted: "Blacklisted party: {}",
    timeline: "Project timeline ({} records)",
    feed: "Subscribe to this search (Atom)",
    credit: "Company credit",
    credit_title: "Company credit look-up",
    credit_hint: "Type a company name in the box first.",
    listed_yes: "Blacklisted now",
    listed_no: "Not blacklisted now",
    listed_since: "since {}",
    listed_by: "listed by {}",
    listed_until: "until {}",
    credit_of: "Credit of {}",
    roles: ["Bid", "Candidate", "Won", "Contract", "Reward", "Penalty", "Blacklisted", "Delisted", "Other"],
    catalog: "Browse the catalog",
    catalog_hint: "Choose a domain and a category.",
    catalog_items: "{}: categories",
    back: "Back to search",
    loading: "Looking up…",
};

/// The strings for a `data-lang` value: `en…` gives English, anything else Chinese.
pub fn strings(lang: &str) -> &'static Strings {
    if lang.to_ascii_lowercase().starts_with("en") {
        &EN
    } else {
        &ZH
    }
}

/// Replaces each `{}` in `template` with the next of `args`, in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut i = 0;
    // A byte scan, not `split("{}")`: the substring searcher costs kilobytes of wasm.
    while let Some(p) = rest.as_bytes().windows(2).position(|w| w == b"{}") {
        // `get`, not indexing: `{` is ASCII, so these are char boundaries, and the panic path
        // of str indexing (its message formatting) costs kilobytes of wasm.
        out.push_str(rest.get(..p).unwrap_or(""));
        out.push_str(args.get(i).copied().unwrap_or(""));
        i += 1;
        rest = rest.get(p + 2..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_inserts_in_order() {
        assert_eq!(fill("已显示 {} 条，共 {} 条", &["10", "123"]), "已显示 10 条，共 123 条");
        assert_eq!(fill("{}年", &["2026"]), "2026年");
        assert_eq!(fill("no args {}", &[]), "no args ");
    }

    #[test]
    fn language_choice() {
        assert_eq!(strings("en-GB").lang, "en");
        assert_eq!(strings("zh-CN").lang, "zh-CN");
        assert_eq!(strings("").lang, "zh-CN");
    }
}
