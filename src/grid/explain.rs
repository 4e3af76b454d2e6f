//! Why a cell is flagged, in words: the view-model of the detail view (`Enter` on a flagged cell
//! or on a line of the findings list). For a rule: its name and what it requires, what the
//! report says (the formula with its numbers), and each cell involved with its label, value,
//! the text as printed and where it was read; for a cross-year rule the cells of last year's
//! report too. For a large change: both values, Δ, Δ% and the thresholds that made it large.
//!
//! Everything here is text for people, in the view's language; paths stay whole (the screen
//! shortens them from the left to fit), and numbers are never cut.

use crate::compare::{Change, Thresholds, delta};
use crate::i18n::Lang;
use crate::model::catalog::{t2_col_label, t2_row_label};
use crate::model::{CellState, KeyId, Location, Num, Report, catalog};
use crate::rules::{Finding, RuleId, Severity, rule_requires, rule_title, template_name};
use crate::tr;

/// At most this many cells are listed for one finding: a sum's parts (up to 22), but only a few
/// of a table's blank cells (they can be 140, and the message names their rows).
fn max_figures(rule: RuleId) -> usize {
    if rule == RuleId::BlankCells { 5 } else { 24 }
}

/// What a section explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// A rule's finding, by severity.
    Rule(Severity),
    /// A large change between two reports.
    Change(Change),
}

/// One item of a section.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A labelled paragraph (`要求`, `情况`).
    Para {
        /// The label.
        label: String,
        /// The text (wrapped by the screen).
        text: String,
    },
    /// A cell involved.
    Figure {
        /// Whose cell: `A`, `B`, `上年` or empty.
        who: String,
        /// The cell's label in the report's words.
        label: String,
        /// Its value (`?` unreadable, `-` blank).
        value: String,
        /// The text as printed, when it differs from the value.
        raw: Option<String>,
        /// Where it was read: file and place.
        from: Option<Place>,
    },
    /// A line of its own.
    Note(String),
}

/// Where a figure was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The file (whole; shortened from the left on screen).
    pub path: String,
    /// Line, cell or page, in words.
    pub at: Option<String>,
}

/// One flag explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// What it is.
    pub flag: Flag,
    /// Its title (`错误 · 勾稽关系 (t2_col_balance)`).
    pub title: String,
    /// What it says.
    pub items: Vec<Item>,
}

/// Everything said about one cell or one finding.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Explanation {
    /// Its heading (the cell, or the finding's report).
    pub heading: String,
    /// The figures of the cell (with where they were read).
    pub figures: Vec<Item>,
    /// One section per flag.
    pub sections: Vec<Section>,
}

/// A place in a file, in words.
pub fn location_text(at: &Location, lang: Lang) -> String {
    match at {
        Location::Cell { table, row, col } => tr!(lang, "explain.at_cell", table = table, row = row, col = col),
        Location::Page { page, .. } => tr!(lang, "explain.at_page", page = page),
        Location::Line { line, col: None } => tr!(lang, "explain.at_line", line = line),
        Location::Line { line, col: Some(c) } => tr!(lang, "explain.at_line_col", line = line, col = c),
    }
}

/// A report's figure as a detail item.
pub fn figure(who: &str, key: KeyId, r: Option<&Report>, lang: Lang) -> Item {
    let tpl = r.map_or(crate::model::Template::Tpl2021, |r| r.meta.template);
    let label = key.label(tpl);
    let Some(r) = r else {
        return Item::Figure {
            who: who.to_string(),
            label,
            value: lang.tr("explain.not_loaded").into_owned(),
            raw: None,
            from: None,
        };
    };
    let Some(fig) = r.figures.get(key) else {
        return Item::Figure {
            who: who.to_string(),
            label,
            value: lang.tr("pane.not_in_report").into_owned(),
            raw: None,
            from: Some(Place {
                path: r.meta.source.path.clone(),
                at: None,
            }),
        };
    };
    let value = match (fig.value, fig.state) {
        (Some(v), _) => v.to_string(),
        (None, CellState::Unknown) => "?".to_string(),
        (None, _) => "-".to_string(),
    };
    let raw = fig.raw.clone().filter(|raw| !raw.trim().is_empty() && *raw != value);
    let mut at = fig.at.as_ref().map(|a| location_text(a, lang));
    if let Some(note) = &fig.note {
        let note = note_text(note, lang);
        at = Some(match at {
            Some(a) => format!("{a} · {note}"),
            None => note,
        });
    }
    Item::Figure {
        who: who.to_string(),
        label,
        value,
        raw,
        from: Some(Place {
            path: r.meta.source.path.clone(),
            at,
        }),
    }
}

/// A named cell that is not a canonical key: a group row's printed value (`t2.denied.total`) or
/// a field of the report's metadata.
fn other_item(who: &str, name: &str, r: Option<&Report>, lang: Lang) -> Item {
    let meta = r.map(|r| &r.meta);
    let (label, value) = match name {
        "meta.year" => (
            lang.tr("list.year").into_owned(),
            meta.and_then(|m| m.year).map_or("?".into(), |y| y.to_string()),
        ),
        "meta.template" => (
            lang.tr("list.tpl").into_owned(),
            meta.map_or("?".into(), |m| template_name(m.template, lang)),
        ),
        "meta.published" => (
            lang.tr("explain.published").into_owned(),
            meta.and_then(|m| m.published.clone()).unwrap_or_else(|| "?".into()),
        ),
        _ => {
            let mut parts = name.splitn(3, '.');
            let (_, group, col) = (parts.next(), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let tpl = meta.map_or(crate::model::Template::Tpl2021, |m| m.template);
            let printed = r
                .and_then(|r| r.extra_rows.iter().find(|e| e.group.as_deref() == Some(group)))
                .and_then(|e| {
                    let i = crate::model::catalog::T2_COLS.iter().position(|c| c.key == col)?;
                    e.read.get(i).copied().flatten()
                });
            (
                format!("{}/{}", t2_row_label(group, tpl), t2_col_label(col)),
                printed.map_or("?".into(), |v| v.to_string()),
            )
        }
    };
    Item::Figure {
        who: who.to_string(),
        label,
        value,
        raw: None,
        from: r.map(|r| Place {
            path: r.meta.source.path.clone(),
            at: None,
        }),
    }
}

/// The cell of last year's report a cross-year rule compares a cell with.
fn counterpart(rule: RuleId, key: KeyId) -> Option<KeyId> {
    let d = key.def();
    let name = match (rule, d.row, d.col) {
        (RuleId::XyCarry, "carried_in", col) => format!("t2.carried_out.{col}"),
        (RuleId::XyInForce, row, "in_force") => format!("t1.art20_1.{row}.in_force"),
        (RuleId::XyItems2019, _, "prev_year_items") => d.name.clone(),
        _ => return None,
    };
    catalog().id(&name)
}

/// The section of one finding. `report` is the report it belongs to (read in full, when it
/// is); `previous` last year's report of the same agency, for the cross-year rules; `who` says
/// whose it is on a compare screen (`A`, `B`).
pub fn finding(f: &Finding, report: Option<&Report>, previous: Option<&Report>, who: &str, lang: Lang) -> Section {
    let level = lang.tr(&format!("severity.{}", f.severity.as_str()));
    let title = format!("{level} · {} ({})", rule_title(f.rule, lang), f.rule.as_str());
    let mut items = vec![
        Item::Para {
            label: lang.tr("explain.requires").into_owned(),
            text: rule_requires(f.rule, lang),
        },
        Item::Para {
            label: lang.tr("explain.found").into_owned(),
            text: f.text(lang),
        },
    ];
    let cross_year = matches!(f.rule, RuleId::XyCarry | RuleId::XyInForce | RuleId::XyItems2019);
    let last_year = lang.tr("explain.last_year").into_owned();
    let max = max_figures(f.rule);
    for name in f.keys.iter().take(max) {
        match catalog().id(name) {
            Some(k) => {
                items.push(figure(who, k, report, lang));
                if cross_year && let Some(p) = counterpart(f.rule, k) {
                    let whose = format!("{who}{last_year}");
                    items.push(figure(&whose, p, previous, lang));
                }
            }
            None => items.push(other_item(who, name, report, lang)),
        }
    }
    if f.keys.len() > max {
        items.push(Item::Note(tr!(lang, "explain.more_cells", n = f.keys.len() - max)));
    }
    if cross_year && previous.is_none() {
        items.push(Item::Note(lang.tr("explain.previous_unknown").into_owned()));
    }
    Section {
        flag: Flag::Rule(f.severity),
        title,
        items,
    }
}

/// The section of a large change between A and B.
pub fn change(label: &str, a: Option<Num>, b: Option<Num>, change: Change, t: &Thresholds, lang: Lang) -> Section {
    let (d, pct) = delta(a, b);
    let show = |v: Option<Num>| v.map_or("-".to_string(), |v| v.to_string());
    let word = match change {
        Change::Increase => lang.tr("pane.increase"),
        Change::Decrease => lang.tr("pane.decrease"),
    };
    let pct_text = pct.map_or("-".to_string(), |p| format!("{p:+.1}%"));
    Section {
        flag: Flag::Change(change),
        title: format!("{word} · {label}"),
        items: vec![
            Item::Para {
                label: lang.tr("explain.found").into_owned(),
                text: tr!(
                    lang,
                    "explain.change",
                    a = show(a),
                    b = show(b),
                    delta = show(d),
                    pct = pct_text
                ),
            },
            Item::Para {
                label: lang.tr("explain.thresholds").into_owned(),
                text: tr!(
                    lang,
                    "explain.threshold_rule",
                    abs = t.min_abs,
                    rel = t.min_rel * 100.0,
                    base = t.min_base
                ),
            },
        ],
    }
}

/// Every number written in an explanation (for the test that none is cut on screen).
pub fn numbers(e: &Explanation) -> Vec<String> {
    let mut texts = vec![e.heading.clone()];
    let mut items: Vec<&Item> = e.figures.iter().collect();
    for s in &e.sections {
        texts.push(s.title.clone());
        items.extend(s.items.iter());
    }
    for i in items {
        match i {
            Item::Para { text, .. } | Item::Note(text) => texts.push(text.clone()),
            Item::Figure { value, raw, .. } => {
                texts.push(value.clone());
                texts.extend(raw.clone());
            }
        }
    }
    let mut out = Vec::new();
    for t in texts {
        let mut cur = String::new();
        for c in t.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) {
                cur.push(c);
            } else if !cur.is_empty() {
                out.push(cur.trim_end_matches('.').to_string());
                cur.clear();
            }
        }
    }
    out
}

/// The notes ingest writes on figures, as patterns with the catalogue entry that words them
/// (`note.*`); a capture group is the entry's `%{a}`, a second one `%{b}`.
const NOTES: [(&str, &str); 15] = [
    (r"^split from run-together digits$", "note.split"),
    (
        r"^run-together digits `(.*)` do not split uniquely$",
        "note.split_ambiguous",
    ),
    (
        r"^(\d+) readings of the row's values fit the table's sums and differ in this cell$",
        "note.readings_differ",
    ),
    (
        r"^position decided by the table's sums \((\d+) values printed for (\d+) columns\)$",
        "note.position_by_sums",
    ),
    (
        r"^placed by the table's sums, which every reading of the row agrees on here$",
        "note.readings_agree",
    ),
    (
        r"^printed once for (\d+) equal cells in a row \(the source merges repeated lines\)$",
        "note.repeated",
    ),
    (
        r"^one number printed over (\d+) lines \((.*)\), joined by the table's sums$",
        "note.joined",
    ),
    (r"^empty at this column's position$", "note.empty_column"),
    (r"^row values could not be placed$", "note.not_placed"),
    (r"^unreadable cell `(.*)`$", "note.unreadable"),
    (r"^no values found$", "note.no_values"),
    (r"^row not found$", "note.row_not_found"),
    (r"^converted from 元 to 万元$", "note.yuan"),
    (
        r"^converted from 元 \(the column's header\) to 万元$",
        "note.yuan_header",
    ),
    (
        r"^its numbers stand on the line before its label \(text taken from a PDF\)$",
        "note.moved_in",
    ),
];

static NOTE_PATTERNS: std::sync::LazyLock<Vec<(regex::Regex, &'static str)>> = std::sync::LazyLock::new(|| {
    NOTES
        .iter()
        .filter_map(|(p, key)| regex::Regex::new(p).ok().map(|re| (re, *key)))
        .collect()
});

/// A figure's note in the reader's language: each `; `-separated part ingest wrote, worded from
/// the catalogue; a part this build does not know (a file parsed by another version) as written.
pub fn note_text(note: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return note.to_string();
    }
    note.split("; ")
        .map(|part| {
            NOTE_PATTERNS
                .iter()
                .find_map(|(re, key)| {
                    re.captures(part).map(|c| {
                        let arg = |i: usize| c.get(i).map_or("", |m| m.as_str());
                        // The key is one of `NOTES`' (checked against the catalogue below).
                        crate::i18n::fill(&lang.tr(key), &[("a", arg(1).to_string()), ("b", arg(2).to_string())])
                    })
                })
                .unwrap_or_else(|| part.to_string())
        })
        .collect::<Vec<_>>()
        .join(NOTE_SEPARATOR)
}

/// Between the parts of a note in Chinese.
const NOTE_SEPARATOR: &str = "；";

#[cfg(test)]
mod note_tests {
    use super::*;

    #[test]
    fn every_note_ingest_writes_reads_in_chinese() {
        let notes = [
            "split from run-together digits",
            "run-together digits `1900020` do not split uniquely",
            "2 readings of the row's values fit the table's sums and differ in this cell",
            "position decided by the table's sums (5 values printed for 7 columns); placed by the table's sums, which every reading of the row agrees on here",
            "printed once for 3 equal cells in a row (the source merges repeated lines)",
            "one number printed over 2 lines (`12` `3`), joined by the table's sums",
            "empty at this column's position",
            "row values could not be placed",
            "unreadable cell `12-3`",
            "no values found",
            "row not found",
            "converted from 元 to 万元",
            "converted from 元 (the column's header) to 万元",
            "its numbers stand on the line before its label (text taken from a PDF)",
        ];
        for n in notes {
            let zh = note_text(n, Lang::Zh);
            assert!(!zh.chars().any(|c| c.is_ascii_lowercase()), "{n} → {zh}");
            assert_eq!(note_text(n, Lang::En), n);
        }
        assert_eq!(note_text("something new", Lang::Zh), "something new");
        for (_, key) in NOTES {
            assert!(!Lang::Zh.tr(key).contains("note."), "{key} is in the catalogue");
        }
        assert!(note_text("run-together digits `1900020` do not split uniquely", Lang::Zh).contains("1900020"));
    }
}
