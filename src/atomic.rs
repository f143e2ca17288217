//! Writing files so that nothing half-written is ever left behind, and nothing the user did not
//! ask to replace is overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` through a temporary file in the same folder, renamed into place.
///
/// Without `overwrite`, an existing file is an error and is left untouched. A link is followed
/// to the file it names (replacing the link itself would surprise), anything but a regular file
/// is refused, and a replaced file keeps its permissions. Every error is a sentence naming the
/// path and what to do.
pub fn write(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), String> {
    let shown = path.display();
    let target: PathBuf = if path.is_symlink() {
        std::fs::canonicalize(path).map_err(|_| {
            format!("cannot write {shown}: it is a link to something that does not exist")
        })?
    } else {
        path.to_path_buf()
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(format!(
            "cannot write {shown}: the folder {} does not exist",
            dir.display()
        ));
    }
    if target.is_dir() {
        return Err(format!(
            "cannot write {shown}: it is a folder; give a file name"
        ));
    }
    if target.exists() && !target.is_file() {
        return Err(format!(
            "cannot write {shown}: it is not a regular file (a device, pipe or socket); give a file name"
        ));
    }
    if !overwrite && target.exists() {
        return Err(format!(
            "{shown} already exists; choose another name or allow replacing it (--force)"
        ));
    }
    let keep_permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let name = target
        .file_name()
        .map_or("mtafit".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let mut created = false;
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        created = true;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if let Some(p) = keep_permissions {
            std::fs::set_permissions(&tmp, p)?;
        }
        if overwrite {
            std::fs::rename(&tmp, &target)
        } else {
            // A hard link fails if the target appeared meanwhile: no race can clobber a file.
            match std::fs::hard_link(&tmp, &target) {
                Ok(()) => std::fs::remove_file(&tmp),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
                Err(_) => std::fs::rename(&tmp, &target),
            }
        }
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(match e.kind() {
            std::io::ErrorKind::PermissionDenied => {
                format!("cannot write {shown}: permission denied; choose a folder you can write to")
            }
            std::io::ErrorKind::AlreadyExists => format!(
                "{shown} already exists; choose another name or allow replacing it (--force)"
            ),
            _ if !created => format!(
                "cannot write {shown}: the folder {} does not take new files ({e}); choose another folder",
                dir.display()
            ),
            _ => format!("cannot write {shown}: {e}"),
        });
    }
    Ok(())
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
        assert!(e.contains("already exists"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_folders_and_folders_are_sentences() {
        let e = write(Path::new("/no/such/folder/x.md"), b"x", false).unwrap_err();
        assert!(e.contains("does not exist"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let e = write(dir.path(), b"x", true).unwrap_err();
        assert!(e.contains("it is a folder"), "{e}");
        let e = write(Path::new("/proc/mtafit-x.md"), b"x", true).unwrap_err();
        assert!(e.contains("does not take new files"), "{e}");
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
        let e = write(Path::new("/dev/null"), b"x", true).unwrap_err();
        assert!(e.contains("not a regular file"), "{e}");
    }
}
