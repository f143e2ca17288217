//! mtafit: choose a mail transfer agent or sending service by fit, not by feature list.
//!
//! This crate holds the front ends (ARCHITECTURE.md): `setup` (what every front end starts
//! from), `commands`, the explorer (`tui`) and `export`, with `cli` and `main.rs` at the edge.
//! The facts and the model are in `mtafit_model`, log reading in `mtafit_measure`, and every
//! word about a result in `mtafit_render`.

pub mod cli;
pub mod commands;
pub mod export;
pub mod setup;
pub mod tui;
