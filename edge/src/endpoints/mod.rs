//! The answers of the API's endpoints, one module each; [`crate::http::routes`] picks the
//! endpoint, these build its JSON.
//!
//! - [`search`] — `/v1/search` (hits, facets, what the query was understood as);
//! - [`suggest`] — `/v1/suggest`;
//! - [`meta`] — `/v1/meta`;
//! - [`doc`] — `/v1/doc/{id}`;
//! - [`stats`] — `/v1/stats/timeliness` (公开时效 per publisher, domain or region);
//! - [`catalog`] — `/v1/catalog` (the 45 catalog items with record counts);
//! - [`entity`] — `/v1/entity` (one company or person: records, summary, blacklist);
//! - [`feed`] — `/v1/feed` (Atom 1.0 or JSON Feed 1.1 of the newest records);
//! - [`openapi`] — `/v1/openapi.json`;
//! - [`project`] — `/v1/project/{project_code}` (one project's records in process order);
//! - [`scan`] — the fast-field pass behind those two (no document shards);
//! - [`hit`] — one record as every endpoint shows it.

pub mod catalog;
pub mod doc;
pub mod entity;
pub mod feed;
pub mod hit;
pub mod meta;
pub mod openapi;
pub mod project;
pub mod scan;
pub mod search;
pub mod stats;
pub mod suggest;
