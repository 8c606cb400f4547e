//! The Gongkai index builder as a library: reading inputs, validation, the build and its
//! report. (The sample corpus has its own crate, `gongkai-sample`.) The `index-builder` binary is a thin command line over it.

#![deny(missing_docs)]

pub mod build;
pub mod html;
pub mod input;
pub mod report;
pub mod timeliness;
pub mod update;
