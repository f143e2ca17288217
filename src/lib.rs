//! mtafit: choose a mail transfer agent or sending service by fit, not by feature list.
//!
//! The library holds everything testable without a terminal, in layers that only look down
//! (ARCHITECTURE.md): facts (`catalogue`, `profile`, `measure`, and the small helpers `text`,
//! `units`, `calendar`, `ronfile`, `atomic`) → the model (`decide`) → the presentation layer
//! (`render`) → the front ends (`commands`, `tui`, `export`, sharing `setup`) → `cli` and
//! `main.rs` at the edge.

pub mod atomic;
pub mod calendar;
pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod decide;
pub mod export;
pub mod measure;
pub mod profile;
pub mod render;
pub mod ronfile;
pub mod setup;
pub mod text;
pub mod tui;
pub mod units;
