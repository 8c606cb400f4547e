//! The HTTP API's vocabulary, owned here and shared by both ends: the edge answers with these
//! names and the widget reads and sends them, so a facet is a type, not a string each side
//! spells on its own.
//!
//! The answers' full field lists are in `shared/CONTRACT.md` and the README; what both sides
//! must spell the same lives here.

#![deny(missing_docs)]
#![no_std]

/// A dimension the results are counted by (`facets` in a `/v1/search` answer) and filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    /// The record's domain (`housing`, `land`, …).
    Domain,
    /// The record's division; counts are per division and per city including its counties.
    Region,
    /// The disclosure-catalog item (`T01`–`T27`, `H01`–`H18`).
    CatalogItem,
    /// The publication year.
    Year,
}

impl Facet {
    /// Every facet, in the order the widget shows them.
    pub const ALL: [Facet; 4] = [Facet::Domain, Facet::Region, Facet::CatalogItem, Facet::Year];

    /// The facet's key in a search answer's `facets` object.
    pub const fn key(self) -> &'static str {
        match self {
            Facet::Domain => "domain",
            Facet::Region => "region",
            Facet::CatalogItem => "catalog_item",
            Facet::Year => "year",
        }
    }

    /// The request parameter that filters by it. A year is asked as a date range
    /// (`from=2024-01-01&to=2024-12-31`), so it has none.
    pub const fn param(self) -> Option<&'static str> {
        match self {
            Facet::Domain => Some("domain"),
            Facet::Region => Some("region"),
            Facet::CatalogItem => Some("catalog"),
            Facet::Year => None,
        }
    }

    /// The facet of a `facets` key.
    pub fn from_key(key: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Position in [`Facet::ALL`], for per-facet tables.
    pub const fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_parameters_are_the_contracts() {
        for f in Facet::ALL {
            assert_eq!(Facet::from_key(f.key()), Some(f));
            assert_eq!(Facet::ALL[f.index()], f);
        }
        // shared/CONTRACT.md §3: `domain=`, `region=`, `catalog=`.
        assert_eq!(Facet::CatalogItem.param(), Some("catalog"));
        assert_eq!(Facet::from_key("catalog"), None);
    }
}
