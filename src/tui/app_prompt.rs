//! What a key does while a prompt (search, find, thresholds, export, overwrite) is open.

use super::app::{Action, App, Prompt, Screen};
use super::prompt::{Step, parse_thresholds, thresholds_text};
use super::request::{ExportKind, Request};
use crate::tr;

impl App {
    /// A key while a prompt is open; returns the action to carry on with, if any.
    pub(super) fn prompt_step(&mut self, prompt: Prompt, action: Action) -> Option<Action> {
        match prompt.step(action) {
            Step::Keep(p) => self.prompt = Some(p),
            Step::Search(c) => {
                self.browse.type_search(&self.lib, c);
                self.prompt = Some(Prompt::Search);
            }
            Step::SearchDone { open } => {
                if open && self.browse.visible.len() == 1 && !self.browse.query.is_empty() {
                    return Some(Action::Open);
                }
            }
            Step::Find(text) => {
                let n = self.sheet.find(&text);
                self.status = self.find_status(&text, n);
                self.prompt = Some(Prompt::Find(text));
            }
            Step::FindDone { text, open } => {
                let n = self.sheet.matching_rows(&text).len();
                self.status = self.find_status(&text, n);
                if open && n == 1 {
                    return Some(Action::Open);
                }
            }
            Step::SearchThen(action) => return Some(action),
            Step::Thresholds(text) => match parse_thresholds(&text) {
                Some(t) => {
                    self.settings.thresholds = t;
                    if let Screen::Compare { table, .. } = self.screen {
                        self.reopen(table, None);
                    }
                    if let Screen::Changes { year } = self.screen {
                        self.open_changes(year);
                    }
                    if let Screen::GroupCompare { by, a, b } = self.screen.clone() {
                        self.open_group_compare(by, &a, &b);
                    }
                    self.status = tr!(
                        self.settings.lang,
                        "status.thresholds_set",
                        abs = t.min_abs,
                        rel = t.min_rel * 100.0,
                        base = t.min_base
                    );
                }
                None => self.status = tr!(self.settings.lang, "status.thresholds_bad", text = text),
            },
            Step::Export { kind, overwrite } => self.request = Some(Request::Export { kind, overwrite }),
            Step::Closed(key) => self.status = self.settings.lang.tr(key).into_owned(),
        }
        None
    }

    /// What the row search found.
    fn find_status(&self, text: &str, n: usize) -> String {
        if text.trim().is_empty() {
            String::new()
        } else {
            tr!(self.settings.lang, "status.found_rows", text = text, n = n)
        }
    }

    /// The thresholds as the prompt shows them.
    pub fn thresholds_text(&self) -> String {
        thresholds_text(&self.settings.thresholds)
    }

    /// The file shown for an export request that found the file existing.
    pub fn ask_overwrite(&mut self, kind: ExportKind, name: &str) {
        self.prompt = Some(Prompt::Overwrite(kind));
        self.status = tr!(self.settings.lang, "status.exists", name = name);
    }
}
