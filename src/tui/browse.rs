//! The browse screen's state: the search, filters, sort order, the visible list, its selection
//! and the marks, and what the browse actions do to them. It reads the library and knows nothing
//! of the other screens: opening and comparing are the app's business.

use super::action::Action;
use crate::i18n::Lang;
use crate::library::{Entry, Library};
use crate::model::agency::Level;
use crate::tr;

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
    pub fn describe(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(y) = self.year {
            parts.push(y.to_string());
        }
        if let Some(p) = &self.province {
            parts.push(p.clone());
        }
        if let Some(l) = self.level {
            parts.push(lang.tr(&format!("level.{}", l.as_str())).into_owned());
        }
        if self.errors {
            parts.push(lang.tr("browse.has_errors").into_owned());
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
    fn next(self) -> Sort {
        match self {
            Sort::Default => Sort::Year,
            Sort::Year => Sort::Errors,
            Sort::Errors => Sort::Warnings,
            Sort::Warnings => Sort::Province,
            Sort::Province => Sort::Default,
        }
    }

    /// What the header says (`sort.NAME` in the catalogue).
    pub fn label(self, lang: Lang) -> String {
        lang.tr(&format!("sort.{}", self.as_str())).into_owned()
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

fn cycle<T: Clone + PartialEq>(options: &[T], current: &Option<T>) -> Option<T> {
    match current {
        None => options.first().cloned(),
        Some(c) => options
            .iter()
            .position(|o| o == c)
            .and_then(|p| options.get(p + 1))
            .cloned(),
    }
}

fn distinct<T: Ord + Clone>(lib: &Library, f: impl Fn(&Entry) -> Option<T>) -> Vec<T> {
    let mut v: Vec<T> = lib.entries.iter().filter_map(f).collect();
    v.sort();
    v.dedup();
    v
}

/// The browse screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Browse {
    /// The search text.
    pub query: String,
    /// Filters.
    pub filter: Filter,
    /// Order.
    pub sort: Sort,
    /// Entries shown in the list, in order.
    pub visible: Vec<usize>,
    /// Selected row of the list.
    pub selected: usize,
    /// Marked A and B.
    pub marks: (Option<usize>, Option<usize>),
}

/// What a browse action asks of the app besides changing the list.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Nothing more.
    Done,
    /// Show this in the status bar.
    Status(String),
    /// Nothing to do on this screen: the app may handle the action.
    Ignored,
}

impl Browse {
    /// The list of a library, unfiltered.
    pub fn new(lib: &Library) -> Browse {
        let mut b = Browse::default();
        b.refilter(lib, true);
        b
    }

    /// The same list over another library holding the same reports and more (a directory read
    /// further): the selected report and the marks follow their files.
    pub fn rebase(&mut self, old: &Library, new: &Library) {
        let index: std::collections::HashMap<&str, usize> =
            new.entries.iter().enumerate().map(|(i, e)| (&*e.path, i)).collect();
        let map = |i: Option<usize>| {
            i.and_then(|i| old.entries.get(i))
                .and_then(|e| index.get(&*e.path).copied())
        };
        let current = map(self.current());
        self.marks = match (map(self.marks.0), map(self.marks.1)) {
            (None, b) => (b, None),
            ab => ab,
        };
        let row = self.selected;
        self.refilter(new, false);
        self.selected = current
            .and_then(|c| self.visible.iter().position(|&i| i == c))
            .unwrap_or(row.min(self.visible.len().saturating_sub(1)));
    }

    /// The entry under the cursor in the list.
    pub fn current(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Recomputes the list; `keep` keeps the selected report selected (filters, sorting), else the
    /// best match is selected (a new search).
    pub fn refilter(&mut self, lib: &Library, keep: bool) {
        let base: Vec<usize> = if self.query.trim().is_empty() {
            (0..lib.entries.len()).collect()
        } else {
            lib.find(&self.query)
        };
        let f = &self.filter;
        let entries = &lib.entries;
        let mut visible: Vec<usize> = base
            .into_iter()
            .filter(|&i| {
                entries.get(i).is_some_and(|e| {
                    f.year.is_none_or(|y| e.year == Some(y))
                        && f.province.as_deref().is_none_or(|p| e.province.as_deref() == Some(p))
                        && f.level.is_none_or(|l| e.level == Some(l))
                        && (!f.errors || e.errors > 0)
                })
            })
            .collect();
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

    /// A character typed into the search line (`None`: the last one deleted).
    pub fn type_search(&mut self, lib: &Library, c: Option<char>) {
        match c {
            Some(c) => self.query.push(c),
            None => {
                self.query.pop();
            }
        }
        self.refilter(lib, false);
    }

    fn filtered(&mut self, lib: &Library, lang: Lang) -> Outcome {
        self.refilter(lib, true);
        Outcome::Status(if self.filter.active() {
            tr!(
                lang,
                "status.filter",
                what = self.filter.describe(lang),
                n = self.visible.len()
            )
        } else {
            lang.tr("status.no_filter").into_owned()
        })
    }

    /// Applies a browse action (the filters and the sort apply from any screen; the app shows
    /// the list afterwards).
    pub fn update(&mut self, lib: &Library, action: Action, lang: Lang) -> Outcome {
        if let Some(delta) = action.rows() {
            let max = self.visible.len().saturating_sub(1);
            self.selected = self.selected.saturating_add_signed(delta).min(max);
            return Outcome::Done;
        }
        match action {
            Action::Back if !self.query.is_empty() => {
                self.query.clear();
                self.refilter(lib, true);
                Outcome::Done
            }
            Action::Back if self.filter.active() => {
                self.filter = Filter::default();
                self.refilter(lib, true);
                Outcome::Status(lang.tr("status.filters_cleared").into_owned())
            }
            Action::Back => Outcome::Done,
            Action::Mark => {
                let Some(i) = self.current() else { return Outcome::Done };
                self.marks = match self.marks {
                    (None, _) => (Some(i), None),
                    (Some(a), None) if a != i => (Some(a), Some(i)),
                    _ => (Some(i), None),
                };
                Outcome::Status(
                    lang.tr(match self.marks {
                        (Some(_), None) => "status.marked_a",
                        _ => "status.marked_b",
                    })
                    .into_owned(),
                )
            }
            Action::FilterYear => {
                let years = distinct(lib, |e| e.year.map(std::cmp::Reverse));
                let cur = self.filter.year.map(std::cmp::Reverse);
                self.filter.year = cycle(&years, &cur).map(|r| r.0);
                self.filtered(lib, lang)
            }
            Action::FilterProvince => {
                let provinces = distinct(lib, |e| e.province.as_deref().map(str::to_string));
                self.filter.province = cycle(&provinces, &self.filter.province);
                self.filtered(lib, lang)
            }
            Action::FilterLevel => {
                let levels = distinct(lib, |e| e.level);
                self.filter.level = cycle(&levels, &self.filter.level);
                self.filtered(lib, lang)
            }
            Action::FilterErrors => {
                self.filter.errors = !self.filter.errors;
                self.filtered(lib, lang)
            }
            Action::Sort => {
                self.sort = self.sort.next();
                self.refilter(lib, true);
                Outcome::Status(tr!(lang, "status.sorted", by = self.sort.label(lang)))
            }
            _ => Outcome::Ignored,
        }
    }
}
