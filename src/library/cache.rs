//! The library's cache: one file per directory in the user's cache dir, holding for each file its
//! size, [`Stamp`], content hash and compact entry. An entry is reused when path, size and stamp
//! match, or when a file with the same content hash was seen; everything is
//! checksummed and tied to the parser version, and anything that does not check out is rebuilt.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::compact::{Bytes, Entry, Reader};
use crate::fsio::AtomicFile;
use crate::model::agency::Level;
use crate::model::{Layout, PARSER_VERSION, SourceFormat, Template};

const MAGIC: &[u8; 8] = b"XXGKLIB5";

/// A cache larger than this is not read (a library of a million reports stays well below it).
const MAX_CACHE_BYTES: u64 = 2 << 30;

/// What the cache knows of one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// File size in bytes.
    pub size: u64,
    /// When and where the file was last written.
    pub stamp: Stamp,
    /// BLAKE3 hash of the content.
    pub hash: [u8; 32],
    /// The compact report.
    pub entry: Entry,
}

/// What a stat says of a file's last write: modification time, status-change time and inode
/// (ns since the epoch). The mtime alone can be set back (`touch -d`, copy tools that keep
/// times); the ctime cannot, and every write, rename into place or time change sets it. So a file
/// whose content changed never matches its old stamp, and the check stays one stat per file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Stamp {
    /// Modification time.
    pub mtime: u128,
    /// Status-change time.
    pub ctime: u128,
    /// Inode number.
    pub ino: u64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| u128::try_from(s).unwrap_or(0) * 1_000_000_000 + u128::try_from(n).unwrap_or(0);
        Stamp {
            mtime: ns(meta.mtime(), meta.mtime_nsec()),
            ctime: ns(meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
        }
    }
}

/// Where the cache of a directory lives: under `base`, else `$XXGK_CACHE_DIR`, else the user's
/// cache directory.
pub fn cache_file(dir: &Path, base: Option<&Path>) -> Option<PathBuf> {
    let base = match (base, std::env::var_os("XXGK_CACHE_DIR")) {
        (Some(b), _) => b.to_path_buf(),
        (None, Some(d)) => PathBuf::from(d),
        (None, None) => directories::ProjectDirs::from("", "", "xxgk")?
            .cache_dir()
            .to_path_buf(),
    };
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let key = fnv64(canonical.to_string_lossy().as_bytes());
    Some(base.join(format!("library-{key:016x}.bin")))
}

/// FNV-1a, 64 bits: the checksum of cache records.
pub fn fnv64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn enum_byte<T: PartialEq + Copy>(v: Option<T>, all: &[T]) -> u8 {
    v.and_then(|v| all.iter().position(|x| *x == v))
        .and_then(|i| u8::try_from(i + 1).ok())
        .unwrap_or(0)
}

fn enum_of<T: Copy>(b: u8, all: &[T]) -> Option<T> {
    b.checked_sub(1).and_then(|i| all.get(usize::from(i)).copied())
}

const TEMPLATES: [Template; 3] = [Template::Tpl2021, Template::Tpl2019, Template::Pre2019];
const LEVELS: [Level; 5] = [
    Level::Province,
    Level::City,
    Level::County,
    Level::Township,
    Level::Department,
];
const LAYOUTS: [Layout; 10] = [
    Layout::A,
    Layout::B,
    Layout::C,
    Layout::D,
    Layout::E,
    Layout::Markdown,
    Layout::PdfText,
    Layout::Html,
    Layout::Pdf,
    Layout::Docx,
];

const FORMATS: [SourceFormat; 4] = [
    SourceFormat::Text,
    SourceFormat::Html,
    SourceFormat::Pdf,
    SourceFormat::Docx,
];

fn encode(rec: &Record, path: &str) -> Vec<u8> {
    let e = &rec.entry;
    let mut w = Bytes::default();
    w.varint(rec.size);
    w.bytes(&rec.stamp.mtime.to_le_bytes());
    w.bytes(&rec.stamp.ctime.to_le_bytes());
    w.varint(rec.stamp.ino);
    w.bytes(&rec.hash);
    w.bytes(path.as_bytes());
    for s in [&e.agency, &e.region, &e.province, &e.division_code, &e.published] {
        w.opt_str(s.as_deref());
    }
    w.varint(e.year.map_or(0, |y| u64::from(y) + 1));
    w.byte(enum_byte(Some(e.template), &TEMPLATES));
    w.byte(enum_byte(e.level, &LEVELS));
    w.byte(enum_byte(e.layout, &LAYOUTS));
    w.byte(enum_byte(Some(e.format), &FORMATS));
    w.varint(u64::from(e.errors));
    w.varint(u64::from(e.warnings));
    w.bytes(&e.cells);
    w.bytes(&e.context);
    w.0
}

fn decode(data: &[u8]) -> Option<Record> {
    let mut r = Reader::new(data);
    let size = r.varint()?;
    let mtime = u128::from_le_bytes(r.bytes()?.try_into().ok()?);
    let ctime = u128::from_le_bytes(r.bytes()?.try_into().ok()?);
    let stamp = Stamp {
        mtime,
        ctime,
        ino: r.varint()?,
    };
    let hash: [u8; 32] = r.bytes()?.try_into().ok()?;
    let path: Box<str> = std::str::from_utf8(r.bytes()?).ok()?.into();
    let (agency, region, province, division_code, published) =
        (r.opt_str()?, r.opt_str()?, r.opt_str()?, r.opt_str()?, r.opt_str()?);
    let year = r.varint()?.checked_sub(1).and_then(|y| u16::try_from(y).ok());
    let template = enum_of(r.byte()?, &TEMPLATES)?;
    let level = enum_of(r.byte()?, &LEVELS);
    let layout = enum_of(r.byte()?, &LAYOUTS);
    let format = enum_of(r.byte()?, &FORMATS)?;
    let errors = u16::try_from(r.varint()?).ok()?;
    let warnings = u16::try_from(r.varint()?).ok()?;
    let cells: Box<[u8]> = r.bytes()?.into();
    let context: Box<[u8]> = r.bytes()?.into();
    r.done().then_some(Record {
        size,
        stamp,
        hash,
        entry: Entry {
            path,
            agency,
            region,
            province,
            division_code,
            published,
            year,
            template,
            level,
            layout,
            format,
            errors,
            warnings,
            cells,
            context,
        },
    })
}

/// Reads a cache file. A file of another parser version, or a damaged one, gives an empty cache
/// (everything is rebuilt); a damaged record is skipped (that file is read again).
pub fn load(path: &Path) -> HashMap<Box<str>, Record> {
    let mut out = HashMap::new();
    // A regular file of bounded size only: a cache path that is a FIFO or a link to a device is
    // ignored (and replaced when the cache is written).
    let Ok(data) = crate::fsio::read_regular(path, MAX_CACHE_BYTES) else {
        return out;
    };
    let mut r = Reader::new(&data);
    let header_ok = r.bytes().is_some_and(|m| m == MAGIC) && r.varint() == Some(u64::from(PARSER_VERSION));
    if !header_ok {
        return out;
    }
    while !r.done() {
        let (Some(sum), Some(body)) = (r.varint(), r.bytes()) else {
            break;
        };
        if fnv64(body) != sum {
            continue;
        }
        if let Some(rec) = decode(body) {
            out.insert(rec.entry.path.clone(), rec);
        }
    }
    out
}

/// The cache file's bytes for these records, each under its path relative to the directory
/// (encoded in parallel).
pub fn encode_all(records: &[(String, Record)]) -> Vec<Bytes> {
    use rayon::prelude::*;
    let mut head = Bytes::default();
    head.bytes(MAGIC);
    head.varint(u64::from(PARSER_VERSION));
    let bodies = records.par_iter().map(|(rel, rec)| {
        let body = encode(rec, rel);
        let mut w = Bytes::default();
        w.varint(fnv64(&body));
        w.bytes(&body);
        w
    });
    std::iter::once(head).chain(bodies.collect::<Vec<_>>()).collect()
}

/// Writes encoded records to the cache file, atomically. Every record is checksummed and
/// checked on load, so this does not wait for the disk.
pub fn write(path: &Path, parts: &[Bytes]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = AtomicFile::create(path, true)?;
    for b in parts {
        f.write_all(&b.0)?;
    }
    f.commit_unsynced()
}
