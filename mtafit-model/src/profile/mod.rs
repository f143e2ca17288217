//! The sender's profile (a contract: docs/catalogue.md, "Profile files"): the situation the
//! model fits engines against, the assumptions its costs rest on, and what a session saved.
//!
//! `model` has the types; `field` the one table of fields that the defaults, `file` (reading and
//! writing), `check` (bounds, rounding), the explorer's form and the docs follow; `load` reads
//! a file or a built-in example; `edit` is the in-place edit `measure --write-profile` makes.

pub mod check;
pub mod edit;
pub mod field;
pub mod file;
pub mod load;
pub mod model;

pub use edit::{new_with_volume, with_volume};
pub use field::{
    BRIEF_VOLUME, Choice, Choices, Field, FieldId, Kind, Part, Slot, Unit, VOLUME_LINE,
};
pub use load::{builtin, builtin_names, load, parse};
pub use model::{Assumptions, Growth, Marketing, Profile, Session, Situation, SupportNeed, Team};
