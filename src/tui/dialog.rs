//! The export dialog's state: what will be written, where, and in which format.

use crate::render::shortlist::ShortlistFormat;

/// The export dialog's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Dialog {
    /// The chosen format.
    pub format: ShortlistFormat,
    /// The file to write.
    pub path: String,
    /// True once the user typed a path (then a format change keeps it).
    pub path_edited: bool,
    /// The focused field: 0 format, 1 path.
    pub field: usize,
    /// The file exists and the user has been asked; Enter again replaces it.
    pub confirm: bool,
    /// The engines that will be written, in rank order.
    pub ids: Vec<String>,
    /// True when the engines are the marked ones (not the default top five).
    pub marked: bool,
}
