//! Reading one input as chunks of whole lines, for the scanning threads.
//!
//! A regular file is mapped a window at a time, so the pages in memory stay bounded however
//! large the file is (mapped pages count toward resident memory while mapped). Standard input,
//! pipes and gzip files are read into a few reused buffers. Either way a chunk ends at a newline;
//! a line longer than [`MAX_LINE`] is read from its first part and the rest skipped.

use crate::MeasureError;
use memmap2::{Mmap, MmapOptions};
use std::fs::File;
use std::io::{self, Read};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::time::SystemTime;

/// Bytes of a mapped window. Each map and unmap costs system time (the unmap stops the other
/// threads' view of the pages too): 8 MiB windows took a third of the system time of 2 MiB ones
/// on a 1 GB log, and with a few windows mapped at once still keep resident memory near 26 MB.
pub const WINDOW: usize = 8 << 20;
/// Bytes of a read buffer.
pub const BUFFER: usize = 2 << 20;
/// The longest line read whole.
pub const MAX_LINE: usize = 1 << 20;
/// Bytes read to detect the format.
pub const HEAD: usize = 64 << 10;

/// Where a log comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Source {
    /// The name used in messages.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "standard input".into(),
            // A file name can hold terminal escapes; messages must not pass them on.
            Source::Path(p) => mtafit_model::text::sanitize(&p.display().to_string()).into_owned(),
        }
    }
}

/// Shared progress of a measurement, and the way to stop it.
#[derive(Debug, Default)]
pub struct Meter {
    /// Input bytes consumed (compressed bytes for gzip files).
    pub done: AtomicU64,
    /// Input bytes in all, or 0 when unknown (standard input).
    pub total: AtomicU64,
    /// Set to stop early; the measurement then fails with "stopped".
    pub cancel: AtomicBool,
}

/// A chunk of whole lines.
pub struct Job {
    /// Position among the input's chunks.
    pub index: usize,
    /// The bytes.
    pub data: Data,
    /// Offset of the first byte in the input.
    pub base: u64,
    /// True for the input's last chunk.
    pub at_end: bool,
}

/// Where a chunk's bytes live.
pub enum Data {
    /// A mapped window and the range of it that is the chunk.
    Mapped(Mmap, Range<usize>),
    /// A read buffer (returned for reuse after scanning).
    Owned(Vec<u8>),
}

impl Data {
    /// The chunk's bytes.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Data::Mapped(m, r) => &m[r.clone()],
            Data::Owned(v) => v,
        }
    }
}

/// An input opened and sniffed.
pub struct Opened {
    /// Its first bytes (decompressed), for format detection.
    pub head: Vec<u8>,
    /// How to read it all.
    pub body: Body,
    /// Modification time, the reference for syslog years.
    pub modified: Option<SystemTime>,
    /// True when compressed (gzip or zstd).
    pub compressed: bool,
}

/// How an input is read.
pub enum Body {
    /// A regular file, mapped window by window.
    Mapped(File, u64),
    /// A stream; `head` is its beginning and has already been read from it.
    Stream(Box<dyn Read + Send>),
    /// A stream of log records, one to a line, that the scanning threads turn into syslog
    /// lines ([`crate::envelope::convert`]); the bytes are its beginning, already read from
    /// it (the `head` is their conversion).
    Records(Box<dyn Read + Send>, Vec<u8>, crate::envelope::Envelope),
}

/// Counts bytes read through it into the meter.
struct Counting<R> {
    inner: R,
    meter: Arc<Meter>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Checked before every read, not every buffer: a slow pipe can take minutes to fill
        // one, and a stopped measurement must end its thread now. Stopped reads as the end.
        if self.meter.cancel.load(Ordering::Relaxed) {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        self.meter.done.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A named pipe read so that a stop is noticed while its writer is silent: without blocking,
/// waiting at most a tenth of a second at a time for bytes, checking the stop in between.
/// Otherwise a stopped measurement's thread would wait in a read for as long as the writer
/// sends nothing, possibly forever.
#[cfg(unix)]
struct Pipe {
    file: File,
    meter: Arc<Meter>,
}

#[cfg(unix)]
impl Read for Pipe {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use std::os::unix::io::AsRawFd;
        loop {
            if self.meter.cancel.load(Ordering::Relaxed) {
                return Ok(0);
            }
            match self.file.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    let mut fd = libc::pollfd {
                        fd: self.file.as_raw_fd(),
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    // SAFETY: one valid pollfd, alive for the call; the result is only a wait.
                    unsafe { libc::poll(&mut fd, 1, 100) };
                }
                other => return other,
            }
        }
    }
}

/// The file to read as a stream: a named pipe as a [`Pipe`], anything else as it is.
#[cfg(unix)]
fn stoppable(file: File, meter: &Arc<Meter>) -> Box<dyn Read + Send> {
    use std::os::unix::fs::FileTypeExt;
    use std::os::unix::io::AsRawFd;
    if !file.metadata().is_ok_and(|m| m.file_type().is_fifo()) {
        return Box::new(file);
    }
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function owns through `file`; only flags change.
    let nonblocking = unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) == 0
    };
    if !nonblocking {
        return Box::new(file);
    }
    Box::new(Pipe {
        file,
        meter: Arc::clone(meter),
    })
}

/// Elsewhere files are read as they are.
#[cfg(not(unix))]
fn stoppable(file: File, _meter: &Arc<Meter>) -> Box<dyn Read + Send> {
    Box::new(file)
}

fn read_up_to(r: &mut dyn Read, want: usize, into: &mut Vec<u8>) -> io::Result<()> {
    let start = into.len();
    into.resize(start + want, 0);
    let mut got = 0;
    while got < want {
        match r.read(&mut into[start + got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                into.truncate(start + got);
                return Err(e);
            }
        }
    }
    into.truncate(start + got);
    Ok(())
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// zstd's frame magic: KumoMTA writes its log segments this way.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// Open `source`; with `mmap`, a plain regular file is mapped window by window (and read when
/// a map fails). An error names it.
pub fn open(source: &Source, meter: &Arc<Meter>, mmap: bool) -> Result<Opened, MeasureError> {
    let name = source.name();
    let fail = |e: io::Error| MeasureError::reading(&name, false, e);
    let (file, modified, plain_len) = match source {
        Source::Stdin => (None, None, None),
        Source::Path(p) => {
            let file = File::open(p).map_err(fail)?;
            let meta = file.metadata().map_err(fail)?;
            if meta.is_dir() {
                return Err(MeasureError::Folder { name: name.clone() });
            }
            let len = meta.is_file().then_some(meta.len());
            (Some(file), meta.modified().ok(), len)
        }
    };
    if mmap
        && let (Some(file), Some(len)) = (&file, plain_len)
        && let Some(head) = mappable_head(file, len).map_err(fail)?
    {
        let file = file.try_clone().map_err(fail)?;
        return Ok(Opened {
            head,
            body: Body::Mapped(file, len),
            modified,
            compressed: false,
        });
    }
    let mut raw: Box<dyn Read + Send> = match file {
        Some(f) => stoppable(f, meter),
        None => Box::new(io::stdin()),
    };
    let mut magic = Vec::with_capacity(4);
    read_up_to(&mut raw, 4, &mut magic).map_err(fail)?;
    let gzip = magic.starts_with(&GZIP_MAGIC);
    let zstd = magic.starts_with(&ZSTD_MAGIC);
    let counted: Box<dyn Read + Send> = Box::new(Counting {
        inner: io::Cursor::new(magic).chain(raw),
        meter: Arc::clone(meter),
    });
    let mut stream: Box<dyn Read + Send> = if gzip {
        Box::new(super::gzip::Members::new(io::BufReader::with_capacity(
            64 << 10,
            counted,
        )))
    } else if zstd {
        Box::new(super::zstd::Frames::new(io::BufReader::with_capacity(
            64 << 10,
            counted,
        )))
    } else {
        counted
    };
    let mut head = Vec::with_capacity(HEAD);
    read_up_to(&mut stream, HEAD, &mut head)
        .map_err(|e| MeasureError::reading(&name, gzip || zstd, e))?;
    Ok(Opened {
        head,
        body: Body::Stream(stream),
        modified,
        compressed: gzip || zstd,
    })
}

/// The whole input as one stream from its first byte, for a reader stage that rewrites it (the
/// envelopes of [`crate::envelope`]): a mapped file is read instead, counted into the meter.
pub fn whole_stream(opened: Opened, meter: &Arc<Meter>) -> Box<dyn Read + Send> {
    match opened.body {
        // Its head was read with positioned reads, so the file is still at its start.
        Body::Mapped(file, _) => Box::new(Counting {
            inner: file,
            meter: Arc::clone(meter),
        }),
        Body::Stream(rest) => Box::new(io::Cursor::new(opened.head).chain(rest)),
        Body::Records(rest, first, _) => Box::new(io::Cursor::new(first).chain(rest)),
    }
}

/// The head of a plain (uncompressed) file that can be mapped, read with a positioned read so the
/// same open file is mapped next (opening it again could find a rotated successor under the same
/// name); `None` for a compressed file or when the system will not map it, to read it instead.
#[cfg(unix)]
fn mappable_head(file: &File, len: u64) -> io::Result<Option<Vec<u8>>> {
    let mut head = vec![0u8; HEAD.min(len as usize)];
    let mut got = 0;
    while got < head.len() {
        match read_at(file, &mut head[got..], got as u64) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(got);
    if head.is_empty() || head.starts_with(&GZIP_MAGIC) || head.starts_with(&ZSTD_MAGIC) {
        return Ok(None);
    }
    // A file system that cannot map (some network and FUSE mounts) is read instead.
    // SAFETY: a read-only map of bytes that exist now, dropped at once.
    let trial = unsafe { MmapOptions::new().len((len as usize).min(WINDOW)).map(file) };
    Ok(trial.is_ok().then_some(head))
}

/// Elsewhere files are read: a positioned read that leaves the file's own position alone (which
/// the read fallback relies on) is a Unix call.
#[cfg(not(unix))]
fn mappable_head(_file: &File, _len: u64) -> io::Result<Option<Vec<u8>>> {
    Ok(None)
}

/// A positioned read: the file's own position is left alone.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

/// Never called elsewhere (nothing is mapped there); it keeps the mapped reader compiling.
#[cfg(not(unix))]
fn read_at(_file: &File, _buf: &mut [u8], _offset: u64) -> io::Result<usize> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Send `file`'s chunks, window by window.
pub fn produce_mapped(
    file: &File,
    len: u64,
    tx: &SyncSender<Job>,
    cancel: &AtomicBool,
) -> io::Result<()> {
    let page = 4096u64;
    let mut start = 0u64;
    let mut index = 0;
    while start < len {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let aligned = start / page * page;
        let want_end = start + WINDOW as u64;
        let map_end = (want_end + MAX_LINE as u64).min(len);
        // SAFETY: the map is read-only and covers bytes that existed when the file was opened.
        // A log truncated underneath a running scan can still fault (SIGBUS); that is the price
        // of mapping, and the same as ripgrep's.
        let map = unsafe {
            MmapOptions::new()
                .offset(aligned)
                .len((map_end - aligned) as usize)
                .map(file)?
        };
        let _ = map.advise(memmap2::Advice::Sequential);
        let lo = (start - aligned) as usize;
        let (end, next) = if want_end >= len {
            (map.len(), len)
        } else {
            let from = (want_end - 1 - aligned) as usize;
            match memchr::memchr(b'\n', &map[from..]) {
                Some(i) => (from + i + 1, aligned + (from + i + 1) as u64),
                None => {
                    // A line longer than MAX_LINE: keep its head, skip to the next newline.
                    let skip_to = skip_line(file, map_end)?;
                    (map.len(), skip_to)
                }
            }
        };
        let at_end = next >= len;
        if tx
            .send(Job {
                index,
                data: Data::Mapped(map, lo..end),
                base: start,
                at_end,
            })
            .is_err()
        {
            break;
        }
        index += 1;
        start = next;
    }
    Ok(())
}

/// The offset just after the next newline at or after `from`, or the end of the file.
fn skip_line(file: &File, from: u64) -> io::Result<u64> {
    let mut buf = vec![0u8; 64 << 10];
    let mut at = from;
    loop {
        let n = read_at(file, &mut buf, at)?;
        if n == 0 {
            return Ok(at);
        }
        if let Some(i) = memchr::memchr(b'\n', &buf[..n]) {
            return Ok(at + i as u64 + 1);
        }
        at += n as u64;
    }
}

/// Send a stream's chunks, reusing the buffers that come back on `recycle`.
pub fn produce_stream(
    mut stream: Box<dyn Read + Send>,
    head: Vec<u8>,
    tx: &SyncSender<Job>,
    recycle: &Receiver<Vec<u8>>,
    cancel: &AtomicBool,
) -> io::Result<()> {
    // `carry` holds the unfinished line at the end of the last buffer; `base` is its offset.
    let mut carry = head;
    let mut base = 0u64;
    let mut index = 0;
    let mut skipping = false;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Ok(());
        }
        let mut buf = recycle
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BUFFER));
        buf.clear();
        buf.append(&mut carry);
        let want = BUFFER.saturating_sub(buf.len()).max(1);
        let before = buf.len();
        read_up_to(&mut stream, want, &mut buf)?;
        let eof = buf.len() - before < want;
        if skipping {
            // Still inside an over-long line: drop up to its end.
            match memchr::memchr(b'\n', &buf) {
                Some(i) => {
                    buf.drain(..=i);
                    base += i as u64 + 1;
                    skipping = false;
                }
                None => {
                    base += buf.len() as u64;
                    if eof {
                        return Ok(());
                    }
                    continue;
                }
            }
        }
        if !eof {
            match memchr::memrchr(b'\n', &buf) {
                Some(i) => {
                    carry.extend_from_slice(&buf[i + 1..]);
                    buf.truncate(i + 1);
                }
                // Not even one newline in a full buffer: the head of an over-long line.
                None if buf.len() >= MAX_LINE => skipping = true,
                // What is left after skipping a long line's end: the start of the next line.
                None => {
                    carry.append(&mut buf);
                    continue;
                }
            }
        }
        let len = buf.len() as u64;
        if len > 0 {
            let job = Job {
                index,
                data: Data::Owned(buf),
                base,
                at_end: eof,
            };
            if tx.send(job).is_err() {
                return Ok(());
            }
            index += 1;
        }
        base += len;
        if eof {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened(path: &std::path::Path, mmap: bool) -> Opened {
        open(&Source::Path(path.to_path_buf()), &Arc::default(), mmap).unwrap()
    }

    #[test]
    fn files_are_read_unless_mapping_is_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("mail.log");
        std::fs::write(
            &log,
            "Nov 28 06:34:29 mx1 postfix/smtp[1]: ABC: to=<a@b.example>\n",
        )
        .unwrap();
        // The default cannot raise SIGBUS when the file shrinks under the scan: no map.
        let read = opened(&log, false);
        assert!(matches!(read.body, Body::Stream(_)));
        assert!(read.head.starts_with(b"Nov 28"));
        let mapped = opened(&log, true);
        assert!(matches!(mapped.body, Body::Mapped(_, _)));
        assert_eq!(mapped.head, read.head);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_the_system_will_not_map_is_read_instead() {
        // sysfs files are regular files of 4,096 bytes that mmap refuses (ENODEV): before the
        // fallback, measuring one failed with "No such device".
        let f = std::path::Path::new("/sys/kernel/uevent_seqnum");
        assert!(f.is_file(), "sysfs is mounted on Linux");
        let o = opened(f, true);
        assert!(matches!(o.body, Body::Stream(_)));
        assert!(o.head.iter().all(u8::is_ascii_digit) || o.head.ends_with(b"\n"));
    }

    #[test]
    fn what_cannot_be_mapped_is_read() {
        let dir = tempfile::tempdir().unwrap();
        // An empty file cannot be mapped, and a compressed one is decoded as a stream.
        let empty = dir.path().join("empty.log");
        std::fs::write(&empty, "").unwrap();
        assert!(matches!(opened(&empty, true).body, Body::Stream(_)));
        let gz = dir.path().join("mail.log.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut enc, b"line\n").unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        let o = opened(&gz, true);
        assert!(matches!(o.body, Body::Stream(_)) && o.compressed);
        assert_eq!(o.head, b"line\n");
    }
}
