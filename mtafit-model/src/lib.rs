//! mtafit's facts and model: the engine catalogue, the sender's profile and the decision.
//!
//! Layers that only look down (ARCHITECTURE.md): the helpers (`text`, `units`, `calendar`,
//! `ronfile`, `atomic`, `variants`) → the facts (`catalogue`, `profile`) → the model (`decide`).
//! Everything here is a typed value: no terminal, no command line, and no sentences about
//! results, which the render crate words.

pub mod atomic;
pub mod calendar;
pub mod catalogue;
pub mod decide;
pub mod profile;
pub mod ronfile;
pub mod text;
pub mod units;
pub mod variants;
