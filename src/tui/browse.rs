//! The browse list: filters, sort order, and how the visible list is computed from the search.

use super::app::{App, Screen};
use crate::model::agency::Level;

/// Browse filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Only this year.
    pub year: Option<u16>,
    /// Only this province.
    pub province: Option<String>,
    /// Only this level.
    pub level: Option<Level>,
    /// Only reports with errors.
    pub errors: bool,
}

impl Filter {
    /// Whether any filter is on.
    pub fn active(&self) -> bool {
        *self != Filter::default()
    }

    /// What is filtered, for the header.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(y) = self.year {
            parts.push(y.to_string());
        }
        if let Some(p) = &self.province {
            parts.push(p.clone());
        }
        if let Some(l) = self.level {
            parts.push(l.as_str().to_string());
        }
        if self.errors {
            parts.push("has errors".into());
        }
        parts.join(", ")
    }
}

/// Browse order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Search relevance, else the library's order (agency groups, years).
    #[default]
    Default,
    /// Year, newest first.
    Year,
    /// Most errors first.
    Errors,
    /// Most warnings first.
    Warnings,
    /// By province, then agency.
    Province,
}

impl Sort {
    pub(super) fn next(self) -> Sort {
        match self {
            Sort::Default => Sort::Year,
            Sort::Year => Sort::Errors,
            Sort::Errors => Sort::Warnings,
            Sort::Warnings => Sort::Province,
            Sort::Province => Sort::Default,
        }
    }

    /// Its name.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Default => "agency",
            Sort::Year => "year",
            Sort::Errors => "errors",
            Sort::Warnings => "warnings",
            Sort::Province => "province",
        }
    }
}

pub(super) fn cycle<T: Clone + PartialEq>(options: &[T], current: &Option<T>) -> Option<T> {
    match current {
        None => options.first().cloned(),
        Some(c) => options
            .iter()
            .position(|o| o == c)
            .and_then(|p| options.get(p + 1))
            .cloned(),
    }
}

impl App {
    /// The summary line of the library.
    pub fn summary(&self) -> String {
        format!(
            "{} reports · {} agencies · {} bad files · {} duplicates",
            self.lib.entries.len(),
            self.lib.groups.len(),
            self.lib.errors.len(),
            self.lib.duplicates.len()
        )
    }

    /// The entry under the cursor in the list.
    pub fn current(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Recomputes the list; `keep` keeps the selected report selected (filters, sorting), else the
    /// best match is selected (a new search).
    pub(super) fn refilter_keep(&mut self, keep: bool) {
        let base: Vec<usize> = if self.query.trim().is_empty() {
            (0..self.lib.entries.len()).collect()
        } else {
            self.lib.find(&self.query)
        };
        let f = &self.filter;
        let mut visible: Vec<usize> = base
            .into_iter()
            .filter(|&i| {
                self.lib.entries.get(i).is_some_and(|e| {
                    f.year.is_none_or(|y| e.year == Some(y))
                        && f.province.as_deref().is_none_or(|p| e.province.as_deref() == Some(p))
                        && f.level.is_none_or(|l| e.level == Some(l))
                        && (!f.errors || e.errors > 0)
                })
            })
            .collect();
        let entries = &self.lib.entries;
        match self.sort {
            Sort::Default => {}
            Sort::Year => visible.sort_by_key(|&i| std::cmp::Reverse(entries.get(i).and_then(|e| e.year))),
            Sort::Errors => visible.sort_by_key(|&i| std::cmp::Reverse(entries.get(i).map(|e| e.errors))),
            Sort::Warnings => visible.sort_by_key(|&i| std::cmp::Reverse(entries.get(i).map(|e| e.warnings))),
            Sort::Province => visible.sort_by(|&x, &y| {
                let key = |i: usize| entries.get(i).map(|e| (e.province.as_deref(), e.agency.as_deref()));
                key(x).cmp(&key(y))
            }),
        }
        let keep = if keep { self.current() } else { None };
        self.visible = visible;
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
    }

    pub(super) fn refilter(&mut self) {
        self.refilter_keep(true);
    }

    pub(super) fn distinct<T: Ord + Clone>(&self, f: impl Fn(&crate::library::Entry) -> Option<T>) -> Vec<T> {
        let mut v: Vec<T> = self.lib.entries.iter().filter_map(f).collect();
        v.sort();
        v.dedup();
        v
    }

    pub(super) fn browse_filtered(&mut self) {
        self.screen = Screen::Browse;
        self.refilter();
        self.status = if self.filter.active() {
            format!("filter: {} ({} reports)", self.filter.describe(), self.visible.len())
        } else {
            "no filter".into()
        };
    }
}
