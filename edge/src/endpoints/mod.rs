//! The answers of the API's endpoints, one module each; [`crate::http::routes`] picks the
//! endpoint, these build its JSON.
//!
//! - [`search`] — `/v1/search` (hits, facets, what the query was understood as);
//! - [`suggest`] — `/v1/suggest`;
//! - [`meta`] — `/v1/meta`;
//! - [`doc`] — `/v1/doc/{id}`;
//! - [`hit`] — one record as every endpoint shows it.

pub mod doc;
pub mod hit;
pub mod meta;
pub mod search;
pub mod suggest;
