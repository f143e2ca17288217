//! mtafit: choose a mail transfer agent or sending service by fit, not by feature list.
//!
//! The library holds everything testable without a terminal: the catalogue and its loader, the
//! decision model, the command implementations. `main.rs` only parses arguments and dispatches.

pub mod atomic;
pub mod calendar;
pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod decide;
pub mod export;
pub mod measure;
pub mod profile;
pub mod ronfile;
pub mod text;
pub mod tui;
pub mod units;
