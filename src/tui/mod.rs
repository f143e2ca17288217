//! The interactive explorer: The Elm Architecture over the decision model.
//!
//! Terminal events become [`action::Action`]s ([`event`]), [`update::update`] hands each to the
//! component of the [`app::App`] that has the keys and returns any [`effect::Effect`] for the
//! event loop ([`run`]) to carry out, and [`view::view`] draws each component from its own state
//! and nothing else. [`start`] builds the first app and [`terminal`] sets the terminal up and
//! always restores it.

pub mod action;
pub mod app;
pub mod ask;
pub mod compare;
pub mod effect;
pub mod event;
pub mod export;
pub mod form;
pub mod history;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod marks;
pub mod measuring;
pub mod model;
pub mod persist;
pub mod popup;
pub mod run;
pub mod screen;
pub mod scroll;
pub mod search;
pub mod session;
pub mod start;
pub mod status;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod views;
pub mod worker;
