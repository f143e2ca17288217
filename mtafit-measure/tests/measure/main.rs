//! The log reader's invariants for any log: generated logs with known counts, and arbitrary
//! bytes that must never make it panic.

#[path = "../../../tests/loggen/mod.rs"]
mod loggen;

mod properties;
