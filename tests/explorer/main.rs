//! The explorer: its `update` step by step, snapshots of every view, the README's picture, and
//! the real binary in a pseudo-terminal. One test binary, so the suite links once.

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/svg.rs"]
mod svg;

mod pty;
mod screenshot;
mod text_widths;
mod tui_snapshots;
mod tui_update;
