//! The command-line front end: one module per subcommand, each thin — load, ask the model,
//! render, print — with what they share in [`common`].

pub mod check;
pub mod common;
pub mod cost;
pub mod export;
pub mod list;
pub mod measure;
pub mod path;
pub mod rank;
pub mod sensitivity;
pub mod show;
pub mod walk;

pub use common::{Common, Failure, Outcome};
