//! Files: finding the inputs under paths (recursively, in a stable order), and writing outputs
//! atomically without overwriting anything silently.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a path met in a walk was not listed as an input.
#[derive(Debug)]
pub enum ListReason {
    /// It could not be read (a directory without permission, a dangling link, …).
    Io(io::Error),
    /// A FIFO, socket or device (or a link to one): never opened, so it cannot hang the walk.
    NotRegular,
    /// A link to a folder that was already read (a loop such as a link to `.`): skipped.
    Loop,
    /// A folder nested deeper than [`MAX_DEPTH`] below the path given.
    TooDeep,
    /// Not a report by its name: a spreadsheet (an export, xxgk's own among them) or the
    /// README, LICENSE or notes a collection keeps beside its reports.
    NotAReport(Skip),
}

/// Why a file is not read as a report by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// A spreadsheet: CSV, TSV, XLSX, XLS, ODS.
    Sheet,
    /// A README, LICENSE, NOTES or CHANGELOG.
    Readme,
}

/// A path met in a walk and not listed as an input, with the reason.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {}", .reason.msg().render(crate::i18n::Lang::En))]
pub struct ListError {
    /// The path.
    pub path: String,
    /// Why.
    pub reason: ListReason,
}

impl ListReason {
    /// The reason in words.
    pub fn msg(&self) -> crate::i18n::Msg {
        match self {
            ListReason::Io(e) => crate::msg!("error.list", why = e.to_string()),
            ListReason::NotRegular => crate::msg!("error.not_regular"),
            ListReason::Loop => crate::msg!("error.loop"),
            ListReason::TooDeep => crate::msg!("error.too_deep", depth = MAX_DEPTH as u64),
            ListReason::NotAReport(Skip::Sheet) => crate::msg!("error.skip_sheet"),
            ListReason::NotAReport(Skip::Readme) => crate::msg!("error.skip_readme"),
        }
    }
}

impl ListError {
    /// A note rather than a failure: nothing was lost (the folder a looping link points to is
    /// read once, under its own path; a README is not a report).
    pub fn is_note(&self) -> bool {
        matches!(self.reason, ListReason::Loop | ListReason::NotAReport(_))
    }

    /// An input/output error (a folder that cannot be listed): `check` exits 2 for these.
    pub fn is_io(&self) -> bool {
        matches!(self.reason, ListReason::Io(_))
    }

    /// `path: reason` in a language.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        format!("{}: {}", self.path, self.reason.msg().render(lang))
    }
}

/// How many folders deep a walk goes below the path it was given.
pub const MAX_DEPTH: usize = 64;

/// Whether a file met in a directory is worth reading as a report: `Ok(true)` yes; `Ok(false)`
/// no, silently (hidden files, our own temp files); `Err` no, with a note — spreadsheets
/// (reports are never published as CSV or XLSX: these are exports, xxgk's own among them) and
/// the README, LICENSE or notes a collection keeps beside its reports. A file named on the
/// command line is always read. A name that is not valid UTF-8 is judged by its readable part
/// (a path is not a string; such files are read like any other).
fn wanted(path: &Path) -> Result<bool, Skip> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return Ok(false);
    };
    if name.starts_with('.') || name.ends_with(".xxgk-tmp") {
        return Ok(false);
    }
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    let stem = lower.split('.').next().unwrap_or("");
    if matches!(ext, "csv" | "tsv" | "xlsx" | "xls" | "xlsm" | "ods") {
        return Err(Skip::Sheet);
    }
    if matches!(stem, "readme" | "license" | "licence" | "notes" | "changelog") {
        return Err(Skip::Readme);
    }
    Ok(true)
}

/// A directory's identity: device and inode.
type DirId = (u64, u64);

fn dir_id(meta: &fs::Metadata) -> DirId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// What a walk found.
#[derive(Default)]
struct Found {
    files: Vec<PathBuf>,
    problems: Vec<ListError>,
    /// Links met, with their depth: followed after the real folders, in order.
    links: Vec<(PathBuf, usize)>,
    /// The folders read.
    seen: Vec<DirId>,
}

impl Found {
    fn problem(&mut self, path: &Path, reason: ListReason) {
        self.problems.push(ListError {
            path: path.display().to_string(),
            reason,
        });
    }

    fn merge(&mut self, other: Found) {
        self.files.extend(other.files);
        self.problems.extend(other.problems);
        self.links.extend(other.links);
        self.seen.extend(other.seen);
    }
}

/// Expands files and directories (recursively) into a sorted list of files, with the paths that
/// were not listed and why. Nothing is opened here: FIFOs, sockets and devices are recognised by
/// their type and never read. Links are followed, but no folder is read twice (device + inode):
/// the real folders are walked first, then the links in order, so which path a looping link's
/// files appear under does not depend on timing.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ListError>) {
    let mut seen = std::collections::HashSet::new();
    let mut out = Found::default();
    let mut queue: std::collections::VecDeque<(PathBuf, usize)> = paths.iter().map(|p| (p.clone(), 0)).collect();
    let mut links = Vec::new();
    loop {
        let Some((p, depth)) = queue.pop_front() else {
            // The links met so far, in order; each may lead to more.
            if links.is_empty() {
                break;
            }
            links.sort();
            queue.extend(links.drain(..));
            continue;
        };
        let meta = match fs::metadata(&p) {
            Ok(m) => m,
            Err(e) => {
                out.problem(&p, ListReason::Io(e));
                continue;
            }
        };
        if meta.is_file() {
            out.files.push(p);
        } else if !meta.is_dir() {
            out.problem(&p, ListReason::NotRegular);
        } else if depth > MAX_DEPTH {
            out.problem(&p, ListReason::TooDeep);
        } else if !seen.insert(dir_id(&meta)) {
            out.problem(&p, ListReason::Loop);
        } else {
            let mut found = walk_dir(&p, depth, &seen);
            seen.extend(found.seen.drain(..));
            links.append(&mut found.links);
            out.merge(found);
        }
    }
    out.files.sort();
    out.files.dedup();
    (out.files, out.problems)
}

/// Lists a directory and its real subdirectories (in parallel: a corpus is often one directory
/// per region or year). The kind of each child comes from the listing itself (no stat per
/// file); links are set aside for [`collect_inputs`].
fn walk_dir(p: &Path, depth: usize, seen: &std::collections::HashSet<DirId>) -> Found {
    let mut out = Found::default();
    let entries = match fs::read_dir(p) {
        Ok(e) => e,
        Err(e) => {
            out.problem(p, ListReason::Io(e));
            return out;
        }
    };
    let mut dirs = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.problem(p, ListReason::Io(e));
                continue;
            }
        };
        let c = entry.path();
        match wanted(&c) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(skip) => {
                out.problem(&c, ListReason::NotAReport(skip));
                continue;
            }
        }
        match entry.file_type() {
            Ok(k) if k.is_dir() => dirs.push(c),
            Ok(k) if k.is_file() => out.files.push(c),
            Ok(k) if k.is_symlink() => out.links.push((c, depth + 1)),
            Ok(_) => out.problem(&c, ListReason::NotRegular),
            Err(e) => out.problem(&c, ListReason::Io(e)),
        }
    }
    use rayon::prelude::*;
    let found: Vec<Found> = dirs
        .par_iter()
        .map(|d| {
            let mut f = Found::default();
            if depth + 1 > MAX_DEPTH {
                f.problem(d, ListReason::TooDeep);
                return f;
            }
            match fs::symlink_metadata(d) {
                Ok(m) if seen.contains(&dir_id(&m)) => f.problem(d, ListReason::Loop),
                Ok(m) => {
                    f = walk_dir(d, depth + 1, seen);
                    f.seen.push(dir_id(&m));
                }
                Err(e) => f.problem(d, ListReason::Io(e)),
            }
            f
        })
        .collect();
    for f in found {
        out.merge(f);
    }
    out
}

/// Why a file was not opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Not a regular file (a FIFO, socket, device or directory): never read.
    #[error("not a regular file")]
    NotRegular,
    /// Larger than the limit.
    #[error("file too large ({size} bytes; the limit is {limit})")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The system said no.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Opens a regular file for reading, and nothing else: the type is checked before the open (a
/// device is never opened), the open does not block (a file swapped for a FIFO in between cannot
/// hang it), and the type is checked again on the handle.
pub fn open_regular(path: &Path) -> Result<(fs::File, fs::Metadata), OpenError> {
    use std::os::unix::fs::OpenOptionsExt;
    if !fs::metadata(path)?.is_file() {
        return Err(OpenError::NotRegular);
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(OpenError::NotRegular);
    }
    Ok((file, meta))
}

/// Reads a regular file of at most `limit` bytes (see [`open_regular`]); a file that grows past
/// the limit while it is read is refused too.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, OpenError> {
    use std::io::Read;
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(OpenError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(OpenError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// The temporary files being written now: removed by [`remove_temp_files`] when a signal ends
/// the process before they are committed.
static LIVE_TEMPS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn live_temps() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE_TEMPS.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every temporary file not yet committed (for a signal handler: SIGINT, SIGTERM and
/// SIGHUP during an export leave nothing behind).
pub fn remove_temp_files() {
    for t in live_temps().drain(..) {
        let _ = fs::remove_file(t);
    }
}

/// Where a write to `path` lands: a symbolic link is written through to its target (the link
/// stays a link). Refused: a target that exists and is not a regular file (a device, a FIFO,
/// a directory — `/dev/stdout` must never be replaced by a file).
fn write_target(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            Ok(m) if !m.is_file() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{} is not a regular file (not written)", path.display()),
                ));
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many levels of symbolic links", path.display()),
    ))
}

/// Makes everything written under `dir` durable at once (the files and their names): one
/// `syncfs(2)` of its file system on Linux, `sync(2)` elsewhere. A batch written with
/// [`AtomicFile::commit_unsynced`] and then this costs one wait for the disk, not one per file.
///
/// # Errors
/// When `dir` cannot be opened or the file system reports a write error.
pub fn sync_tree(dir: &Path) -> io::Result<()> {
    let d = fs::File::open(dir)?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: syncfs on a descriptor this function owns for the call's duration.
        if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        // SAFETY: sync(2) takes no arguments and cannot fail.
        unsafe { libc::sync() };
    }
    d.sync_all().or(Ok(()))
}

/// A file written atomically: everything goes to a temporary file in the same directory, and
/// [`AtomicFile::commit`] puts it in place. Without `overwrite`, an existing file is never
/// replaced (the final step is a hard link, which fails if the name exists). Dropped without
/// commit, failing at any step, or ended by a signal, nothing is left behind. A link is written
/// through to its target; a target that is not a regular file is refused.
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
        let path = &if overwrite {
            write_target(path)?
        } else {
            // Nothing under the name, not even a link: the name itself is the target (one
            // `lstat` instead of three; the final hard link still refuses a name that appeared).
            match fs::symlink_metadata(path) {
                Ok(_) => return Err(exists_error(path)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => path.to_path_buf(),
                Err(e) => return Err(e),
            }
        };
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
        // Unique per process and per file being written (two writers never share a temp file).
        static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        static PID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
        let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let pid = *PID.get_or_init(std::process::id);
        let tmp = dir.join(format!(".{name}.{pid}-{seq}.xxgk-tmp"));
        live_temps().push(tmp.clone());
        let file = match fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => f,
            Err(e) => {
                forget_temp(&tmp);
                return Err(e);
            }
        };
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
        // On every error path too (a full disk fails the last flush), the temp file goes.
        let result = self.place(file, sync);
        let _ = fs::remove_file(&self.tmp);
        forget_temp(&self.tmp);
        result
    }

    fn place(&self, file: io::BufWriter<fs::File>, sync: bool) -> io::Result<()> {
        let file = file.into_inner().map_err(|e| e.into_error())?;
        if sync {
            file.sync_all()?;
        }
        drop(file);
        if self.overwrite {
            fs::rename(&self.tmp, &self.target)
        } else {
            fs::hard_link(&self.tmp, &self.target).map_err(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    exists_error(&self.target)
                } else {
                    e
                }
            })
        }
    }
}

fn forget_temp(tmp: &Path) {
    live_temps().retain(|t| t != tmp);
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
            forget_temp(&self.tmp);
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

/// As [`write_atomic`] without waiting for the disk: for a batch made durable at its end by
/// [`sync_tree`]. A crash before then may lose the file, never leave half of it under the name.
///
/// # Errors
/// As [`write_atomic`].
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    let mut f = AtomicFile::create(path, overwrite)?;
    f.write_all(bytes)?;
    f.commit_unsynced()
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
            assert!(!matches!(wanted(Path::new(name)), Ok(true)), "{name}");
        }
        for name in [
            "report.html",
            "notes-2021.md",
            "anshan-2019.txt",
            "r.json",
            "r.pdf",
            "r.docx",
        ] {
            assert_eq!(wanted(Path::new(name)), Ok(true), "{name}");
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
