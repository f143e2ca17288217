//! Reading a small file whole, safely: regular files only, and never more than
//! [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES) plus one byte.
//!
//! Every catalogue file, profile and state file is read through [`read`]. A named pipe would
//! block the open or the read forever, a device such as `/dev/zero` never ends, and a sparse
//! file can claim gigabytes: each is refused before a byte is read, and a file that grows while
//! it is read is cut off at the limit, so memory and time stay bounded whatever the path names.

use super::MAX_FILE_BYTES;
use super::diagnostic::{Diagnostic, Severity};
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum Unreadable {
    /// Nothing is at the path.
    Missing,
    /// The path is a link to something that does not exist.
    DanglingLink,
    /// The path is a link that leads back to itself, directly or through other links.
    LinkLoop,
    /// Something other than a regular file: "a folder", "a named pipe", "a device", "a socket".
    NotAFile(&'static str),
    /// A named pipe nothing writes to: reading it would wait for a writer that may never come.
    NoWriter,
    /// Over the limit; the size when the file system told it.
    TooLarge(Option<u64>),
    /// Any other failure, such as a permission.
    Io(std::io::Error),
}

impl Unreadable {
    /// True when nothing is at the path (a caller may then create it or look elsewhere).
    pub fn is_missing(&self) -> bool {
        matches!(self, Unreadable::Missing)
    }

    /// What is wrong, to follow the file's name: "is a named pipe, not a file".
    pub fn what(&self) -> String {
        match self {
            Unreadable::Missing => "does not exist".into(),
            Unreadable::DanglingLink => "is a link to something that does not exist".into(),
            Unreadable::LinkLoop => "is a link that leads back to itself (a loop of links)".into(),
            Unreadable::NotAFile(kind) => format!("is {kind}, not a file"),
            Unreadable::NoWriter => "is a named pipe that nothing is writing to".into(),
            Unreadable::TooLarge(Some(n)) => format!("is over 1 MiB ({n} bytes)"),
            Unreadable::TooLarge(None) => "is over 1 MiB".into(),
            Unreadable::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                "cannot be read: permission denied".into()
            }
            Unreadable::Io(e) => format!("cannot be read: {e}"),
        }
    }

    /// What the user can do about it.
    pub fn fix(&self) -> &'static str {
        match self {
            Unreadable::Missing => "check the path",
            Unreadable::DanglingLink | Unreadable::LinkLoop => "fix or remove the link",
            Unreadable::NotAFile(_) => "give a regular file",
            Unreadable::NoWriter => "start what writes to it first, or give a regular file",
            Unreadable::TooLarge(_) => {
                "no engine or profile file is that large; is this the right file?"
            }
            Unreadable::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                "check its permissions"
            }
            Unreadable::Io(_) => "check the file and try again",
        }
    }

    /// A sentence about the file named `name`: "x.ron is a named pipe, not a file; give a
    /// regular file".
    pub fn sentence(&self, name: &str) -> String {
        format!(
            "{} {}; {}",
            crate::text::sanitize(name),
            self.what(),
            self.fix()
        )
    }

    /// A diagnostic for the file at `path`, its sentence naming the path as given (`zero` alone
    /// would not say which file `/dev/zero` is).
    pub fn diagnostic(&self, severity: Severity, path: &Path) -> Diagnostic {
        let shown = path.display().to_string();
        Diagnostic::whole_file(severity, &shown, self.sentence(&shown))
    }
}

/// The last component of a path as messages show it, or the whole path when there is none.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Read the regular file at `path` (following links), at most the limit; anything else is an
/// [`Unreadable`] saying why, and nothing is ever waited on.
pub fn read(path: &Path) -> Result<Vec<u8>, Unreadable> {
    let (file, meta) = open_checked(path, false)?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(Unreadable::TooLarge(Some(meta.len())));
    }
    let mut bytes =
        Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(MAX_FILE_BYTES));
    // One byte more than allowed tells a file at the limit from one that grew past it.
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(Unreadable::Io)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Unreadable::TooLarge(None));
    }
    Ok(bytes)
}

/// Open `path` for reading without ever waiting: a regular file, or with `pipes` also a named
/// pipe that something is writing to. Folders, devices (`/dev/tty`, `/dev/zero`), sockets and
/// a pipe nobody writes to are refused with the reason, and a device is never opened.
pub fn open_checked(
    path: &Path,
    pipes: bool,
) -> Result<(std::fs::File, std::fs::Metadata), Unreadable> {
    // Classify before opening: opening a named pipe blocks until a writer comes, and opening
    // some devices does something (a tape rewinds, a terminal becomes the controlling one).
    let meta = std::fs::metadata(path).map_err(|e| classify(path, e))?;
    refuse(&meta, pipes)?;
    let file = open_without_blocking(path).map_err(|e| classify(path, e))?;
    // The path may have been swapped for a pipe or device since it was looked at: ask the
    // file that was actually opened.
    let meta = file.metadata().map_err(Unreadable::Io)?;
    refuse(&meta, pipes)?;
    if !meta.is_file() && !has_writer(&file) {
        return Err(Unreadable::NoWriter);
    }
    Ok((file, meta))
}

/// Refuse what is not a regular file, or (with `pipes`) a named pipe.
fn refuse(meta: &std::fs::Metadata, pipes: bool) -> Result<(), Unreadable> {
    match not_a_file(meta) {
        None => Ok(()),
        Some("a named pipe") if pipes => Ok(()),
        Some(kind) => Err(Unreadable::NotAFile(kind)),
    }
}

/// True when the pipe opened without blocking has bytes waiting or a writer at its other end.
#[cfg(unix)]
fn has_writer(file: &std::fs::File) -> bool {
    use std::os::unix::io::AsRawFd;
    let fd = file.as_raw_fd();
    let mut waiting: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int through a valid pointer on an open descriptor.
    if unsafe { libc::ioctl(fd, libc::FIONREAD, &mut waiting) } == 0 && waiting > 0 {
        return true;
    }
    // An empty pipe read without blocking ends at once (0) with no writer and says "would
    // block" with one. Bytes that arrived since FIONREAD are one byte lost to this probe,
    // which a measurement of a whole log does not notice.
    let mut byte = [0u8; 1];
    // SAFETY: reads at most one byte into a live buffer of one byte.
    let n = unsafe { libc::read(fd, byte.as_mut_ptr().cast(), 1) };
    n != 0
}

/// Elsewhere there are no named pipes to open.
#[cfg(not(unix))]
fn has_writer(_file: &std::fs::File) -> bool {
    true
}

/// What kind of thing the metadata describes, when it is not a regular file.
pub fn not_a_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// True when a look-up failed because links lead back to themselves (ELOOP).
pub fn is_link_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return true;
    }
    false
}

/// Turn a failed look-up into its reason, telling a link to nowhere from a missing path.
fn classify(path: &Path, e: std::io::Error) -> Unreadable {
    if is_link_loop(&e) {
        return Unreadable::LinkLoop;
    }
    if e.kind() == std::io::ErrorKind::NotFound {
        return if path.is_symlink() {
            Unreadable::DanglingLink
        } else {
            Unreadable::Missing
        };
    }
    Unreadable::Io(e)
}

/// Open for reading; on Unix without waiting, should the path have become a named pipe.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Regular files ignore O_NONBLOCK; a pipe opened with it returns at once.
        opts.custom_flags(libc::O_NONBLOCK);
    }
    opts.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        std::fs::write(&p, b"Profile()").unwrap();
        assert_eq!(read(&p).unwrap(), b"Profile()");
        let at_limit = dir.path().join("limit.ron");
        std::fs::write(&at_limit, vec![b' '; MAX_FILE_BYTES]).unwrap();
        assert_eq!(read(&at_limit).unwrap().len(), MAX_FILE_BYTES);
    }

    #[test]
    fn missing_folders_and_large_files_are_reasons() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(&dir.path().join("none.ron")).unwrap_err().is_missing());
        let e = read(dir.path()).unwrap_err();
        assert!(matches!(e, Unreadable::NotAFile("a folder")), "{e:?}");
        let big = dir.path().join("big.ron");
        std::fs::write(&big, vec![b' '; MAX_FILE_BYTES + 1]).unwrap();
        let e = read(&big).unwrap_err();
        assert_eq!(
            e.sentence("big.ron"),
            format!(
                "big.ron is over 1 MiB ({} bytes); no engine or profile file is that large; is \
                 this the right file?",
                MAX_FILE_BYTES + 1
            )
        );
    }

    #[cfg(unix)]
    #[test]
    fn sparse_files_are_refused_without_reading_them() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sparse.ron");
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(3 << 30).unwrap();
        // The size reported is the one the file claims: it was refused on that, unread.
        assert!(matches!(read(&p), Err(Unreadable::TooLarge(Some(n))) if n == 3 << 30));
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_opens_only_when_asked_for_and_written_to() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("log.pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            open_checked(&fifo, true),
            Err(Unreadable::NoWriter)
        ));
        // A writer opened without blocking needs a reader: hold one while it opens.
        let reader = open_without_blocking(&fifo).unwrap();
        let writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        drop(reader);
        assert!(open_checked(&fifo, true).is_ok());
        assert!(matches!(
            open_checked(&fifo, false),
            Err(Unreadable::NotAFile("a named pipe"))
        ));
        drop(writer);
        assert!(matches!(
            open_checked(Path::new("/dev/null"), true),
            Err(Unreadable::NotAFile("a device"))
        ));
        assert!(open_checked(dir.path(), true).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn pipes_devices_and_links_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.ron");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(
            read(&fifo).unwrap_err().sentence("x.ron"),
            "x.ron is a named pipe, not a file; give a regular file"
        );
        let zero = dir.path().join("zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(read(&zero), Err(Unreadable::NotAFile("a device"))));
        let dangling = dir.path().join("gone.ron");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(matches!(read(&dangling), Err(Unreadable::DanglingLink)));
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(matches!(read(&a), Err(Unreadable::LinkLoop)));
    }
}
