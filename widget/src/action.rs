//! What a click asks the widget to do: every button carries one [`Act`] in its `data-act`
//! attribute, written and read through this one table, so a button and its handler cannot
//! disagree on a name.

/// A widget action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Larger text on or off.
    Large,
    /// High contrast on or off.
    Contrast,
    /// Open the search dialog (modal mode).
    Open,
    /// Close the search dialog.
    Close,
    /// Empty the search box.
    Clear,
    /// Search now (the kiosk keyboard's 搜索 key).
    Go,
    /// Try the failed request again.
    Retry,
    /// Load the next page.
    More,
    /// Choose a suggestion (`data-i`: its position).
    Opt,
    /// Search the "did you mean" text (`data-v`).
    DidYouMean,
    /// Toggle a facet value (`data-f`: the facet's key, `data-v`: the value).
    Facet,
    /// Browse a domain without typing (`data-v`: the domain).
    Browse,
    /// Remove one filter (`data-f`).
    Unfilter,
    /// Remove every filter.
    ClearFilters,
    /// Show all catalog items, or fewer.
    AllCatalog,
    /// Show or hide a project's timeline under its hit (`data-v`: the project code).
    Timeline,
    /// Open the credit look-up (`data-v`: a name to look up at once, from a hit).
    Credit,
    /// Open the catalog view.
    Catalog,
    /// Close a view, back to the search.
    Back,
}

impl Act {
    const NAMES: [(Act, &'static str); 19] = [
        (Act::Large, "large"),
        (Act::Contrast, "contrast"),
        (Act::Open, "open"),
        (Act::Close, "close"),
        (Act::Clear, "clear"),
        (Act::Go, "go"),
        (Act::Retry, "retry"),
        (Act::More, "more"),
        (Act::Opt, "opt"),
        (Act::DidYouMean, "dym"),
        (Act::Facet, "facet"),
        (Act::Browse, "browse"),
        (Act::Unfilter, "unfilter"),
        (Act::ClearFilters, "clearf"),
        (Act::AllCatalog, "allcat"),
        (Act::Timeline, "timeline"),
        (Act::Credit, "credit"),
        (Act::Catalog, "catalog"),
        (Act::Back, "back"),
    ];

    /// The `data-act` value.
    pub fn as_str(self) -> &'static str {
        Act::NAMES.iter().find(|(a, _)| *a == self).map(|(_, n)| *n).unwrap_or("")
    }

    /// The action of a `data-act` value.
    pub fn parse(name: &str) -> Option<Act> {
        Act::NAMES.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_distinct_name() {
        for (a, n) in Act::NAMES {
            assert_eq!(Act::parse(n), Some(a));
            assert_eq!(a.as_str(), n);
        }
        assert_eq!(Act::parse("nothing"), None);
    }
}
