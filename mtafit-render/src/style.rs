//! Emphasis in terminal text: ANSI bold and dim when colour is on, nothing when it is off.

/// The escape sequences a text output may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ansi {
    /// Start bold.
    pub bold: &'static str,
    /// Start dim.
    pub dim: &'static str,
    /// End any emphasis.
    pub reset: &'static str,
}

impl Ansi {
    /// The sequences for `color` on or off.
    pub fn new(color: bool) -> Ansi {
        if color {
            Ansi {
                bold: "\x1b[1m",
                dim: "\x1b[2m",
                reset: "\x1b[0m",
            }
        } else {
            Ansi {
                bold: "",
                dim: "",
                reset: "",
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_means_no_escape() {
        let a = Ansi::new(false);
        assert_eq!(format!("{}{}{}", a.bold, a.dim, a.reset), "");
        assert!(Ansi::new(true).bold.starts_with('\x1b'));
    }
}
