//! The engine catalogue: facts about engines and services, the factors, and how they load.

pub mod check;
pub mod embedded;
pub mod factor;
pub mod load;
pub mod model;
pub mod validate;

pub use factor::{FactorId, PerFactor};
pub use load::{
    Catalogue, Parsed, Sources, UnknownEngine, config_dir, load_folder, parse_engine,
    parse_factors, read_engine_file, user_engines_dir,
};
pub use model::*;
