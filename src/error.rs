//! The one error type of the library.

use std::fmt;

use crate::snapshot::NodeId;

/// What can go wrong. Limits that are hit are not errors: the plan says `limit_exceeded`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The snapshot breaks a rule of its format.
    InvalidSnapshot { node: NodeId, why: &'static str },
    /// The front end speaks another version of the format.
    SchemaMismatch { got: u32, want: u32 },
    /// The snapshot or plan JSON could not be read.
    InvalidJson(String),
    /// The input is not an HTML page (binary bytes, say).
    NotHtml(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidSnapshot { node, why } => write!(f, "lede: invalid snapshot at node {node}: {why}"),
            Error::SchemaMismatch { got, want } => {
                write!(f, "lede: snapshot schema {got}, this core reads schema {want}")
            }
            Error::InvalidJson(e) => write!(f, "lede: invalid JSON: {e}"),
            Error::NotHtml(why) => write!(f, "lede: not an HTML page: {why}"),
        }
    }
}

impl std::error::Error for Error {}
