//! Writing files so that nothing half-written is ever left behind, and nothing the user did not
//! ask to replace is overwritten.
//!
//! Each write goes through its own temporary file in the target's folder, named unpredictably by
//! `tempfile` and created exclusively, so a stale file from an earlier run or a second writer
//! (the explorer's signal watchdog saving state, say) can neither block nor clobber this one.
//!
//! The temporary files of writes in progress are listed in one place, so that a signal handler
//! ending the process can remove them with [`remove_in_flight`]: `process::exit` and a fatal
//! signal skip the destructors that would otherwise.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The temporary files of the writes in progress in this process.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_flight() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere while the list was held leaves it whole: keep using it.
    IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Remove the temporary file of every write in progress, for a signal handler about to end the
/// process. Each target keeps what it held before, or its new content whole; no write can start
/// or finish after this, so call it last, just before the process ends.
pub fn remove_in_flight() {
    let list = in_flight();
    for p in list.iter() {
        let _ = std::fs::remove_file(p);
    }
    // Held until the process ends: a write that raced this call must not create a file now.
    std::mem::forget(list);
}

/// A temporary file on the in-flight list: deleted, then taken off the list, when dropped.
struct Tracked {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Tracked {
    /// Create the temporary file and list it in one step, so none exists unlisted.
    fn create(builder: &tempfile::Builder<'_, '_>, dir: &Path) -> std::io::Result<Tracked> {
        let mut list = in_flight();
        let file = builder.tempfile_in(dir)?;
        let path = file.path().to_path_buf();
        list.push(path.clone());
        Ok(Tracked {
            file: Some(file),
            path,
        })
    }

    /// The file; present until [`Tracked::take`].
    fn file(&mut self) -> std::io::Result<&mut tempfile::NamedTempFile> {
        self.file
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the temporary file is gone"))
    }

    /// The file, to be renamed into place; it stays listed until `self` is dropped.
    fn take(&mut self) -> std::io::Result<tempfile::NamedTempFile> {
        self.file
            .take()
            .ok_or_else(|| std::io::Error::other("the temporary file is gone"))
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        // Delete before unlisting: a file that exists is always on the list.
        drop(self.file.take());
        in_flight().retain(|p| p != &self.path);
    }
}

/// Why a file could not be written; `path` and `dir` are shown safe for a terminal.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The path is a link to nothing.
    #[error("cannot write {path}: it is a link to something that does not exist")]
    DanglingLink {
        /// The path.
        path: String,
    },
    /// The folder it would go in is not there.
    #[error("cannot write {path}: the folder {dir} does not exist")]
    NoFolder {
        /// The path.
        path: String,
        /// Its folder.
        dir: String,
    },
    /// The path is a folder.
    #[error("cannot write {path}: it is a folder; give a file name")]
    Folder {
        /// The path.
        path: String,
    },
    /// The path is a device, a pipe or a socket.
    #[error(
        "cannot write {path}: it is not a regular file (a device, pipe or socket); give a file name"
    )]
    NotRegular {
        /// The path.
        path: String,
    },
    /// A file is there and replacing it was not asked for.
    #[error("{path} already exists; choose another name or allow replacing it (--force)")]
    Exists {
        /// The path.
        path: String,
    },
    /// The system refused this user.
    #[error("cannot write {path}: permission denied; choose a folder you can write to")]
    Denied {
        /// The path.
        path: String,
    },
    /// The folder refused a new file for another reason (a read-only or full file system).
    #[error(
        "cannot write {path}: the folder {dir} does not take new files ({source}); choose another folder"
    )]
    FolderRefuses {
        /// The path.
        path: String,
        /// Its folder.
        dir: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// Writing or renaming failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Write `bytes` to `path` through a temporary file in the same folder, renamed into place.
///
/// Without `overwrite`, an existing file is an error and is left untouched. A link is followed
/// to the file it names (replacing the link itself would surprise), anything but a regular file
/// is refused, and a replaced file keeps its permissions. Every error says what to do.
pub fn write(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    let shown = crate::text::sanitize(&path.display().to_string()).into_owned();
    let target: PathBuf = if path.is_symlink() {
        std::fs::canonicalize(path).map_err(|_| WriteError::DanglingLink {
            path: shown.clone(),
        })?
    } else {
        path.to_path_buf()
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let shown_dir = crate::text::sanitize(&dir.display().to_string()).into_owned();
    if !dir.is_dir() {
        return Err(WriteError::NoFolder {
            path: shown,
            dir: shown_dir,
        });
    }
    if target.is_dir() {
        return Err(WriteError::Folder { path: shown });
    }
    if target.exists() && !target.is_file() {
        return Err(WriteError::NotRegular { path: shown });
    }
    let exists = || WriteError::Exists {
        path: shown.clone(),
    };
    if !overwrite && target.exists() {
        return Err(exists());
    }
    let name = target
        .file_name()
        .map_or("mtafit".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual permissions less the umask, not tempfile's private 0600.
    if let Some(p) = default_permissions() {
        builder.permissions(p);
    }
    let mut tracked = Tracked::create(&builder, &dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => WriteError::Denied {
            path: shown.clone(),
        },
        _ => WriteError::FolderRefuses {
            path: shown.clone(),
            dir: shown_dir.clone(),
            source: e,
        },
    })?;
    let failed = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::PermissionDenied => WriteError::Denied {
            path: shown.clone(),
        },
        _ => WriteError::Io {
            path: shown.clone(),
            source: e,
        },
    };
    // On any error below, dropping `tracked` removes the temporary file — this call's own, no
    // other.
    let tmp = tracked.file().map_err(failed)?;
    tmp.write_all(bytes).map_err(failed)?;
    #[cfg(debug_assertions)]
    pause_for_tests(&target);
    tmp.as_file().sync_all().map_err(failed)?;
    // A replaced file keeps its exact mode: set after creation, so the umask does not apply.
    if let Ok(m) = std::fs::metadata(&target) {
        tmp.as_file()
            .set_permissions(m.permissions())
            .map_err(failed)?;
    }
    let tmp = tracked.take().map_err(failed)?;
    if overwrite {
        return tmp.persist(&target).map(drop).map_err(|e| failed(e.error));
    }
    // No-replace renames or hard links fail if the target appeared meanwhile: no race can
    // clobber a file. File systems with neither (exFAT, some network mounts) get a plain rename
    // after the check above, as before.
    match tmp.persist_noclobber(&target) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) if !target.exists() => e
            .file
            .persist(&target)
            .map(drop)
            .map_err(|e| failed(e.error)),
        Err(e) => Err(failed(e.error)),
    }
}

/// Tests stop a write half-way to signal or kill the process there: with
/// `MTAFIT_TEST_PAUSE_WRITING` set to a file name, a write of a file of that name waits 20
/// seconds once its temporary file holds the content. Only debug builds look at the variable.
#[cfg(debug_assertions)]
fn pause_for_tests(target: &Path) {
    let wanted = std::env::var_os("MTAFIT_TEST_PAUSE_WRITING");
    if wanted.is_some() && wanted.as_deref() == target.file_name() {
        std::thread::sleep(std::time::Duration::from_secs(20));
    }
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        write(&p, b"one", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        let e = write(&p, b"two", false).unwrap_err();
        assert!(matches!(e, WriteError::Exists { .. }), "{e}");
        assert!(e.to_string().contains("already exists"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_stale_temporary_file_neither_blocks_nor_is_removed() {
        // What the old writer named its temporary file: an earlier run with this pid (common
        // in containers) left one behind.
        let dir = tempfile::tempdir().unwrap();
        let stale = dir
            .path()
            .join(format!(".out.md.tmp-{}", std::process::id()));
        std::fs::write(&stale, "someone else's").unwrap();
        let p = dir.path().join("out.md");
        write(&p, b"mine", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"mine");
        assert_eq!(std::fs::read(&stale).unwrap(), b"someone else's");
        // A failed write removes only its own temporary file.
        assert!(write(&p, b"again", false).is_err());
        assert!(stale.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_write_in_progress_is_listed_until_it_ends() {
        let dir = tempfile::tempdir().unwrap();
        let mine = |dir: &Path| -> Vec<PathBuf> {
            in_flight()
                .iter()
                .filter(|p| p.starts_with(dir))
                .cloned()
                .collect()
        };
        let builder = {
            let mut b = tempfile::Builder::new();
            b.prefix(".out.md.").suffix(".tmp");
            b
        };
        let tracked = Tracked::create(&builder, dir.path()).unwrap();
        let listed = mine(dir.path());
        assert_eq!(listed, std::slice::from_ref(&tracked.path));
        assert!(listed[0].exists(), "a listed file is there to remove");
        drop(tracked);
        assert!(mine(dir.path()).is_empty());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // Whole writes, failed or not, leave nothing listed.
        let p = dir.path().join("out.md");
        write(&p, b"x", false).unwrap();
        assert!(write(&p, b"y", false).is_err());
        assert!(mine(dir.path()).is_empty());
    }

    #[test]
    fn two_threads_saving_at_once_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.ron");
        let writers: Vec<_> = (0..4u8)
            .map(|n| {
                let p = p.clone();
                std::thread::spawn(move || {
                    let body = vec![b'a' + n; 4096];
                    (0..50).map(|_| write(&p, &body, true)).collect::<Vec<_>>()
                })
            })
            .collect();
        for w in writers {
            for r in w.join().unwrap() {
                r.unwrap();
            }
        }
        let got = std::fs::read(&p).unwrap();
        assert_eq!(got.len(), 4096);
        assert!(got.iter().all(|b| *b == got[0]), "one writer's whole file");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_folders_and_folders_are_sentences() {
        let e = write(Path::new("/no/such/folder/x.md"), b"x", false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot write /no/such/folder/x.md: the folder /no/such/folder does not exist"
        );
        let dir = tempfile::tempdir().unwrap();
        let e = write(dir.path(), b"x", true).unwrap_err();
        assert!(e.to_string().contains("it is a folder"), "{e}");
        let e = write(Path::new("/proc/mtafit-x.md"), b"x", true).unwrap_err();
        assert!(e.to_string().contains("does not take new files"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_devices_refused_and_permissions_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new", true).unwrap();
        assert!(link.is_symlink(), "the link is still a link");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // Group-writable survives too: the umask (usually 022) does not apply to a replaced file.
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o664)).unwrap();
        write(&real, b"newer", true).unwrap();
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
        let e = write(Path::new("/dev/null"), b"x", true).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        // A new file is readable by others as usual, not private like a temporary file.
        let fresh = dir.path().join("fresh.md");
        write(&fresh, b"x", false).unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "{mode:o}");
    }
}
