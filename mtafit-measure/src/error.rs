//! Why a measurement failed: each a sentence that names the input (made safe for a terminal) and
//! says what to do.

use crate::detect::SAMPLE_LINES;
use crate::time::LOG_YEARS_WORDS;
use std::io;

/// What mtafit reads, for the messages about what it cannot.
const FORMATS: &str = "Postfix, Exim or Sendmail log lines, KumoMTA JSON records or PowerMTA \
                       accounting CSV rows, plain, gzip or zstd";

/// Why logs could not be measured.
#[derive(Debug, thiserror::Error)]
pub enum MeasureError {
    /// The year asked for syslog dates is outside the years a mail log's dates fall in.
    #[error("cannot read syslog dates as of {0}: expected a year from {LOG_YEARS_WORDS}")]
    Year(i32),
    /// An input could not be opened or read.
    #[error("cannot read {name}: {source}")]
    Unreadable {
        /// The input's name.
        name: String,
        /// What the system said.
        source: io::Error,
    },
    /// A folder was named where a log was expected.
    #[error("{name} is a folder; name the log files in it")]
    Folder {
        /// The folder's name.
        name: String,
    },
    /// Compressed data that does not decompress.
    #[error("{name}: the compressed data is corrupt ({source}); nothing was measured")]
    Corrupt {
        /// The input's name.
        name: String,
        /// What the decompressor said.
        source: io::Error,
    },
    /// Compressed data followed by bytes that are not more of it.
    #[error("{name}: {junk}; nothing was measured")]
    Junk {
        /// The input's name.
        name: String,
        /// Which data ends, and where.
        junk: crate::gzip::TrailingJunk,
    },
    /// Compressed data that stops in the middle.
    #[error("{name}: the compressed data ends early (a partly copied file?); nothing was measured")]
    Truncated {
        /// The input's name.
        name: String,
    },
    /// Text whose first line is dated outside the years a mail log's dates fall in.
    #[error(
        "{name}:1:1: not a mail log mtafit can read: line 1 is dated {year}, and a mail log's \
         dates fall in {LOG_YEARS_WORDS}; check the clock of the host that wrote it"
    )]
    DatedOutside {
        /// The input's name.
        name: String,
        /// The year line 1 carries.
        year: i32,
    },
    /// `--log-format` named an envelope none of the input's first records is in.
    #[error(
        "{name} is not {}: none of its first records is one. Leave out --log-format to \
         detect the format, or name the one it is in.",
        .envelope.described()
    )]
    NotEnvelope {
        /// The input's name.
        name: String,
        /// The envelope asked for.
        envelope: crate::Envelope,
    },
    /// Text in none of the formats mtafit reads.
    #[error(
        "{name}:1:1: not a mail log mtafit can read: none of its first {SAMPLE_LINES} lines is \
         one of {FORMATS} ({}). Name the format with --log-format if it is one of these.",
        match .starts { Some(s) => format!("line 1 starts \"{s}\""), None => "line 1 is blank".to_owned() }
    )]
    NotALog {
        /// The input's name.
        name: String,
        /// The start of line 1, made safe and short; `None` when it is blank.
        starts: Option<String>,
    },
    /// Text whose lines end in a carriage return alone: read as lines ending in LF, it would be
    /// one long line and measure nothing, without a word.
    #[error(
        "{name}: its lines end in a carriage return alone (CR, as classic Mac OS wrote them), \
         and mtafit reads lines that end in LF or CR LF; convert it first, e.g. with tr '\\r' '\\n'"
    )]
    CarriageReturnsOnly {
        /// The input's name.
        name: String,
    },
    /// Bytes that are not text; none of them is quoted, since they would garble the terminal.
    #[error("{name} is not a mail log: it looks binary, not text; mtafit reads {FORMATS}")]
    Binary {
        /// The input's name.
        name: String,
    },
    /// Every input was empty.
    #[error(
        "nothing to measure: {} {} empty",
        .names.join(", "),
        if .names.len() == 1 { "is" } else { "are all" }
    )]
    Empty {
        /// The inputs' names.
        names: Vec<String>,
    },
    /// The measurement was cancelled through its meter.
    #[error("the measurement was stopped")]
    Stopped,
}

impl MeasureError {
    /// A read error of input `name`: corrupt or cut-off compressed data says so.
    pub fn reading(name: &str, compressed: bool, e: io::Error) -> MeasureError {
        let name = name.to_owned();
        if compressed
            && let Some(junk) = e
                .get_ref()
                .and_then(|r| r.downcast_ref::<crate::gzip::TrailingJunk>())
        {
            let junk = crate::gzip::TrailingJunk {
                format: junk.format,
                at: junk.at,
            };
            return MeasureError::Junk { name, junk };
        }
        match e.kind() {
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData if compressed => {
                MeasureError::Corrupt { name, source: e }
            }
            io::ErrorKind::UnexpectedEof if compressed => MeasureError::Truncated { name },
            _ => MeasureError::Unreadable { name, source: e },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_is_a_sentence_naming_the_input() {
        assert_eq!(
            MeasureError::Year(1980).to_string(),
            "cannot read syslog dates as of 1980: expected a year from 1990 to 2100"
        );
        let corrupt = MeasureError::reading("a.gz", true, io::ErrorKind::InvalidData.into());
        assert!(matches!(corrupt, MeasureError::Corrupt { .. }), "{corrupt}");
        let plain = MeasureError::reading("a.log", false, io::ErrorKind::InvalidData.into());
        assert!(
            plain.to_string().starts_with("cannot read a.log: "),
            "{plain}"
        );
        assert_eq!(
            MeasureError::reading("a.zst", true, io::ErrorKind::UnexpectedEof.into()).to_string(),
            "a.zst: the compressed data ends early (a partly copied file?); nothing was measured"
        );
        assert_eq!(
            MeasureError::Empty {
                names: vec!["a".into(), "b".into()]
            }
            .to_string(),
            "nothing to measure: a, b are all empty"
        );
        let blank = MeasureError::NotALog {
            name: "x".into(),
            starts: None,
        };
        assert!(
            blank
                .to_string()
                .contains("(line 1 is blank). Name the format")
        );
    }
}
