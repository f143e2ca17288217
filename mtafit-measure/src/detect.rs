//! Which format a log is in, from its first lines.

use super::exim::{self, Exim};
use super::kumo::{self, Kumo};
use super::postfix::{self, Postfix};
use super::powermta::PowerMta;
use super::scan::Lines;
use super::sendmail::{self, Sendmail};
use enum_map::EnumMap;

/// The log formats mtafit reads.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::EnumCount,
    strum::VariantArray,
    strum::IntoStaticStr,
    enum_map::Enum,
)]
#[strum(serialize_all = "snake_case")]
pub enum LogFormat {
    /// Postfix through syslog, rsyslog, journalctl or its own logger.
    Postfix,
    /// Exim's main log.
    Exim,
    /// Sendmail through syslog.
    Sendmail,
    /// KumoMTA JSON log records.
    Kumomta,
    /// PowerMTA accounting CSV.
    Powermta,
}

impl LogFormat {
    /// The stable id used in reports and on the command line.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Every format, in the order detection prefers on a tie.
    pub const ALL: [LogFormat; <LogFormat as strum::EnumCount>::COUNT] =
        mtafit_model::variants::all();
}

/// A format's line reader, set up for one input.
pub enum Dialect {
    /// See [`Postfix`].
    Postfix(Postfix),
    /// See [`Exim`].
    Exim(Exim),
    /// See [`Sendmail`].
    Sendmail(Sendmail),
    /// See [`Kumo`].
    Kumo(Kumo),
    /// See [`PowerMta`].
    PowerMta(PowerMta),
}

impl Dialect {
    /// The reader for `format`; PowerMTA's columns come from `head` when it starts with a header.
    pub fn new(format: LogFormat, head: &[u8]) -> Dialect {
        match format {
            LogFormat::Postfix => Dialect::Postfix(Postfix::new(head)),
            LogFormat::Exim => Dialect::Exim(Exim),
            LogFormat::Sendmail => Dialect::Sendmail(Sendmail::new(head)),
            LogFormat::Kumomta => Dialect::Kumo(Kumo),
            LogFormat::Powermta => Dialect::PowerMta(
                first_line(head)
                    .and_then(PowerMta::from_header)
                    .unwrap_or_default(),
            ),
        }
    }

    /// The line reader.
    pub fn lines(&self) -> &dyn Lines {
        match self {
            Dialect::Postfix(p) => p,
            Dialect::Exim(e) => e,
            Dialect::Sendmail(s) => s,
            Dialect::Kumo(k) => k,
            Dialect::PowerMta(p) => p,
        }
    }
}

fn first_line(head: &[u8]) -> Option<&[u8]> {
    head.split(|&b| b == b'\n').next()
}

/// How many of the first lines are looked at.
pub const SAMPLE_LINES: usize = 200;

/// The format most of the first lines of `head` are in, or `None` when no line is in any.
pub fn detect(head: &[u8]) -> Option<LogFormat> {
    // On a tie, the format first in `LogFormat::ALL`.
    let (best, n) = votes(head)
        .into_iter()
        .max_by_key(|&(f, n)| (n, std::cmp::Reverse(f as usize)))?;
    (n > 0).then_some(best)
}

/// How many of the first lines of `head` each format recognises.
pub fn votes(head: &[u8]) -> EnumMap<LogFormat, usize> {
    let pmta = first_line(head)
        .and_then(PowerMta::from_header)
        .unwrap_or_default();
    let mut votes = EnumMap::default();
    let complete = match memchr::memrchr(b'\n', head) {
        Some(i) => &head[..i],
        None => head,
    };
    for line in complete
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .take(SAMPLE_LINES)
    {
        for (f, v) in votes.iter_mut() {
            let hit = match f {
                LogFormat::Postfix => postfix::recognises(line),
                LogFormat::Exim => exim::recognises(line),
                LogFormat::Sendmail => sendmail::recognises(line),
                LogFormat::Kumomta => kumo::recognises(line),
                LogFormat::Powermta => pmta.recognises(line),
            };
            *v += usize::from(hit);
        }
    }
    votes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_from_its_own_lines() {
        let cases: [(&str, LogFormat); 6] = [
            (
                "Nov 28 06:34:29 mx1 postfix/smtpd[30211]: connect from x[192.0.2.11]\nNov 28 06:34:29 mx1 dovecot: imap-login: x\n",
                LogFormat::Postfix,
            ),
            (
                "2025-11-28T06:34:29+0000 mx1 mta/qmgr[1]: 3F2A81C0B4E: removed\n",
                LogFormat::Postfix,
            ),
            (
                "2025-11-28 06:34:29 1tQ2aB-00000000XyZ-3AbC <= news@example.com S=1\n",
                LogFormat::Exim,
            ),
            (
                "Nov 28 06:34:29 mx1 sm-mta[4410]: 5ASBYTa1004410: from=<a@b>, size=1\n",
                LogFormat::Sendmail,
            ),
            (
                "{\"type\":\"Reception\",\"recipient\":\"a@b\",\"timestamp\":1764311669}\n",
                LogFormat::Kumomta,
            ),
            (
                "type,timeLogged,timeQueued,orig,rcpt\nd,2025-11-28 06:34:31+0000,x,a@b,c@d\n",
                LogFormat::Powermta,
            ),
        ];
        for (head, want) in cases {
            assert_eq!(detect(head.as_bytes()), Some(want), "{head}");
        }
    }

    #[test]
    fn nothing_known_is_none() {
        assert_eq!(detect(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), None);
        assert_eq!(
            detect(b"192.0.2.1 - - [28/Nov/2025:06:34:30 +0000] \"GET / HTTP/1.1\" 200 1\n"),
            None
        );
        assert_eq!(detect(b""), None);
    }

    #[test]
    fn a_tie_goes_to_the_format_listed_first() {
        let head = "2025-11-28 06:34:29 1tQ2aB-00000000XyZ-3AbC <= news@example.com S=1\n\
                    Nov 28 06:34:29 mx1 postfix/smtpd[30211]: connect from x[192.0.2.11]\n";
        let votes = votes(head.as_bytes());
        assert_eq!((votes[LogFormat::Postfix], votes[LogFormat::Exim]), (1, 1));
        assert_eq!(detect(head.as_bytes()), Some(LogFormat::Postfix));
    }

    #[test]
    fn names_are_the_contract() {
        // The names reports and `--log-format` use (docs/json.md, docs/cli.md).
        assert_eq!(
            LogFormat::ALL.map(LogFormat::name),
            ["postfix", "exim", "sendmail", "kumomta", "powermta"]
        );
    }
}
