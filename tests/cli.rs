//! The `xxgk` binary as a user runs it: `parse` and `show`, exit codes, messages.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary in an English locale without a config file (the tests' own environment must
/// not decide what they see).
fn xxgk(args: &[&str]) -> Output {
    xxgk_in("C", args)
}

fn xxgk_in(locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .env("XXGK_CONFIG", "/nonexistent/xxgk.toml")
        .output()
        .expect("runs")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn show_tsv_prints_canonical_keys() {
    let o = xxgk(&["show", &fixture("html-gbk-2021.html"), "--format", "tsv"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    for line in [
        "meta.year\t2023",
        "meta.template\ttpl2021",
        "t2.new_received.total\t59",
        "t3.review_total\t15",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?} in\n{out}");
    }
    assert!(out.lines().all(|l| l.split('\t').count() == 2));
    assert!(!out.contains("t2.carried_in."), "blank cells are not printed");
}

#[test]
fn show_table_and_json() {
    let o = xxgk(&["show", &fixture("markdown-2021.md")]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert!(out.contains("三、收到和处理政府信息公开申请情况") && out.contains("（七）总计"));
    let o = xxgk(&["show", &fixture("markdown-2021.md"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["schema"], 4);
    // Schema 2 to 4: a figure's `raw` only where it is not the value as printed.
    let figures = v["figures"].as_object().expect("figures");
    assert!(figures.len() > 100);
    for (k, f) in figures {
        assert_ne!(f["raw"].as_str(), Some(f["value"].to_string().as_str()), "{k}");
    }
    // Schema 3 and 4: a line's place as `[line]` or `[line, col]`.
    let at = figures["t2.new_received.total"]["at"]
        .as_array()
        .expect("at is an array");
    assert!(
        (1..=2).contains(&at.len()) && at.iter().all(serde_json::Value::is_u64),
        "{at:?}"
    );
}

#[test]
fn show_broken_file_is_one_line_error() {
    let o = xxgk(&["show", &fixture("bad-binary.dat")]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad-binary.dat") && err.contains("binary"));
}

#[test]
fn parse_single_file_to_stdout() {
    let o = xxgk(&["parse", &fixture("utf16-layout-c-2020.txt")]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["meta"]["template"], "tpl2019");
}

#[test]
fn parse_batch_goes_on_and_reports_failures() {
    let out = tempfile::tempdir().expect("tmp");
    let input = tempfile::tempdir().expect("tmp");
    let names = [
        "html-gbk-2021.html",
        "markdown-2021.md",
        "truncated-2021.html",
        "bad-empty.txt",
        "bad-binary.dat",
        "bad-no-tables.txt",
    ];
    std::fs::create_dir(input.path().join("sub")).expect("mkdir");
    for (i, n) in names.iter().enumerate() {
        let to = if i % 2 == 0 {
            input.path().join(n)
        } else {
            input.path().join("sub").join(n)
        };
        std::fs::copy(fixture(n), to).expect("copy");
    }
    let o = xxgk(&[
        "parse",
        &input.path().display().to_string(),
        "-o",
        &out.path().display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1), "some inputs are broken on purpose");
    let err = text(&o.stderr);
    assert!(err.contains("parsed 3 of 6 files") && err.contains("3 failed"), "{err}");
    for bad in [
        "bad-empty.txt: empty file",
        "bad-binary.dat: binary file",
        "bad-no-tables.txt: no standard tables",
    ] {
        assert!(err.contains(bad), "{bad} not in {err}");
    }
    for good in ["html-gbk-2021.json", "markdown-2021.json", "truncated-2021.json"] {
        assert!(out.path().join(good).is_file(), "{good} written");
    }
    // A second run does not overwrite silently.
    let again = xxgk(&[
        "parse",
        &fixture("markdown-2021.md"),
        &fixture("html-gbk-2021.html"),
        "-o",
        &out.path().display().to_string(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists"));
    let forced = xxgk(&[
        "parse",
        &fixture("markdown-2021.md"),
        &fixture("html-gbk-2021.html"),
        "-o",
        &out.path().display().to_string(),
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    // Parsed JSON reads back through show.
    let o = xxgk(&[
        "show",
        &out.path().join("html-gbk-2021.json").display().to_string(),
        "--format",
        "tsv",
    ]);
    assert!(text(&o.stdout).contains("t2.new_received.total\t59"));
}

#[test]
fn usage_errors_exit_2() {
    let o = xxgk(&["parse", &fixture("markdown-2021.md"), &fixture("html-gbk-2021.html")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("-o DIR"));
    let o = xxgk(&["show"]);
    assert_eq!(o.status.code(), Some(2));
    let o = xxgk(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_json_has_the_contract_fields_and_exit_codes() {
    // The GBK fixture is consistent except for its blank row: warnings only, exit 0.
    let o = xxgk(&["check", &fixture("html-gbk-2021.html"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let arr = v.as_array().expect("array");
    assert!(!arr.is_empty());
    for f in arr {
        for field in [
            "file", "agency", "year", "rule", "severity", "keys", "expected", "actual", "message",
        ] {
            assert!(f.get(field).is_some(), "{field} missing in {f}");
        }
    }
    assert!(arr.iter().any(|f| f["rule"] == "blank_cells"));
    // Errors only: none here.
    let o = xxgk(&[
        "check",
        &fixture("html-gbk-2021.html"),
        "--min-severity",
        "error",
        "--format",
        "json",
    ]);
    assert_eq!(text(&o.stdout).trim(), "[]");
}

#[test]
fn check_finds_errors_and_exits_1() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.md");
    let good = std::fs::read_to_string(fixture("markdown-2021.md")).expect("fixture");
    // Break the balance: 本年新收 natural person 7 → 8 (and its total).
    let broken = good.replacen(
        "| 一、本年新收政府信息公开申请数量 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |",
        "| 一、本年新收政府信息公开申请数量 | 8 | 0 | 0 | 0 | 0 | 0 | 8 |",
        1,
    );
    assert_ne!(broken, good);
    std::fs::write(&bad, broken).expect("write");
    let o = xxgk(&["check", &bad.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("t2_col_balance") && out.contains("自然人: 本年新收 + 上年结转 = 8 + 0 = 8"),
        "{out}"
    );
    // Under a Chinese locale (or --lang zh) the same finding in Chinese, with the report's labels.
    let path = bad.display().to_string();
    let zh = text(&xxgk_in("zh_CN.UTF-8", &["check", &path]).stdout);
    assert!(
        zh.contains("错误 t2_col_balance") && zh.contains("勾稽关系不平：自然人一列本年新收 8 + 上年结转 0 = 8"),
        "{zh}"
    );
    assert!(zh.contains("共检查 1 份报告"), "{zh}");
    assert_eq!(text(&xxgk(&["check", &path, "--lang", "zh"]).stdout), zh);
    // The machine formats do not change with the language.
    for format in ["json", "csv"] {
        let args = ["check", path.as_str(), "--format", format];
        assert_eq!(
            xxgk_in("zh_CN.UTF-8", &args).stdout,
            xxgk(&args).stdout,
            "{format} is the same in every language"
        );
    }
    let o = xxgk(&[
        "check",
        &bad.display().to_string(),
        "--rule",
        "t2_row_total",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert_eq!(o.status.code(), Some(0), "the only error is filtered out");
    assert_eq!(
        text(&o.stdout).lines().next(),
        Some("file,agency,year,rule,severity,keys,expected,actual,message")
    );
}

#[test]
fn check_usage_and_catalogue() {
    let o = xxgk(&["check", "--list-rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    for id in [
        "t2_col_balance",
        "xy_carry",
        "narrative_vs_table",
        "regulations_power",
        "t3_lit_after_sum",
    ] {
        assert!(out.contains(id), "{id}");
    }
    assert_eq!(
        xxgk(&["check", "--rule", "nope", &fixture("markdown-2021.md")])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(xxgk(&["check", "/nonexistent/file.txt"]).status.code(), Some(2));
    assert_eq!(xxgk(&["check"]).status.code(), Some(2));
}

fn sample(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-reports")
        .join(rel)
        .display()
        .to_string()
}

#[test]
fn diff_two_years_of_one_agency() {
    let o = xxgk(&[
        "diff",
        &sample("parsed/pingtan-2021.json"),
        &sample("parsed/pingtan-2022.json"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("consecutive years"), "{out}");
    let granted = out.lines().find(|l| l.starts_with("（一）予以公开")).expect("row");
    let cells: Vec<&str> = granted.split_whitespace().collect();
    assert_eq!(&cells[1..5], ["30", "21", "-9", "-30.0%"]);
    // Across templates: the crosswalk folds the 2021 其他处理 items into the 2019 row, and says so.
    let o = xxgk(&[
        "diff",
        &sample("parsed/pingtan-2019.json"),
        &sample("parsed/pingtan-2021.json"),
        "--format",
        "csv",
    ]);
    let out = text(&o.stdout);
    // Every CSV starts with the BOM Excel needs to read UTF-8 (issue 13); `--no-bom` drops it.
    assert_eq!(out.lines().next(), Some("\u{feff}row,A,B,Δ,Δ%,flags"));
    let o = xxgk(&[
        "diff",
        &sample("parsed/pingtan-2019.json"),
        &sample("parsed/pingtan-2021.json"),
        "--format",
        "csv",
        "--no-bom",
    ]);
    let out = text(&o.stdout);
    assert_eq!(out.lines().next(), Some("row,A,B,Δ,Δ%,flags"));
    assert!(out.lines().any(|l| l.starts_with("（六）其他处理,0,1,1")), "{out}");
    let o = xxgk(&[
        "diff",
        &sample("parsed/pingtan-2019.json"),
        &sample("parsed/pingtan-2021.json"),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(
        v["notes"]
            .as_array()
            .is_some_and(|n| n.iter().any(|x| x.as_str().is_some_and(|s| s.contains("crosswalk"))))
    );
    // Rule failures are flagged on the exact cells.
    let o = xxgk(&[
        "diff",
        &sample("parsed/anshan-2019.json"),
        &sample("raw/layout-d-anshan-2019.txt"),
        "--column",
        "org_commercial",
        "--format",
        "csv",
    ]);
    let out = text(&o.stdout);
    let row = out.lines().find(|l| l.starts_with("一、本年新收")).expect("row");
    assert!(
        row.contains("A:t2_col_balance") && row.contains("B:t2_col_balance"),
        "{row}"
    );
    assert_eq!(
        xxgk(&["diff", &sample("parsed/anshan-2019.json"), "nope.txt"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        xxgk(&[
            "diff",
            &sample("parsed/anshan-2019.json"),
            &sample("parsed/anshan-2019.json"),
            "--table",
            "t9"
        ])
        .status
        .code(),
        Some(2)
    );
}

/// Every human output follows the language: `show --format table`, `diff`, the directory list,
/// and the reason a file is not a report; the machine formats do not change.
#[test]
fn human_outputs_speak_the_locale_machine_outputs_do_not() {
    let report = fixture("markdown-2021.md");
    let zh = text(&xxgk_in("zh_CN.UTF-8", &["show", &report]).stdout);
    assert!(zh.contains("2021年格式") && zh.contains("数值"), "{zh}");
    let en = text(&xxgk(&["show", &report]).stdout);
    assert!(en.contains("2021 template") && en.contains("value"), "{en}");
    let diff = text(&xxgk_in("zh_CN.UTF-8", &["diff", &report, &report]).stdout);
    assert!(diff.contains("项目") && diff.contains("标记"), "{diff}");
    for args in [
        vec!["show", report.as_str(), "--format", "json"],
        vec!["show", report.as_str(), "--format", "tsv"],
        vec!["diff", report.as_str(), report.as_str(), "--format", "json"],
    ] {
        let (zh, en) = (xxgk_in("zh_CN.UTF-8", &args).stdout, xxgk(&args).stdout);
        assert!(zh == en, "{args:?} differs by language");
    }
    let dir = tempfile::tempdir().expect("tmp");
    let notes = dir.path().join("memo.txt");
    std::fs::write(&notes, "会议纪要，没有表格。\n").expect("write");
    let o = xxgk_in("zh_CN.UTF-8", &["show", &notes.display().to_string()]);
    assert!(text(&o.stderr).contains("未找到标准表格"), "{}", text(&o.stderr));
    std::fs::copy(&report, dir.path().join("r.md")).expect("copy");
    let list = text(&xxgk_in("zh_CN.UTF-8", &[&dir.path().display().to_string()]).stdout);
    assert!(list.contains("个机关的 1 份报告") && list.contains("失败"), "{list}");
}

/// The multi-report commands on the samples: `trend`, `rollup` (to a file too, never replacing
/// one without `--force`) and `changes`.
#[test]
fn trend_rollup_and_changes_on_the_samples() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-reports")
        .display()
        .to_string();
    let cache = tempfile::tempdir().expect("tmp");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(args)
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("XXGK_CONFIG", "/nonexistent/xxgk.toml")
            .env("XXGK_CACHE_DIR", cache.path())
            .output()
            .expect("runs")
    };
    let o = run(&["trend", &samples, "--agency", "pingtan", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let csv = text(&o.stdout);
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.ends_with("2018,2019*,2020,2021,2022,2023,trend")),
        "{csv}"
    );
    let o = run(&["trend", &samples, "--agency", "nowhere-at-all"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["rollup", &samples, "--by", "province"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains("open rate"), "{}", text(&o.stdout));
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("r.xlsx").display().to_string();
    assert_eq!(
        run(&["rollup", &samples, "--format", "xlsx"]).status.code(),
        Some(2),
        "xlsx needs --out"
    );
    assert_eq!(
        run(&["rollup", &samples, "--format", "xlsx", "--out", &out])
            .status
            .code(),
        Some(0)
    );
    // Read back: the workbook holds the roll-up's figures (上海: 1 report, 859 new requests,
    // 实质公开率 34.2).
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).expect("an xlsx file");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("reads");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let row = sheet
        .rows()
        .find(|r| r.first().is_some_and(|c| *c == "上海"))
        .expect("上海's row");
    let at = |name: &str| {
        let i = header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}: {header:?}"));
        row.get(i).map(|c| c.to_string()).unwrap_or_default()
    };
    assert_eq!(
        (at("reports"), at("new"), at("open rate")),
        ("1".into(), "859".into(), "34.2".into())
    );
    assert_eq!(
        run(&["rollup", &samples, "--format", "xlsx", "--out", &out])
            .status
            .code(),
        Some(2)
    );
    // The changes as CSV, read back: ranked by |Δ|, each Δ the difference of its two years.
    let o = run(&["changes", &samples, "--year", "2023", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let csv = text(&o.stdout);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("a row"))
        .filter(|r| !r.get(0).is_some_and(|c| c.starts_with("note:")))
        .collect();
    assert!(rows.len() >= 3, "{csv}");
    let num = |r: &csv::StringRecord, i: usize| r.get(i).and_then(|v| v.parse::<f64>().ok());
    let mut last = f64::INFINITY;
    for r in &rows {
        let (a, b, d) = (num(r, 2), num(r, 3), num(r, 4).expect("Δ"));
        if let (Some(a), Some(b)) = (a, b) {
            assert!((b - a - d).abs() < 1e-6, "{r:?}");
        }
        assert!(d.abs() <= last, "ranked by |Δ|: {csv}");
        last = d.abs();
    }
    let o = run(&["changes", &samples, "--year", "2023"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stdout).contains("行政许可 本年处理决定数量"),
        "{}",
        text(&o.stdout)
    );
}

/// A cell the report has but could not be read is `?` in a comparison (text, CSV), never blank
/// like a cell the report left blank.
#[test]
fn diff_shows_unreadable_cells_as_question_marks() {
    let parsed = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed");
    let (a, b) = (
        parsed.join("pingtan-2021.json").display().to_string(),
        parsed.join("pingtan-2022.json").display().to_string(),
    );
    let out = text(&xxgk(&["diff", &a, &b, "--table", "t1", "--format", "csv"]).stdout);
    let row = out
        .lines()
        .find(|l| l.starts_with("行政规范性文件 本年制发件数"))
        .unwrap_or_default()
        .to_string();
    assert!(row.starts_with("行政规范性文件 本年制发件数,?,?,"), "{out}");
}

/// A mistyped subcommand gets "did you mean" (it was taken for a folder: "is not a directory").
#[test]
fn a_mistyped_subcommand_gets_did_you_mean() {
    for (typed, meant) in [("shwo", "show"), ("chek", "check"), ("rollpu", "rollup")] {
        let o = xxgk(&[typed]);
        assert_eq!(o.status.code(), Some(2));
        let e = text(&o.stderr);
        assert!(e.contains(&format!("did you mean `xxgk {meant}`")), "{e}");
    }
    let e = text(&xxgk_in("zh_CN.UTF-8", &["shwo"]).stderr);
    assert!(e.contains("是否想用 `xxgk show`"), "{e}");
    // A word like no subcommand is still a missing folder.
    assert!(text(&xxgk(&["nowhere-at-all"]).stderr).contains("is not a directory"));
}

/// `xxgk completions SHELL` prints a script the shell accepts, naming every subcommand;
/// `xxgk man` prints one roff page with a section per subcommand and its flags.
#[test]
fn completions_and_the_man_page_come_from_the_real_flags() {
    let o = xxgk(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    let script = text(&o.stdout);
    for word in ["_xxgk", "rollup", "changes", "--no-bom", "--agency"] {
        assert!(script.contains(word), "{word} missing from the bash completions");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("xxgk.bash");
    std::fs::write(&file, &o.stdout).expect("write");
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .expect("bash");
    assert!(syntax.success(), "bash -n rejects the completion script");
    for shell in ["zsh", "fish"] {
        let o = xxgk(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0));
        assert!(text(&o.stdout).contains("rollup"), "{shell}");
    }
    assert_eq!(xxgk(&["completions", "tcsh"]).status.code(), Some(2));

    let o = xxgk(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = text(&o.stdout);
    assert!(page.contains("\n.TH xxgk 1"), "no title");
    assert_eq!(page.matches(".TH ").count(), 1, "one page");
    for section in ["XXGK SHOW", "XXGK ROLLUP", "XXGK COMPLETIONS", "\\-\\-no\\-bom"] {
        assert!(page.contains(section), "{section} missing from the man page");
    }
}

/// The list says once, on stderr, that its cache could not be written.
#[test]
fn the_list_says_when_its_cache_cannot_be_written() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, b"x").expect("write");
    let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports"))
        .env("LANG", "C")
        .env("XXGK_CONFIG", "/nonexistent/xxgk.toml")
        .env("XXGK_CACHE_DIR", blocker.join("cache"))
        .output()
        .expect("runs");
    let e = text(&o.stderr);
    assert_eq!(e.matches("the cache could not be written").count(), 1, "{e}");
    assert!(e.contains("blocker"), "{e}");
}

/// `diff` text never cuts a figure (it printed `26467.61…`, even in a pipe): words may be cut,
/// numbers never.
#[test]
fn diff_text_never_cuts_a_number() {
    let sample = |name: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-reports/parsed")
            .join(name)
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let b = tmp.path().join("b.json");
    let json = std::fs::read_to_string(sample("pingtan-2023.json")).expect("read");
    std::fs::write(&b, json.replace("5949.088667", "1234567.891234")).expect("write");
    let a = sample("pingtan-2022.json");
    let o = xxgk(&["diff", &a.to_string_lossy(), &b.to_string_lossy(), "--table", "t1"]);
    let out = text(&o.stdout);
    let fee = out
        .lines()
        .find(|l| l.starts_with("行政事业性收费"))
        .expect("the fee row");
    assert!(fee.contains(" 1234567.891234 "), "{fee}");
    assert!(!fee.contains('…'), "{fee}");
}

/// A PDF that takes longer than `--pdf-time-limit` to read is abandoned with an error naming
/// the file and the limit; the default limit reads a real report.
#[test]
fn a_slow_pdf_is_abandoned_at_the_time_limit() {
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/raw/pdf-kaiyuan-2023.pdf");
    let pdf = pdf.to_string_lossy();
    let o = xxgk(&["show", &pdf, "--pdf-time-limit", "0.000001", "--format", "tsv"]);
    assert_eq!(o.status.code(), Some(1));
    let e = text(&o.stderr);
    assert!(e.contains("pdf-kaiyuan-2023.pdf: the PDF took longer than"), "{e}");
    let o = xxgk(&["show", &pdf, "--format", "tsv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("开原市人民政府"));
    assert_eq!(xxgk(&["show", &pdf, "--pdf-time-limit", "soon"]).status.code(), Some(2));
}

/// `parse` writes compact JSON by default (one line), indented with `--pretty`; both read back
/// as the same report.
#[test]
fn parse_writes_compact_json_unless_asked_for_pretty() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/raw");
    let (c, p) = (tmp.path().join("c"), tmp.path().join("p"));
    let raw = raw.to_string_lossy();
    assert_eq!(
        xxgk(&["parse", &raw, "-o", &c.to_string_lossy()]).status.code(),
        Some(0)
    );
    assert_eq!(
        xxgk(&["parse", &raw, "-o", &p.to_string_lossy(), "--pretty"])
            .status
            .code(),
        Some(0)
    );
    let compact = std::fs::read_to_string(c.join("layout-a-kaiyuan-2023.json")).expect("compact");
    let pretty = std::fs::read_to_string(p.join("layout-a-kaiyuan-2023.json")).expect("pretty");
    assert_eq!(compact.lines().count(), 1);
    assert!(pretty.lines().count() > 100);
    assert!(
        compact.len() * 10 < pretty.len() * 7,
        "{} vs {}",
        compact.len(),
        pretty.len()
    );
    let a: serde_json::Value = serde_json::from_str(&compact).expect("json");
    let b: serde_json::Value = serde_json::from_str(&pretty).expect("json");
    assert_eq!(a, b);
    let show = |f: &Path| text(&xxgk(&["show", &f.to_string_lossy(), "--format", "tsv"]).stdout);
    assert_eq!(
        show(&c.join("layout-a-kaiyuan-2023.json")),
        show(&p.join("layout-a-kaiyuan-2023.json"))
    );
}

/// `export --out -` writes to standard output (for a pipe): the same CSV as a file, an XLSX
/// workbook whole; nothing named `-` is created.
#[test]
fn export_to_standard_output() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let parsed = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed");
    let parsed = parsed.to_string_lossy();
    let file = tmp.path().join("out.csv");
    let run_in = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(args)
            .current_dir(tmp.path())
            .env("LANG", "C")
            .env("XXGK_CONFIG", "/nonexistent/xxgk.toml")
            .output()
            .expect("runs")
    };
    let o = run_in(&["export", &parsed, "--out", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("to standard output"));
    assert_eq!(
        run_in(&["export", &parsed, "--out", &file.to_string_lossy()])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(o.stdout, std::fs::read(&file).expect("file"));
    assert!(!tmp.path().join("-").exists());
    let o = run_in(&["export", &parsed, "--out", "-", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(o.stdout.starts_with(b"PK\x03\x04") && o.stdout.len() > 4000);
}

/// `--copied-share` and `[rules] copied_share` set the copied-prose threshold: the copied
/// overview is flagged at the default, not when the config turns the rule off (0), flagged
/// again when the flag says 90 over the config; a share over 100 is refused.
#[test]
fn copied_share_comes_from_the_flag_over_the_config() {
    let Some(corpus) = common::corpus_dir() else { return };
    let (prev, _, copied) = common::pingtan_with_copied_overview(&corpus);
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("pingtan-2022.txt"), prev).expect("write");
    std::fs::write(dir.path().join("pingtan-2023.txt"), copied).expect("write");
    let home = tempfile::tempdir().expect("tmp");
    let config = home.path().join("config.toml");
    std::fs::write(&config, "[rules]\ncopied_share = 0\n").expect("write");
    let d = dir.path().to_string_lossy().into_owned();
    let run = |config: &Path, extra: &[&str]| -> (Option<i32>, usize) {
        let o = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["check", &d, "--format", "json"])
            .args(extra)
            .env("LANG", "C")
            .env("XXGK_CONFIG", config)
            .output()
            .expect("runs");
        (o.status.code(), text(&o.stdout).matches("\"xy_copied_prose\"").count())
    };
    let none = Path::new("/nonexistent/xxgk.toml");
    assert_eq!(run(none, &[]).1, 1);
    assert_eq!(run(&config, &[]).1, 0);
    assert_eq!(run(&config, &["--copied-share", "90"]).1, 1);
    assert_eq!(run(none, &["--copied-share", "101"]).0, Some(2));
}
