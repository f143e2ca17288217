//! The interactive explorer: The Elm Architecture over the decision model.
//!
//! Terminal events become [`action::Action`]s ([`event`]), [`update::update`] changes the
//! [`app::App`] and returns any [`effect::Effect`] for the event loop ([`run`]) to carry out,
//! and [`view::view`] draws the app and nothing else. [`start`] builds the first app and
//! [`terminal`] sets the terminal up and always restores it.

pub mod action;
pub mod app;
pub mod dialog;
pub mod effect;
pub mod event;
pub mod export;
pub mod form;
pub mod keymap;
pub mod layout;
pub mod persist;
pub mod run;
pub mod scroll;
pub mod search;
pub mod start;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod worker;
