//! The presentation layer: the model's typed results as text for people, Markdown, CSV and
//! JSON. Every sentence about a result is made here, once, and every front end (the commands,
//! the explorer, the export) uses it; nothing here prints.

pub mod check;
pub mod compare;
pub mod cost;
pub mod engine;
pub mod json;
pub mod layout;
pub mod list;
pub mod markdown;
pub mod measure;
pub mod path;
pub mod profile;
pub mod rank;
pub mod reason;
pub mod sensitivity;
pub mod sentence;
pub mod shortlist;
pub mod style;
pub mod walk;

use mtafit_model::catalogue::Catalogue;
use mtafit_model::profile::Profile;

/// What a rendering reads besides the analysis: the catalogue and the profile it was made for.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The catalogue.
    pub cat: &'a Catalogue,
    /// The profile the analysis was made for.
    pub profile: &'a Profile,
}

/// The output formats of `show`, `walk`, `cost`, `sensitivity` and `measure`; `rank` has
/// more ([`rank::RankFormat`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumCount)]
pub enum Format {
    /// Aligned text for people.
    #[default]
    Table,
    /// One JSON object (docs/json.md).
    Json,
}
