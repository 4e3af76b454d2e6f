//! Hostile directories and stale caches (issue 14): FIFOs, looping links, names that are not
//! UTF-8, deep folders, reports edited behind the cache's back, caches that are not files. Each
//! of these hung a command, went silent or served old figures before.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use xxgk::fsio::{ListReason, collect_inputs};
use xxgk::library::{Library, LoadOptions};

const REPORT: &str = "sample-reports/raw/layout-a-kaiyuan-2023.txt";

fn copy_report(to: &Path) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(REPORT);
    std::fs::copy(&src, to).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
}

fn quiet(_: usize, _: usize) {}

fn opts(cache: &Path) -> LoadOptions {
    LoadOptions {
        use_cache: true,
        cache_dir: Some(cache.to_path_buf()),
    }
}

/// Runs xxgk with a deadline: a hang is a failure, not a stuck test run.
fn xxgk_within(args: &[&str], secs: u64) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .env("LANG", "C")
        .env("XXGK_CACHE_DIR", std::env::temp_dir().join("xxgk-hostile-cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("xxgk {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[test]
fn a_fifo_hangs_no_command_and_is_named() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_report(&dir.path().join("a.txt"));
    mkfifo(&dir.path().join("f.txt"));
    let d = dir.path().display().to_string();
    let out_dir = tempfile::tempdir().expect("tmp");
    let parsed = out_dir.path().join("p").display().to_string();
    let csv = out_dir.path().join("x.csv").display().to_string();
    for args in [
        vec!["check", d.as_str()],
        vec!["parse", d.as_str(), "-o", parsed.as_str()],
        vec!["export", d.as_str(), "--out", csv.as_str()],
        vec![d.as_str()],
    ] {
        let out = xxgk_within(&args, 20);
        let stderr = String::from_utf8_lossy(&out.stderr) + String::from_utf8_lossy(&out.stdout);
        assert!(
            stderr.contains("f.txt") && stderr.contains("not a regular file"),
            "{args:?}: {stderr}"
        );
    }
    // Named on the command line, too.
    let fifo = dir.path().join("f.txt").display().to_string();
    let out = xxgk_within(&["show", fifo.as_str()], 20);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    // And in the library (the explorer's load).
    let cache = tempfile::tempdir().expect("tmp");
    let lib = Library::load(dir.path(), &opts(cache.path()), &quiet);
    assert_eq!(lib.entries.len(), 1);
    assert_eq!(lib.errors.len(), 1, "{:?}", lib.errors);
}

#[test]
fn looping_links_are_followed_once_and_named() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    copy_report(&dir.path().join("sub/a.txt"));
    symlink(".", dir.path().join("loop1")).expect("symlink");
    symlink(".", dir.path().join("loop2")).expect("symlink");
    symlink("..", dir.path().join("sub/up")).expect("symlink");
    // A link to a folder outside is read, once.
    let outside = tempfile::tempdir().expect("tmp");
    copy_report(&outside.path().join("b.txt"));
    symlink(outside.path(), dir.path().join("elsewhere")).expect("symlink");
    symlink(outside.path(), dir.path().join("elsewhere2")).expect("symlink");
    let start = Instant::now();
    let (files, problems) = collect_inputs(&[dir.path().to_path_buf()]);
    assert!(start.elapsed() < Duration::from_secs(5));
    let names: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(dir.path()).unwrap_or(f).display().to_string())
        .collect();
    assert_eq!(names, ["elsewhere/b.txt", "sub/a.txt"], "{problems:?}");
    let loops: Vec<String> = problems
        .iter()
        .filter(|p| matches!(p.reason, ListReason::Loop))
        .map(|p| p.path.rsplit('/').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(loops, ["elsewhere2", "loop1", "loop2", "up"], "{problems:?}");
    assert!(problems.iter().all(|p| p.is_note()));
    // The same answer every time (links are followed in order, after the real folders).
    for _ in 0..5 {
        assert_eq!(collect_inputs(&[dir.path().to_path_buf()]).0, files);
    }
    let d = dir.path().display().to_string();
    let out = xxgk_within(&["check", d.as_str()], 20);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("loop1") && stderr.contains("already read"), "{stderr}");
}

#[test]
fn a_name_that_is_not_utf8_is_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tmp");
    let name = std::ffi::OsStr::from_bytes(b"\xb1\xa8\xb8\xe6.txt"); // 报告 in GBK
    copy_report(&dir.path().join(name));
    let (files, problems) = collect_inputs(&[dir.path().to_path_buf()]);
    assert_eq!((files.len(), problems.len()), (1, 0));
    let d = dir.path().display().to_string();
    let out = xxgk_within(&["check", d.as_str(), "--format", "json"], 20);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with('['), "{stdout}");
    let cache = tempfile::tempdir().expect("tmp");
    let lib = Library::load(dir.path(), &opts(cache.path()), &quiet);
    assert_eq!((lib.entries.len(), lib.errors.len()), (1, 0));
}

#[test]
fn folders_too_deep_are_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut deep = dir.path().to_path_buf();
    for _ in 0..70 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).expect("mkdir");
    copy_report(&deep.join("a.txt"));
    let (files, problems) = collect_inputs(&[dir.path().to_path_buf()]);
    assert!(files.is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(matches!(problems[0].reason, ListReason::TooDeep));
    let d = dir.path().display().to_string();
    let out = xxgk_within(&["check", d.as_str()], 20);
    assert!(String::from_utf8_lossy(&out.stderr).contains("folders deep"));
}

/// A report rewritten with the same size and its old mtime put back (`touch -d`, a copy tool
/// that keeps times) is read again, never served from the cache with its old figures.
#[test]
fn an_edit_that_keeps_size_and_mtime_is_not_served_stale() {
    let dir = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    let a = dir.path().join("a.txt");
    copy_report(&a);
    let o = opts(cache.path());
    let mut first = Library::load(dir.path(), &o, &quiet);
    assert!(first.wait_for_cache());
    let old = std::fs::metadata(&a).expect("stat").modified().expect("mtime");
    let text = std::fs::read_to_string(&a).expect("read");
    assert!(text.contains("55117"));
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&a, text.replace("55117", "55118")).expect("write");
    std::fs::File::options()
        .write(true)
        .open(&a)
        .and_then(|f| f.set_modified(old))
        .expect("set mtime");
    assert_eq!(std::fs::metadata(&a).expect("stat").modified().expect("mtime"), old);
    let second = Library::load(dir.path(), &o, &quiet);
    assert_eq!((second.stats.parsed, second.stats.from_cache), (1, 0));
    let fresh = Library::load(
        dir.path(),
        &LoadOptions {
            use_cache: false,
            cache_dir: None,
        },
        &quiet,
    );
    assert!(second.entries == fresh.entries, "the figures of the file as it is now");
}

/// A cache path that is a FIFO or a link to an endless device is not read: the load ends and
/// parses everything.
#[test]
fn a_cache_that_is_not_a_file_is_not_read() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_report(&dir.path().join("a.txt"));
    for kind in ["fifo", "zero"] {
        let cache = tempfile::tempdir().expect("tmp");
        let file = xxgk::library::cache::cache_file(dir.path(), Some(cache.path())).expect("path");
        if kind == "fifo" {
            mkfifo(&file);
        } else {
            symlink("/dev/zero", &file).expect("symlink");
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let (d, o) = (dir.path().to_path_buf(), opts(cache.path()));
        std::thread::spawn(move || {
            let lib = Library::load(&d, &o, &quiet);
            let _ = tx.send((lib.entries.len(), lib.stats.parsed));
        });
        let got = rx.recv_timeout(Duration::from_secs(20)).expect(kind);
        assert_eq!(got, (1, 1), "{kind}");
    }
}

/// A parsed report whose names carry terminal escapes, C1 controls, bidi overrides, invisible
/// characters and a formula.
fn hostile_report(dir: &Path) -> std::path::PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed/pingtan-2023.json");
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(src).expect("read")).expect("json");
    let meta = &mut v["meta"];
    meta["agency"] = "=HYPERLINK(\"http://x\")\u{9b}31m平潭\u{202e}县\u{2028}人民政府".into();
    meta["province"] = "\u{1b}]52;c;SGVsbG8=\u{7}福建\u{2060}".into();
    meta["division_code"] = "\u{1b}[2J350128\u{feff}".into();
    meta["published"] = "2024-01-\u{ad}20\u{e0041}".into();
    let path = dir.join("=HYPERLINK(1)\u{1b}[31m.json");
    std::fs::write(&path, serde_json::to_string(&v).expect("json")).expect("write");
    path
}

fn has_unsafe(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| xxgk::text::unsafe_char(c) && !matches!(c, '\n' | '\t'))
}

#[test]
fn no_hostile_byte_reaches_a_terminal_or_a_file_raw() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = hostile_report(dir.path());
    let f = file.display().to_string();
    let d = dir.path().display().to_string();
    // Human-readable outputs: nothing unsafe at all.
    for args in [
        vec!["show", f.as_str(), "--format", "table"],
        vec!["show", f.as_str(), "--format", "tsv"],
        vec!["check", d.as_str()],
        vec!["check", d.as_str(), "--format", "csv"],
        vec![d.as_str()],
    ] {
        let out = xxgk_within(&args, 20);
        for (what, s) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let s = String::from_utf8_lossy(s);
            assert_eq!(has_unsafe(&s), None, "{args:?} {what}: {s}");
        }
    }
    let out = xxgk_within(&["show", f.as_str(), "--format", "tsv"], 20);
    let tsv = String::from_utf8_lossy(&out.stdout);
    assert!(tsv.contains("meta.agency\t'=HYPERLINK"), "{tsv}");
    // CSV: the formula is neutralised, in a file name and in text.
    let out = xxgk_within(&["check", d.as_str(), "--format", "csv"], 20);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(!csv.contains(",=HYPERLINK") && !csv.contains("\n=HYPERLINK"), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    // JSON: escaped, never dropped.
    for args in [
        vec!["show", f.as_str(), "--format", "json"],
        vec!["check", d.as_str(), "--format", "json"],
    ] {
        let out = xxgk_within(&args, 20);
        let s = String::from_utf8_lossy(&out.stdout);
        assert_eq!(has_unsafe(&s), None, "{args:?}: {s}");
        if args[0] == "show" {
            assert!(s.contains(r"\u009b31m平潭\u202e县\u2028人民政府"), "{s}");
            let v: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
            assert_eq!(v["meta"]["published"], "2024-01-\u{ad}20\u{e0041}");
        }
    }
    // The export (CSV and XLSX through the same writer).
    let out_dir = tempfile::tempdir().expect("tmp");
    let csv_path = out_dir.path().join("x.csv");
    let out = xxgk_within(&["export", d.as_str(), "--out", &csv_path.display().to_string()], 20);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = std::fs::read_to_string(&csv_path).expect("csv");
    assert_eq!(has_unsafe(csv.trim_start_matches('\u{feff}')), None, "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

#[test]
fn spreadsheet_text_is_neutralised_and_numbers_stay_numbers() {
    use xxgk::text::spreadsheet_safe as s;
    assert_eq!(s("=1+1"), "'=1+1");
    assert_eq!(s("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(s("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
    assert_eq!(s("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
    assert_eq!(s("\t=1"), "' =1");
    assert_eq!(s("＝1+1"), "'＝1+1");
    for n in ["-3", "+12", "+1237.3%", "-0.5%", "1,234", "平潭县"] {
        assert_eq!(s(n), n);
    }
}
