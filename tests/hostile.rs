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
        ..LoadOptions::default()
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
            ..LoadOptions::default()
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
            // A CSV's byte-order mark is the one character of ours.
            assert_eq!(
                has_unsafe(s.trim_start_matches('\u{feff}')),
                None,
                "{args:?} {what}: {s}"
            );
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

/// A report of the samples with its balance broken (check finds errors in it).
fn broken_report(dir: &Path) -> std::path::PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown-2021.md");
    let good = std::fs::read_to_string(src).expect("fixture");
    let broken = good.replacen(
        "| 一、本年新收政府信息公开申请数量 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |",
        "| 一、本年新收政府信息公开申请数量 | 8 | 0 | 0 | 0 | 0 | 0 | 8 |",
        1,
    );
    assert_ne!(broken, good);
    let p = dir.join("bad.md");
    std::fs::write(&p, broken).expect("write");
    p
}

fn temp_files_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xxgk-tmp"))
        .collect()
}

/// A disk that fills up during the write (here: a file size limit, the same EFBIG/ENOSPC path):
/// one clear error, no temp file, no stray message from the zip writer.
#[test]
fn a_full_disk_leaves_no_temp_file_and_one_error() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("tmp");
    for name in ["a.txt", "b.txt", "c.txt"] {
        copy_report(&dir.path().join(name));
    }
    let out_dir = tempfile::tempdir().expect("tmp");
    for ext in ["xlsx", "csv", "json"] {
        let target = out_dir.path().join(format!("x.{ext}"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
        cmd.args([
            "export",
            &dir.path().display().to_string(),
            "--out",
            &target.display().to_string(),
        ])
        .env("LANG", "C");
        // SAFETY: between fork and exec, only async-signal-safe calls (setrlimit, signal).
        unsafe {
            cmd.pre_exec(|| {
                let lim = libc::rlimit {
                    rlim_cur: 2048,
                    rlim_max: 2048,
                };
                libc::setrlimit(libc::RLIMIT_FSIZE, &lim);
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            });
        }
        let out = cmd.output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{ext}: {stderr}");
        assert!(!stderr.contains("ZipWriter"), "{ext}: {stderr}");
        assert_eq!(
            stderr.lines().filter(|l| l.contains("xxgk")).count(),
            1,
            "{ext}: {stderr}"
        );
        assert!(!target.exists(), "{ext}");
        assert_eq!(temp_files_in(out_dir.path()), Vec::<String>::new(), "{ext}");
    }
}

/// `--force` onto a link writes through to the link's target (the link stays); a target that
/// is not a regular file (a FIFO, a device) is refused, never replaced and never waited on.
#[test]
fn force_writes_through_links_and_refuses_devices() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_report(&dir.path().join("a.txt"));
    let d = dir.path().display().to_string();
    let out_dir = tempfile::tempdir().expect("tmp");
    let real = out_dir.path().join("real.csv");
    std::fs::write(&real, "old").expect("write");
    let link = out_dir.path().join("link.csv");
    symlink("real.csv", &link).expect("symlink");
    let l = link.display().to_string();
    let out = xxgk_within(&["export", d.as_str(), "--out", l.as_str()], 20);
    assert!(!out.status.success(), "not overwritten without --force");
    assert_eq!(std::fs::read_to_string(&real).expect("read"), "old");
    let out = xxgk_within(&["export", d.as_str(), "--out", l.as_str(), "--force"], 20);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).expect("read").contains("开原"));
    // A FIFO and a device: refused.
    let fifo = out_dir.path().join("f.csv");
    mkfifo(&fifo);
    let dev = out_dir.path().join("null.csv");
    symlink("/dev/null", &dev).expect("symlink");
    for target in [&fifo, &dev] {
        let t = target.display().to_string();
        let out = xxgk_within(&["export", d.as_str(), "--out", t.as_str(), "--force"], 20);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains("not a regular file"),
            "{t}: {stderr}"
        );
    }
    assert!(std::fs::symlink_metadata(&dev).expect("lstat").file_type().is_symlink());
    assert_eq!(temp_files_in(out_dir.path()), Vec::<String>::new());
}

/// `check … | head -1`: the closed pipe ends the output quietly and the exit code is the one the
/// findings deserve (1: errors found), in every format.
#[test]
fn a_closed_pipe_keeps_the_exit_code_of_the_findings() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = broken_report(dir.path()).display().to_string();
    for format in ["text", "csv", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["check", bad.as_str(), "--format", format])
            .env("LANG", "C")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        drop(child.stdout.take()); // the reader is gone before anything is written
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
        assert!(!stderr.to_lowercase().contains("broken pipe"), "{format}: {stderr}");
    }
}

/// SIGINT or SIGTERM during an export: the temp file goes with the process.
#[test]
fn a_signal_during_an_export_leaves_no_temp_file() {
    use xxgk::synth::{Rng, raw, report};
    let dir = tempfile::tempdir().expect("tmp");
    let mut rng = Rng::new(7);
    for i in 0..1500 {
        let r = report(i, 2023, false, &mut rng);
        let (ext, bytes) = raw(&r, xxgk::model::Layout::A).expect("raw");
        std::fs::write(dir.path().join(format!("r{i}.{ext}")), bytes).expect("write");
    }
    let out_dir = tempfile::tempdir().expect("tmp");
    let mut signalled = 0;
    for (signal, name) in [(libc::SIGTERM, "term"), (libc::SIGINT, "int")] {
        let target = out_dir.path().join(format!("{name}.xlsx"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args([
                "export",
                &dir.path().display().to_string(),
                "--out",
                &target.display().to_string(),
            ])
            .env("LANG", "C")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("runs");
        // Wait for the temp file, then signal.
        let start = Instant::now();
        while temp_files_in(out_dir.path()).is_empty() && start.elapsed() < Duration::from_secs(30) {
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let pid = i32::try_from(child.id()).expect("pid");
        // SAFETY: kill(2) on our own child.
        unsafe {
            libc::kill(pid, signal);
        }
        let status = child.wait().expect("wait");
        if status.code().is_some_and(|c| c == 0) {
            continue; // finished before the signal: nothing to clean
        }
        signalled += 1;
        assert_eq!(temp_files_in(out_dir.path()), Vec::<String>::new(), "{name}");
        assert!(!target.exists());
    }
    // The export of 1,500 reports takes long enough that the signals land while it writes.
    assert!(
        signalled > 0,
        "no export was caught by a signal: the test proves nothing"
    );
}

/// Figures no report has (i64::MAX in every cell): the sums overflow, and that is a finding,
/// never a silent pass.
#[test]
fn figures_too_large_to_add_are_not_assessable() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed/pingtan-2023.json");
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(src).expect("read")).expect("json");
    let mut n = 0;
    if let Some(figs) = v["figures"].as_object_mut() {
        for f in figs.values_mut() {
            if f.get("value").is_some_and(|x| !x.is_null()) {
                f["value"] = serde_json::json!(9_223_372_036_854_775_807_i64);
                if f.get("raw").is_some() {
                    f["raw"] = "9223372036854775807".into();
                }
                n += 1;
            }
        }
    }
    assert!(n > 100, "{n}");
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("max.json");
    std::fs::write(&p, serde_json::to_string(&v).expect("json")).expect("write");
    let out = xxgk_within(&["check", &p.display().to_string(), "--format", "json"], 20);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let overflow = findings
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["rule"] == "not_assessable" && f["message"].as_str().is_some_and(|m| m.contains("too large")));
    assert!(overflow.is_some(), "{findings}");
}

/// Deep nesting took quadratic time (100,000 nested `<div>`: 31 s; a 20 KB .docx of 200,000
/// nested tables: 21 s). HTML past the documented depth is refused at once with the reason; a
/// .docx is read in linear time.
#[test]
fn deep_nesting_is_refused_or_read_in_linear_time() {
    let dir = tempfile::tempdir().expect("tmp");
    let n = 100_000;
    let html = dir.path().join("deep.html");
    let page = format!(
        "<html><body>{}本年新收{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    std::fs::write(&html, page).expect("write");
    // The deadlines are hang guards (before: 31 s and 21 s), not speed targets.
    let out = xxgk_within(&["show", &html.display().to_string()], 10);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nested more than 256 deep"), "{stderr}");
    // A real page's depth is far below the limit (the samples' HTML reads as before).
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let pages: Vec<_> = std::fs::read_dir(&sample)
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
        .collect();
    assert!(!pages.is_empty());
    for p in pages {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        assert!(xxgk::ingest::html::nesting_ok(&text).is_ok(), "{}", p.display());
    }
    // .docx: 200,000 nested tables.
    let docx = dir.path().join("deep.docx");
    let body = format!(
        "{}<w:p><w:r><w:t>本年新收</w:t></w:r></w:p>{}",
        "<w:tbl><w:tr><w:tc>".repeat(200_000),
        "</w:tc></w:tr></w:tbl>".repeat(200_000)
    );
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let file = std::fs::File::create(&docx).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default();
    use std::io::Write;
    zip.start_file("word/document.xml", opts).expect("zip");
    zip.write_all(xml.as_bytes()).expect("zip");
    zip.finish().expect("zip");
    let _ = xxgk_within(&["show", &docx.display().to_string()], 10);
}

/// The library's fast JSON reader and serde give one verdict: a raw control character inside
/// an object key is refused by both (the explorer loaded a file `show` and `check` rejected).
#[test]
fn a_control_character_in_a_key_is_refused_by_every_reader() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed/pingtan-2023.json");
    let text = std::fs::read_to_string(src).expect("read");
    for (from, to) in [
        ("\"meta\"", "\"me\u{1}ta\""),
        ("\"agency\"", "\"agen\u{1f}cy\""),
        ("\"value\"", "\"val\u{0}ue\""),
    ] {
        let bad = text.replacen(from, to, 1);
        assert_ne!(bad, text);
        assert!(serde_json::from_str::<xxgk::model::Report>(&bad).is_err(), "{to:?}");
        assert!(xxgk::library::lean::read(&bad).is_none(), "{to:?}");
    }
}

/// A README and an export beside the reports are skipped with a note (not bad files, exit 0);
/// a file over the limit names the limit in MB.
#[test]
fn skipped_files_are_noted_and_the_size_limit_is_named() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_report(&dir.path().join("a.txt"));
    std::fs::write(dir.path().join("README.md"), "# 年报\n").expect("write");
    std::fs::write(dir.path().join("x.csv"), "a,b\n").expect("write");
    let d = dir.path().display().to_string();
    let out = xxgk_within(&[d.as_str()], 20);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("README.md: a README or notes file, not a report (skipped)"),
        "{text}"
    );
    assert!(
        text.contains("x.csv: a spreadsheet or export, not a report (skipped)"),
        "{text}"
    );
    assert!(text.contains("0 files could not be read"), "{text}");
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(65 << 20))
        .expect("sparse file");
    let out = xxgk_within(&["show", &big.display().to_string()], 20);
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("file too large (65.0 MB; the limit is 64 MB)"), "{e}");
}
