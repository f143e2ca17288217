//! The model crate's own tests: the built-in catalogue's facts, and property tests of the model
//! and the loader. They link no terminal and no command line.

#[path = "../../../tests/support/synthetic.rs"]
mod synthetic;

mod catalogue;
mod ids;
mod loader;
mod profile_docs;
mod properties;
