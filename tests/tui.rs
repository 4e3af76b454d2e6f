//! The explorer without a terminal: state driven by actions, screens rendered to ratatui's
//! TestBackend (text snapshots at 80x24 and 120x40, colours asserted on cells, tiny sizes).

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;
use xxgk::library::{Library, Options};
use xxgk::model::TableId;
use xxgk::tui::app::{Action, App, Screen};
use xxgk::tui::view::draw;

fn app() -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports");
    let opts = Options {
        use_cache: false,
        cache_dir: None,
    };
    let mut lib = Library::load(&root, &opts, &|_, _| {});
    // Stable paths for snapshots.
    for e in &mut lib.entries {
        if let Ok(rel) = Path::new(&*e.path).strip_prefix(&root) {
            e.path = rel.display().to_string().into();
        }
    }
    App::new(lib)
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
    // Esc on the list clears the previous search.
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::Search);
    for c in q.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Open);
}

#[test]
fn pinyin_search_then_previous_year_comparison() {
    let mut a = app();
    search(&mut a, "ky");
    let first = a
        .current()
        .and_then(|i| a.lib.entries.get(i))
        .and_then(|e| e.agency.clone());
    assert_eq!(first.as_deref(), Some("开原市人民政府"));
    search(&mut a, "pingtan");
    run(&mut a, &[Action::Bottom, Action::ComparePrevious]);
    let Screen::Compare {
        a: ia, b: ib, table, ..
    } = a.screen.clone()
    else {
        panic!("not comparing")
    };
    let year = |i: usize| a.lib.entries.get(i).and_then(|e| e.year);
    assert_eq!((year(ia), year(ib), table), (Some(2022), Some(2023), TableId::T2));
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
fn mark_a_and_b_then_compare() {
    let mut a = app();
    run(&mut a, &[Action::Compare]);
    assert!(a.status.contains("mark two"));
    search(&mut a, "anshan");
    run(&mut a, &[Action::Mark, Action::Down, Action::Mark, Action::Compare]);
    assert!(matches!(a.screen, Screen::Compare { .. }));
    let g = a.grid.as_ref().expect("grid");
    let row = g
        .rows
        .iter()
        .find(|r| r.label.starts_with("一、本年新收"))
        .expect("row");
    assert!(row.cells.iter().any(|c| c.text.contains("t2_col_balance")) || row.cells.iter().all(|c| c.rule.is_none()));
    let flagged = |a: &App| {
        a.grid.as_ref().is_some_and(|g| {
            g.rows
                .iter()
                .any(|r| r.cells.iter().any(|c| c.text.contains("t2_col_balance")))
        })
    };
    run(&mut a, &[Action::NextColumn]);
    assert!(!flagged(&a), "自然人 balances");
    run(&mut a, &[Action::NextColumn]);
    assert!(flagged(&a), "商业企业 does not: the failing cells carry the rule id");
}

#[test]
fn screens_snapshot() {
    let mut a = app();
    insta::assert_snapshot!("browse-80x24", text(&render(&a, 80, 24)));
    insta::assert_snapshot!("browse-120x40", text(&render(&a, 120, 40)));
    search(&mut a, "pingtan");
    run(&mut a, &[Action::Bottom, Action::ComparePrevious]);
    insta::assert_snapshot!("compare-80x24", text(&render(&a, 80, 24)));
    insta::assert_snapshot!("compare-120x40", text(&render(&a, 120, 40)));
    run(&mut a, &[Action::Back, Action::Open]);
    insta::assert_snapshot!("report-80x24", text(&render(&a, 80, 24)));
    run(&mut a, &[Action::Back, Action::Help]);
    insta::assert_snapshot!("help-80x24", text(&render(&a, 80, 24)));
}

#[test]
fn colours_mark_errors_and_large_changes() {
    let mut a = app();
    search(&mut a, "anshan");
    let b = render(&a, 80, 24);
    // Row 2 is the first 鞍山 report, which has errors: drawn in red.
    assert_eq!(b[(5, 2)].fg, Color::Red);
    search(&mut a, "pingtan");
    run(&mut a, &[Action::Bottom, Action::ComparePrevious]);
    let b = render(&a, 80, 24);
    let t = text(&b);
    let y = t.lines().position(|l| l.starts_with("（二）部分公开")).expect("row") as u16;
    let line = t.lines().nth(usize::from(y)).unwrap_or("");
    assert!(line.contains("UP"), "the flag reads without colour: {line}");
    assert!(
        (0..80).any(|x| b[(x, y)].fg == Color::Blue),
        "and the Δ of a large increase is blue"
    );
}

#[test]
fn tiny_sizes_never_panic() {
    let mut a = app();
    search(&mut a, "pingtan");
    for screen in 0..3 {
        for w in 0..=40 {
            for h in 0..=12 {
                let _ = render(&a, w, h);
            }
        }
        match screen {
            0 => run(&mut a, &[Action::Bottom, Action::ComparePrevious]),
            _ => run(&mut a, &[Action::Back, Action::Open]),
        }
    }
    let small = text(&render(&a, 30, 8));
    assert!(small.contains("needs at least 40x10"), "{small}");
}
