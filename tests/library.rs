//! The library: bad files in a directory, cache invalidation (file changed, parser version,
//! corrupted cache), agency grouping across name variants, duplicates, pinyin search.

#![allow(clippy::cast_possible_truncation)] // small generated counts and screen rows

mod common;

use std::path::Path;
use xxgk::i18n::Lang;

use xxgk::library::{Library, LoadOptions, cache};

fn opts(cache: &Path) -> LoadOptions {
    LoadOptions {
        use_cache: true,
        cache_dir: Some(cache.to_path_buf()),
        ..LoadOptions::default()
    }
}

fn quiet(_: usize, _: usize) {}

/// A load whose cache file is on disk when it returns (the next load reads it).
fn load_and_save(dir: &Path, o: &LoadOptions) -> Library {
    let mut lib = Library::load(dir, o, &quiet);
    lib.wait_for_cache();
    lib
}

fn copy_fixture(name: &str, to: &Path) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::copy(&src, to).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
}

fn fixture_dir() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    copy_fixture(
        "sample-reports/raw/layout-a-kaiyuan-2023.txt",
        &dir.path().join("a.txt"),
    );
    copy_fixture(
        "sample-reports/raw/layout-e-pingtan-2022.txt",
        &dir.path().join("sub/b.txt"),
    );
    copy_fixture(
        "sample-reports/parsed/pingtan-2023.json",
        &dir.path().join("sub/c.json"),
    );
    copy_fixture("tests/fixtures/bad-binary.dat", &dir.path().join("bad.dat"));
    copy_fixture("tests/fixtures/bad-no-tables.txt", &dir.path().join("sub/none.txt"));
    (dir, cache)
}

#[test]
fn bad_files_are_listed_and_the_rest_loads() {
    let (dir, cache) = fixture_dir();
    let lib = Library::load(dir.path(), &opts(cache.path()), &quiet);
    assert_eq!(lib.entries.len(), 3);
    assert_eq!(lib.errors.len(), 2);
    assert!(
        lib.errors
            .iter()
            .any(|e| e.path.ends_with("bad.dat") && e.message.render(Lang::En).contains("binary"))
    );
    assert!(
        lib.errors
            .iter()
            .any(|e| e.path.ends_with("none.txt") && e.message.render(Lang::Zh).contains("未找到标准表格"))
    );
}

#[test]
fn cache_is_used_and_invalidated() {
    let (dir, cache) = fixture_dir();
    let o = opts(cache.path());
    let mut first = Library::load(dir.path(), &o, &quiet);
    assert_eq!((first.stats.parsed, first.stats.from_cache), (3, 0));
    assert!(first.wait_for_cache());
    let mut second = Library::load(dir.path(), &o, &quiet);
    assert_eq!(
        (second.stats.parsed, second.stats.from_cache),
        (0, 3),
        "second open parses nothing"
    );
    assert!(second.entries == first.entries, "the cache gives back the same entries");
    assert!(!second.wait_for_cache());
    // A changed file is parsed again (content and size change).
    let a = dir.path().join("a.txt");
    let text = std::fs::read_to_string(&a).expect("read").replace("55117", "55118");
    std::fs::write(&a, text).expect("write");
    let third = load_and_save(dir.path(), &o);
    assert_eq!((third.stats.parsed, third.stats.from_cache), (1, 2));
    // A renamed, unchanged file is found by its content hash.
    std::fs::rename(dir.path().join("sub/b.txt"), dir.path().join("sub/renamed.txt")).expect("rename");
    let fourth = load_and_save(dir.path(), &o);
    assert_eq!((fourth.stats.parsed, fourth.stats.from_cache), (0, 3));
    // Another parser version: the whole cache is rebuilt.
    let file = cache::cache_file(dir.path(), Some(cache.path())).expect("cache path");
    let mut bytes = std::fs::read(&file).expect("cache");
    if let Some(v) = bytes.get_mut(9) {
        *v = v.wrapping_add(1);
    }
    std::fs::write(&file, &bytes).expect("write");
    let fifth = load_and_save(dir.path(), &o);
    assert_eq!((fifth.stats.parsed, fifth.stats.from_cache), (3, 0));
    // A corrupted record is read again; garbage is ignored, never trusted.
    let mut bytes = std::fs::read(&file).expect("cache");
    let n = bytes.len();
    if let Some(b) = bytes.get_mut(n - 5) {
        *b ^= 0xFF;
    }
    std::fs::write(&file, &bytes).expect("write");
    let sixth = load_and_save(dir.path(), &o);
    assert_eq!(sixth.stats.parsed + sixth.stats.from_cache, 3);
    assert!(sixth.stats.parsed >= 1);
    std::fs::write(&file, b"\x00\x01 garbage").expect("write");
    let seventh = load_and_save(dir.path(), &o);
    assert_eq!((seventh.stats.parsed, seventh.entries.len()), (3, 3));
}

#[test]
fn groups_duplicates_and_pinyin_search_on_the_samples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports");
    let cache = tempfile::tempdir().expect("tmp");
    let lib = Library::load(&root, &opts(cache.path()), &quiet);
    assert!(lib.errors.is_empty(), "{:?}", lib.errors);
    assert!(lib.entries.len() >= 20);
    // 平潭 2018–2023 is one agency; its 2022 report exists twice (raw and parsed): a duplicate.
    let pingtan: Vec<usize> = lib.find("pingtan");
    let years: Vec<Option<u16>> = pingtan
        .iter()
        .filter_map(|&i| lib.entries.get(i))
        .map(|e| e.year)
        .collect();
    assert!(years.contains(&Some(2018)) && years.contains(&Some(2023)), "{years:?}");
    assert!(lib.duplicates.iter().any(
        |d| d.iter().all(|&i| lib.entries.get(i).and_then(|e| e.year) == Some(2022))
            && d.iter().all(|&i| pingtan.contains(&i))
    ));
    // kaiyuan and ky both find 开原市.
    for q in ["kaiyuan", "ky", "开原"] {
        let first = lib
            .find(q)
            .first()
            .and_then(|&i| lib.entries.get(i))
            .and_then(|e| e.agency.clone());
        assert_eq!(first.as_deref(), Some("开原市人民政府"), "{q}");
    }
    // The previous year of 平潭 2023 is 2022.
    let y2023 = pingtan
        .iter()
        .copied()
        .find(|&i| lib.entries.get(i).and_then(|e| e.year) == Some(2023))
        .expect("2023");
    let prev = lib
        .previous_year(y2023)
        .and_then(|i| lib.entries.get(i))
        .and_then(|e| e.year);
    assert_eq!(prev, Some(2022));
}

#[test]
fn name_variants_group_and_different_bodies_do_not() {
    use xxgk::library::Entry;
    use xxgk::synth;
    let mut rng = synth::Rng::new(5);
    let mut entries = Vec::new();
    for (name, year) in [
        ("鞍山市政府", 2019),
        ("鞍山市人民政府", 2020),
        ("鞍山市人民政府办公室", 2021),
        ("鞍山市教育局", 2021),
    ] {
        let mut r = synth::report(0, year, false, &mut rng);
        r.meta.agency = Some(name.into());
        r.meta.source.path = format!("{name}-{year}");
        entries.push(Entry::from_report(&r, 0, 0));
    }
    let lib = Library::from_entries(entries);
    assert_eq!(lib.groups.len(), 2, "{:?}", lib.groups);
    assert!(lib.duplicates.is_empty());
}

/// A directory of generated raw reports in every rendered layout loads; the inconsistent one
/// carries its errors; a file that is not a report is listed with its reason.
#[test]
fn generated_raw_reports_in_every_layout() {
    use xxgk::model::Layout;
    use xxgk::synth::{Rng, raw, report};
    let dir = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    let mut rng = Rng::new(5);
    let layouts = [Layout::Html, Layout::A, Layout::C, Layout::E];
    for (i, layout) in layouts.iter().cycle().take(8).enumerate() {
        let r = report(i, 2021 + (i % 3) as u16, i == 1, &mut rng);
        let (ext, bytes) = raw(&r, *layout).expect("rendered");
        std::fs::write(dir.path().join(format!("r{i}.{ext}")), bytes).expect("write");
    }
    std::fs::write(dir.path().join("memo.txt"), "not a report at all").expect("write");
    let lib = Library::load(dir.path(), &opts(cache.path()), &quiet);
    assert_eq!(lib.entries.len(), 8, "{:?}", lib.errors);
    assert_eq!(lib.errors.len(), 1);
    assert!(lib.errors[0].path.ends_with("memo.txt"), "{:?}", lib.errors);
    let with_errors: Vec<&str> = lib.entries.iter().filter(|e| e.errors > 0).map(|e| &*e.path).collect();
    assert_eq!(with_errors.len(), 1, "{with_errors:?}");
    assert!(with_errors[0].ends_with("r1.txt"), "{with_errors:?}");
}

/// A link to a device (endless, not a file) is listed as not a regular file; the load ends.
#[cfg(unix)]
#[test]
fn a_link_to_a_device_is_not_read() {
    let dir = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    copy_fixture(
        "sample-reports/raw/layout-a-kaiyuan-2023.txt",
        &dir.path().join("a.txt"),
    );
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).expect("symlink");
    let lib = Library::load(dir.path(), &opts(cache.path()), &quiet);
    assert_eq!(lib.entries.len(), 1);
    assert_eq!(lib.errors.len(), 1, "{:?}", lib.errors);
    assert!(
        lib.errors[0].message.render(Lang::En).contains("not a regular file"),
        "{:?}",
        lib.errors
    );
}

/// Exports written beside the reports (the explorer's `e`, `xxgk export`) and a README are not
/// read back as reports or counted as bad files.
#[test]
fn exports_and_readmes_in_a_report_directory_are_not_reports() {
    let dir = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    copy_fixture("tests/fixtures/markdown-2021.md", &dir.path().join("r.md"));
    let o = opts(cache.path());
    let lib = Library::load(dir.path(), &o, &quiet);
    assert_eq!((lib.entries.len(), lib.errors.len()), (1, 0));
    // What xxgk writes of that report, and the collection's README.
    let export = dir.path().join("report.csv");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args([
            "export",
            &dir.path().display().to_string(),
            "--out",
            &export.display().to_string(),
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::write(dir.path().join("report.xlsx"), b"PK\x03\x04 not really").expect("write");
    std::fs::write(
        dir.path().join("README.md"),
        "# 年报目录\n\n| 项目 | 数量 |\n| 本年新收 | 7 |\n",
    )
    .expect("write");
    let lib = Library::load(dir.path(), &o, &quiet);
    assert_eq!(
        lib.entries.len(),
        1,
        "{:?}",
        lib.entries.iter().map(|e| e.path.to_string()).collect::<Vec<_>>()
    );
    assert!(lib.errors.is_empty(), "{:?}", lib.errors);
}

/// A cache that cannot be written is said (path and reason), not silently cold every time.
#[test]
fn a_cache_that_cannot_be_written_is_said() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("reports");
    std::fs::create_dir(&dir).expect("mkdir");
    copy_fixture("sample-reports/raw/layout-d-anshan-2019.txt", &dir.join("a.txt"));
    // A cache directory under a plain file: even root cannot create it.
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, b"x").expect("write");
    let mut lib = Library::load(&dir, &opts(&blocker.join("cache")), &quiet);
    assert!(!lib.wait_for_cache());
    let why = lib.cache_failure().expect("a reason").to_string();
    assert!(why.contains("blocker"), "{why}");
    assert!(why.contains("Not a directory") || why.contains("os error"), "{why}");
    // A cache that can be written has no failure to tell.
    let mut lib = Library::load(&dir, &opts(&tmp.path().join("cache")), &quiet);
    assert!(lib.wait_for_cache());
    assert_eq!(lib.cache_failure(), None);
}

/// The copied-prose rule counts in the list as in the report's findings, and again when the
/// reports come from the cache (the sections' sketches are kept in it).
#[test]
fn copied_prose_is_counted_in_the_list_and_from_the_cache() {
    let Some(corpus) = common::corpus_dir() else { return };
    let (prev, _, copied) = common::pingtan_with_copied_overview(&corpus);
    let dir = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("pingtan-2022.txt"), prev).expect("write");
    std::fs::write(dir.path().join("pingtan-2023.txt"), copied).expect("write");
    let o = opts(cache.path());
    for pass in ["parsed", "cached"] {
        let lib = load_and_save(dir.path(), &o);
        let i = lib
            .entries
            .iter()
            .position(|e| e.year == Some(2023))
            .expect("2023 loaded");
        let findings = lib.findings_of(i);
        let copied = findings
            .iter()
            .filter(|f| f.rule == xxgk::rules::RuleId::XyCopiedProse)
            .count();
        assert_eq!(copied, 1, "{pass}: {findings:?}");
        let warnings = findings
            .iter()
            .filter(|f| f.severity == xxgk::rules::Severity::Warning)
            .count();
        assert_eq!(
            lib.entries.get(i).map(|e| usize::from(e.warnings)),
            Some(warnings),
            "{pass}"
        );
    }
}

/// The explorer lists reports while a directory loads: every report read is handed over once,
/// as the library then holds it (a cached one under its path, as a parsed one), and a failed
/// file gives nothing.
#[test]
fn a_streamed_load_hands_over_each_entry_once() {
    let (dir, cache) = fixture_dir();
    let o = opts(cache.path());
    for round in ["parsed", "from the cache"] {
        let seen = std::sync::Mutex::new(Vec::new());
        let each = |e: &xxgk::library::Entry| seen.lock().expect("lock").push(e.clone());
        let lib = Library::load_streaming(dir.path(), &o, &quiet, Some(&each));
        let mut seen = seen.into_inner().expect("lock");
        seen.sort_by(|a, b| a.path.cmp(&b.path));
        let mut entries = lib.entries.clone();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(seen.len(), 3, "{round}");
        // The library's counts add the cross-year findings; the rest is the same.
        for (s, e) in seen.iter().zip(&entries) {
            assert_eq!(
                (&s.path, &s.agency, s.year, &s.cells),
                (&e.path, &e.agency, e.year, &e.cells),
                "{round}"
            );
        }
        let mut lib = lib;
        lib.wait_for_cache();
    }
}

/// A load stopped before it starts reads nothing and writes no cache (the explorer quit while
/// the directory was loading).
#[test]
fn a_cancelled_load_reads_nothing_and_writes_no_cache() {
    let (dir, cache) = fixture_dir();
    let o = LoadOptions {
        cancel: Some(std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true))),
        ..opts(cache.path())
    };
    let mut lib = Library::load(dir.path(), &o, &quiet);
    assert!(lib.entries.is_empty());
    assert_eq!(lib.stats.parsed, 0);
    assert!(!lib.wait_for_cache(), "no cache written");
    assert_eq!(std::fs::read_dir(cache.path()).expect("cache dir").count(), 0);
}
