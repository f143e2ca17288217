//! The real binary, run as a user or a script would: every subcommand, its outputs and exit
//! statuses, the brief's and the field's scenarios, hostile input. One test binary (ripgrep's
//! manner), so the suite links once.

#[path = "../common/mod.rs"]
mod common;
#[path = "../loggen/mod.rs"]
mod loggen;

mod check_cli;
mod completions_man;
mod export;
mod field_scenarios;
mod hostile_files;
mod hostile_numbers;
mod hostile_small;
mod hostile_text;
mod list_cli;
mod measure_cli;
mod measure_envelope;
mod measure_generated;
mod measure_merge;
mod outputs;
mod path_cli;
mod saved_profiles;
mod scenarios;
mod widths;
