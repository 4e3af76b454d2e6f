//! The library: a directory of reports (parsed JSON and raw files alike) loaded in parallel into
//! compact entries, with a cache so a second open parses nothing, per-file errors kept for the
//! user, agencies grouped across years (name variants included), duplicates detected, and a
//! pinyin-aware fuzzy search over agency names. Knows nothing of the terminal.

pub mod cache;
pub mod compact;
pub mod lean;
pub mod samples;
pub mod search;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::fsio::collect_inputs;
use crate::ingest::{MAX_INPUT_BYTES, ingest_bytes};
use crate::model::agency::group_by_identity;
use crate::model::{Report, schema_readable};
use crate::rules::cross_year::{self, check_pair};
use crate::rules::{Finding, Severity, check_report};
use cache::{Record, Stamp};
pub use compact::Entry;
pub use search::SearchIndex;

/// A file that could not be loaded, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file.
    pub path: String,
    /// Why (in either language).
    pub message: crate::i18n::Msg,
}

/// How a load went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadStats {
    /// Files taken from the cache.
    pub from_cache: usize,
    /// Files read and parsed.
    pub parsed: usize,
    /// Files that failed.
    pub failed: usize,
    /// Whether the cache file was (re)written.
    pub cache_written: bool,
}

/// Loading options.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Read and write the cache.
    pub use_cache: bool,
    /// Where caches live (default: `$XXGK_CACHE_DIR`, else the user's cache directory).
    pub cache_dir: Option<PathBuf>,
    /// Set from another thread to stop a load: files not yet started are not read, and the
    /// cache is not written (the explorer quit while the directory was still loading).
    pub cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl LoadOptions {
    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            use_cache: true,
            cache_dir: None,
            cancel: None,
        }
    }
}

/// The reports of a directory, indexed.
#[derive(Debug, Default)]
pub struct Library {
    /// The directory loaded.
    pub root: PathBuf,
    /// One entry per report, sorted by agency, year and file.
    pub entries: Vec<Entry>,
    /// Files that could not be loaded.
    pub errors: Vec<LoadError>,
    /// Paths skipped without loss (a link to a folder already read), with the reason.
    pub notes: Vec<LoadError>,
    /// Entries of one agency (across name variants), by year.
    pub groups: Vec<Vec<usize>>,
    /// The group of each entry.
    pub group_of: Vec<u32>,
    /// Sets of entries for the same agency and year from different files.
    pub duplicates: Vec<Vec<usize>>,
    /// Fuzzy search over the groups' names (ids are group indices).
    pub search: SearchIndex,
    /// How the load went.
    pub stats: LoadStats,
    /// The cache file being written in the background (joined by [`Library::wait_for_cache`]
    /// or on drop).
    cache_writer: Option<std::thread::JoinHandle<Result<(), String>>>,
    /// Why the cache file could not be written (the path and the system's reason).
    cache_error: Option<String>,
}

impl Drop for Library {
    fn drop(&mut self) {
        let _ = self.wait_for_cache();
    }
}

enum Loaded {
    /// The cache's record for this path is current.
    Hit,
    /// Same content as the cache's record of another path (moved or copied file).
    SameAs {
        from: Box<str>,
        size: u64,
        stamp: Stamp,
    },
    Parsed(Record),
    Failed(LoadError),
}

fn entry_of_bytes(bytes: &[u8], path: &str) -> Result<Entry, crate::i18n::Msg> {
    // Parsed reports are read lean (no provenance); anything else goes through ingest.
    let lean = path
        .ends_with(".json")
        // UTF-8 is checked once for the whole file; serde_json then skips it string by string.
        .then(|| std::str::from_utf8(bytes).ok())
        .flatten()
        .and_then(|text| {
            lean::read(text).or_else(|| serde_json::from_str::<Report>(text).ok().map(lean::lean_from_full))
        })
        // The lean reader keeps no `raw`: what schema 2 leaves out is nothing it needs.
        .filter(|r| schema_readable(r.schema));
    let report = match lean {
        Some(r) => r,
        None => ingest_bytes(bytes, path).map_err(|e| e.kind.msg())?,
    };
    let findings = check_report(&report);
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let mut entry = Entry::from_report(&report, errors, findings.len() - errors);
    // The file in the library, also for parsed JSON (whose source names the original).
    entry.path = path.into();
    Ok(entry)
}

fn load_one(path: &Path, rel: &str, cached: &HashMap<Box<str>, Record>, by_hash: &HashMap<[u8; 32], &str>) -> Loaded {
    let shown = path.display().to_string();
    let fail = |message: crate::i18n::Msg| {
        Loaded::Failed(LoadError {
            path: shown.clone(),
            message,
        })
    };
    // A file the cache knows is only stat'ed; any other is opened once and stat'ed through the
    // open handle (no second path lookup).
    let mut file = None;
    let meta = if cached.contains_key(rel) {
        std::fs::metadata(path)
    } else {
        match crate::fsio::open_regular(path) {
            Ok((f, m)) => {
                file = Some(f);
                Ok(m)
            }
            Err(crate::fsio::OpenError::Io(e)) => Err(e),
            Err(_) => return fail(crate::msg!("error.not_regular")),
        }
    };
    let meta = match meta {
        Ok(m) => m,
        Err(e) => return fail(crate::msg!("error.io", why = e.to_string())),
    };
    if !meta.is_file() {
        return fail(crate::msg!("error.not_regular"));
    }
    let (size, stamp) = (meta.len(), Stamp::of(&meta));
    if cached.get(rel).is_some_and(|r| r.size == size && r.stamp == stamp) {
        return Loaded::Hit;
    }
    if size > MAX_INPUT_BYTES {
        return fail(crate::ingest::too_large(size, MAX_INPUT_BYTES));
    }
    // Each thread reads into one buffer it keeps (no allocation and page faults per file), sized
    // from the stat, and never past the size limit (a file may grow while it is read).
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUF.with(|buf| {
        let mut guard = buf.try_borrow_mut();
        let mut own = Vec::new();
        let bytes: &mut Vec<u8> = match guard.as_deref_mut() {
            Ok(b) => b,
            Err(_) => &mut own,
        };
        bytes.clear();
        bytes.reserve(usize::try_from(size).unwrap_or(0).saturating_add(1));
        let read = {
            use std::io::Read;
            let limit = MAX_INPUT_BYTES + 1;
            match file {
                Some(f) => f.take(limit).read_to_end(bytes),
                None => crate::fsio::open_regular(path)
                    .map_err(|e| match e {
                        crate::fsio::OpenError::Io(e) => e,
                        other => std::io::Error::other(other.to_string()),
                    })
                    .and_then(|(f, _)| f.take(limit).read_to_end(bytes)),
            }
        };
        if let Err(e) = read {
            return fail(crate::msg!("error.io", why = e.to_string()));
        }
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            *bytes = Vec::new();
            return fail(crate::ingest::too_large(bytes.len() as u64, MAX_INPUT_BYTES));
        }
        // A big file must not keep its buffer for the rest of the load.
        let parsed = parse_read(bytes, size, stamp, &shown, by_hash);
        if bytes.capacity() > 4 << 20 {
            *bytes = Vec::new();
        }
        parsed
    })
}

fn parse_read(bytes: &[u8], size: u64, stamp: Stamp, shown: &str, by_hash: &HashMap<[u8; 32], &str>) -> Loaded {
    // BLAKE3: a cryptographic content hash (a crafted file cannot pose as another's cached entry)
    // at several times SHA-256's speed.
    let hash: [u8; 32] = blake3::hash(bytes).into();
    if let Some(from) = by_hash.get(&hash) {
        return Loaded::SameAs {
            from: (*from).into(),
            size,
            stamp,
        };
    }
    match entry_of_bytes(bytes, shown) {
        Ok(entry) => Loaded::Parsed(Record {
            size,
            stamp,
            hash,
            entry,
        }),
        Err(message) => Loaded::Failed(LoadError {
            path: shown.to_string(),
            message,
        }),
    }
}

/// The library's order: agency, year, path.
fn entry_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    (&a.agency, a.year, &a.path).cmp(&(&b.agency, b.year, &b.path))
}

/// What is built over the entries (in library order): groups, duplicates, the search index.
struct Index {
    groups: Vec<Vec<usize>>,
    group_of: Vec<u32>,
    duplicates: Vec<Vec<usize>>,
    search: SearchIndex,
}

impl Index {
    fn build(entries: &[&Entry]) -> Index {
        let items: Vec<(String, Option<String>, Option<u16>, usize)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let name = e
                    .agency
                    .as_deref()
                    .map_or_else(|| format!("?{}", e.path), str::to_string);
                (name, e.division_code.as_deref().map(str::to_string), e.year, i)
            })
            .collect();
        let year = |i: usize| entries.get(i).and_then(|e| e.year);
        let mut groups = group_by_identity(&items);
        for g in &mut groups {
            g.sort_by_key(|&i| (year(i), i));
        }
        groups.sort_by_key(|g| g.first().copied());
        let mut group_of = vec![0u32; entries.len()];
        let mut duplicates = Vec::new();
        for (gi, g) in groups.iter().enumerate() {
            let mut by_year: BTreeMap<Option<u16>, Vec<usize>> = BTreeMap::new();
            for &i in g {
                if let Some(slot) = group_of.get_mut(i) {
                    *slot = crate::cast::u32_sat(gi);
                }
                by_year.entry(year(i)).or_default().push(i);
            }
            duplicates.extend(by_year.into_values().filter(|v| v.len() > 1));
        }
        let names: Vec<&str> = groups
            .iter()
            .map(|g| {
                g.last()
                    .and_then(|&i| entries.get(i))
                    .and_then(|e| e.agency.as_deref())
                    .unwrap_or("?")
            })
            .collect();
        let search = SearchIndex::new(names.iter().copied());
        Index {
            groups,
            group_of,
            duplicates,
            search,
        }
    }

    fn into_library(self, entries: Vec<Entry>) -> Library {
        Library {
            root: PathBuf::new(),
            entries,
            errors: Vec::new(),
            notes: Vec::new(),
            groups: self.groups,
            group_of: self.group_of,
            duplicates: self.duplicates,
            search: self.search,
            stats: LoadStats::default(),
            cache_writer: None,
            cache_error: None,
        }
    }
}

impl Library {
    /// Loads every report under `dir`. `progress(done, total)` is called as files finish.
    pub fn load(dir: &Path, opts: &LoadOptions, progress: &(dyn Fn(usize, usize) + Sync)) -> Library {
        Library::load_streaming(dir, opts, progress, None)
    }

    /// [`Library::load`], handing each report's entry to `each` as soon as it is read (from any
    /// thread, in no order; a file that fails gives none): the explorer lists them while the
    /// rest load.
    pub fn load_streaming(
        dir: &Path,
        opts: &LoadOptions,
        progress: &(dyn Fn(usize, usize) + Sync),
        each: Option<&(dyn Fn(&Entry) + Sync)>,
    ) -> Library {
        let (files, list_errors) = collect_inputs(&[dir.to_path_buf()]);
        let cache_path = opts
            .use_cache
            .then(|| cache::cache_file(dir, opts.cache_dir.as_deref()))
            .flatten();
        let mut cached = cache_path.as_deref().map(cache::load).unwrap_or_default();
        let cached_count = cached.len();
        let by_hash: HashMap<[u8; 32], &str> = cached.iter().map(|(k, r)| (r.hash, &**k)).collect();
        let total = files.len();
        let done = AtomicUsize::new(0);
        let loaded: Vec<(String, String, Loaded)> = files
            .par_iter()
            .map(|f| {
                let rel = f.strip_prefix(dir).unwrap_or(f).to_string_lossy().into_owned();
                let l = if opts.cancelled() {
                    Loaded::Failed(LoadError {
                        path: f.display().to_string(),
                        message: crate::msg!("error.cancelled"),
                    })
                } else {
                    load_one(f, &rel, &cached, &by_hash)
                };
                let shown = f.display().to_string();
                if let Some(each) = each {
                    let from_cache = match &l {
                        Loaded::Hit => cached.get(rel.as_str()),
                        Loaded::SameAs { from, .. } => cached.get(from),
                        Loaded::Parsed(r) => {
                            each(&r.entry);
                            None
                        }
                        Loaded::Failed(_) => None,
                    };
                    if let Some(r) = from_cache {
                        // As the library will show it: under this path.
                        let mut e = r.entry.clone();
                        e.path = shown.as_str().into();
                        each(&e);
                    }
                }
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                (shown, rel, l)
            })
            .collect();
        drop(by_hash);
        // Records of moved or copied files are copied first; current ones are then moved out.
        let copies: Vec<Option<Record>> = loaded
            .iter()
            .map(|(_, _, l)| match l {
                Loaded::SameAs { from, size, stamp } => cached.get(from).map(|r| Record {
                    size: *size,
                    stamp: *stamp,
                    ..r.clone()
                }),
                _ => None,
            })
            .collect();
        let mut stats = LoadStats::default();
        let mut records: Vec<(String, Record)> = Vec::with_capacity(loaded.len());
        let (notes, list_errors): (Vec<_>, Vec<_>) = list_errors.into_iter().partition(|e| e.is_note());
        let as_load_error = |e: crate::fsio::ListError| LoadError {
            message: e.reason.msg(),
            path: e.path,
        };
        let notes: Vec<LoadError> = notes.into_iter().map(as_load_error).collect();
        let mut errors: Vec<LoadError> = list_errors.into_iter().map(as_load_error).collect();
        for ((shown, rel, l), copy) in loaded.into_iter().zip(copies) {
            let reused = match l {
                Loaded::Hit => cached.remove(rel.as_str()),
                Loaded::SameAs { .. } => copy,
                Loaded::Parsed(r) => {
                    stats.parsed += 1;
                    records.push((rel, r));
                    continue;
                }
                Loaded::Failed(e) => {
                    errors.push(e);
                    continue;
                }
            };
            match reused {
                Some(mut r) => {
                    stats.from_cache += 1;
                    r.entry.path = shown.into();
                    records.push((rel, r));
                }
                None => errors.push(LoadError {
                    path: shown,
                    message: crate::msg!("error.vanished"),
                }),
            }
        }
        stats.failed = errors.len();
        let stale = (cached_count != records.len() || stats.parsed > 0 || stats.from_cache != cached_count)
            && !opts.cancelled();
        // In library order; then the cache is written while the index is built.
        records.sort_unstable_by(|(_, a), (_, b)| entry_order(&a.entry, &b.entry));
        // The cache records are encoded while the index is built; the file is written in the
        // background (the library is usable at once; `wait_for_cache` or drop joins the writer).
        let (bytes, index) = rayon::join(
            || cache_path.filter(|_| stale).map(|p| (p, cache::encode_all(&records))),
            || Index::build(&records.iter().map(|(_, r)| &r.entry).collect::<Vec<_>>()),
        );
        let entries = records.into_iter().map(|(_, r)| r.entry).collect();
        let mut lib = index.into_library(entries);
        lib.count_cross_year();
        lib.cache_writer = bytes.map(|(p, b)| {
            std::thread::spawn(move || cache::write(&p, &b).map_err(|e| format!("{}: {e}", p.display())))
        });
        lib.root = dir.to_path_buf();
        lib.errors = errors;
        lib.notes = notes;
        lib.stats = stats;
        lib
    }

    /// Indexes entries already in memory (their counts are those of the reports alone).
    pub fn from_entries(mut entries: Vec<Entry>) -> Library {
        entries.sort_unstable_by(entry_order);
        let index = Index::build(&entries.iter().collect::<Vec<_>>());
        let mut lib = index.into_library(entries);
        lib.count_cross_year();
        lib
    }

    /// The reports of the previous year of an entry's agency (all of them, when the year has
    /// several files), among those the cross-year rules take.
    pub fn previous_years(&self, i: usize) -> Vec<usize> {
        let Some(e) = self.entries.get(i) else {
            return Vec::new();
        };
        let (Some(year), true) = (e.year, cross_year::eligible(e.template, e.agency.as_deref(), e.year)) else {
            return Vec::new();
        };
        let Some(g) = self.group_of.get(i).and_then(|&g| self.groups.get(g as usize)) else {
            return Vec::new();
        };
        g.iter()
            .copied()
            .filter(|&j| {
                self.entries.get(j).is_some_and(|x| {
                    x.year == Some(year - 1) && cross_year::eligible(x.template, x.agency.as_deref(), x.year)
                })
            })
            .collect()
    }

    /// Every finding of an entry's report: its own rules, and the cross-year rules against each
    /// report of its agency's previous year. The browse counts, the report screen and `xxgk
    /// check` over the same directory all say these.
    pub fn findings_of(&self, i: usize) -> Vec<Finding> {
        let Some(e) = self.entries.get(i) else {
            return Vec::new();
        };
        let r = e.to_report();
        let mut out = check_report(&r);
        for j in self.previous_years(i) {
            if let Some(p) = self.entries.get(j) {
                out.extend(check_pair(&p.to_report(), &r));
            }
        }
        out
    }

    /// Adds the cross-year findings to each entry's counts (its own rules were counted when it
    /// was read). Only the cells those rules read are decoded.
    fn count_cross_year(&mut self) {
        let pairs: Vec<(usize, usize)> = (0..self.entries.len())
            .flat_map(|i| self.previous_years(i).into_iter().map(move |j| (j, i)))
            .collect();
        // The cells those rules read, and the sections for the copied-prose rule.
        let partial = |e: &Entry| crate::model::Report {
            sections: e.sections(),
            ..e.report_with(e.figures_where(cross_year::reads))
        };
        let counts: Vec<(usize, usize, usize)> = pairs
            .par_iter()
            .filter_map(|&(j, i)| {
                let (p, c) = (self.entries.get(j)?, self.entries.get(i)?);
                let found = check_pair(&partial(p), &partial(c));
                let errors = found.iter().filter(|f| f.severity == Severity::Error).count();
                (!found.is_empty()).then_some((i, errors, found.len() - errors))
            })
            .collect();
        for (i, errors, warnings) in counts {
            if let Some(e) = self.entries.get_mut(i) {
                e.errors = e.errors.saturating_add(u16::try_from(errors).unwrap_or(u16::MAX));
                e.warnings = e.warnings.saturating_add(u16::try_from(warnings).unwrap_or(u16::MAX));
            }
        }
    }

    /// Waits until the cache file is written (when this load wrote one) and says whether it was
    /// (also in `stats.cache_written`).
    pub fn wait_for_cache(&mut self) -> bool {
        if let Some(h) = self.cache_writer.take() {
            let outcome = h.join().unwrap_or_else(|_| Err("the cache writer stopped".into()));
            self.stats.cache_written = outcome.is_ok();
            self.cache_error = outcome.err();
        }
        self.stats.cache_written
    }

    /// Why the cache could not be written, once the writer has finished (`None` while it
    /// runs, when it succeeded or when no cache was due). Does not wait.
    pub fn cache_failure(&mut self) -> Option<&str> {
        if self
            .cache_writer
            .as_ref()
            .is_some_and(std::thread::JoinHandle::is_finished)
        {
            self.wait_for_cache();
        }
        self.cache_error.as_deref()
    }

    /// The report of an entry read again from its file, with provenance (the compact entry has
    /// figures only): parsed JSON as written, anything else through ingest.
    pub fn full_report(&self, i: usize) -> Result<Report, String> {
        let path = self.entries.get(i).map(|e| e.path.to_string()).ok_or("no such entry")?;
        let bytes = crate::fsio::read_regular(Path::new(&path), MAX_INPUT_BYTES).map_err(|e| format!("{path}: {e}"))?;
        let parsed = path
            .ends_with(".json")
            .then(|| serde_json::from_slice::<Report>(&bytes).ok())
            .flatten()
            .and_then(Report::upgraded);
        match parsed {
            Some(r) => Ok(r),
            None => ingest_bytes(&bytes, &path).map_err(|e| format!("{path}: {}", e.kind)),
        }
    }

    /// The entry of the previous year of the same agency, if the library has it.
    pub fn previous_year(&self, i: usize) -> Option<usize> {
        self.year_step(i, -1)
    }

    /// The report of the same agency `step` years from entry `i`'s (the first in library order
    /// when several files have that year).
    pub fn year_step(&self, i: usize, step: i32) -> Option<usize> {
        let e = self.entries.get(i)?;
        let year = i32::from(e.year?).checked_add(step)?;
        let g = self.groups.get(*self.group_of.get(i)? as usize)?;
        g.iter()
            .copied()
            .find(|&j| self.entries.get(j).and_then(|x| x.year).map(i32::from) == Some(year))
    }

    /// Entries whose agency matches a query (fuzzy, Han or pinyin), best agencies first.
    pub fn find(&self, query: &str) -> Vec<usize> {
        self.search
            .filter(query, None)
            .into_iter()
            .filter_map(|g| self.groups.get(g as usize))
            .flat_map(|g| g.iter().copied())
            .collect()
    }
}
