//! The command line (a contract: docs/cli.md): clap's types live here and only here; each is
//! turned into the plain options of the front ends before anything runs.

use crate::commands::Common;
use crate::setup::Overrides;
use crate::tui::theme::ThemeName;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use mtafit_measure::{Envelope, LogFormat};
use mtafit_model::catalogue::{Capability, FactorId, UnknownCapability};
use mtafit_model::decide::weights::WeightError;
use mtafit_model::text::ShortForm;
use mtafit_model::units;
use mtafit_render::Format as OutputFormat;
use mtafit_render::rank::RankFormat as RankOutput;
use mtafit_render::shortlist::ShortlistFormat;
use std::path::PathBuf;

/// Choose a mail transfer agent or sending service by fit, not by feature list.
#[derive(Debug, Parser)]
#[command(name = "mtafit", version, about, long_about = None)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// Options of the interactive explorer.
    #[command(flatten)]
    pub tui: TuiArgs,
    /// What to do; without one, the interactive explorer starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options for every command.
#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// Read engine files from DIR too (repeatable; later folders replace earlier entries)
    #[arg(long, value_name = "DIR", global = true)]
    pub catalogue: Vec<PathBuf>,
    /// Load the sender's profile from FILE (RON), or a built-in one by name
    #[arg(long, value_name = "FILE", global = true)]
    pub profile: Option<PathBuf>,
    /// Monthly volume: 7421043, 7.4M, 250k/day, 2.5M/week or 90M/year
    #[arg(long, value_name = "V", global = true, value_parser = volume)]
    pub volume: Option<u64>,
    /// Set a factor's weight, 0–10 in hundredths (repeatable), e.g. --weight budget=9.5
    #[arg(long, value_name = "ID=N", global = true, value_parser = Offer::new(weight, weight_forms()), hide_possible_values = true)]
    pub weight: Vec<(FactorId, f64)>,
    /// You will run your own sending infrastructure
    #[arg(long, global = true, conflicts_with = "rent")]
    pub own: bool,
    /// A managed service (ESP) is enough
    #[arg(long, global = true)]
    pub rent: bool,
    /// A capability an engine must have (repeatable), e.g. --must external_queue
    #[arg(long, value_name = "CAP", global = true, value_parser = Offer::new(capability, capability_ids()), hide_possible_values = true)]
    pub must: Vec<Capability>,
    /// No colours (also when NO_COLOR is set)
    #[arg(long, global = true)]
    pub no_color: bool,
}

/// Options only the explorer takes.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct TuiArgs {
    /// Start from the defaults, leaving the saved profile and weights alone (quitting after a
    /// change asks whether to save)
    #[arg(long, global = true)]
    pub fresh: bool,
    /// Do not capture the mouse (keeps the terminal's own text selection)
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Colour theme (default: the one chosen last with t, else dark)
    #[arg(long, value_enum, global = true)]
    pub theme: Option<Theme>,
}

/// The explorer's colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Theme {
    /// Light text on a dark background
    #[default]
    Dark,
    /// Dark text on a light background
    Light,
    /// No colour at all: bold, reverse, dim and underline only
    Mono,
}

/// The log formats `measure` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormatArg {
    /// Postfix through syslog, rsyslog, journalctl or its own logger
    Postfix,
    /// Exim's main log
    Exim,
    /// Sendmail through syslog
    Sendmail,
    /// KumoMTA JSON log records
    Kumomta,
    /// PowerMTA accounting CSV
    Powermta,
    /// `journalctl -o json` records (the format inside is detected)
    JournaldJson,
    /// `journalctl -o export` records (the format inside is detected)
    JournaldExport,
    /// JSON lines from Vector, Fluent Bit or LogCLI (the format inside is detected)
    Jsonl,
}

/// Output formats of `show`, `walk`, `cost` and `sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned text for people
    #[default]
    Table,
    /// One JSON object (see docs/json.md)
    Json,
}

/// Output formats of `rank` and `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum RankFormat {
    /// Aligned text for people
    #[default]
    Table,
    /// One JSON object (see docs/json.md)
    Json,
    /// One row per engine
    Csv,
    /// A Markdown table
    #[value(alias = "md")]
    Markdown,
}

/// Formats of an exported shortlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// For a ticket or pull request
    #[value(alias = "md")]
    Markdown,
    /// For a spreadsheet
    Csv,
    /// The `rank` JSON, restricted to the shortlist
    Json,
    /// Profile, weights and shortlist, loadable with --profile
    Ron,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank every engine for the profile, best first
    Rank {
        /// Output format
        #[arg(long, value_enum, default_value_t)]
        format: RankFormat,
        /// Show only the first N engines of the ranking
        ///
        /// table and markdown list exactly N engines, then one line says how many were left out
        /// (drop --top to list them). json and csv keep their contract: the first N engines that
        /// are not out of the running, then every engine that is, each with its reason; json's
        /// left_out counts the engines not listed.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
    },
    /// Walk the brief's decision diagram gate by gate
    Walk {
        /// Output format
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show one engine's facts
    Show {
        /// Engine id, e.g. kumomta (without one, the ids are listed)
        id: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the engines of the catalogue in use: ids, names and kinds
    #[command(after_help = "Examples:
  mtafit list
  mtafit list --catalogue my-engines --format csv")]
    List {
        /// Output format
        #[arg(long, value_enum, default_value_t)]
        format: RankFormat,
    },
    /// Annual cost of ownership across volumes, and where the leaders cross
    Cost {
        /// Output format
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The top pick across volumes: where it changes, and when your growth gets there
    #[command(after_help = "Examples:
  mtafit path --profile brief-7.4m
  mtafit path --from 1M --to 1B --growth 6%
  mtafit path --format json

The growth comes from --growth, else from the profile (measure --write-profile records it).")]
    Path {
        /// Output format
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// The smallest monthly volume [default: 10k]
        #[arg(long, value_name = "VOLUME", value_parser = volume)]
        from: Option<u64>,
        /// The largest monthly volume [default: 10B]
        #[arg(long, value_name = "VOLUME", value_parser = volume)]
        to: Option<u64>,
        /// Growth a month, e.g. 6% or -2% (instead of the profile's)
        #[arg(long, value_name = "PCT", allow_hyphen_values = true, value_parser = growth)]
        growth: Option<f64>,
    },
    /// How far each weight can move before the top pick changes
    Sensitivity {
        /// Output format
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write a shortlist with the profile and weights behind it
    Export {
        /// Engine ids, comma-separated
        #[arg(long, value_delimiter = ',', required = true, value_name = "ID,ID…")]
        shortlist: Vec<String>,
        /// Output format
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file, or - for standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Measure the real monthly volume from mail logs
    #[command(after_help = "Examples:
  journalctl -u postfix -o short-iso --since \"30 days ago\" | mtafit measure -
  mtafit measure /var/log/mail.log /var/log/mail.log.*.gz
  mtafit measure /var/log/kumomta/* --format json
  mtafit measure mail.log --write-profile ours.ron
  mtafit measure --merge mx1.json mx2.json      reports made on each host with --format json

Postfix, Exim, Sendmail, KumoMTA (zstd segments too) and PowerMTA logs, plain, gzip or zstd.
Every number is defined in docs/measuring.md.")]
    Measure {
        /// Log files, or - for standard input (default)
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Set monthly_volume in profile FILE (created if absent; every other field kept)
        #[arg(long, value_name = "FILE")]
        write_profile: Option<PathBuf>,
        /// Read every input as this format instead of detecting it
        #[arg(long, value_enum, value_name = "FORMAT")]
        log_format: Option<LogFormatArg>,
        /// The year of the first line, 1990 to 2100, for syslog dates (default: from the file's time)
        #[arg(long, value_name = "YYYY", value_parser = mtafit_measure::time::parse_year)]
        year: Option<i32>,
        /// Scanning threads (default: one per core)
        #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
        threads: usize,
        /// Read files instead of mapping them into memory (slower; a map that fails is read anyway)
        #[arg(long)]
        no_mmap: bool,
        /// The host these logs come from, when their lines name none (Exim's own main log,
        /// KumoMTA, PowerMTA): --merge tells hosts' reports apart by it
        #[arg(long, value_name = "NAME", value_parser = parse_host)]
        host: Option<String>,
        /// The FILEs are reports of `measure --format json`, one per host: print them combined
        #[arg(long, conflicts_with_all = ["log_format", "year", "threads", "no_mmap", "host"])]
        merge: bool,
    },
    /// Validate catalogue files (default: every folder mtafit reads)
    #[command(after_help = "Examples:
  mtafit check                          every engine mtafit reads
  mtafit check my-engines/acme.ron      one file
  mtafit check --stale 365              also flag facts last checked more than a year ago")]
    Check {
        /// Engine files or folders of them
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Also warn about every engine (and every price) last checked more than DAYS ago
        #[arg(long, value_name = "DAYS")]
        stale: Option<u32>,
    },
    /// Print a shell completion script to standard output
    #[command(after_help = "Examples:
  mtafit completions bash > ~/.local/share/bash-completion/completions/mtafit
  mtafit completions zsh > ~/.zfunc/_mtafit
  mtafit completions fish > ~/.config/fish/completions/mtafit.fish")]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff) to standard output
    #[command(after_help = "Examples:
  mtafit man > ~/.local/share/man/man1/mtafit.1
  mtafit man rank > ~/.local/share/man/man1/mtafit-rank.1
  mtafit man | man -l -")]
    Man {
        /// A command's own page (mtafit-COMMAND(1)) instead of mtafit(1)
        #[arg(value_name = "COMMAND", value_parser = man_command)]
        command: Option<String>,
    },
}

/// The global options each subcommand reads, by clap id. Its help lists only these: the others
/// are still accepted after it (and ignored), so no command line that worked stops working.
/// A subcommand not named here reads none of them.
const READS: &[(&str, &[&str])] = &[
    ("rank", MODEL_AND_COLOUR),
    ("walk", MODEL_AND_COLOUR),
    ("cost", MODEL_AND_COLOUR),
    ("path", MODEL_AND_COLOUR),
    ("sensitivity", MODEL_AND_COLOUR),
    ("export", MODEL),
    ("show", &["catalogue"]),
    ("list", &["catalogue"]),
    ("check", &["catalogue", "no_color"]),
];

/// The options that make the profile and weights a result is computed for, then `--no-color`,
/// for the commands that print a table.
const MODEL_AND_COLOUR: &[&str] = &[
    "catalogue",
    "profile",
    "volume",
    "weight",
    "own",
    "rent",
    "must",
    "no_color",
];

/// [`MODEL_AND_COLOUR`] without `--no-color` (its last), for the commands that print no table.
const MODEL: &[&str] = MODEL_AND_COLOUR.split_at(MODEL_AND_COLOUR.len() - 1).0;

/// The command line as clap knows it, each subcommand holding a hidden copy of every global
/// option it does not read (clap propagates a global option only where no argument has its id),
/// so its `--help`, man page and completions offer only what changes what it does.
pub fn command() -> clap::Command {
    // The built-in profiles are named from the embedded list, so a new one is named at once.
    let profiles = mtafit_model::profile::builtin_names().join(", ");
    let cmd = Cli::command().mut_arg("profile", |a| {
        a.help(format!(
            "Load the sender's profile from FILE (RON), or a built-in one: {profiles}"
        ))
    });
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    names.iter().fold(cmd, |cmd, name| {
        let reads = READS
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[][..], |(_, r)| r);
        cmd.mut_subcommand(name, |sub| {
            globals
                .iter()
                .filter(|a| !reads.contains(&a.get_id().as_str()))
                .fold(sub, |sub, a| sub.arg(a.clone().hide(true)))
        })
    })
}

/// The command line's mistake as clap words it, ready for standard error, and its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    /// clap's message and usage, every line safe for a terminal.
    pub text: String,
    /// The exit status clap gives it (2).
    pub code: u8,
}

/// Parse `args` (the program's name first). Help and version are printed and end the process
/// as clap does; a mistake comes back as a [`UsageError`]. clap quotes a bad value as it was
/// typed and, on a terminal, would pass an escape sequence in it straight through, so its text
/// is taken plain and made safe line by line.
pub fn parse<I, T>(args: I) -> Result<Cli, UsageError>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|mut e| {
            if !e.use_stderr() {
                let what = match e.kind() {
                    clap::error::ErrorKind::DisplayVersion => "the version",
                    _ => "the help",
                };
                std::process::exit(print_help(&e.render().to_string(), what));
            }
            quote_context(&mut e);
            let text = e
                .render()
                .to_string()
                .lines()
                .map(|l| mtafit_model::text::message_line(l).into_owned())
                .collect::<Vec<_>>()
                .join("\n");
            UsageError {
                text,
                code: u8::try_from(e.exit_code()).unwrap_or(2),
            }
        })
}

/// Print help or version text on standard output; the exit status. clap's own printing ignores
/// a failed write, so `--help >/dev/full` would say nothing and exit 0: here it exits 1 and
/// says why. A reader that closes early (`mtafit --help | head`) is not a failure.
fn print_help(text: &str, what: &str) -> i32 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "mtafit: cannot write {what}: {e}");
            1
        }
    }
}

/// Every value clap quotes back, named and shortened before clap words the error: it would
/// quote a value whole and, in plain text, drop an escape sequence with the character after it,
/// so `vol<ESC>ume` would read as the valid-looking `volme`.
fn quote_context(e: &mut clap::Error) {
    use clap::error::ContextValue;
    use mtafit_model::text::{QUOTE_MAX, quoted};
    let quoted_all: Vec<_> = e
        .context()
        .filter_map(|(kind, value)| match value {
            ContextValue::String(s) => Some((
                kind,
                ContextValue::String(quoted(s, QUOTE_MAX).into_owned()),
            )),
            ContextValue::Strings(list) => Some((
                kind,
                ContextValue::Strings(
                    list.iter()
                        .map(|s| quoted(s, QUOTE_MAX).into_owned())
                        .collect(),
                ),
            )),
            _ => None,
        })
        .collect();
    for (kind, value) in quoted_all {
        e.insert(kind, value);
    }
}

/// A model's error said the short way: clap's own line already quotes the value and names the
/// flag ("invalid value 'lots' for '--volume <V>': …"), so the error need not say them again.
#[derive(Debug)]
pub struct Beside<E>(pub E);

impl<E: ShortForm> std::fmt::Display for Beside<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.short())
    }
}

impl<E: ShortForm + 'static> std::error::Error for Beside<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// `--volume`, `--from`, `--to`: a monthly volume, as every volume is read.
fn volume(s: &str) -> Result<u64, Beside<units::ParseError>> {
    units::parse_volume(s).map_err(Beside)
}

/// `--weight ID=N`.
fn weight(s: &str) -> Result<(FactorId, f64), Beside<WeightError>> {
    mtafit_model::decide::weights::parse_weight(s).map_err(Beside)
}

/// `--must CAP`: the whole list of capability ids when it is none of them, since the line has
/// room for it.
fn capability(s: &str) -> Result<Capability, UnknownCapability> {
    Capability::parse(s)
}

/// What a shell completes `--weight` with: each factor's id and `=`, the weight to be typed.
fn weight_forms() -> Vec<PossibleValue> {
    FactorId::ALL
        .iter()
        .map(|f| PossibleValue::new(format!("{}=", f.id())).help(f.name()))
        .collect()
}

/// What a shell completes `--must` with: every capability's id.
fn capability_ids() -> Vec<PossibleValue> {
    Capability::ALL
        .iter()
        .map(|c| PossibleValue::new(c.id()).help(c.label()))
        .collect()
}

/// A value parser that parses with the model's own function (so its errors stay the model's
/// sentences) and offers `values` to shell completions, which clap takes from the parser.
#[derive(Clone)]
struct Offer<F> {
    parse: F,
    values: Vec<PossibleValue>,
}

impl<F> Offer<F> {
    fn new(parse: F, values: Vec<PossibleValue>) -> Offer<F> {
        Offer { parse, values }
    }
}

impl<F, T, E> TypedValueParser for Offer<F>
where
    F: Fn(&str) -> Result<T, E> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    E: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        self.parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().cloned()))
    }
}

/// `--growth`: a growth a month.
fn growth(s: &str) -> Result<f64, Beside<units::ParseError>> {
    units::parse_growth(s).map_err(Beside)
}

/// `--host NAME`: one word, as a syslog line's host field is.
fn parse_host(s: &str) -> Result<String, BadHost> {
    let word = !s.is_empty()
        && s.len() <= 255
        && !s
            .chars()
            .any(|c| c.is_whitespace() || mtafit_model::text::is_unsafe(c));
    word.then(|| s.to_owned()).ok_or(BadHost)
}

/// A `--host` that is not one word.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "expected a host name: one word of at most 255 bytes, without spaces or control characters, \
     as a syslog line's host field (mx1, mx1.example.com, 192.0.2.25)"
)]
pub struct BadHost;

/// A command that has no man page of its own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "there is no command {found:?}{}; expected one of {}",
    mtafit_model::ronfile::DidYouMean(.suggestion.as_deref()),
    .known.join(", ")
)]
pub struct UnknownCommand {
    /// The name as typed (clap makes its whole message safe before it is shown).
    pub found: String,
    /// The command a near miss most likely meant.
    pub suggestion: Option<String>,
    /// Every command with a page.
    pub known: Vec<String>,
}

/// Every command with a page of its own, built the way the man pages are built: the main page
/// refers to `mtafit-rank(1)` and so on, and no `help` command is listed.
fn man_tree() -> clap::Command {
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// Accept a command that has a man page, so a wrong name is a usage error listing the right ones.
fn man_command(name: &str) -> Result<String, UnknownCommand> {
    let tree = man_tree();
    if tree.find_subcommand(name).is_some() {
        return Ok(name.to_owned());
    }
    let names: Vec<&str> = tree.get_subcommands().map(|c| c.get_name()).collect();
    Err(UnknownCommand {
        found: name.to_owned(),
        suggestion: mtafit_model::ronfile::nearest(name, &names).map(str::to_owned),
        known: names.into_iter().map(str::to_owned).collect(),
    })
}

/// The completion script for `shell`, generated from the definitions above.
pub fn completions(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), "mtafit", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The manual page in roff, generated from the definitions above: mtafit(1), or with a command's
/// name (checked by the parser) that command's page, mtafit-COMMAND(1). mtafit(1) also has the
/// explorer's KEYS (from its key map), FILES and EXIT STATUS, before its VERSION.
pub fn man_page(command: Option<&str>) -> String {
    let tree = man_tree();
    let sub = command.and_then(|name| tree.find_subcommand(name).cloned());
    let main = sub.is_none();
    let mut out = Vec::new();
    // Writing into a `Vec` cannot fail, so the only error `render` returns never happens.
    let _ = clap_mangen::Man::new(sub.unwrap_or(tree))
        .source(concat!("mtafit ", env!("CARGO_PKG_VERSION")))
        .render(&mut out);
    let page = String::from_utf8_lossy(&out).into_owned();
    if !main {
        return page;
    }
    // The page already defines what the preamble of a second roff document would.
    let own: String = own_sections()
        .render()
        .lines()
        .filter(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .map(|l| format!("{l}\n"))
        .collect();
    match page.find(".SH VERSION") {
        Some(at) => format!("{}{own}{}", &page[..at], &page[at..]),
        None => page + &own,
    }
}

/// What the exit statuses mean (docs/cli.md, "Exit status"), for the man page.
const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Done; also when the reader closes standard output early (mtafit rank | head).",
    ),
    (
        "1",
        "Invalid input or a failure: a profile that cannot be read, an unknown engine id, a log \
         that cannot be read, a --catalogue that is missing, not a folder or cannot be read, \
         output that cannot be written (--help and -V included), a file that exists without \
         --force, check finding an error or warning, the explorer started without a terminal or \
         failing to save on quitting. A message goes to standard error and nothing \
         half-written is left.",
    ),
    (
        "2",
        "Usage error: an unknown option, a missing argument or option (show without an ID lists \
         the ids), conflicting options, or a value that cannot be read.",
    ),
    (
        "129, 130, 131, 138, 142, 143",
        "The explorer ended by SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGALRM or SIGTERM (128 + the \
         signal number).",
    ),
];

/// The files mtafit reads and writes (docs/cli.md, "State and configuration"), for the man page.
const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/mtafit/engines/*.ron",
        "Your engines, read at start by every command that reads the catalogue; without \
         XDG_CONFIG_HOME, the platform's configuration folder (~/.config/mtafit/engines/ on \
         Linux). mtafit check validates them.",
    ),
    (
        "$XDG_STATE_HOME/mtafit/state.ron",
        "The explorer's saved session: profile, weights and marked engines, as a profile file \
         that --profile loads too; without XDG_STATE_HOME, the platform's state folder \
         (~/.local/state/mtafit/state.ron on Linux). One that does not parse is moved aside to \
         state.ron.corrupt. Only a run without --profile or --fresh writes it on its own; \
         those ask first. Commands other than the explorer neither read nor write it.",
    ),
    (
        "$XDG_STATE_HOME/mtafit/profiles/NAME.ron",
        "Profiles saved by name with P in the explorer, loaded from the profile form's last row \
         or with --profile NAME (a file of that name first, then a saved profile, then a \
         built-in one).",
    ),
    (
        "$XDG_STATE_HOME/mtafit/ui.ron",
        "The colour theme last chosen with t, beside the saved session.",
    ),
];

/// KEYS (every binding of the explorer's key map, by group, as `?` lists them), FILES and
/// EXIT STATUS.
fn own_sections() -> roff::Roff {
    use crate::tui::keymap::{self, Group};
    use roff::{bold, italic, roman};
    use strum::VariantArray;
    let mut r = roff::Roff::new();
    r.control("SH", ["KEYS"]);
    r.text([roman(
        "The explorer (mtafit without a command) takes these keys; ? lists them too. Where a key \
         means something else elsewhere, the places where it means this follow it.",
    )]);
    for &g in Group::VARIANTS {
        let bindings: Vec<_> = keymap::BINDINGS.iter().filter(|b| b.group == g).collect();
        if bindings.is_empty() {
            continue;
        }
        r.control("SS", [g.title()]);
        for b in bindings {
            r.control("TP", []);
            r.text([bold(keymap::keys_label(b))]);
            let mut text = vec![roman(b.description)];
            if let Some(places) = keymap::where_it_applies(b) {
                text.push(roman("; in: "));
                text.push(italic(places));
            }
            r.text(text);
        }
    }
    r.control("SH", ["FILES"]);
    for (path, what) in FILES {
        r.control("TP", []);
        r.text([italic(*path)]);
        r.text([roman(*what)]);
    }
    r.control("SH", ["EXIT STATUS"]);
    for (status, when) in EXIT_STATUS {
        r.control("TP", []);
        r.text([bold(*status)]);
        r.text([roman(*when)]);
    }
    r
}

impl Global {
    /// The plain options every command takes.
    pub fn common(&self) -> Common {
        Common {
            overrides: Overrides {
                catalogue: self.catalogue.clone(),
                profile: self.profile.clone(),
                volume: self.volume,
                weights: self.weight.clone(),
                own: match (self.own, self.rent) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                must: self.must.clone(),
            },
            no_color: self.no_color,
        }
    }
}

impl From<Format> for OutputFormat {
    fn from(f: Format) -> OutputFormat {
        match f {
            Format::Table => OutputFormat::Table,
            Format::Json => OutputFormat::Json,
        }
    }
}

impl From<RankFormat> for RankOutput {
    fn from(f: RankFormat) -> RankOutput {
        match f {
            RankFormat::Table => RankOutput::Table,
            RankFormat::Json => RankOutput::Json,
            RankFormat::Csv => RankOutput::Csv,
            RankFormat::Markdown => RankOutput::Markdown,
        }
    }
}

impl From<ExportFormat> for ShortlistFormat {
    fn from(f: ExportFormat) -> ShortlistFormat {
        match f {
            ExportFormat::Markdown => ShortlistFormat::Markdown,
            ExportFormat::Csv => ShortlistFormat::Csv,
            ExportFormat::Json => ShortlistFormat::Json,
            ExportFormat::Ron => ShortlistFormat::Ron,
        }
    }
}

/// What a `--log-format` value names: a log format, or an envelope of records around one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadAs {
    /// Lines of this format.
    Format(LogFormat),
    /// Records in this envelope, the format inside detected.
    Envelope(Envelope),
}

impl From<LogFormatArg> for ReadAs {
    fn from(f: LogFormatArg) -> ReadAs {
        match f {
            LogFormatArg::Postfix => ReadAs::Format(LogFormat::Postfix),
            LogFormatArg::Exim => ReadAs::Format(LogFormat::Exim),
            LogFormatArg::Sendmail => ReadAs::Format(LogFormat::Sendmail),
            LogFormatArg::Kumomta => ReadAs::Format(LogFormat::Kumomta),
            LogFormatArg::Powermta => ReadAs::Format(LogFormat::Powermta),
            LogFormatArg::JournaldJson => ReadAs::Envelope(Envelope::JournaldJson),
            LogFormatArg::JournaldExport => ReadAs::Envelope(Envelope::JournaldExport),
            LogFormatArg::Jsonl => ReadAs::Envelope(Envelope::Jsonl),
        }
    }
}

impl From<Theme> for ThemeName {
    fn from(t: Theme) -> ThemeName {
        match t {
            Theme::Dark => ThemeName::Dark,
            Theme::Light => ThemeName::Light,
            Theme::Mono => ThemeName::Mono,
        }
    }
}

impl TuiArgs {
    /// The explorer's plain options.
    pub fn options(&self) -> crate::tui::start::Options {
        crate::tui::start::Options {
            fresh: self.fresh,
            mouse: !self.no_mouse,
            theme: self.theme.map(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    #[test]
    fn global_options_go_after_the_subcommand_too() {
        let cli = Cli::try_parse_from([
            "mtafit",
            "rank",
            "--volume",
            "7.4M",
            "--weight",
            "budget=9",
            "--catalogue",
            "a",
            "--catalogue",
            "b",
            "--must",
            "dkim_signing",
            "--own",
        ])
        .unwrap();
        assert_eq!(cli.global.volume, Some(7_400_000));
        assert_eq!(cli.global.weight, [(FactorId::Budget, 9.0)]);
        assert_eq!(cli.global.must, [Capability::DkimSigning]);
        assert_eq!(cli.global.catalogue.len(), 2);
        assert!(cli.global.own);
    }

    #[test]
    fn every_log_format_has_a_flag_value() {
        // The two lists are kept apart on purpose (clap stays at the edge); this keeps them equal.
        for f in LogFormat::ALL {
            let arg = LogFormatArg::from_str(f.name(), false).expect("a --log-format value");
            assert_eq!(ReadAs::from(arg), ReadAs::Format(f));
        }
        for e in Envelope::ALL {
            let arg = LogFormatArg::from_str(e.name(), false).expect("a --log-format value");
            assert_eq!(ReadAs::from(arg), ReadAs::Envelope(e));
        }
        assert_eq!(
            LogFormatArg::value_variants().len(),
            LogFormat::ALL.len() + Envelope::ALL.len()
        );
    }

    /// Each clap value maps to its own plain value, and every plain value has a clap value.
    fn one_to_one<C: ValueEnum, P: PartialEq + std::fmt::Debug>(
        plain: usize,
        to: impl Fn(&C) -> P,
    ) {
        let mapped: Vec<P> = C::value_variants().iter().map(to).collect();
        assert_eq!(mapped.len(), plain, "a value missing on one side");
        for (i, a) in mapped.iter().enumerate() {
            assert!(!mapped[i + 1..].contains(a), "{a:?} mapped twice");
        }
    }

    #[test]
    fn every_plain_value_has_its_own_flag_value() {
        use strum::EnumCount;
        one_to_one::<Format, _>(OutputFormat::COUNT, |f| OutputFormat::from(*f));
        one_to_one::<RankFormat, _>(RankOutput::COUNT, |f| RankOutput::from(*f));
        one_to_one::<ExportFormat, _>(ShortlistFormat::COUNT, |f| ShortlistFormat::from(*f));
        one_to_one::<Theme, _>(ThemeName::COUNT, |t| ThemeName::from(*t));
        // And the names agree, where the plain side has them.
        for f in ExportFormat::value_variants() {
            let name = f.to_possible_value().unwrap();
            assert_eq!(name.get_name(), ShortlistFormat::from(*f).name());
        }
        for t in Theme::value_variants() {
            let name = t.to_possible_value().unwrap();
            assert_eq!(name.get_name(), ThemeName::from(*t).name());
        }
    }

    /// clap's message for `args`, which must be a usage error.
    fn usage_error(args: &[&str]) -> String {
        let e = Cli::try_parse_from(args).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        e.render().to_string()
    }

    #[test]
    fn a_bad_flag_value_is_a_usage_error_that_says_what_was_expected() {
        let e = usage_error(&["mtafit", "rank", "--volume", "lots"]);
        assert!(
            e.starts_with(
                "error: invalid value 'lots' for '--volume <V>': expected a number with an \
                 optional k, M or B; write it like 7421043, 7.4M"
            ),
            "{e}"
        );
        let e = usage_error(&["mtafit", "rank", "--weight", "volume=30"]);
        assert!(
            e.starts_with(
                "error: invalid value 'volume=30' for '--weight <ID=N>': expected 0, or a \
                 weight from 0.01 to 10 (weights count in hundredths), found 30"
            ),
            "{e}"
        );
        let e = usage_error(&["mtafit", "rank", "--must", "web_uii"]);
        assert!(
            e.contains("for '--must <CAP>': unknown capability \"web_uii\"; expected one of")
                && e.contains("(did you mean `web_ui`?)"),
            "{e}"
        );
        let e = usage_error(&["mtafit", "path", "--growth", "fast"]);
        assert!(
            e.contains("'--growth <PCT>': cannot read the growth"),
            "{e}"
        );
        let e = usage_error(&["mtafit", "path", "--to", "2000B"]);
        assert!(
            e.contains("'--to <VOLUME>': the volume \"2000B\" is more than"),
            "{e}"
        );
        let e = usage_error(&["mtafit", "man", "rnak"]);
        assert!(
            e.contains("there is no command \"rnak\" (did you mean `rank`?)"),
            "{e}"
        );
    }

    /// The long options `sub`'s help lists.
    fn listed(sub: &str) -> Vec<String> {
        let mut cmd = command();
        cmd.build();
        let help = cmd
            .find_subcommand_mut(sub)
            .unwrap()
            .render_long_help()
            .to_string();
        help.split_whitespace()
            .filter(|w| w.starts_with("--"))
            .map(|w| w.trim_end_matches([',', '.']).to_owned())
            .collect()
    }

    #[test]
    fn each_subcommands_help_lists_only_the_global_options_it_reads() {
        let cmd = Cli::command();
        let globals: Vec<&clap::Arg> = cmd.get_arguments().filter(|a| a.is_global_set()).collect();
        // The table names real commands and real options.
        for (name, reads) in READS {
            assert!(cmd.find_subcommand(name).is_some(), "{name}");
            for id in *reads {
                assert!(globals.iter().any(|a| a.get_id() == id), "{name}: {id}");
            }
        }
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            let reads = READS
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(&[][..], |(_, r)| r);
            let listed = listed(name);
            for a in &globals {
                let flag = format!("--{}", a.get_long().unwrap());
                let id = a.get_id().as_str();
                assert_eq!(listed.contains(&flag), reads.contains(&id), "{name} {flag}");
            }
        }
        // The explorer's options are its own; measure reads no model option.
        assert!(!listed("rank").contains(&"--fresh".to_owned()));
        assert!(listed("rank").contains(&"--volume".to_owned()));
        assert!(!listed("measure").contains(&"--volume".to_owned()));
        assert_eq!(listed("show"), ["--catalogue", "--format", "--help"]);
    }

    #[test]
    fn an_option_a_subcommand_does_not_read_is_still_accepted() {
        // Hidden, not removed: a command line that worked keeps working, before or after.
        for args in [
            &["mtafit", "measure", "--volume", "3M", "x.log"][..],
            &["mtafit", "--volume", "3M", "measure", "x.log"],
            &["mtafit", "rank", "--fresh", "--theme", "mono"],
            &["mtafit", "check", "--profile", "brief-7.4m"],
        ] {
            parse(args.iter().copied()).unwrap();
        }
        let cli = parse(["mtafit", "walk", "--volume", "40M", "--no-color"]).unwrap();
        assert_eq!(cli.global.volume, Some(40_000_000));
        assert!(cli.global.no_color);
        assert!(parse(["mtafit", "check", "--own", "--rent"]).is_err());
    }

    #[test]
    fn the_profile_option_names_every_built_in_profile() {
        let help = command().render_long_help().to_string();
        let names = mtafit_model::profile::builtin_names();
        assert!(
            names.len() >= 7 && names.contains(&"esp-enough"),
            "{names:?}"
        );
        for name in names {
            assert!(help.contains(name), "{name}: {help}");
            parse(["mtafit", "rank", "--profile", name]).unwrap();
        }
    }

    #[test]
    fn md_is_markdown_wherever_markdown_is() {
        let Some(Command::Rank { format, .. }) =
            parse(["mtafit", "rank", "--format", "md"]).unwrap().command
        else {
            panic!("not rank")
        };
        assert_eq!(format, RankFormat::Markdown);
        let export = ["mtafit", "export", "--shortlist", "postfix", "-o", "-"];
        let Some(Command::Export { format, .. }) =
            parse(export.into_iter().chain(["--format", "md"]))
                .unwrap()
                .command
        else {
            panic!("not export")
        };
        assert_eq!(format, ExportFormat::Markdown);
        // Every format that offers markdown takes md too.
        let md = |p: clap::builder::PossibleValue| {
            assert_eq!(p.matches("md", false), p.get_name() == "markdown");
        };
        RankFormat::value_variants()
            .iter()
            .for_each(|v| md(v.to_possible_value().unwrap()));
        ExportFormat::value_variants()
            .iter()
            .for_each(|v| md(v.to_possible_value().unwrap()));
    }

    #[test]
    fn own_and_rent_conflict() {
        assert!(Cli::try_parse_from(["mtafit", "--own", "--rent", "rank"]).is_err());
    }
}
