//! The decision model: fits, cost of ownership, ranking, the brief's walk and sensitivity.
//!
//! Nothing here knows about terminals, files or wording: every result is a typed value that the
//! presentation layer (`render`) turns into text. Every fit is a function of one engine's
//! catalogue facts and the profile alone, so adding or removing an engine can never reorder the
//! others.

pub mod analysis;
pub mod brief;
pub mod compare;
pub mod cost;
pub mod crossover;
pub mod fit;
pub mod path;
pub mod rank;
pub mod reason;
pub mod sensitivity;
pub mod standing;
pub mod walk;
pub mod weights;

pub use analysis::{Analysis, analyse};
pub use cost::{AnnualCost, CostItem, CostKind, Provenance};
pub use fit::Fits;
pub use rank::{KnockOut, Ranking, Row, Standing, rank};
pub use reason::Reason;
pub use sensitivity::Sensitivity;
pub use walk::{Agreement, Walk};
pub use weights::Weights;
