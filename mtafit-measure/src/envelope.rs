//! Log records shipped inside another format: `journalctl -o json`, `journalctl -o export`, and
//! the JSON lines Vector, Fluent Bit and Loki's LogCLI print.
//!
//! Each record is turned back into the syslog line it stands for,
//! `TIMESTAMP HOST IDENT[PID]: MESSAGE`, and the lines go to the format readers as they are:
//! counts are those of the plain syslog the records came from. The conversion is a reader stage
//! chosen once per input, so plain logs never pass through it. The formats are in
//! docs/measuring.md, with the documents they follow.

use crate::input::{self, MAX_LINE};
use crate::kumo;
use crate::time;
use serde_json::Value;
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};

/// A container of log records around the original message lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount, strum::VariantArray)]
pub enum Envelope {
    /// `journalctl -o json`: one JSON object per line, journal field names.
    JournaldJson,
    /// `journalctl -o export`: `KEY=VALUE` lines, records separated by a blank line.
    JournaldExport,
    /// JSON lines from Vector, Fluent Bit or Loki's LogCLI (`--output=jsonl`).
    Jsonl,
}

impl Envelope {
    /// The `--log-format` value.
    pub fn name(self) -> &'static str {
        match self {
            Envelope::JournaldJson => "journald-json",
            Envelope::JournaldExport => "journald-export",
            Envelope::Jsonl => "jsonl",
        }
    }

    /// What the records look like, for messages.
    pub fn described(self) -> &'static str {
        match self {
            Envelope::JournaldJson => "`journalctl -o json` output (JSON objects with MESSAGE)",
            Envelope::JournaldExport => {
                "`journalctl -o export` output (KEY=VALUE fields, one of them MESSAGE)"
            }
            Envelope::Jsonl => {
                "JSON lines from Vector, Fluent Bit or LogCLI (objects with message, log or line)"
            }
        }
    }

    /// Every envelope.
    pub const ALL: [Envelope; <Envelope as strum::EnumCount>::COUNT] =
        mtafit_model::variants::all();
}

/// How many of the first records decide.
const SAMPLE: usize = 50;

/// The envelope most of the first records of `head` are in; `None` for anything else,
/// KumoMTA's own JSON records included.
pub fn detect(head: &[u8]) -> Option<Envelope> {
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    if head[0] != b'{' {
        return is_export(head).then_some(Envelope::JournaldExport);
    }
    let (mut journald, mut jsonl, mut other) = (0, 0, 0);
    for line in json_lines(head) {
        match json_kind(line) {
            Some(Envelope::JournaldJson) => journald += 1,
            Some(_) => jsonl += 1,
            None => other += 1,
        }
    }
    if journald + jsonl <= other {
        return None;
    }
    Some(if journald >= jsonl {
        Envelope::JournaldJson
    } else {
        Envelope::Jsonl
    })
}

/// True when some of the first records of `head` are in `envelope`.
pub fn recognised(envelope: Envelope, head: &[u8]) -> bool {
    match envelope {
        Envelope::JournaldExport => {
            let start = head.iter().position(|b| !b.is_ascii_whitespace());
            start.is_some_and(|s| is_export(&head[s..]))
        }
        // Journal fields read as JSON lines too; the reverse would lose the identifier.
        Envelope::Jsonl => json_lines(head).any(|l| json_kind(l).is_some()),
        Envelope::JournaldJson => {
            json_lines(head).any(|l| json_kind(l) == Some(Envelope::JournaldJson))
        }
    }
}

/// The first non-empty lines of a head that start an object.
fn json_lines(head: &[u8]) -> impl Iterator<Item = &[u8]> {
    head.split(|&b| b == b'\n')
        .map(|l| l.trim_ascii())
        .filter(|l| !l.is_empty())
        .take(SAMPLE)
        .filter(|l| l.first() == Some(&b'{'))
}

/// Which envelope one JSON line is a record of.
fn json_kind(line: &[u8]) -> Option<Envelope> {
    // KumoMTA's records are JSON lines with a message in them, but are a log of their own.
    if kumo::recognises(line) {
        return None;
    }
    let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(line) else {
        return None;
    };
    if m.contains_key("MESSAGE")
        && [
            "__REALTIME_TIMESTAMP",
            "__CURSOR",
            "SYSLOG_IDENTIFIER",
            "_HOSTNAME",
        ]
        .iter()
        .any(|k| m.contains_key(*k))
    {
        return Some(Envelope::JournaldJson);
    }
    ["message", "log", "line"]
        .iter()
        .any(|k| m.get(*k).is_some_and(Value::is_string))
        .then_some(Envelope::Jsonl)
}

/// True when `head` starts with journal export fields: `KEY=VALUE` (keys are upper case letters,
/// digits and underscores) and a MESSAGE or journal timestamp field among the first lines.
fn is_export(head: &[u8]) -> bool {
    let field = |l: &[u8]| {
        l.iter().position(|&b| b == b'=').is_some_and(|i| {
            i > 0
                && l[..i]
                    .iter()
                    .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        })
    };
    let mut lines = head.split(|&b| b == b'\n');
    lines.next().is_some_and(field)
        && head.split(|&b| b == b'\n').take(200).any(|l| {
            l.starts_with(b"MESSAGE=") || l == b"MESSAGE" || l.starts_with(b"__REALTIME_TIMESTAMP=")
        })
}

/// The input with its records turned into syslog lines; its head is read again from them.
pub fn unwrap(
    opened: input::Opened,
    envelope: Envelope,
    meter: &std::sync::Arc<input::Meter>,
) -> io::Result<input::Opened> {
    let (modified, compressed) = (opened.modified, opened.compressed);
    let mut raw = input::whole_stream(opened, meter);
    if envelope != Envelope::JournaldExport {
        // One record to a line: the scanning threads convert their own chunks, so the
        // conversion runs on every core. The head for detection is converted here, from the
        // whole records at the start.
        let mut first = Vec::with_capacity(input::HEAD);
        (&mut raw)
            .take(input::HEAD as u64)
            .read_to_end(&mut first)?;
        while !first.contains(&b'\n') && first.len() < MAX_LINE {
            let before = first.len();
            (&mut raw)
                .take(input::HEAD as u64)
                .read_to_end(&mut first)?;
            if first.len() == before {
                break;
            }
        }
        let whole = memchr::memrchr(b'\n', &first).map_or(first.len(), |i| i + 1);
        let mut head = Vec::new();
        convert(envelope, &first[..whole], &mut head, &mut Second::default());
        return Ok(input::Opened {
            head,
            body: input::Body::Records(raw, first, envelope),
            modified,
            compressed,
        });
    }
    let mut lines: Box<dyn Read + Send> = Box::new(Unwrap {
        inner: BufReader::with_capacity(64 << 10, raw),
        envelope,
        out: Vec::new(),
        at: 0,
        done: false,
        record: Vec::new(),
        second: Second::default(),
    });
    let mut head = Vec::with_capacity(input::HEAD);
    (&mut lines)
        .take(input::HEAD as u64)
        .read_to_end(&mut head)?;
    Ok(input::Opened {
        head,
        body: input::Body::Stream(lines),
        modified,
        compressed,
    })
}

/// Reads records from `inner` and yields their syslog lines.
struct Unwrap {
    inner: BufReader<Box<dyn Read + Send>>,
    envelope: Envelope,
    /// Converted lines not yet read, from `at`.
    out: Vec<u8>,
    at: usize,
    done: bool,
    record: Vec<u8>,
    /// The last second written as a timestamp.
    second: Second,
}

/// Converted bytes gathered before a read is answered.
const BATCH: usize = 256 << 10;

impl Read for Unwrap {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.out.clear();
            self.at = 0;
            while !self.done && self.out.len() < BATCH {
                match self.envelope {
                    Envelope::JournaldExport => self.export_record()?,
                    json => self.json_record(json)?,
                }
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

impl Unwrap {
    /// Reads one line into `record` (without its newline); false at the end. A line longer
    /// than [`MAX_LINE`] keeps its head, as plain logs do.
    fn line(&mut self) -> io::Result<bool> {
        self.record.clear();
        let n = (&mut self.inner)
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut self.record)?;
        if n == 0 {
            return Ok(false);
        }
        if self.record.last() == Some(&b'\n') {
            self.record.pop();
        } else if n == MAX_LINE {
            let mut rest = Vec::new();
            loop {
                rest.clear();
                let m = (&mut self.inner)
                    .take(MAX_LINE as u64)
                    .read_until(b'\n', &mut rest)?;
                if m == 0 || rest.last() == Some(&b'\n') {
                    break;
                }
            }
        }
        Ok(true)
    }

    fn json_record(&mut self, envelope: Envelope) -> io::Result<()> {
        if !self.line()? {
            self.done = true;
            return Ok(());
        }
        json_record(envelope, &self.record, &mut self.out, &mut self.second);
        Ok(())
    }

    /// One record of the export format: text fields `KEY=VALUE\n`, binary ones `KEY\n`, a
    /// little-endian 64-bit length, the bytes and `\n`; a blank line ends the record.
    fn export_record(&mut self) -> io::Result<()> {
        let mut fields: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        loop {
            if !self.line()? {
                self.done = true;
                break;
            }
            if self.record.is_empty() {
                if fields.is_empty() {
                    continue;
                }
                break;
            }
            match self.record.iter().position(|&b| b == b'=') {
                Some(i) => fields.push((self.record[..i].to_vec(), self.record[i + 1..].to_vec())),
                None => {
                    let key = std::mem::take(&mut self.record);
                    let mut len = [0u8; 8];
                    match self.inner.read_exact(&mut len) {
                        // A stream cut inside a field (journalctl stopped): the records before
                        // it stand, as a plain log's last lines do.
                        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                            self.done = true;
                            break;
                        }
                        other => other?,
                    }
                    let len = u64::from_le_bytes(len);
                    let mut value = Vec::new();
                    (&mut self.inner)
                        .take(len.min(MAX_LINE as u64))
                        .read_to_end(&mut value)?;
                    // The rest of an over-long value, then the newline after it.
                    let rest = len.saturating_sub(value.len() as u64) + 1;
                    io::copy(&mut (&mut self.inner).take(rest), &mut io::sink())?;
                    fields.push((key, value));
                }
            }
        }
        if !fields.is_empty() {
            journal_line(&fields, &mut self.out, &mut self.second);
        }
        Ok(())
    }
}

/// One JSON record (a line, without its newline) as its syslog line, appended to `out`.
fn json_record(envelope: Envelope, rec: &[u8], out: &mut Vec<u8>, second: &mut Second) {
    let rec = rec.trim_ascii();
    if rec.is_empty() {
        return;
    }
    // A journal record is read into the few fields a line needs, skipping the rest
    // unbuilt: a whole map of every field cost five times as much per record. Anything
    // that does not fit those fields (a field given twice, say) is read as a map below.
    if envelope == Envelope::JournaldJson
        && let Ok(r) = serde_json::from_slice::<JournalRecord<'_>>(rec)
    {
        journal_line(&r, out, second);
        return;
    }
    if envelope == Envelope::Jsonl
        && let Ok(r) = serde_json::from_slice::<JsonlRecord<'_>>(rec)
    {
        jsonl_line(&r, out);
        return;
    }
    let Ok(whole) = serde_json::from_slice::<Object<'_>>(rec) else {
        // Not a record: passed on as it is, so the format reader sees (and counts) it.
        push_clean(out, rec);
        out.push(b'\n');
        return;
    };
    match envelope {
        Envelope::JournaldJson => journal_line(&whole, out, second),
        _ => jsonl_line(&whole, out),
    }
}

/// The records of `raw`, one JSON record to a line, as syslog lines appended to `out`. The
/// scanning threads call it, each on its own chunks of whole lines.
pub fn convert(envelope: Envelope, raw: &[u8], out: &mut Vec<u8>, second: &mut Second) {
    for rec in raw.split(|&b| b == b'\n') {
        json_record(envelope, rec, out, second);
    }
}

/// A record's fields by name: a journal record (JSON or export), a JSON-lines record, or
/// any JSON object read whole.
trait Record {
    /// The field `key`, when the record has it (null included).
    fn field(&self, key: &str) -> Option<Field<'_>>;
    /// LogCLI's stream labels, when the record has them as an object.
    fn labels(&self) -> Option<&dyn Record> {
        None
    }
}

/// One field of a [`Record`]: a JSON value, or the bytes of an export record's field.
#[derive(Clone, Copy)]
enum Field<'a> {
    Json(&'a Json<'a>),
    Bytes(&'a [u8]),
}

impl<'a> Field<'a> {
    fn is_null(self) -> bool {
        matches!(self, Field::Json(Json::Null))
    }

    /// The field's bytes: a string, a number as written, an array of byte values (a journal
    /// field that is not UTF-8), or for a field given more than once an array of those, of
    /// which the first is taken.
    fn bytes(self) -> Option<Cow<'a, [u8]>> {
        match self {
            Field::Bytes(b) => Some(Cow::Borrowed(b)),
            Field::Json(Json::Text(s)) => Some(Cow::Borrowed(s.as_bytes())),
            Field::Json(Json::Number(n)) => Some(Cow::Owned(n.to_string().into_bytes())),
            Field::Json(Json::Array(a))
                if a.iter().all(|v| matches!(v, Json::Number(n) if n.is_u64())) =>
            {
                a.iter()
                    .map(|v| match v {
                        Json::Number(n) => n.as_u64().and_then(|b| u8::try_from(b).ok()),
                        _ => None,
                    })
                    .collect::<Option<Vec<u8>>>()
                    .map(Cow::Owned)
            }
            Field::Json(Json::Array(a)) => a.first().and_then(|v| Field::Json(v).bytes()),
            Field::Json(Json::Object(_) | Json::Null | Json::Bool) => None,
        }
    }

    /// A time field's RFC 3339 text, or Unix time by its size, as a syslog timestamp.
    fn stamp(self) -> Option<Vec<u8>> {
        let number = match self {
            Field::Json(Json::Number(n)) => n.as_f64()?,
            Field::Json(Json::Text(_)) | Field::Bytes(_) => {
                let bytes = self.bytes()?;
                if let Some((_, n)) = time::rfc3339(&bytes) {
                    return Some(bytes[..n].to_vec());
                }
                std::str::from_utf8(&bytes)
                    .ok()?
                    .trim()
                    .parse::<f64>()
                    .ok()?
            }
            _ => return None,
        };
        if !number.is_finite() {
            return None;
        }
        let scale = match number.abs() {
            x if x < 1e11 => 1e6,
            x if x < 1e14 => 1e3,
            x if x < 1e17 => 1.0,
            _ => 1e-3,
        };
        micros_stamp((number * scale).round() as i64)
    }
}

/// One JSON value of a record, strings borrowed from the record when they hold no escape.
enum Json<'a> {
    Text(Cow<'a, str>),
    /// A number, written as `serde_json` writes it.
    Number(serde_json::Number),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
    Null,
    Bool,
}

/// A JSON object read whole: a record no typed reader holds (a field given twice, say: the
/// last one counts), or LogCLI's `labels` inside one.
type Object<'a> = std::collections::HashMap<String, Json<'a>>;

impl Record for Object<'_> {
    fn field(&self, key: &str) -> Option<Field<'_>> {
        self.get(key).map(Field::Json)
    }
    fn labels(&self) -> Option<&dyn Record> {
        match self.get("labels") {
            Some(Json::Object(l)) => Some(l),
            _ => None,
        }
    }
}

/// An export record's fields, in the order written; the first of a name counts.
impl Record for Vec<(Vec<u8>, Vec<u8>)> {
    fn field(&self, key: &str) -> Option<Field<'_>> {
        self.iter()
            .find(|(k, _)| k == key.as_bytes())
            .map(|(_, v)| Field::Bytes(v))
    }
}

impl<'de: 'a, 'a> serde::Deserialize<'de> for Json<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Json<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Json::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Json::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Json::Text(Cow::Owned(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Json::Number(v.into()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Json::Number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Json::Bool)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut all = Vec::new();
                while let Some(v) = seq.next_element()? {
                    all.push(v);
                }
                Ok(Json::Array(all))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut all = Object::new();
                while let Some((k, v)) = map.next_entry()? {
                    all.insert(k, v);
                }
                Ok(Json::Object(all))
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}

/// The fields of a `journalctl -o json` record that [`journal_line`] reads; the others are
/// skipped without being built.
#[derive(serde::Deserialize)]
struct JournalRecord<'a> {
    #[serde(rename = "MESSAGE", borrow, default)]
    message: Option<Json<'a>>,
    #[serde(rename = "__REALTIME_TIMESTAMP", borrow, default)]
    realtime: Option<Json<'a>>,
    #[serde(rename = "SYSLOG_TIMESTAMP", borrow, default)]
    syslog_timestamp: Option<Json<'a>>,
    #[serde(rename = "_HOSTNAME", borrow, default)]
    hostname: Option<Json<'a>>,
    #[serde(rename = "SYSLOG_IDENTIFIER", borrow, default)]
    identifier: Option<Json<'a>>,
    #[serde(rename = "_COMM", borrow, default)]
    comm: Option<Json<'a>>,
    #[serde(rename = "SYSLOG_PID", borrow, default)]
    syslog_pid: Option<Json<'a>>,
    #[serde(rename = "_PID", borrow, default)]
    pid: Option<Json<'a>>,
}

impl Record for JournalRecord<'_> {
    fn field(&self, key: &str) -> Option<Field<'_>> {
        let field = match key {
            "MESSAGE" => &self.message,
            "__REALTIME_TIMESTAMP" => &self.realtime,
            "SYSLOG_TIMESTAMP" => &self.syslog_timestamp,
            "_HOSTNAME" => &self.hostname,
            "SYSLOG_IDENTIFIER" => &self.identifier,
            "_COMM" => &self.comm,
            "SYSLOG_PID" => &self.syslog_pid,
            "_PID" => &self.pid,
            _ => return None,
        };
        field.as_ref().map(Field::Json)
    }
}

/// A journal record's syslog line: the time from `__REALTIME_TIMESTAMP` (microseconds, UTC),
/// else `SYSLOG_TIMESTAMP` as the sender wrote it; the host from `_HOSTNAME`; the tag from
/// `SYSLOG_IDENTIFIER` (else `_COMM`) and `SYSLOG_PID` (else `_PID`). A record without MESSAGE
/// or a time is skipped: it stands for no log line.
fn journal_line(r: &dyn Record, out: &mut Vec<u8>, second: &mut Second) {
    let get = |key: &str| r.field(key).and_then(Field::bytes);
    let Some(message) = get("MESSAGE") else {
        return;
    };
    let stamp = get("__REALTIME_TIMESTAMP")
        .and_then(|t| std::str::from_utf8(&t).ok()?.trim().parse::<i64>().ok())
        .and_then(|us| second.stamp(us))
        .map(Cow::Borrowed)
        .or_else(|| {
            get("SYSLOG_TIMESTAMP")
                .map(|s| s.trim_ascii().to_vec())
                .filter(|s| time::syslog(s).is_some())
                .map(Cow::Owned)
        });
    let Some(stamp) = stamp else {
        return;
    };
    let host = get("_HOSTNAME");
    let ident = get("SYSLOG_IDENTIFIER").or_else(|| get("_COMM"));
    let pid = get("SYSLOG_PID").or_else(|| get("_PID"));
    push_line(
        out,
        &stamp,
        host.as_deref(),
        ident.as_deref(),
        pid.as_deref(),
        &message,
    );
}

/// The fields of a JSON-lines record that [`jsonl_line`] reads; the others are skipped without
/// being built. LogCLI's `labels` are read into the same fields.
#[derive(serde::Deserialize)]
struct JsonlRecord<'a> {
    #[serde(borrow, default, deserialize_with = "present")]
    line: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    message: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    log: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    timestamp: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    date: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    time: Option<Json<'a>>,
    #[serde(rename = "@timestamp", borrow, default, deserialize_with = "present")]
    at_timestamp: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    host: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    hostname: Option<Json<'a>>,
    #[serde(rename = "_HOSTNAME", borrow, default, deserialize_with = "present")]
    journal_hostname: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    appname: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    ident: Option<Json<'a>>,
    #[serde(
        rename = "SYSLOG_IDENTIFIER",
        borrow,
        default,
        deserialize_with = "present"
    )]
    journal_identifier: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    syslog_identifier: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    procid: Option<Json<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    pid: Option<Json<'a>>,
    #[serde(rename = "SYSLOG_PID", borrow, default, deserialize_with = "present")]
    journal_syslog_pid: Option<Json<'a>>,
    #[serde(rename = "_PID", borrow, default, deserialize_with = "present")]
    journal_pid: Option<Json<'a>>,
    #[serde(borrow, default)]
    labels: Option<Box<JsonlRecord<'a>>>,
}

/// A field that is there, null included: a null `timestamp` hides the one in `labels`, as it
/// does in a record read whole (serde's own `Option` reads null as absent).
fn present<'de: 'a, 'a, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Json<'a>>, D::Error> {
    serde::Deserialize::deserialize(d).map(Some)
}

impl Record for JsonlRecord<'_> {
    fn field(&self, key: &str) -> Option<Field<'_>> {
        let f = match key {
            "line" => &self.line,
            "message" => &self.message,
            "log" => &self.log,
            "timestamp" => &self.timestamp,
            "date" => &self.date,
            "time" => &self.time,
            "@timestamp" => &self.at_timestamp,
            "host" => &self.host,
            "hostname" => &self.hostname,
            "_HOSTNAME" => &self.journal_hostname,
            "appname" => &self.appname,
            "ident" => &self.ident,
            "SYSLOG_IDENTIFIER" => &self.journal_identifier,
            "syslog_identifier" => &self.syslog_identifier,
            "procid" => &self.procid,
            "pid" => &self.pid,
            "SYSLOG_PID" => &self.journal_syslog_pid,
            "_PID" => &self.journal_pid,
            _ => return None,
        };
        f.as_ref().map(Field::Json)
    }
    fn labels(&self) -> Option<&dyn Record> {
        self.labels.as_deref().map(|l| l as &dyn Record)
    }
}

/// The first of `keys` in `r`, then in its `labels` object (LogCLI's stream labels).
fn pick<'a>(r: &'a dyn Record, keys: &[&str]) -> Option<Field<'a>> {
    keys.iter()
        .find_map(|k| r.field(k))
        .or_else(|| {
            r.labels()
                .and_then(|l| keys.iter().find_map(|k| l.field(k)))
        })
        .filter(|v| !v.is_null())
}

/// A JSON-lines record's syslog line. The message is `line` (LogCLI), `message` (Vector, Fluent
/// Bit) or `log` (Fluent Bit); when it is already a whole log line (it starts with a timestamp,
/// or is a KumoMTA record) it is passed on unchanged. Otherwise the line is rebuilt from
/// `timestamp`, `date`, `time` or `@timestamp` (RFC 3339, or Unix seconds, milli-, micro- or
/// nanoseconds), `host`/`hostname`, `appname`/`ident`/`SYSLOG_IDENTIFIER` and
/// `procid`/`pid`/`SYSLOG_PID`, each looked for in `labels` too.
fn jsonl_line(r: &dyn Record, out: &mut Vec<u8>) {
    let Some(message) = ["line", "message", "log"]
        .iter()
        .find_map(|k| r.field(k).and_then(Field::bytes))
    else {
        return;
    };
    let message = message.trim_ascii_end();
    let whole = crate::frame::stamp(message).is_some()
        || time::spaced(message).is_some()
        || message.first() == Some(&b'{');
    if whole {
        push_clean(out, message);
        out.push(b'\n');
        return;
    }
    let stamp = pick(r, &["timestamp", "date", "time", "@timestamp"]).and_then(Field::stamp);
    let Some(stamp) = stamp else {
        return;
    };
    let text = |keys: &[&str]| pick(r, keys).and_then(Field::bytes);
    let host = text(&["host", "hostname", "_HOSTNAME"]);
    let ident = text(&["appname", "ident", "SYSLOG_IDENTIFIER", "syslog_identifier"]);
    let pid = text(&["procid", "pid", "SYSLOG_PID", "_PID"]);
    push_line(
        out,
        &stamp,
        host.as_deref(),
        ident.as_deref(),
        pid.as_deref(),
        message,
    );
}

/// [`micros_stamp`] with the date and time of the last second kept: records of one second
/// differ only in their microseconds, and writing the date again cost more than reading the
/// record.
#[derive(Default)]
pub struct Second {
    secs: Option<i64>,
    text: Vec<u8>,
}

impl Second {
    /// The stamp of `us`, written over the last one (its microseconds only, within a second).
    fn stamp(&mut self, us: i64) -> Option<&[u8]> {
        let secs = us.div_euclid(1_000_000);
        if self.secs != Some(secs) {
            self.text = micros_stamp(secs * 1_000_000)?;
            self.secs = Some(secs);
        }
        // `….000000+00:00`: the six digits after the point.
        let point = self.text.len() - 13;
        let mut micros = us.rem_euclid(1_000_000);
        for d in self.text[point + 1..point + 7].iter_mut().rev() {
            *d = b'0' + (micros % 10) as u8;
            micros /= 10;
        }
        Some(&self.text)
    }
}

/// Microseconds since 1970 in UTC as `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`.
fn micros_stamp(us: i64) -> Option<Vec<u8>> {
    let secs = us.div_euclid(1_000_000);
    let stamp = time::unix(secs)?;
    let time::Day::Dated(day) = stamp.day else {
        return None;
    };
    Some(
        format!(
            "{}.{:06}+00:00",
            time::format_moment(day, stamp.sod),
            us.rem_euclid(1_000_000)
        )
        .into_bytes(),
    )
}

/// Appends `STAMP HOST IDENT[PID]: MESSAGE\n`. A missing host reads `localhost`; without an
/// identifier the message follows the host directly.
fn push_line(
    out: &mut Vec<u8>,
    stamp: &[u8],
    host: Option<&[u8]>,
    ident: Option<&[u8]>,
    pid: Option<&[u8]>,
    message: &[u8],
) {
    out.extend_from_slice(stamp);
    out.push(b' ');
    match host.filter(|h| !h.is_empty()) {
        // A space would end the host early; the frame reader takes the host as one word.
        Some(h) => out.extend(h.iter().map(|&b| if b == b' ' { b'_' } else { b })),
        None => out.extend_from_slice(b"localhost"),
    }
    out.push(b' ');
    if let Some(ident) = ident.filter(|i| !i.is_empty()) {
        push_clean(out, ident);
        if let Some(pid) = pid.filter(|p| !p.is_empty()) {
            out.push(b'[');
            push_clean(out, pid);
            out.push(b']');
        }
        out.extend_from_slice(b": ");
    }
    push_clean(out, message);
    out.push(b'\n');
}

/// Appends `s` with line breaks made spaces: one record is one line.
fn push_clean(out: &mut Vec<u8>, s: &[u8]) {
    out.extend(
        s.iter()
            .map(|&b| if b == b'\n' || b == b'\r' { b' ' } else { b }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn lines_of(envelope: Envelope, input: &[u8]) -> String {
        String::from_utf8(bytes_of(envelope, input)).expect("UTF-8 lines")
    }

    fn bytes_of(envelope: Envelope, input: &[u8]) -> Vec<u8> {
        let mut u = Unwrap {
            inner: BufReader::new(Box::new(io::Cursor::new(input.to_vec()))),
            envelope,
            out: Vec::new(),
            at: 0,
            done: false,
            record: Vec::new(),
            second: Second::default(),
        };
        let mut s = Vec::new();
        u.read_to_end(&mut s).expect("read from memory");
        s
    }

    #[test]
    fn a_kept_second_writes_the_stamps_a_fresh_one_does() {
        let mut second = Second::default();
        for us in [
            1_766_188_800_000_000i64,
            1_766_188_800_000_001,
            1_766_188_800_999_999,
            1_766_188_801_000_000,
            1_766_188_800_123_456,
            0,
            -1,
        ] {
            assert_eq!(
                second.stamp(us).map(<[u8]>::to_vec),
                micros_stamp(us),
                "{us}"
            );
        }
    }

    /// A field's bytes as `serde_json`'s own map gives them: the rule both readers keep.
    fn value_bytes(v: &Value) -> Option<Vec<u8>> {
        match v {
            Value::String(s) => Some(s.as_bytes().to_vec()),
            Value::Number(n) => Some(n.to_string().into_bytes()),
            Value::Array(a) if a.iter().all(Value::is_u64) => a
                .iter()
                .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
                .collect(),
            Value::Array(a) => a.first().and_then(value_bytes),
            _ => None,
        }
    }

    #[test]
    fn a_journal_record_reads_its_fields_as_the_map_does() {
        for rec in [
            r#"{"MESSAGE":"a \"quoted\" text","_HOSTNAME":"mx1","_PID":4410,"SYSLOG_IDENTIFIER":["postfix/smtp","dup"]}"#,
            r#"{"MESSAGE":[104,105,255],"__REALTIME_TIMESTAMP":"1766188800000000","SYSLOG_PID":1.5}"#,
            r#"{"MESSAGE":[[104,105],"x"],"_COMM":null,"_HOSTNAME":true,"SYSLOG_TIMESTAMP":{"a":1}}"#,
            r#"{"MESSAGE":[300],"_PID":-7,"OTHER":{"deep":[1,{"x":2}]}}"#,
        ] {
            let typed: JournalRecord<'_> = serde_json::from_str(rec).expect(rec);
            let whole: Object<'_> = serde_json::from_str(rec).expect(rec);
            let Value::Object(map) = serde_json::from_str::<Value>(rec).expect(rec) else {
                panic!("{rec} is an object");
            };
            let bytes =
                |r: &dyn Record, key| r.field(key).and_then(Field::bytes).map(Cow::into_owned);
            for key in [
                "MESSAGE",
                "__REALTIME_TIMESTAMP",
                "SYSLOG_TIMESTAMP",
                "_HOSTNAME",
                "SYSLOG_IDENTIFIER",
                "_COMM",
                "SYSLOG_PID",
                "_PID",
            ] {
                let want = map.get(key).and_then(value_bytes);
                assert_eq!(bytes(&typed, key), want, "{key} of {rec}");
                assert_eq!(bytes(&whole, key), want, "{key} of {rec}, read whole");
            }
        }
    }

    #[test]
    fn a_jsonl_record_makes_the_line_its_map_makes() {
        for rec in [
            r#"{"line":"3F2A81C0B4E: removed","labels":{"host":"mx1","appname":"postfix/qmgr","procid":"1042"},"timestamp":"2025-12-20T00:00:00.5Z"}"#,
            r#"{"message":"x","timestamp":null,"labels":{"timestamp":1766188800},"host":"mx1"}"#,
            r#"{"log":"x","time":1766188800123,"hostname":"a b","ident":"postfix/smtp","pid":7}"#,
            r#"{"message":"x","@timestamp":"1766188800.25","SYSLOG_IDENTIFIER":["postfix/smtp"],"_PID":[52]}"#,
            r#"{"message":"x","date":true,"time":"2025-12-20T00:00:00+01:00","host":{"name":"mx1"}}"#,
            r#"{"message":"Dec 20 00:00:00 mx1 postfix/smtp[1]: whole line","host":"collector"}"#,
            r#"{"message":[120,255],"timestamp":1.7661888e9,"labels":"not an object"}"#,
        ] {
            let map: Object<'_> = serde_json::from_str(rec).expect(rec);
            let mut by_map = Vec::new();
            jsonl_line(&map, &mut by_map);
            // A record the typed fields cannot hold is read as its map, as `json_record` does.
            if let Ok(typed) = serde_json::from_str::<JsonlRecord<'_>>(rec) {
                let mut by_fields = Vec::new();
                jsonl_line(&typed, &mut by_fields);
                assert_eq!(
                    String::from_utf8_lossy(&by_fields),
                    String::from_utf8_lossy(&by_map),
                    "{rec}"
                );
            }
            // The first time key there decides, even when it holds no time: a null
            // `timestamp` hides the one in `labels`, and a `date` of true the `time` after it.
            let timeless = rec.contains("null") || rec.contains("true");
            assert_eq!(by_map.is_empty(), timeless, "{rec}");
        }
    }

    #[test]
    fn a_journal_json_record_is_its_syslog_line() {
        // 1764311669 s is 2025-11-28T06:34:29Z.
        let rec = br#"{"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1764311669123456","_HOSTNAME":"mx1","SYSLOG_IDENTIFIER":"postfix/smtp","SYSLOG_PID":"4410","MESSAGE":"3F2A81C0B4E: to=<a@b>, status=sent (250 ok)"}"#;
        assert_eq!(
            lines_of(Envelope::JournaldJson, rec),
            "2025-11-28T06:34:29.123456+00:00 mx1 postfix/smtp[4410]: 3F2A81C0B4E: to=<a@b>, status=sent (250 ok)\n"
        );
        assert_eq!(detect(rec), Some(Envelope::JournaldJson));
    }

    #[test]
    fn a_message_that_is_not_utf8_comes_as_bytes() {
        // journalctl prints a field that is not valid UTF-8 as an array of its bytes.
        let rec = br#"{"__REALTIME_TIMESTAMP":"1764311669000000","_HOSTNAME":"mx1","SYSLOG_IDENTIFIER":"postfix/smtp","MESSAGE":[65,255,66]}"#;
        let mut want = b"2025-11-28T06:34:29.000000+00:00 mx1 postfix/smtp: A".to_vec();
        want.extend_from_slice(b"\xffB\n");
        assert_eq!(bytes_of(Envelope::JournaldJson, rec), want);
    }

    #[test]
    fn json_lines_are_rebuilt_from_their_fields_or_passed_on_whole() {
        let logcli = br#"{"labels":{"host":"mx1","syslog_identifier":"postfix/qmgr"},"line":"3F2A81C0B4E: removed","timestamp":"2025-11-28T06:34:29.5Z"}"#;
        assert_eq!(detect(logcli), Some(Envelope::Jsonl));
        assert_eq!(
            lines_of(Envelope::Jsonl, logcli),
            "2025-11-28T06:34:29.5Z mx1 postfix/qmgr: 3F2A81C0B4E: removed\n"
        );
        // Fluent Bit's `date` is Unix seconds with a fraction; its `log` here is the whole line.
        let fluent = br#"{"date":1764311669.25,"log":"Nov 28 06:34:29 mx1 postfix/qmgr[9]: 3F2A81C0B4E: removed"}"#;
        assert_eq!(
            lines_of(Envelope::Jsonl, fluent),
            "Nov 28 06:34:29 mx1 postfix/qmgr[9]: 3F2A81C0B4E: removed\n"
        );
        let vector = br#"{"host":"mx1","message":"3F2A81C0B4E: removed","timestamp":1764311669250,"appname":"postfix/qmgr","procid":9}"#;
        assert_eq!(
            lines_of(Envelope::Jsonl, vector),
            "2025-11-28T06:34:29.250000+00:00 mx1 postfix/qmgr[9]: 3F2A81C0B4E: removed\n"
        );
    }

    #[test]
    fn an_export_record_takes_text_and_binary_fields() {
        let mut rec = b"__CURSOR=s=1\n__REALTIME_TIMESTAMP=1764311669000000\n_HOSTNAME=mx1\n\
SYSLOG_IDENTIFIER=postfix/smtp\nSYSLOG_PID=7\nMESSAGE\n"
            .to_vec();
        let message = b"A\xffB\nC";
        rec.extend_from_slice(&(message.len() as u64).to_le_bytes());
        rec.extend_from_slice(message);
        rec.extend_from_slice(b"\n_TRANSPORT=syslog\n\n__CURSOR=s=2\nMESSAGE=no time\n\n");
        assert_eq!(detect(&rec), Some(Envelope::JournaldExport));
        let mut want = b"2025-11-28T06:34:29.000000+00:00 mx1 postfix/smtp[7]: A".to_vec();
        want.extend_from_slice(b"\xffB C\n");
        assert_eq!(bytes_of(Envelope::JournaldExport, &rec), want);
    }

    #[test]
    fn an_export_stream_cut_inside_a_field_keeps_the_records_before() {
        let rec = b"__REALTIME_TIMESTAMP=1764311669000000\n_HOSTNAME=mx1\n\
SYSLOG_IDENTIFIER=postfix/qmgr\nMESSAGE=3F2A81C0B4E: removed\n\n\
__REALTIME_TIMESTAMP=1764311670000000\nMESSAGE\n\x05\x00";
        assert_eq!(
            lines_of(Envelope::JournaldExport, rec),
            "2025-11-28T06:34:29.000000+00:00 mx1 postfix/qmgr: 3F2A81C0B4E: removed\n"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_read_without_a_panic(input in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            for e in Envelope::ALL {
                let _ = bytes_of(e, &input);
                let _ = recognised(e, &input);
            }
            let _ = detect(&input);
        }
    }

    #[test]
    fn kumomta_records_are_not_an_envelope() {
        let kumo = b"{\"type\":\"Delivery\",\"id\":\"x\",\"sender\":\"a@b\",\"recipient\":\"c@d\",\"queue\":\"d\",\"timestamp\":1764311669}\n";
        assert_eq!(detect(kumo), None);
        assert!(!recognised(Envelope::Jsonl, kumo));
    }

    #[test]
    fn plain_syslog_is_no_envelope() {
        let line = b"Nov 28 06:34:29 mx1 postfix/smtpd[30211]: connect from x[192.0.2.11]\n";
        assert_eq!(detect(line), None);
        for e in Envelope::ALL {
            assert!(!recognised(e, line), "{e:?}");
        }
    }

    #[test]
    fn a_record_without_a_message_or_time_is_no_line() {
        let recs = b"{\"__REALTIME_TIMESTAMP\":\"1764311669000000\",\"_HOSTNAME\":\"mx1\"}\n{\"MESSAGE\":\"x\",\"_HOSTNAME\":\"mx1\"}\n";
        assert_eq!(lines_of(Envelope::JournaldJson, recs), "");
    }

    #[test]
    fn the_head_is_read_from_the_converted_lines() {
        let rec = b"{\"__REALTIME_TIMESTAMP\":\"1764311669000000\",\"_HOSTNAME\":\"mx1\",\"SYSLOG_IDENTIFIER\":\"postfix/qmgr\",\"MESSAGE\":\"3F2A81C0B4E: removed\"}\n";
        let opened = input::Opened {
            head: rec.to_vec(),
            body: input::Body::Stream(Box::new(io::empty())),
            modified: None,
            compressed: false,
        };
        let meter = Arc::new(input::Meter::default());
        let out = unwrap(opened, Envelope::JournaldJson, &meter).expect("from memory");
        assert_eq!(
            String::from_utf8_lossy(&out.head),
            "2025-11-28T06:34:29.000000+00:00 mx1 postfix/qmgr: 3F2A81C0B4E: removed\n"
        );
    }
}
