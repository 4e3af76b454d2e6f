//! The one-line prompts of the status bar (search, thresholds, export format, replace a file) and
//! what a key does to an open prompt. Plain data: the app carries out the outcome.

use super::action::Action;
use super::request::ExportKind;
use crate::compare::Thresholds;

/// A one-line prompt in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// The search line (its text is the browse query).
    Search,
    /// A search of the rows of a table on screen (compare, trend, report, roll-up), as in less.
    Find(String),
    /// Thresholds being typed: `abs rel% base`.
    Thresholds(String),
    /// Choosing the export format.
    ExportFormat,
    /// The export file exists: replace it?
    Overwrite(ExportKind),
}

/// What a key does to an open prompt.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The prompt stays open (its text may have changed).
    Keep(Prompt),
    /// A character typed into the search line, or (`None`) the last one deleted.
    Search(Option<char>),
    /// The search line closes; the query stays (`open`: closed by Enter, which opens the
    /// report when it is the only one found).
    SearchDone {
        /// Enter (not Esc).
        open: bool,
    },
    /// The search line closes and the key acts as usual.
    SearchThen(Action),
    /// The row search's text changed.
    Find(String),
    /// The row search closes (Enter: `open` is whether to open the row when it is the only one).
    FindDone {
        /// The text searched.
        text: String,
        /// Enter (not Esc).
        open: bool,
    },
    /// New thresholds to apply.
    Thresholds(String),
    /// Write the export.
    Export {
        /// Format.
        kind: ExportKind,
        /// Replace an existing file.
        overwrite: bool,
    },
    /// The prompt closes with this message (a catalogue key).
    Closed(&'static str),
}

impl Prompt {
    /// What a key does to the prompt.
    pub fn step(self, action: Action) -> Step {
        match (self, action) {
            (Prompt::Search, Action::Input(c)) => Step::Search(Some(c)),
            (Prompt::Search, Action::Backspace) => Step::Search(None),
            (Prompt::Search, Action::Open) => Step::SearchDone { open: true },
            (Prompt::Search, Action::Back) => Step::SearchDone { open: false },
            (Prompt::Search, other) => Step::SearchThen(other),
            (Prompt::Find(mut text), Action::Input(c)) => {
                text.push(c);
                Step::Find(text)
            }
            (Prompt::Find(mut text), Action::Backspace) => {
                text.pop();
                Step::Find(text)
            }
            (Prompt::Find(text), Action::Open) => Step::FindDone { text, open: true },
            (Prompt::Find(text), _) => Step::FindDone { text, open: false },
            (Prompt::Thresholds(mut text), Action::Input(c)) => {
                text.push(c);
                Step::Keep(Prompt::Thresholds(text))
            }
            (Prompt::Thresholds(mut text), Action::Backspace) => {
                text.pop();
                Step::Keep(Prompt::Thresholds(text))
            }
            (Prompt::Thresholds(text), Action::Open) => Step::Thresholds(text),
            (Prompt::Thresholds(_), _) => Step::Closed("status.thresholds_unchanged"),
            (Prompt::ExportFormat, Action::Input(c)) => match c {
                'c' => Step::Export {
                    kind: ExportKind::Csv,
                    overwrite: false,
                },
                'u' => Step::Export {
                    kind: ExportKind::CsvNoBom,
                    overwrite: false,
                },
                'x' => Step::Export {
                    kind: ExportKind::Xlsx,
                    overwrite: false,
                },
                _ => Step::Closed("status.export_cancelled"),
            },
            (Prompt::ExportFormat, Action::Open) => Step::Export {
                kind: ExportKind::Csv,
                overwrite: false,
            },
            (Prompt::ExportFormat, _) => Step::Closed("status.export_cancelled"),
            (Prompt::Overwrite(kind), Action::Input('y')) => Step::Export { kind, overwrite: true },
            (Prompt::Overwrite(_), _) => Step::Closed("status.not_replaced"),
        }
    }
}

/// Reads `abs rel% base` (three numbers ≥ 0) into thresholds.
pub fn parse_thresholds(text: &str) -> Option<Thresholds> {
    let nums: Vec<Option<f64>> = text
        .split_whitespace()
        .map(|w| {
            w.trim_end_matches('%')
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0)
        })
        .collect();
    match nums.as_slice() {
        [Some(abs), Some(rel), Some(base)] => Some(Thresholds {
            min_abs: *abs,
            min_rel: rel / 100.0,
            min_base: *base,
        }),
        _ => None,
    }
}

/// Thresholds as the prompt shows them (what [`parse_thresholds`] reads back).
pub fn thresholds_text(t: &Thresholds) -> String {
    format!("{} {}% {}", t.min_abs, t.min_rel * 100.0, t.min_base)
}
