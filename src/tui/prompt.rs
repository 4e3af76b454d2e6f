//! The one-line prompts of the status bar: search, thresholds, export format, replace a file.

use super::app::{Action, App, ExportKind, Request, Screen};

/// A one-line prompt in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// The search line.
    Search,
    /// Thresholds being typed: `abs rel% base`.
    Thresholds(String),
    /// Choosing the export format.
    ExportFormat,
    /// The export file exists: replace it?
    Overwrite(ExportKind),
}

impl App {
    pub(super) fn prompt_input(&mut self, prompt: Prompt, action: Action) {
        match (prompt, action) {
            (Prompt::Search, Action::Input(c)) => {
                self.query.push(c);
                self.refilter_keep(false);
                self.prompt = Some(Prompt::Search);
            }
            (Prompt::Search, Action::Backspace) => {
                self.query.pop();
                self.refilter_keep(false);
                self.prompt = Some(Prompt::Search);
            }
            (Prompt::Search, _) => {}
            (Prompt::Thresholds(mut text), Action::Input(c)) => {
                text.push(c);
                self.prompt = Some(Prompt::Thresholds(text));
            }
            (Prompt::Thresholds(mut text), Action::Backspace) => {
                text.pop();
                self.prompt = Some(Prompt::Thresholds(text));
            }
            (Prompt::Thresholds(text), Action::Open) => self.set_thresholds(&text),
            (Prompt::Thresholds(_), _) => self.status = "thresholds unchanged".into(),
            (Prompt::ExportFormat, Action::Input(c)) => {
                let kind = match c {
                    'c' => Some(ExportKind::Csv),
                    'u' => Some(ExportKind::CsvNoBom),
                    'x' => Some(ExportKind::Xlsx),
                    _ => None,
                };
                match kind {
                    Some(kind) => {
                        self.request = Some(Request::Export { kind, overwrite: false });
                    }
                    None => self.status = "export cancelled".into(),
                }
            }
            (Prompt::ExportFormat, Action::Open) => {
                self.request = Some(Request::Export {
                    kind: ExportKind::Csv,
                    overwrite: false,
                });
            }
            (Prompt::ExportFormat, _) => self.status = "export cancelled".into(),
            (Prompt::Overwrite(kind), Action::Input('y')) => {
                self.request = Some(Request::Export { kind, overwrite: true });
            }
            (Prompt::Overwrite(_), _) => self.status = "not replaced".into(),
        }
    }

    fn set_thresholds(&mut self, text: &str) {
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
            [Some(abs), Some(rel), Some(base)] => {
                self.settings.thresholds.min_abs = *abs;
                self.settings.thresholds.min_rel = rel / 100.0;
                self.settings.thresholds.min_base = *base;
                if let Screen::Compare { table, .. } = self.screen {
                    self.reopen(table, None);
                }
                self.status = format!("large change: |Δ| ≥ {abs} and |Δ%| ≥ {rel}% (bases ≥ {base})");
            }
            _ => self.status = format!("thresholds need three numbers ≥ 0, `abs rel% base`: {text}"),
        }
    }

    /// The thresholds as the prompt shows them.
    pub fn thresholds_text(&self) -> String {
        let t = self.settings.thresholds;
        format!("{} {}% {}", t.min_abs, t.min_rel * 100.0, t.min_base)
    }

    /// The file shown for an export request that found the file existing.
    pub fn ask_overwrite(&mut self, kind: ExportKind, name: &str) {
        self.prompt = Some(Prompt::Overwrite(kind));
        self.status = format!("{name} exists: y replaces it, any other key keeps it");
    }
}
