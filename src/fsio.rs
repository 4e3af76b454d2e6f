//! Files: finding the inputs under paths (recursively, in a stable order), and writing outputs
//! atomically without overwriting anything silently.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An input path that could not be listed.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct ListError {
    /// The path.
    pub path: String,
    /// Why.
    #[source]
    pub source: io::Error,
}

/// Whether a file met in a directory is worth reading as a report. Not: hidden files, our own
/// temp files, spreadsheets (reports are never published as CSV or XLSX — these are exports,
/// xxgk's own among them), and the README, LICENSE or notes a collection keeps beside its
/// reports. A file named on the command line is always read.
fn wanted(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    let stem = lower.split('.').next().unwrap_or("");
    !name.starts_with('.')
        && !name.ends_with(".xxgk-tmp")
        && !matches!(ext, "csv" | "tsv" | "xlsx" | "xls" | "xlsm" | "ods")
        && !matches!(stem, "readme" | "license" | "licence" | "notes" | "changelog")
}

/// Expands files and directories (recursively) into a sorted list of files. Directories that
/// cannot be read are returned as errors; the rest is listed.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ListError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        walk(p, &mut files, &mut errors, 0);
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(p: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<ListError>, depth: usize) {
    let err = |source| ListError {
        path: p.display().to_string(),
        source,
    };
    let meta = match fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            errors.push(err(e));
            return;
        }
    };
    if meta.is_dir() {
        walk_dir(p, files, errors, depth);
    } else {
        files.push(p.to_path_buf());
    }
}

/// Lists a directory. The kind of each child comes from the directory listing itself (no stat
/// per file); only symbolic links are followed with a stat.
fn walk_dir(p: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<ListError>, depth: usize) {
    if depth > 64 {
        return;
    }
    let entries = match fs::read_dir(p) {
        Ok(e) => e,
        Err(e) => {
            errors.push(ListError {
                path: p.display().to_string(),
                source: e,
            });
            return;
        }
    };
    let children: Vec<(PathBuf, Option<fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .filter(|(c, _)| wanted(c))
        .collect();
    let mut dirs = Vec::new();
    for (c, kind) in children {
        match kind {
            Some(k) if k.is_dir() => dirs.push(c),
            Some(k) if k.is_file() => files.push(c),
            _ => walk(&c, files, errors, depth + 1),
        }
    }
    // Subdirectories in parallel (a corpus is often one directory per region or year).
    use rayon::prelude::*;
    let found: Vec<(Vec<PathBuf>, Vec<ListError>)> = dirs
        .par_iter()
        .map(|d| {
            let (mut f, mut e) = (Vec::new(), Vec::new());
            walk_dir(d, &mut f, &mut e, depth + 1);
            (f, e)
        })
        .collect();
    for (f, e) in found {
        files.extend(f);
        errors.extend(e);
    }
}

/// A file written atomically: everything goes to a temporary file in the same directory, and
/// [`AtomicFile::commit`] puts it in place. Without `overwrite`, an existing file is never
/// replaced (the final step is a hard link, which fails if the name exists). Dropped without
/// commit, nothing is left behind.
pub struct AtomicFile {
    tmp: PathBuf,
    target: PathBuf,
    file: Option<io::BufWriter<fs::File>>,
    overwrite: bool,
}

fn exists_error(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} already exists (not overwritten)", path.display()),
    )
}

impl AtomicFile {
    /// Starts writing `path`. Fails at once when it exists and `overwrite` is false.
    pub fn create(path: &Path, overwrite: bool) -> io::Result<AtomicFile> {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
        if !overwrite && path.exists() {
            return Err(exists_error(path));
        }
        // Unique per process and per file being written (two writers never share a temp file).
        static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}-{seq}.xxgk-tmp", std::process::id()));
        let file = fs::File::create(&tmp)?;
        Ok(AtomicFile {
            tmp,
            target: path.to_path_buf(),
            file: Some(io::BufWriter::new(file)),
            overwrite,
        })
    }

    fn inner(&mut self) -> io::Result<&mut io::BufWriter<fs::File>> {
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other("file already committed"))
    }

    /// Flushes, syncs and moves the file into place.
    pub fn commit(self) -> io::Result<()> {
        self.finish(true)
    }

    /// Moves the file into place without waiting for the disk: for files that are checked when
    /// read and rebuilt when damaged (caches), where a crash may lose the new file but never
    /// leaves a half-written one under the name.
    pub fn commit_unsynced(self) -> io::Result<()> {
        self.finish(false)
    }

    fn finish(mut self, sync: bool) -> io::Result<()> {
        let file = self
            .file
            .take()
            .ok_or_else(|| io::Error::other("file already committed"))?;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        if sync {
            file.sync_all()?;
        }
        drop(file);
        let result = if self.overwrite {
            fs::rename(&self.tmp, &self.target)
        } else {
            fs::hard_link(&self.tmp, &self.target).map_err(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    exists_error(&self.target)
                } else {
                    e
                }
            })
        };
        let _ = fs::remove_file(&self.tmp);
        result
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner()?.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner()?.flush()
    }
}

impl io::Seek for AtomicFile {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        self.inner()?.seek(pos)
    }
}

/// Writes `bytes` to `path` atomically (see [`AtomicFile`]).
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    let mut f = AtomicFile::create(path, overwrite)?;
    f.write_all(bytes)?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_and_readmes_beside_reports_are_not_reports() {
        for name in [
            "a.csv",
            "平潭2022_vs_平潭2023_t2.csv",
            "x.XLSX",
            "README.md",
            "readme.txt",
            "LICENSE",
            ".hidden",
        ] {
            assert!(!wanted(Path::new(name)), "{name}");
        }
        for name in [
            "report.html",
            "notes-2021.md",
            "anshan-2019.txt",
            "r.json",
            "r.pdf",
            "r.docx",
        ] {
            assert!(wanted(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn atomic_no_overwrite() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("a.json");
        write_atomic(&p, b"1", false)?;
        let e = write_atomic(&p, b"2", false).err().map(|e| e.kind());
        assert_eq!(e, Some(io::ErrorKind::AlreadyExists));
        assert_eq!(fs::read(&p)?, b"1");
        write_atomic(&p, b"3", true)?;
        assert_eq!(fs::read(&p)?, b"3");
        let left: Vec<_> = fs::read_dir(dir.path())?.collect();
        assert_eq!(left.len(), 1, "no temp files left behind");
        Ok(())
    }

    #[test]
    fn lists_recursively_and_reports_missing() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::create_dir(dir.path().join("sub"))?;
        fs::write(dir.path().join("sub/b.txt"), "x")?;
        fs::write(dir.path().join("a.txt"), "x")?;
        fs::write(dir.path().join(".hidden"), "x")?;
        let (files, errs) = collect_inputs(&[dir.path().to_path_buf(), dir.path().join("nope")]);
        assert_eq!(files.len(), 2);
        assert_eq!(errs.len(), 1);
        Ok(())
    }
}
