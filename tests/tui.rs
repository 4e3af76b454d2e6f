//! The explorer without a terminal: state driven by actions, screens rendered to ratatui's
//! TestBackend (text snapshots of every screen at 80x24 and 120x40, colours asserted on cells,
//! tiny sizes), and the event loop's side work (export, clipboard, provenance) called directly.

#![allow(clippy::cast_possible_truncation)] // small generated counts and screen rows

mod common;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;
use xxgk::grid::Applicants;
use xxgk::i18n::Lang;
use xxgk::library::{Library, LoadOptions, samples};
use xxgk::model::TableId;
use xxgk::tui::app::{Action, App, ExportKind, Prompt, Screen, Sort};
use xxgk::tui::config::{self, Settings};
use xxgk::tui::view::draw;
use xxgk::tui::{dispatch, export_view, osc52, serve};

fn library() -> Library {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports");
    let opts = LoadOptions {
        use_cache: false,
        cache_dir: None,
        ..LoadOptions::default()
    };
    let mut lib = Library::load(&root, &opts, &|_, _| {});
    // Stable paths for snapshots (the title names the folder as the user typed it).
    lib.root = "sample-reports".into();
    for e in &mut lib.entries {
        if let Ok(rel) = Path::new(&*e.path).strip_prefix(&root) {
            e.path = rel.display().to_string().into();
        }
    }
    lib
}

/// Reads in full the reports the screen wants (as the event loop does), keeping the paths
/// relative for snapshots.
fn load_details(a: &mut App) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports");
    while let Some(i) = a.wanted_detail() {
        let rel = a.lib.entries[i].path.to_string();
        let detail = xxgk::ingest::ingest_path(&root.join(&rel))
            .map(|mut r| {
                r.meta.source.path = rel.clone();
                r
            })
            .map_err(|e| e.to_string());
        a.details.insert(i, detail);
    }
}

fn app() -> App {
    App::new(library(), Settings::default())
}

/// The buffer as text, skipping the cells covered by a wide glyph.
fn text(b: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        let mut skip = 0;
        for x in 0..b.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = b[(x, y)].symbol();
            out.push_str(s);
            skip = s.width().saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| draw(f, app)).expect("draw");
    t.backend().buffer().clone()
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a);
    }
}

fn search(app: &mut App, q: &str) {
    app.screen = Screen::Browse;
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::Search);
    for c in q.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Open);
}

/// Pingtan 2022 vs 2023, table 2 总计.
fn pingtan_compare(a: &mut App) {
    search(a, "pingtan");
    run(a, &[Action::Bottom, Action::ComparePrevious]);
}

fn year(a: &App, i: usize) -> Option<u16> {
    a.lib.entries.get(i).and_then(|e| e.year)
}

#[test]
fn pinyin_search_then_previous_year_comparison() {
    let mut a = app();
    search(&mut a, "ky");
    let first = a
        .browse
        .current()
        .and_then(|i| a.lib.entries.get(i))
        .and_then(|e| e.agency.clone());
    assert_eq!(first.as_deref(), Some("开原市人民政府"));
    pingtan_compare(&mut a);
    let Screen::Compare {
        a: ia, b: ib, table, ..
    } = a.screen.clone()
    else {
        panic!("not comparing")
    };
    assert_eq!(
        (year(&a, ia), year(&a, ib), table),
        (Some(2022), Some(2023), TableId::T2)
    );
    run(&mut a, &[Action::NextTable]);
    assert!(matches!(a.screen, Screen::Compare { table: TableId::T3, .. }));
    run(&mut a, &[Action::PrevTable, Action::PrevTable]);
    assert!(matches!(a.screen, Screen::Compare { table: TableId::T1, .. }));
    run(&mut a, &[Action::Back]);
    assert_eq!(a.screen, Screen::Browse);
    run(&mut a, &[Action::Quit]);
    assert!(a.quit);
}

#[test]
fn mark_a_and_b_then_compare_each_column() {
    let mut a = app();
    run(&mut a, &[Action::Compare]);
    assert!(a.status.contains("mark two"));
    search(&mut a, "anshan");
    run(&mut a, &[Action::Mark, Action::Down, Action::Mark, Action::Compare]);
    assert!(matches!(a.screen, Screen::Compare { .. }));
    let flagged = |a: &App| {
        a.sheet
            .grid
            .rows
            .iter()
            .any(|r| r.cells.iter().any(|c| c.text.contains("t2_col_balance")))
    };
    run(&mut a, &[Action::Columns]);
    assert!(!flagged(&a), "自然人 balances");
    run(&mut a, &[Action::Columns]);
    assert!(flagged(&a), "商业企业 does not: the failing cells carry the rule id");
    for _ in 0..5 {
        run(&mut a, &[Action::Columns]);
    }
    assert!(matches!(
        a.screen,
        Screen::Compare {
            columns: Applicants::All,
            ..
        }
    ));
    assert_eq!(a.sheet.grid.headers().len(), 1 + 7 * 5);
}

#[test]
fn flags_are_reached_with_n_and_shift_n() {
    let mut a = app();
    search(&mut a, "anshan");
    run(&mut a, &[Action::Open]);
    run(&mut a, &[Action::NextFlag]);
    let cell = |a: &App| {
        let (r, c) = a.sheet.cursor;
        a.sheet.grid.rows.get(r).and_then(|row| row.cells.get(c)).cloned()
    };
    let first = a.sheet.cursor;
    assert!(cell(&a).is_some_and(|c| c.flagged()), "n lands on a flag: {first:?}");
    assert!(a.status.starts_with("flag 1 of "), "{}", a.status);
    run(&mut a, &[Action::NextFlag]);
    assert!(a.sheet.cursor > first && cell(&a).is_some_and(|c| c.flagged()));
    run(&mut a, &[Action::PrevFlag]);
    assert_eq!(a.sheet.cursor, first);
    run(&mut a, &[Action::PrevFlag]);
    assert!(a.sheet.cursor > first, "N from the first flag wraps to the last");
}

#[test]
fn findings_list_jumps_to_the_cell() {
    let mut a = app();
    search(&mut a, "anshan");
    run(&mut a, &[Action::Open]);
    assert!(matches!(a.screen, Screen::Report { .. }));
    assert!(!a.sheet.findings.is_empty(), "鞍山 2019 has findings");
    run(&mut a, &[Action::Findings]);
    assert_eq!(a.sheet.panel, Some(0));
    let target = a
        .sheet
        .findings
        .iter()
        .position(|f| f.keys.iter().any(|k| k.starts_with("t2.")))
        .expect("a table-2 finding");
    for _ in 0..target {
        run(&mut a, &[Action::Down]);
    }
    run(&mut a, &[Action::Open]);
    // Enter explains the finding; the cursor is on its cell, the list stays open behind.
    assert_eq!(
        a.detail.map(|d| d.subject),
        Some(xxgk::tui::detail::Subject::Finding(target))
    );
    assert_eq!(a.sheet.panel, Some(target));
    run(&mut a, &[Action::Back]);
    assert_eq!(a.detail, None);
    let (r, c) = a.sheet.cursor;
    let cell = a.sheet.grid.rows.get(r).and_then(|row| row.cells.get(c)).expect("cell");
    let key = cell.source.expect("a figure cell").key.name().to_string();
    assert!(
        a.sheet.findings[target].keys.contains(&key),
        "{key} is one of the finding's cells"
    );
    assert!(cell.rule.is_some(), "and it is marked");
}

#[test]
fn provenance_of_the_selected_cell_is_read_from_the_file() {
    let mut a = app();
    search(&mut a, "pingtan");
    // The raw layout-E file (not its parsed JSON): provenance comes from ingesting it again.
    let raw = a
        .browse
        .visible
        .iter()
        .position(|&i| a.lib.entries[i].path.contains("layout-e"))
        .expect("raw pingtan");
    a.browse.selected = raw;
    run(&mut a, &[Action::Open]);
    assert!(a.wanted_detail().is_some());
    // The library's paths were made relative for snapshots; read from the repository.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports");
    for e in &mut a.lib.entries {
        e.path = root.join(&*e.path).display().to_string().into();
    }
    serve(&mut a, &mut Vec::new());
    assert!(a.wanted_detail().is_none());
    let screen = text(&render(&a, 120, 40));
    // The cell by the report's labels, never by its key.
    assert!(
        screen.contains("本年新收政府信息公开申请数量/自然人") && screen.contains(" line "),
        "{screen}"
    );
    assert!(!screen.contains("t2.new_received"), "{screen}");
    assert!(screen.contains("raw “"), "{screen}");
}

#[test]
fn filters_and_sorting() {
    let mut a = app();
    let all = a.browse.visible.len();
    run(&mut a, &[Action::FilterYear]);
    let newest = a.browse.filter.year.expect("a year");
    assert!(a.browse.visible.iter().all(|&i| year(&a, i) == Some(newest)));
    assert!(a.browse.visible.len() < all);
    run(&mut a, &[Action::FilterYear]);
    assert!(
        a.browse.filter.year.is_some_and(|y| y < newest),
        "Y steps to the year before"
    );
    run(&mut a, &[Action::Back]);
    assert_eq!(a.browse.visible.len(), all, "Esc clears the filters");
    run(&mut a, &[Action::FilterErrors]);
    assert!(!a.browse.visible.is_empty() && a.browse.visible.iter().all(|&i| a.lib.entries[i].errors > 0));
    run(&mut a, &[Action::FilterErrors, Action::FilterProvince]);
    let p = a.browse.filter.province.clone().expect("a province");
    assert!(
        a.browse
            .visible
            .iter()
            .all(|&i| a.lib.entries[i].province.as_deref() == Some(p.as_str()))
    );
    run(&mut a, &[Action::Back, Action::FilterLevel]);
    let l = a.browse.filter.level.expect("a level");
    assert!(a.browse.visible.iter().all(|&i| a.lib.entries[i].level == Some(l)));
    run(&mut a, &[Action::Back, Action::Sort, Action::Sort]);
    assert_eq!(a.browse.sort, Sort::Errors);
    let errors: Vec<u16> = a.browse.visible.iter().map(|&i| a.lib.entries[i].errors).collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");
    assert!(text(&render(&a, 80, 24)).contains("sort: errors"));
}

#[test]
fn thresholds_change_at_runtime() {
    let mut a = app();
    pingtan_compare(&mut a);
    let flags = |a: &App| {
        a.sheet
            .grid
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.change.is_some())
            .count()
    };
    let before = flags(&a);
    run(&mut a, &[Action::Thresholds]);
    assert_eq!(a.prompt, Some(Prompt::Thresholds("10 50% 5".into())));
    for _ in 0..10 {
        run(&mut a, &[Action::Backspace]);
    }
    for c in "1 10 0".chars() {
        run(&mut a, &[Action::Input(c)]);
    }
    run(&mut a, &[Action::Open]);
    assert_eq!(a.settings.thresholds.min_abs, 1.0);
    assert!(a.status.starts_with("large change: |Δ| ≥ 1 "), "{}", a.status);
    assert!(
        flags(&a) > before,
        "lower thresholds flag more: {} > {before}",
        flags(&a)
    );
    run(&mut a, &[Action::Thresholds, Action::Input('x'), Action::Open]);
    assert!(a.status.contains("three numbers"), "{}", a.status);
    assert_eq!(a.settings.thresholds.min_abs, 1.0, "a bad entry changes nothing");
}

#[test]
fn export_csv_and_xlsx_never_overwrite_without_asking() {
    let mut a = app();
    pingtan_compare(&mut a);
    let dir = tempfile::tempdir().expect("tmp");
    run(&mut a, &[Action::Export]);
    assert_eq!(a.prompt, Some(Prompt::ExportFormat));
    run(&mut a, &[Action::Input('c')]);
    let name = "平潭综合实验区2022_vs_平潭综合实验区2023_t2.csv";
    assert_eq!(a.export_name(ExportKind::Csv), name);
    export_view(&mut a, ExportKind::Csv, false, dir.path());
    assert!(a.status.starts_with("wrote "), "{}", a.status);
    // The path in full (issue 13).
    assert!(
        a.status.contains(&dir.path().join(name).display().to_string()),
        "{}",
        a.status
    );
    let bytes = std::fs::read(dir.path().join(name)).expect("csv");
    let text = String::from_utf8(bytes).expect("utf-8");
    let text = text.strip_prefix('\u{feff}').expect("BOM");
    // The file says what it holds: A and B by agency and year, the table and column, the
    // thresholds in force.
    assert_eq!(
        text.lines().next(),
        Some("row,A 平潭综合实验区 2022,B 平潭综合实验区 2023,Δ,Δ%,flags")
    );
    let g = &a.sheet.grid;
    assert_eq!(text.lines().count(), 1 + g.rows.len() + g.notes.len() + 2);
    assert!(text.contains("note: table t2, table 2 column 总计"), "{text}");
    assert!(
        text.contains("note: large-change thresholds: |Δ| ≥ 10, |Δ%| ≥ 50%"),
        "{text}"
    );
    // Δ% is a number column, not `+37.5%` text.
    assert!(!text.lines().skip(1).any(|l| l.contains("%,")), "{text}");
    assert!(
        text.lines().all(|l| l.matches(',').count() >= 5),
        "every row as wide as the header"
    );
    std::fs::write(dir.path().join(name), "mine").expect("write");
    export_view(&mut a, ExportKind::Csv, false, dir.path());
    assert!(matches!(a.prompt, Some(Prompt::Overwrite(ExportKind::Csv))));
    assert!(a.status.contains("exists"), "{}", a.status);
    run(&mut a, &[Action::Input('n')]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(name)).ok().as_deref(),
        Some("mine")
    );
    export_view(&mut a, ExportKind::Csv, true, dir.path());
    assert!(std::fs::read(dir.path().join(name)).is_ok_and(|b| b.starts_with("\u{feff}row".as_bytes())));
    export_view(&mut a, ExportKind::CsvNoBom, true, dir.path());
    assert!(std::fs::read(dir.path().join(name)).is_ok_and(|b| b.starts_with(b"row,")));
    export_view(&mut a, ExportKind::Xlsx, false, dir.path());
    let xlsx = dir.path().join(name.replace(".csv", ".xlsx"));
    assert!(std::fs::read(&xlsx).is_ok_and(|b| b.starts_with(b"PK")), "{}", a.status);
    // The XLSX has the findings of the reports on screen (the sheet was empty), and Δ% is a
    // number with a percent format.
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("xlsx");
    let findings = book.worksheet_range("findings").expect("findings sheet");
    assert_eq!(findings.height(), 1 + a.sheet.findings.len());
    assert!(!a.sheet.findings.is_empty());
    let sheet = book.worksheet_range("reports").expect("sheet");
    let pct = (0..sheet.width())
        .find(|&c| sheet.get((0, c)) == Some(&Data::String("Δ%".into())))
        .expect("Δ%");
    assert!(
        (1..sheet.height()).any(|r| matches!(sheet.get((r, pct)), Some(Data::Float(_)))),
        "Δ% as numbers"
    );
    // Another column of table 2, another file name.
    run(&mut a, &[Action::Columns]);
    let other = a.export_name(ExportKind::Csv);
    assert_ne!(other, name);
    assert!(other.contains("t2_"), "{other}");
}

/// `e` writes what the screen shows, on every screen: the list, the bad files (it used to
/// write the list there), a report, a comparison.
#[test]
fn export_writes_the_screen_it_is_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut a = app();
    let first_line = |a: &mut App| {
        let name = a.export_name(ExportKind::CsvNoBom);
        export_view(a, ExportKind::CsvNoBom, true, dir.path());
        let text = std::fs::read_to_string(dir.path().join(&name)).expect("csv");
        let rows = text.lines().count();
        (text.lines().next().unwrap_or("").to_string(), rows)
    };
    let (head, rows) = first_line(&mut a);
    assert_eq!(head, "agency,year,tpl,province,level,err,warn,file");
    assert_eq!(rows, 1 + a.browse.visible.len());
    run(&mut a, &[Action::BadFiles]);
    let (head, rows) = first_line(&mut a);
    assert_eq!(head, "file,reason");
    assert_eq!(rows, 1 + 2 + a.lib.errors.len() + a.lib.duplicates.len());
    run(&mut a, &[Action::BadFiles, Action::Open]);
    let (head, _) = first_line(&mut a);
    assert_eq!(head, "row,自然人,商业企业,科研机构,公益组织,法律服务,其他,总计");
    run(&mut a, &[Action::Back]);
    pingtan_compare(&mut a);
    run(&mut a, &[Action::Columns; 7]);
    let (head, _) = first_line(&mut a);
    assert!(
        head.starts_with("row,自然人 A 平潭综合实验区 2022,自然人 B 平潭综合实验区 2023,自然人 Δ"),
        "{head}"
    );
    // The trend of the agency: a column per year (a missing year too), then the sparklines.
    run(&mut a, &[Action::Trend]);
    assert!(matches!(a.screen, Screen::Trend { .. }));
    let name = a.export_name(ExportKind::CsvNoBom);
    assert!(name.contains("trend"), "{name}");
    let (head, rows) = first_line(&mut a);
    assert_eq!(head, "row,2018,2019*,2020,2021,2022,2023,trend");
    assert!(rows > 20, "{rows}");
}

#[test]
fn copy_sends_the_view_as_osc52() {
    let mut a = app();
    pingtan_compare(&mut a);
    run(&mut a, &[Action::Copy]);
    let mut out = Vec::new();
    serve(&mut a, &mut out);
    let s = String::from_utf8(out).expect("ascii");
    assert_eq!(s, osc52(&a.view_text()));
    assert!(s.starts_with("\x1b]52;c;") && s.ends_with('\x07'));
    assert!(a.view_text().starts_with("row\tA\tB\tΔ\tΔ%\tflags\n"));
    let lines = a.view_text().lines().count();
    assert_eq!(
        a.status,
        format!("copied {lines} lines (OSC 52: the terminal must allow clipboard access)")
    );
    // In Chinese, the status is Chinese too (it was English in every language).
    a.settings.lang = Lang::Zh;
    run(&mut a, &[Action::Copy]);
    serve(&mut a, &mut Vec::new());
    assert!(a.status.starts_with(&format!("已复制 {lines} 行")), "{}", a.status);
}

/// Every screen, at both sizes.
#[test]
fn screens_snapshot() {
    let mut a = app();
    let shot = |a: &App, name: &str| {
        insta::assert_snapshot!(format!("{name}-80x24"), text(&render(a, 80, 24)));
        insta::assert_snapshot!(format!("{name}-120x40"), text(&render(a, 120, 40)));
    };
    shot(&a, "browse");
    run(&mut a, &[Action::FilterErrors]);
    shot(&a, "browse-has-errors");
    run(&mut a, &[Action::Back, Action::BadFiles]);
    shot(&a, "bad-files");
    run(&mut a, &[Action::BadFiles]);
    pingtan_compare(&mut a);
    shot(&a, "compare");
    run(&mut a, &[Action::NextFlag]);
    shot(&a, "compare-flag");
    load_details(&mut a);
    run(&mut a, &[Action::Open]);
    shot(&a, "compare-detail");
    run(&mut a, &[Action::Back, Action::Findings]);
    shot(&a, "compare-findings");
    run(&mut a, &[Action::Back, Action::Trend]);
    shot(&a, "trend");
    run(&mut a, &[Action::Back, Action::Rollup]);
    shot(&a, "rollup");
    run(&mut a, &[Action::Mark, Action::Down, Action::Mark, Action::Compare]);
    shot(&a, "rollup-compare");
    run(&mut a, &[Action::Back]);
    run(&mut a, &[Action::Back, Action::Evaluator]);
    shot(&a, "evaluator");
    run(&mut a, &[Action::Back, Action::Order]);
    shot(&a, "changes");
    run(&mut a, &[Action::Back]);
    pingtan_compare(&mut a);
    for _ in 0..7 {
        run(&mut a, &[Action::Columns]);
    }
    for _ in 0..12 {
        run(&mut a, &[Action::Right]);
    }
    shot(&a, "compare-all-columns");
    search(&mut a, "anshan");
    run(&mut a, &[Action::Open]);
    shot(&a, "report");
    run(&mut a, &[Action::Findings]);
    shot(&a, "report-findings");
    load_details(&mut a);
    run(&mut a, &[Action::Open]);
    shot(&a, "report-detail");
    run(&mut a, &[Action::Back, Action::Back, Action::Export]);
    shot(&a, "export-prompt");
    run(&mut a, &[Action::Back, Action::Back, Action::Help]);
    shot(&a, "help");
}

/// The screens in Chinese (the interface's language from the settings; the locale picks it).
#[test]
fn screens_snapshot_zh() {
    let mut a = App::new(
        library(),
        Settings {
            lang: Lang::Zh,
            ..Settings::default()
        },
    );
    let shot = |a: &App, name: &str| {
        insta::assert_snapshot!(format!("zh-{name}-80x24"), text(&render(a, 80, 24)));
        insta::assert_snapshot!(format!("zh-{name}-120x40"), text(&render(a, 120, 40)));
    };
    shot(&a, "browse");
    run(&mut a, &[Action::FilterErrors]);
    shot(&a, "browse-has-errors");
    run(&mut a, &[Action::Back]);
    pingtan_compare(&mut a);
    shot(&a, "compare");
    run(&mut a, &[Action::NextFlag]);
    shot(&a, "compare-flag");
    load_details(&mut a);
    run(&mut a, &[Action::Open]);
    shot(&a, "compare-detail");
    run(&mut a, &[Action::Back, Action::Findings]);
    shot(&a, "compare-findings");
    run(&mut a, &[Action::Back, Action::Trend]);
    shot(&a, "trend");
    run(&mut a, &[Action::Back, Action::Back, Action::Rollup]);
    shot(&a, "rollup");
    run(&mut a, &[Action::Mark, Action::Down, Action::Mark, Action::Compare]);
    shot(&a, "rollup-compare");
    run(&mut a, &[Action::Back]);
    run(&mut a, &[Action::Back, Action::Evaluator]);
    shot(&a, "evaluator");
    run(&mut a, &[Action::Back, Action::Order]);
    shot(&a, "changes");
    run(&mut a, &[Action::Back]);
    search(&mut a, "anshan");
    run(&mut a, &[Action::Open]);
    shot(&a, "report");
    run(&mut a, &[Action::Findings]);
    shot(&a, "report-findings");
    load_details(&mut a);
    run(&mut a, &[Action::Open]);
    shot(&a, "report-detail");
    run(&mut a, &[Action::Back, Action::Back, Action::Export]);
    shot(&a, "export-prompt");
    run(&mut a, &[Action::Back]);
    a.ask_overwrite(ExportKind::Csv, "鞍山市人民政府-2019-t2.csv");
    shot(&a, "export-overwrite");
    run(&mut a, &[Action::Back, Action::Back, Action::Help]);
    shot(&a, "help");
    // The hint bar says its words in Chinese and fits 80 columns.
    run(&mut a, &[Action::Help]);
    let last = text(&render(&a, 80, 24)).lines().last().unwrap_or("").to_string();
    assert!(last.contains("搜索") && last.contains("退出"), "{last}");
}

/// The hint bar is whole at 80 columns on every screen, in both languages.
#[test]
fn hint_bar_fits_80_columns_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        let mut a = App::new(
            library(),
            Settings {
                lang,
                ..Settings::default()
            },
        );
        let check = |a: &App, screen: &str| {
            let t = text(&render(a, 80, 24));
            let last = t.lines().last().unwrap_or("").trim_end().to_string();
            assert!(!last.contains('…') && last.width() <= 80, "{lang:?} {screen}: {last}");
        };
        check(&a, "browse");
        pingtan_compare(&mut a);
        check(&a, "compare");
    }
}

#[test]
fn narrow_terminals_put_a_over_b() {
    let mut a = app();
    pingtan_compare(&mut a);
    let s = text(&render(&a, 40, 24));
    assert!(s.contains("A over B"), "{s}");
    insta::assert_snapshot!("compare-40x24", s);
}

#[test]
fn colours_mark_errors_and_large_changes() {
    let mut a = app();
    search(&mut a, "anshan");
    let b = render(&a, 80, 24);
    let t = text(&b);
    let y = t.lines().position(|l| l.contains("鞍山市人民政府")).expect("row") as u16;
    assert_eq!(b[(5, y)].fg, Color::Red, "a report with errors is red");
    pingtan_compare(&mut a);
    let b = render(&a, 80, 24);
    let t = text(&b);
    let y = t.lines().position(|l| l.starts_with("（二）部分公开")).expect("row") as u16;
    let line = t.lines().nth(usize::from(y)).unwrap_or("");
    assert!(line.contains("UP"), "the flag reads without colour: {line}");
    assert!(
        (0..80).any(|x| b[(x, y)].bg == Color::Blue),
        "and the Δ of a large increase is on blue (basic colours)"
    );
    // With 256 colours, a mid-tone blue text that reads on dark and light backgrounds.
    a.settings.palette = xxgk::tui::config::Palette::Extended;
    let b = render(&a, 80, 24);
    assert!((0..80).any(|x| b[(x, y)].fg == Color::Indexed(33)), "256-colour blue");
}

#[test]
fn no_color_uses_attributes_only() {
    let mut a = app();
    a.settings.color = false;
    pingtan_compare(&mut a);
    let b = render(&a, 80, 24);
    for y in 0..24 {
        for x in 0..80 {
            assert_eq!(b[(x, y)].fg, Color::Reset, "no colour at {x},{y}");
        }
    }
    let t = text(&b);
    let y = t.lines().position(|l| l.starts_with("（二）部分公开")).expect("row") as u16;
    assert!((0..80).any(|x| b[(x, y)].modifier.contains(Modifier::BOLD)));
}

#[test]
fn ascii_borders() {
    let mut a = app();
    a.settings.ascii = true;
    run(&mut a, &[Action::Help]);
    let s = text(&render(&a, 80, 24));
    assert!(s.contains("+-") && !s.contains('┌'), "{s}");
}

#[test]
fn remapped_keys_drive_dispatch_help_and_hints() {
    let settings = config::parse("[keys]\nquit = \"x\"\nsearch = \"s\"\nsort = \"o\"\n", "t.toml").expect("config");
    let mut a = App::new(library(), settings);
    let hints = text(&render(&a, 120, 40));
    assert!(hints.contains("s search") && hints.contains("x quit"), "{hints}");
    run(&mut a, &[Action::Help]);
    let help = text(&render(&a, 120, 40));
    assert!(
        help.contains("x         quit") || help.contains("x quit") || help.contains("x  "),
        "{help}"
    );
}

#[test]
fn built_in_samples_say_how_to_load_real_reports() {
    let (lib, details) = samples::builtin();
    let mut a = App::new(lib, Settings::default());
    a.details.extend(details.into_iter().map(|(i, r)| (i, Ok(r))));
    a.notice = Some("built-in samples: run `xxgk DIR` to load real reports".into());
    let s = text(&render(&a, 80, 24));
    assert!(s.contains("built-in samples"), "{s}");
    run(&mut a, &[Action::Open]);
    assert!(a.wanted_detail().is_none(), "built-in reports carry their provenance");
}

#[test]
fn tiny_sizes_never_panic() {
    let mut a = app();
    search(&mut a, "pingtan");
    let steps: [&[Action]; 6] = [
        &[Action::Bottom, Action::ComparePrevious],
        &[Action::Findings],
        &[
            Action::Back,
            Action::Columns,
            Action::Columns,
            Action::Columns,
            Action::Columns,
            Action::Columns,
            Action::Columns,
            Action::Columns,
        ],
        &[Action::Back, Action::Open],
        &[Action::BadFiles],
        &[Action::BadFiles, Action::Help],
    ];
    for step in steps {
        for w in 0..=50 {
            for h in 0..=12 {
                let _ = render(&a, w, h);
            }
        }
        run(&mut a, step);
    }
    let small = text(&render(&a, 30, 8));
    assert!(small.contains("needs at least 40x10"), "{small}");
}

#[test]
fn esc_run_together_with_a_key_is_esc_then_the_key() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut a = app();
    run(&mut a, &[Action::Open]);
    assert!(matches!(a.screen, Screen::Report { .. }));
    // Esc then Y, arriving as Alt-Y.
    dispatch(
        &mut a,
        KeyEvent::new(KeyCode::Char('Y'), KeyModifiers::ALT | KeyModifiers::SHIFT),
    );
    assert_eq!(a.screen, Screen::Browse);
    assert!(a.browse.filter.year.is_some(), "and Y filtered by year");
}

#[test]
fn the_cursor_steps_over_section_headings() {
    let mut a = app();
    pingtan_compare(&mut a);
    let label = |a: &App| a.sheet.grid.rows.get(a.sheet.cursor.0).map(|r| r.label.clone());
    run(&mut a, &[Action::Down]);
    assert_eq!(label(&a).as_deref(), Some("二、上年结转政府信息公开申请数量"));
    run(&mut a, &[Action::Down]);
    assert_eq!(
        label(&a).as_deref(),
        Some("（一）予以公开"),
        "三、本年度办理结果 is a heading"
    );
    run(&mut a, &[Action::Up]);
    assert_eq!(label(&a).as_deref(), Some("二、上年结转政府信息公开申请数量"));
}

#[test]
fn rule_failures_are_red_on_their_cells() {
    let mut a = app();
    search(&mut a, "anshan");
    run(&mut a, &[Action::Open, Action::NextFlag]);
    let (r, c) = a.sheet.cursor;
    let cell = a
        .sheet
        .grid
        .rows
        .get(r)
        .and_then(|row| row.cells.get(c))
        .cloned()
        .expect("cell");
    assert_eq!(
        cell.rule,
        Some(xxgk::rules::Severity::Error),
        "鞍山 2019's first flag is an error"
    );
    // Move off the cell so that its colour is not hidden under the cursor's reverse video.
    run(&mut a, &[Action::Down]);
    let b = render(&a, 120, 40);
    let t = text(&b);
    let label = a
        .sheet
        .grid
        .rows
        .get(r)
        .map(|row| row.label.clone())
        .unwrap_or_default();
    let y = t.lines().position(|l| l.starts_with(&label)).expect("row on screen") as u16;
    assert!(
        (0..120).any(|x| b[(x, y)].fg == Color::Red),
        "an error cell is red:\n{t}"
    );
}

/// One count everywhere (issue: the report screen rebuilt reports without their prose claims
/// and group rows): for every report of the corpus, the list's error and warning counts, the
/// findings the report screen shows, and `xxgk check` over the same directory agree, cross-year
/// findings included.
#[test]
fn list_counts_report_screen_and_check_agree_on_every_corpus_report() {
    let Some(dir) = common::corpus_dir() else { return };
    let opts = LoadOptions {
        use_cache: false,
        cache_dir: None,
        ..LoadOptions::default()
    };
    let lib = Library::load(&dir, &opts, &|_, _| {});
    let (files, _) = xxgk::fsio::collect_inputs(std::slice::from_ref(&dir));
    let reports: Vec<_> = files.iter().filter_map(|f| xxgk::ingest::ingest_path(f).ok()).collect();
    let checked = xxgk::rules::check_all(&reports);
    let count = |fs: &mut dyn Iterator<Item = &xxgk::rules::Finding>| {
        let (mut e, mut w) = (0, 0);
        for f in fs {
            if f.severity == xxgk::rules::Severity::Error {
                e += 1;
            } else {
                w += 1;
            }
        }
        (e, w)
    };
    let n = lib.entries.len();
    assert!(n >= 12, "{n} reports");
    let mut app = App::new(lib, Settings::default());
    let mut narrative = 0;
    for i in 0..n {
        let Some(e) = app.lib.entries.get(i) else { continue };
        let (path, listed) = (e.path.to_string(), (usize::from(e.errors), usize::from(e.warnings)));
        let by_check = count(&mut checked.iter().filter(|f| f.file == path));
        app.screen = Screen::Browse;
        app.browse.visible = (0..n).collect();
        app.browse.selected = i;
        app.update(Action::Open);
        assert!(matches!(app.screen, Screen::Report { entry, .. } if entry == i));
        let on_screen = count(&mut app.sheet.findings.iter());
        assert_eq!(listed, on_screen, "{path}: list vs report screen");
        assert_eq!(listed, by_check, "{path}: list vs xxgk check");
        narrative += app
            .sheet
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    f.rule,
                    xxgk::rules::RuleId::NarrativeVsTable | xxgk::rules::RuleId::T2GroupSubtotal
                )
            })
            .count();
    }
    // The prose and group-row rules speak on the screens (张家港 2023's narrative mismatch).
    assert!(narrative > 0);
}

/// The detail view at 80×24 never cuts a figure: for every finding of every sample report, in
/// both languages, each number the explanation states is whole on some line as the screen shows
/// it, scrolling to the end; and no line but a path is cut with `…`.
#[test]
fn detail_view_never_cuts_a_figure_at_80_columns() {
    use xxgk::grid::explain::numbers;
    use xxgk::tui::detail::Subject;
    let mut checked = 0;
    for lang in [Lang::Zh, Lang::En] {
        let mut a = App::new(
            library(),
            Settings {
                lang,
                ..Settings::default()
            },
        );
        for i in 0..a.lib.entries.len() {
            a.screen = Screen::Browse;
            a.browse.visible = (0..a.lib.entries.len()).collect();
            a.browse.selected = i;
            run(&mut a, &[Action::Open]);
            load_details(&mut a);
            for f in 0..a.sheet.findings.len() {
                a.sheet.panel = Some(f);
                run(&mut a, &[Action::Open]);
                let subject = a.detail.map(|d| d.subject);
                assert_eq!(subject, Some(Subject::Finding(f)));
                let wanted = numbers(&a.explanation(Subject::Finding(f)));
                let mut seen = String::new();
                for _ in 0..40 {
                    let screen = text(&render(&a, 80, 24));
                    for line in screen.lines().skip(2).take(20) {
                        let inner = line.trim_start_matches('│').trim_end_matches('│');
                        let is_path = inner.trim_start().starts_with('…');
                        assert!(is_path || !inner.trim_end().ends_with('…'), "cut: {inner}");
                        seen.push_str(inner);
                        seen.push('\n');
                    }
                    run(&mut a, &[Action::PageDown]);
                }
                for n in &wanted {
                    let whole = seen.lines().any(|l| {
                        l.match_indices(n.as_str()).any(|(at, _)| {
                            let before = l[..at].chars().next_back();
                            let after = l[at + n.len()..].chars().next();
                            !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
                        })
                    });
                    assert!(whole, "{n} is not whole on any line:\n{seen}");
                    checked += 1;
                }
                run(&mut a, &[Action::Back]);
                assert_eq!(a.detail, None);
            }
            a.sheet.panel = None;
        }
    }
    assert!(checked > 200, "{checked} figures checked");
}

/// The roll-up of the listed reports: ranked by a column with `s` (the total stays last),
/// regrouped with `v`, and `Enter` lists a group's reports.
#[test]
fn rollup_ranks_regroups_and_opens_a_group() {
    let mut a = app();
    run(&mut a, &[Action::Rollup]);
    assert!(matches!(a.screen, Screen::Rollup { .. }));
    let labels = |a: &App| a.sheet.grid.rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>();
    assert_eq!(labels(&a).last().map(String::as_str), Some("total"));
    // Rank by 本年新收 (the third column): 江苏 has the most.
    run(&mut a, &[Action::Right, Action::Right, Action::Sort]);
    assert_eq!(labels(&a).first().map(String::as_str), Some("江苏"));
    assert_eq!(labels(&a).last().map(String::as_str), Some("total"));
    let shown = text(&render(&a, 80, 24));
    assert!(shown.contains("江苏 · new = 3908"), "{shown}");
    // Enter on 江苏: the list, filtered to it.
    run(&mut a, &[Action::Top, Action::Open]);
    assert_eq!(a.screen, Screen::Browse);
    assert!(
        a.browse
            .visible
            .iter()
            .all(|&i| a.lib.entries[i].province.as_deref() == Some("江苏"))
    );
    // By level.
    run(&mut a, &[Action::Back, Action::Back, Action::Rollup, Action::Columns]);
    assert!(matches!(
        a.screen,
        Screen::Rollup {
            by: xxgk::grid::By::City,
            ..
        }
    ));
    run(&mut a, &[Action::Columns]);
    assert!(labels(&a).iter().any(|l| l == "county"), "{:?}", labels(&a));
}

/// `o` orders a comparison's rows by |Δ| (largest first, headings gone) and back; a trend's by
/// the change of its last year.
#[test]
fn o_orders_rows_by_the_size_of_their_change() {
    let mut a = app();
    pingtan_compare(&mut a);
    let rows = a.sheet.grid.rows.len();
    run(&mut a, &[Action::Order]);
    let g = &a.sheet.grid;
    let d = g
        .columns
        .iter()
        .position(|c| c.kind == xxgk::grid::ColumnKind::Delta)
        .expect("Δ");
    let sizes: Vec<f64> = g
        .rows
        .iter()
        .filter_map(|r| r.cells[d].value.map(|v| v.to_f64().abs()))
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    assert_eq!(
        sizes.len(),
        g.rows.iter().filter(|r| r.cells[d].value.is_some()).count()
    );
    assert!(
        sizes.first().is_some_and(|s| *s >= 11.0),
        "the UP row (Δ 11) or larger first"
    );
    assert!(g.rows.iter().all(|r| r.selectable()), "no headings");
    run(&mut a, &[Action::Order]);
    assert_eq!(a.sheet.grid.rows.len(), rows, "back to the table's order");
    run(&mut a, &[Action::Trend, Action::Order]);
    let first = &a.sheet.grid.rows[0];
    assert!(first.selectable());
}

/// Marking the later year first still compares forward in time: A is the earlier report.
#[test]
fn a_is_the_earlier_year_whatever_the_marking_order() {
    let mut a = app();
    search(&mut a, "pingtan");
    let at = |a: &App, y: u16| {
        a.browse
            .visible
            .iter()
            .position(|&i| a.lib.entries[i].year == Some(y))
            .expect("year")
    };
    a.browse.selected = at(&a, 2023);
    run(&mut a, &[Action::Mark]);
    a.browse.selected = at(&a, 2022);
    run(&mut a, &[Action::Mark, Action::Compare]);
    let Screen::Compare { a: ea, b: eb, .. } = a.screen else {
        panic!("not a comparison")
    };
    assert_eq!(
        (a.lib.entries[ea].year, a.lib.entries[eb].year),
        (Some(2022), Some(2023))
    );
}

/// Ctrl-L asks the event loop to draw the whole screen again, on any screen and over the detail
/// view too.
#[test]
fn ctrl_l_redraws() {
    let mut a = app();
    run(&mut a, &[Action::Redraw]);
    assert!(a.redraw);
    a.redraw = false;
    pingtan_compare(&mut a);
    run(&mut a, &[Action::NextFlag, Action::Open, Action::Redraw]);
    assert!(a.redraw && a.detail.is_some());
}

/// A report whose names carry escapes, C1 controls, bidi overrides, line separators and invisible
/// characters: no screen shows them (U+2028 shifted the list's columns), every line keeps its
/// width, and `y` copies what the screen shows, with formulas neutralised.
#[test]
fn hostile_names_reach_neither_the_screen_nor_the_clipboard() {
    let dir = tempfile::tempdir().expect("tmp");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed/pingtan-2023.json");
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(src).expect("read")).expect("json");
    v["meta"]["agency"] =
        "=1+1\u{9b}31m平潭\u{202e}县\u{2028}人民\u{2060}政府\u{feff}\u{ad}\u{3164}\u{fe0f}\u{e0041}".into();
    v["meta"]["province"] = "\u{1b}]52;c;SGVsbG8=\u{7}福建\u{2029}".into();
    std::fs::write(
        dir.path().join("x\u{1b}[2J.json"),
        serde_json::to_string(&v).expect("json"),
    )
    .expect("write");
    let opts = LoadOptions {
        use_cache: false,
        cache_dir: None,
        ..LoadOptions::default()
    };
    let lib = Library::load(dir.path(), &opts, &|_, _| {});
    assert_eq!(lib.entries.len(), 1);
    let mut a = App::new(lib, Settings::default());
    let bad = |s: &str| s.chars().find(|&c| xxgk::text::unsafe_char(c) && c != '\n');
    for (w, h) in [(80, 24), (120, 40)] {
        for screen in 0..2 {
            if screen == 1 {
                run(&mut a, &[Action::Open]);
            }
            let buf = render(&a, w, h);
            let shown = text(&buf);
            assert_eq!(bad(&shown), None, "{shown}");
            for line in shown.lines() {
                assert!(line.width() <= usize::from(w), "{line}");
            }
            assert!(shown.contains("平潭县 人民政府") || screen == 1, "{shown}");
        }
        run(&mut a, &[Action::Back]);
    }
    run(&mut a, &[Action::Open]);
    let copied = a.view_text();
    assert_eq!(bad(&copied.replace('\t', " ")), None, "{copied}");
    assert!(!copied.lines().any(|l| l.starts_with('=')), "{copied}");
}

/// An empty folder says that it is empty (and what would have been read), in both languages;
/// the title names the folder.
#[test]
fn an_empty_folder_says_so() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let opts = LoadOptions {
        use_cache: false,
        cache_dir: None,
        ..LoadOptions::default()
    };
    for (lang, says) in [(Lang::En, "holds no report."), (Lang::Zh, "中没有报告。")] {
        let mut lib = Library::load(tmp.path(), &opts, &|_, _| {});
        lib.root = "empty-folder".into();
        let a = App::new(
            lib,
            Settings {
                lang,
                ..Settings::default()
            },
        );
        let screen = text(&render(&a, 80, 24));
        assert!(
            screen
                .lines()
                .next()
                .is_some_and(|l| l.starts_with("xxgk  empty-folder  0 ")),
            "{screen}"
        );
        assert!(screen.contains(&format!("empty-folder {says}")), "{screen}");
    }
}

/// `x` swaps A and B; `[` and `]` step both reports a year within their agencies (and a report
/// on its own screen); a year one of them lacks moves nothing and says which.
#[test]
fn swap_and_year_stepping_on_the_compare_screen() {
    let mut a = app();
    pingtan_compare(&mut a);
    let pair = |a: &App| match a.screen {
        Screen::Compare { a: x, b: y, .. } => (year(a, x), year(a, y)),
        _ => (None, None),
    };
    assert_eq!(pair(&a), (Some(2022), Some(2023)));
    run(&mut a, &[Action::Swap]);
    assert_eq!(pair(&a), (Some(2023), Some(2022)));
    assert_eq!(a.status, "A and B swapped");
    run(&mut a, &[Action::Swap, Action::PrevYear]);
    assert_eq!(pair(&a), (Some(2021), Some(2022)));
    run(&mut a, &[Action::PrevYear]);
    // Pingtan has no 2020 report: nothing moves.
    assert_eq!(pair(&a), (Some(2021), Some(2022)));
    assert_eq!(a.status, "no report of 平潭综合实验区 for 2020");
    run(&mut a, &[Action::NextYear]);
    assert_eq!(pair(&a), (Some(2022), Some(2023)));
    // The header names the years in their new order.
    let screen = text(&render(&a, 80, 24));
    assert!(screen.contains("2022") && screen.contains("2023"), "{screen}");
    // On a report's screen, `[` opens the agency's previous year.
    run(&mut a, &[Action::Back, Action::Open]);
    let Screen::Report { entry, .. } = a.screen else {
        panic!("no report open")
    };
    assert_eq!(year(&a, entry), Some(2023));
    run(&mut a, &[Action::PrevYear]);
    let Screen::Report { entry: after, .. } = a.screen else {
        panic!("left the report")
    };
    assert_eq!(year(&a, after), Some(2022));
}

/// `/` on a table searches its rows (not the list); Enter on the only match opens it; a new
/// search starts empty, on the list too, where Enter on the only report found opens it.
#[test]
fn slash_searches_the_rows_of_the_view() {
    let mut a = app();
    pingtan_compare(&mut a);
    let typed = |a: &mut App, text: &str| {
        for c in text.chars() {
            a.update(Action::Input(c));
        }
    };
    run(&mut a, &[Action::Search]);
    assert!(matches!(a.screen, Screen::Compare { .. }), "left the comparison");
    typed(&mut a, "结转下年度");
    let row = a
        .sheet
        .grid
        .rows
        .get(a.sheet.cursor.0)
        .map(|r| r.label.clone())
        .unwrap_or_default();
    assert!(row.contains("结转下年度"), "{row}");
    assert!(a.status.contains("match “结转下年度”"), "{}", a.status);
    assert!(text(&render(&a, 80, 24)).contains("/结转下年度"));
    run(&mut a, &[Action::Open]);
    assert_eq!(a.prompt, None);
    assert!(a.detail.is_some(), "the only match opens");
    run(&mut a, &[Action::Back]);
    // A new search starts empty; Esc keeps the cursor where the search put it.
    run(&mut a, &[Action::Search]);
    assert_eq!(a.prompt, Some(Prompt::Find(String::new())));
    typed(&mut a, "no such row");
    assert!(a.status.starts_with("0 rows match"), "{}", a.status);
    run(&mut a, &[Action::Back]);
    assert_eq!(a.prompt, None);
    assert!(matches!(a.screen, Screen::Compare { .. }));

    // The list: `/` starts empty, Enter on the only report found opens it.
    run(&mut a, &[Action::Back]);
    search(&mut a, "pingtan");
    run(&mut a, &[Action::Search]);
    assert_eq!(a.browse.query, "");
    typed(&mut a, "漳浒寨");
    assert_eq!(a.browse.visible.len(), 1);
    run(&mut a, &[Action::Open]);
    assert!(matches!(a.screen, Screen::Report { .. }), "the only report found opens");
}

/// On a rate column of the roll-up, the line under the grid gives the rate's formula with the
/// group's own sums, and the rate is what they make.
#[test]
fn rollup_rates_show_their_formula() {
    let mut a = app();
    run(&mut a, &[Action::Rollup]);
    // 实质公开率 is the first rate: after reports, with errors and the 12 sums.
    for _ in 0..14 {
        run(&mut a, &[Action::Right]);
    }
    let shown = text(&render(&a, 120, 40));
    let line = shown
        .lines()
        .find(|l| l.contains("· open rate ="))
        .expect("the formula line")
        .trim();
    // `江苏 · open rate = (granted G + partly P) / results R = X%`
    let nums: Vec<f64> = line
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|w| w.parse().ok())
        .collect();
    let [g, p, r, x] = nums[..] else { panic!("{line}") };
    assert!(
        line.contains("(granted ") && line.contains(" + partly ") && line.contains(") / results "),
        "{line}"
    );
    assert!(((g + p) / r * 100.0 - x).abs() < 0.06, "{line}");
    // In Chinese, in the catalogue's words.
    a.settings.lang = Lang::Zh;
    run(&mut a, &[Action::Left, Action::Right]);
    let shown = text(&render(&a, 120, 40));
    assert!(shown.contains("实质公开率 = (予以公开"), "{shown}");
}

/// The evaluator's list: one row per listed report, ranked by a column with `s` (failures
/// first), `Enter` opens the row's report and `Esc` comes back to the same row; the filters of
/// the list apply.
#[test]
fn evaluator_lists_ranks_opens_and_comes_back() {
    let mut a = app();
    let listed = a.browse.visible.len();
    run(&mut a, &[Action::Evaluator]);
    assert!(matches!(a.screen, Screen::Evaluator { sort: None }));
    assert_eq!(a.sheet.grid.rows.len(), listed);
    // The issues column, ranked: the counts never rise down the list.
    let issues = xxgk::grid::evaluator::ISSUES_COLUMN;
    a.sheet.cursor = (0, issues);
    run(&mut a, &[Action::Sort]);
    assert!(matches!(a.screen, Screen::Evaluator { sort: Some(c) } if c == issues));
    let counts: Vec<i64> = a
        .sheet
        .grid
        .rows
        .iter()
        .filter_map(|r| r.cells.get(issues).and_then(|c| c.value).map(|v| v.to_f64() as i64))
        .collect();
    assert_eq!(counts.len(), listed);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(counts.first().is_some_and(|&n| n > 0), "{counts:?}");
    // Enter on the third row opens that report; Esc comes back to the ranked list, same row.
    a.sheet.cursor = (2, issues);
    let entry = match a.sheet.grid.rows.get(2).map(|r| r.kind) {
        Some(xxgk::grid::RowKind::Item(Some(i))) => i,
        other => panic!("{other:?}"),
    };
    run(&mut a, &[Action::Open]);
    assert!(
        matches!(a.screen, Screen::Report { entry: e, .. } if e == entry),
        "{:?}",
        a.screen
    );
    run(&mut a, &[Action::Back]);
    assert!(matches!(a.screen, Screen::Evaluator { sort: Some(c) } if c == issues));
    assert_eq!(a.sheet.cursor.0, 2);
    // The sections of the trimmed 平潭 2022: 一 and 六 not found.
    let shown = text(&render(&a, 120, 40));
    assert!(shown.contains("2 missing"), "{shown}");
    // `e` writes the same list; read back, every row is there with its counts.
    let dir = tempfile::tempdir().expect("tmp");
    let name = a.export_name(ExportKind::CsvNoBom);
    assert_eq!(name, "xxgk-evaluator.csv");
    export_view(&mut a, ExportKind::CsvNoBom, false, dir.path());
    let csv = std::fs::read_to_string(dir.path().join(&name)).expect("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("agency,year,on time,sections,tables,errors,copied,prose,issues")
    );
    let exported: Vec<i64> = lines
        .take(listed)
        .map(|l| l.rsplit(',').next().and_then(|n| n.parse().ok()).expect("issues count"))
        .collect();
    assert_eq!(exported, counts);
    export_view(&mut a, ExportKind::Xlsx, false, dir.path());
    let xlsx = dir.path().join(a.export_name(ExportKind::Xlsx));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("xlsx");
    use calamine::Reader;
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("reads");
    assert!(sheet.height() > listed, "{}", sheet.height());
}

/// `o` on the list: the listed agencies' largest changes into the latest year that has a year
/// before (2023 on the samples, not 2024, whose only agency has no 2023), ranked by |Δ|;
/// `Enter` compares the two years with the cursor on the row's figure; `Esc` comes back.
#[test]
fn changes_from_the_list_open_their_comparison() {
    let mut a = app();
    run(&mut a, &[Action::Order]);
    assert!(matches!(a.screen, Screen::Changes { year: 2023 }), "{:?}", a.screen);
    let rows = a.sheet.grid.rows.len();
    assert!(rows >= 3, "{rows}");
    let size = |r: &xxgk::grid::Row| r.cells.get(3).and_then(|c| c.value).map(|v| v.to_f64().abs());
    let sizes: Vec<f64> = a.sheet.grid.rows.iter().filter_map(size).collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    let key = a
        .sheet
        .grid
        .rows
        .get(2)
        .and_then(|r| r.cells.iter().find_map(|c| c.source.map(|s| s.key)))
        .expect("a figure");
    a.sheet.cursor = (2, 0);
    run(&mut a, &[Action::Open]);
    assert!(matches!(a.screen, Screen::Compare { .. }), "{:?}", a.screen);
    let (row, col) = a.sheet.cursor;
    let under = a
        .sheet
        .grid
        .rows
        .get(row)
        .and_then(|r| r.cells.get(col))
        .and_then(|c| c.source);
    assert_eq!(under.map(|s| s.key), Some(key));
    run(&mut a, &[Action::Back]);
    assert!(matches!(a.screen, Screen::Changes { year: 2023 }));
    assert_eq!(a.sheet.cursor.0, 2);
    // With the list filtered on a year, that year.
    run(&mut a, &[Action::Back]);
    a.browse.filter.year = Some(2019);
    a.browse.refilter(&a.lib, false);
    run(&mut a, &[Action::Order]);
    assert!(matches!(a.screen, Screen::Changes { year: 2019 }), "{:?}", a.screen);
}

/// Two roll-up groups side by side: `Space` marks A and B, `c` compares — every figure and rate
/// of the roll-up's two rows, A and B as in the roll-up, Δ = B − A (a rate's in points) — `e`
/// exports it, `Esc` goes back to the roll-up.
#[test]
fn two_rollup_groups_compare_side_by_side() {
    let mut a = app();
    run(&mut a, &[Action::Rollup]);
    let rollup = a.sheet.grid.clone();
    let (ra, rb) = (rollup.rows[0].clone(), rollup.rows[1].clone());
    run(&mut a, &[Action::Compare]);
    assert!(
        matches!(a.screen, Screen::Rollup { .. }),
        "c before two marks does nothing"
    );
    run(&mut a, &[Action::Mark, Action::Down, Action::Mark, Action::Compare]);
    let Screen::GroupCompare { a: ga, b: gb, .. } = a.screen.clone() else {
        panic!("{:?}", a.screen)
    };
    assert_eq!((ga.as_str(), gb.as_str()), (ra.label.as_str(), rb.label.as_str()));
    let g = a.sheet.grid.clone();
    assert_eq!(g.rows.len(), rollup.columns.len());
    for (i, row) in g.rows.iter().enumerate() {
        assert_eq!(row.label, rollup.columns[i].header);
        assert_eq!(row.cells[0].text, ra.cells[i].text, "{}", row.label);
        assert_eq!(row.cells[1].text, rb.cells[i].text, "{}", row.label);
        if let (Some(x), Some(y), Some(d)) = (ra.cells[i].value, rb.cells[i].value, row.cells[2].value) {
            assert_eq!(y.checked_sub(x), Some(d), "{}", row.label);
        }
    }
    let dir = tempfile::tempdir().expect("tmp");
    let name = a.export_name(ExportKind::CsvNoBom);
    export_view(&mut a, ExportKind::CsvNoBom, false, dir.path());
    let csv = std::fs::read_to_string(dir.path().join(&name)).expect("csv");
    assert_eq!(
        csv.lines().next(),
        Some(format!("row,A {},B {},Δ,Δ%,flags", ra.label, rb.label).as_str())
    );
    for row in &g.rows {
        assert!(csv.lines().any(|l| l.starts_with(&format!("{},", row.label))), "{csv}");
    }
    run(&mut a, &[Action::Back]);
    assert!(matches!(a.screen, Screen::Rollup { .. }));
}

/// While a directory loads, the list of what has been read is shown with how far the reading
/// is; it can be moved in, searched and marked, and what reads across reports waits. When more
/// is read, the selected report and the marks stay on their files.
#[test]
fn the_list_is_usable_while_the_directory_loads() {
    let full = library();
    let mut entries = full.entries.clone();
    // Half of the reports read so far, in another order than the library's.
    entries.reverse();
    let half: Vec<_> = entries.iter().step_by(2).cloned().collect();
    let mut partial = Library::from_entries(half.clone());
    partial.root = "sample-reports".into();
    let mut a = App::new(partial, Settings::default());
    a.settings.lang = Lang::Zh;
    a.loading = Some((half.len(), full.entries.len()));
    let zh = text(&render(&a, 80, 24));
    assert!(
        zh.contains(&format!("正在读取 {} / {} 个文件", half.len(), full.entries.len())),
        "{zh}"
    );
    // Bad files and duplicates are known only at the end: not counted meanwhile.
    assert!(
        zh.contains(&format!("已读 {} 份报告", half.len())) && !zh.contains("坏文件"),
        "{zh}"
    );
    // Move, mark, move again: the list takes the keys.
    run(&mut a, &[Action::Down, Action::Mark, Action::Down]);
    let selected = a.browse.current().map(|i| a.lib.entries[i].path.clone());
    let marked = a.browse.marks.0.map(|i| a.lib.entries[i].path.clone());
    assert!(selected.is_some() && marked.is_some() && selected != marked);
    // Opening waits, and says why.
    a.update(Action::Open);
    assert_eq!(a.screen, Screen::Browse);
    assert!(a.status.contains("仍在读取"), "{}", a.status);
    a.update(Action::Rollup);
    assert_eq!(a.screen, Screen::Browse);
    // All read: the same report is selected and marked, and it opens.
    let mut whole = library();
    whole.root = "sample-reports".into();
    a.replace_library(whole);
    a.loading = None;
    assert_eq!(a.browse.current().map(|i| a.lib.entries[i].path.clone()), selected);
    assert_eq!(a.browse.marks.0.map(|i| a.lib.entries[i].path.clone()), marked);
    assert_eq!(a.browse.visible.len(), full.entries.len());
    let shown = text(&render(&a, 80, 24));
    assert!(!shown.contains("正在读取"), "{shown}");
    a.update(Action::Open);
    assert!(matches!(a.screen, Screen::Report { .. }), "{:?}", a.screen);
}

/// A search typed while the directory loads stays, and finds what is read later.
#[test]
fn a_search_typed_while_loading_finds_reports_read_later() {
    let full = library();
    let rest: Vec<_> = full
        .entries
        .iter()
        .filter(|e| !e.agency.as_deref().unwrap_or("").contains("平潭"))
        .cloned()
        .collect();
    assert!(rest.len() < full.entries.len());
    let mut a = App::new(Library::from_entries(rest), Settings::default());
    a.loading = Some((1, 2));
    a.update(Action::Search);
    for c in "pingtan".chars() {
        a.update(Action::Input(c));
    }
    assert!(a.browse.visible.is_empty());
    a.replace_library(library());
    assert_eq!(a.browse.query, "pingtan");
    assert!(!a.browse.visible.is_empty());
    assert!(
        a.browse
            .visible
            .iter()
            .all(|&i| a.lib.entries[i].agency.as_deref().unwrap_or("").contains("平潭"))
    );
}
