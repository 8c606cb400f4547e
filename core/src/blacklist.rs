//! The blacklist (黑名单): the listing and removal notices (信用修复, 移出) of every party, as the
//! builder writes them into the bundle ([`crate::bundle::BLACKLIST_PATH`]) and an edge reads
//! them back, so that no edge has to scan the index for them.
//!
//! A bundle holds the notices, not a verdict: whether a party is on the blacklist *now* depends
//! on the day ([`Listing::in_force`]), as listing periods run out.

use crate::process::Role;
use crate::record::Record;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// One blacklist listing of a party: published when, by whom, in force until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Publication date of the listing (days since the epoch).
    pub since: i64,
    /// The last day the listing is in force, as its notice says (`None`: until removed).
    pub until: Option<i64>,
    /// The publisher of the listing.
    pub by: Option<String>,
}

/// A party's blacklist listings after its latest removal, whether or not their periods have
/// run out: [`Listing::in_force`] judges them on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    /// The listings, oldest first.
    pub periods: Vec<Period>,
}

/// A party on a blacklist on a given day: since when, by whom, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InForce {
    /// Publication date of the earliest listing in force (days since the epoch).
    pub since: i64,
    /// Its publisher.
    pub by: Option<String>,
    /// The last day of the listing that runs longest (`None`: one of them runs until removed).
    pub until: Option<i64>,
}

impl Listing {
    /// The listing of one party from its notices (in any order): the listings published after
    /// its latest removal, oldest first (ties by ordinal).
    pub fn from_notices<'a>(notices: impl IntoIterator<Item = &'a Notice>) -> Listing {
        let notices: Vec<&Notice> = notices.into_iter().collect();
        let last_removed = notices.iter().filter(|n| n.removal).map(|n| n.published).max();
        let mut listed: Vec<&&Notice> =
            notices.iter().filter(|n| !n.removal && last_removed.is_none_or(|r| n.published > r)).collect();
        listed.sort_by_key(|n| (n.published, n.ord));
        Listing {
            periods: listed.into_iter().map(|n| Period { since: n.published, until: n.until, by: n.by.clone() }).collect(),
        }
    }

    /// The listings in force on `today` (days since the epoch): published by then and not
    /// past the end of their period.
    pub fn in_force(&self, today: i64) -> Option<InForce> {
        let live: Vec<&Period> =
            self.periods.iter().filter(|p| p.since <= today && p.until.is_none_or(|u| u >= today)).collect();
        let first = live.iter().min_by_key(|p| p.since)?;
        let until =
            if live.iter().any(|p| p.until.is_none()) { None } else { live.iter().filter_map(|p| p.until).max() };
        Some(InForce { since: first.since, by: first.by.clone(), until })
    }
}

/// One blacklist or removal notice: a record whose role ([`crate::process::role`]) is
/// [`Role::Blacklist`] or [`Role::Delisted`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The record's ordinal in the bundle.
    pub ord: u64,
    /// Its publication date (days since the epoch).
    pub published: i64,
    /// A removal (信用修复, 移出), not a listing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removal: bool,
    /// A listing's last day in force ([`crate::process::listing_until`]; days since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<i64>,
    /// The record's publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The parties it names ([`crate::entities::of_record`]), each as its whole-name key
    /// ([`crate::entities::normalize`]).
    pub parties: Vec<String>,
}

impl Notice {
    /// The notice a record is, if it is a listing or a removal.
    pub fn of_record(ord: u64, record: &Record) -> Option<Notice> {
        Notice::of_analysed(ord, record, crate::process::role(record), &crate::entities::of_record(record))
    }

    /// The notice a record is, from its role ([`crate::process::role`]) and parties
    /// ([`crate::entities::of_record`]) already found (the builder finds them for the index).
    pub fn of_analysed(ord: u64, record: &Record, role: Role, parties: &[String]) -> Option<Notice> {
        let removal = match role {
            Role::Blacklist => false,
            Role::Delisted => true,
            _ => return None,
        };
        let mut parties: Vec<String> = parties.iter().map(|p| crate::entities::normalize(p)).collect();
        parties.sort();
        parties.dedup();
        Some(Notice {
            ord,
            published: crate::schema::days_since_epoch(record.published_at),
            removal,
            until: if removal {
                None
            } else {
                crate::process::listing_until(record).map(crate::schema::days_since_epoch)
            },
            by: record.publisher.clone(),
            parties,
        })
    }
}

/// Every blacklist and removal notice of a bundle (`blacklist.json`), in ordinal order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blacklist {
    /// The notices.
    pub notices: Vec<Notice>,
}

impl Blacklist {
    /// Adds a notice ([`Notice::of_record`], [`crate::schema::Fields::analyse`]); `None` adds nothing.
    pub fn add(&mut self, notice: Option<Notice>) {
        self.notices.extend(notice);
    }

    /// Takes out the notices of records withdrawn or replaced (by ordinal).
    pub fn withdraw(&mut self, ords: &BTreeSet<u64>) {
        self.notices.retain(|n| !ords.contains(&n.ord));
    }

    /// Every party with a listing after its latest removal, and every notice by ordinal.
    pub fn listings(self) -> Listings {
        let mut by_party: HashMap<&str, Vec<&Notice>> = HashMap::new();
        for n in &self.notices {
            for p in &n.parties {
                by_party.entry(p).or_default().push(n);
            }
        }
        let parties = by_party
            .into_iter()
            .map(|(p, notices)| (p.to_string(), Listing::from_notices(notices)))
            .filter(|(_, l)| !l.periods.is_empty())
            .collect();
        Listings { parties, notices: self.notices.into_iter().map(|n| (n.ord, n)).collect() }
    }

    /// The file's bytes, the notices in ordinal order.
    pub fn to_bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
        /// [`Blacklist`] as written, borrowing its notices.
        #[derive(Serialize)]
        struct File<'a> {
            notices: Vec<&'a Notice>,
        }
        let mut notices: Vec<&Notice> = self.notices.iter().collect();
        notices.sort_by_key(|n| n.ord);
        serde_json::to_vec(&File { notices })
    }

    /// Reads the file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Blacklist, serde_json::Error> {
        serde_json::from_slice(bytes)
    }
}

/// The blacklist as an edge asks it: each listed party's [`Listing`], each notice by ordinal.
#[derive(Debug, Clone, Default)]
pub struct Listings {
    parties: HashMap<String, Listing>,
    notices: HashMap<u64, Notice>,
}

impl Listings {
    /// The listing of a party by its whole-name key ([`crate::entities::normalize`]), if it has
    /// one after its latest removal.
    pub fn party(&self, key: &str) -> Option<&Listing> {
        self.parties.get(key)
    }

    /// The notice that record `ord` is, if it is one.
    pub fn notice(&self, ord: u64) -> Option<&Notice> {
        self.notices.get(&ord)
    }

    /// Whether no party is listed.
    pub fn is_empty(&self) -> bool {
        self.parties.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, title: &str, body: &str, day: &str) -> Record {
        serde_json::from_value(serde_json::json!({
            "id": id, "title": title, "body": body, "domain": "procurement",
            "publisher": "苏州市财政局", "published_at": day, "region_code": "320500",
        }))
        .expect("a record")
    }

    #[test]
    fn a_removal_ends_the_listings_before_it_and_a_later_listing_stands() {
        let mut list = Blacklist::default();
        let listed = record(
            "a",
            "关于将苏州恒泰建设工程有限公司列入政府采购严重违法失信行为记录名单的公告",
            "苏州恒泰建设工程有限公司在政府采购活动中提供虚假材料，列入黑名单，在三年内禁止参加政府采购活动。",
            "2024-03-01",
        );
        let removed = record(
            "b",
            "关于苏州恒泰建设工程有限公司信用修复的公告",
            "苏州恒泰建设工程有限公司已完成信用修复，移出黑名单。",
            "2024-09-01",
        );
        list.add(Notice::of_record(0, &listed));
        list.add(Notice::of_record(1, &removed));
        let key = crate::entities::normalize("苏州恒泰建设工程有限公司");
        assert!(list.notices.iter().all(|n| n.parties.contains(&key)), "{:?}", list.notices);
        assert_eq!(list.notices.iter().filter(|n| n.removal).count(), 1, "{:?}", list.notices);
        assert!(list.clone().listings().is_empty(), "removed after its listing: {:?}", list.clone().listings());

        let mut again = listed.clone();
        again.id = "c".into();
        again.published_at = chrono::NaiveDate::from_ymd_opt(2025, 1, 6).expect("a day");
        list.add(Notice::of_record(2, &again));
        let bytes = list.to_bytes().expect("serialises");
        let read = Blacklist::from_bytes(&bytes).expect("reads back");
        assert_eq!(read, list);
        let listings = read.listings();
        assert_eq!(listings.notice(1).map(|n| n.removal), Some(true));
        let l = listings.party(&crate::entities::normalize("苏州恒泰建设工程有限公司")).expect("listed again");
        assert_eq!(l.periods.len(), 1);
        let since = crate::schema::days_since_epoch(again.published_at);
        assert_eq!(l.in_force(since).map(|f| f.since), Some(since));
        assert_eq!(l.in_force(since - 1), None, "not yet published");
        let until = l.periods[0].until.expect("three years");
        assert_eq!(l.in_force(until + 1), None, "its three years ran out");

        list.withdraw(&BTreeSet::from([2]));
        assert!(list.listings().is_empty(), "the later listing was withdrawn");
    }
}
