//! Rules: every check of the format (format-spec §4) over one report, and the cross-year checks
//! over reports of one agency. Each finding names the cells involved by canonical key, with the
//! expected and actual values.
//!
//! Blank cells count as 0 in the arithmetic (and are listed once per table by `blank_cells`);
//! cells that could not be read make a rule "not assessable" rather than passed or failed; a
//! rule that does not apply to a template is skipped.

pub mod catalog;
mod context;
pub mod cross_year;
mod table2;
mod values;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

pub use catalog::{RULES, RuleDef, RuleId, Severity};

use crate::model::{CellState, KeyId, Num, Report, Template};

/// The fields of a finding, in order: the columns of `check --format csv` and of the findings
/// sheet of an XLSX export (the JSON form has the same names).
pub const FINDING_COLUMNS: [&str; 9] = [
    "file", "agency", "year", "rule", "severity", "keys", "expected", "actual", "message",
];

/// One rule failure (or warning) in one report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The report's source file.
    pub file: String,
    /// The reporting agency.
    pub agency: Option<String>,
    /// The report year.
    pub year: Option<u16>,
    /// The rule.
    pub rule: RuleId,
    /// Its severity.
    pub severity: Severity,
    /// The cells involved, by canonical key.
    pub keys: Vec<String>,
    /// The value the rule expects (e.g. the other side of a sum).
    pub expected: Option<Num>,
    /// The value found.
    pub actual: Option<Num>,
    /// One line saying what is wrong.
    pub message: String,
}

/// A cell as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    /// A value.
    Val(Num),
    /// Blank in the report.
    Blank,
    /// Not read (or absent).
    Unknown,
}

/// The state of one report's check: its cells, the findings so far, what could not be assessed.
pub struct Check<'a> {
    /// The report.
    pub report: &'a Report,
    /// Its template.
    pub tpl: Template,
    /// Every cell by key id, for constant-time access.
    cells: Vec<Term>,
    findings: Vec<Finding>,
    /// Cells whose total is missing (`total_missing`): rules using them are not evaluated.
    incomplete: HashSet<KeyId>,
    not_assessed: Vec<(RuleId, String)>,
    not_assessed_keys: Vec<KeyId>,
}

impl<'a> Check<'a> {
    fn new(report: &'a Report) -> Check<'a> {
        let mut cells = vec![Term::Unknown; crate::model::catalog().len()];
        for (k, f) in report.figures.iter() {
            if let Some(slot) = cells.get_mut(usize::from(k.0)) {
                *slot = match (f.value, f.state) {
                    (Some(v), _) => Term::Val(v),
                    (None, CellState::Blank) => Term::Blank,
                    _ => Term::Unknown,
                };
            }
        }
        Check {
            report,
            tpl: report.meta.template,
            cells,
            findings: Vec::new(),
            incomplete: HashSet::new(),
            not_assessed: Vec::new(),
            not_assessed_keys: Vec::new(),
        }
    }

    /// Whether a rule applies to this report's template.
    pub fn applies(&self, rule: RuleId) -> bool {
        rule.def().templates.to(self.tpl)
    }

    /// A cell by key.
    pub fn cell(&self, key: KeyId) -> Term {
        self.cells.get(usize::from(key.0)).copied().unwrap_or(Term::Unknown)
    }

    /// Values of cells for arithmetic (blank = 0). `None` when a cell is incomplete (silently:
    /// `total_missing` already says so) or unknown (recorded as not assessable for `rule`).
    pub fn values(&mut self, rule: RuleId, scope: &str, keys: &[KeyId]) -> Option<Vec<Num>> {
        if keys.iter().any(|k| self.incomplete.contains(k)) {
            return None;
        }
        let mut out = Vec::with_capacity(keys.len());
        let mut unknown = Vec::new();
        for &k in keys {
            match self.cell(k) {
                Term::Val(v) => out.push(v),
                Term::Blank => out.push(Num::ZERO),
                Term::Unknown => unknown.push(k),
            }
        }
        if unknown.is_empty() {
            return Some(out);
        }
        self.not_assessed.push((rule, scope.to_string()));
        for k in unknown {
            if !self.not_assessed_keys.contains(&k) {
                self.not_assessed_keys.push(k);
            }
        }
        None
    }

    /// Marks a cell as incomplete.
    pub fn mark_incomplete(&mut self, key: KeyId) {
        self.incomplete.insert(key);
    }

    /// Records a finding.
    pub fn push(&mut self, rule: RuleId, keys: &[KeyId], expected: Option<Num>, actual: Option<Num>, message: String) {
        self.push_named(
            rule,
            keys.iter().map(|k| k.name().to_string()).collect(),
            expected,
            actual,
            message,
        );
    }

    /// Records a finding whose keys are given by name.
    pub fn push_named(
        &mut self,
        rule: RuleId,
        keys: Vec<String>,
        expected: Option<Num>,
        actual: Option<Num>,
        message: String,
    ) {
        self.findings
            .push(finding(self.report, rule, keys, expected, actual, message));
    }

    fn finish(mut self) -> Vec<Finding> {
        if !self.not_assessed.is_empty() {
            let mut rules: Vec<String> = Vec::new();
            for (rule, scope) in &self.not_assessed {
                let s = if scope.is_empty() {
                    rule.to_string()
                } else {
                    format!("{rule} ({scope})")
                };
                if !rules.contains(&s) {
                    rules.push(s);
                }
            }
            let shown: Vec<&str> = rules.iter().take(6).map(String::as_str).collect();
            let more = rules.len().saturating_sub(6);
            let keys: Vec<String> = self.not_assessed_keys.iter().map(|k| k.name().to_string()).collect();
            let message = format!(
                "{} checks not made because {} cells could not be read: {}{}",
                rules.len(),
                keys.len(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
            self.push_named(RuleId::NotAssessable, keys, None, None, message);
        }
        self.findings
    }
}

/// Builds a finding for a report.
pub fn finding(
    r: &Report,
    rule: RuleId,
    keys: Vec<String>,
    expected: Option<Num>,
    actual: Option<Num>,
    message: String,
) -> Finding {
    Finding {
        file: r.meta.source.path.clone(),
        agency: r.meta.agency.clone(),
        year: r.meta.year,
        rule,
        severity: rule.def().severity,
        keys,
        expected,
        actual,
        message,
    }
}

/// Sum of numbers, `None` on overflow.
pub fn sum(v: &[Num]) -> Option<Num> {
    Num::sum(v.iter().copied())
}

/// All single-report rules over one report.
pub fn check_report(r: &Report) -> Vec<Finding> {
    if r.meta.template == Template::Pre2019 {
        return Vec::new();
    }
    let mut c = Check::new(r);
    table2::run(&mut c);
    values::run(&mut c);
    context::run(&mut c);
    c.finish()
}

/// All rules over a set of reports: each report's own rules, then the cross-year rules over
/// reports of the same agency in consecutive years.
pub fn check_all(reports: &[Report]) -> Vec<Finding> {
    use rayon::prelude::*;
    let mut out: Vec<Finding> = reports.par_iter().flat_map_iter(check_report).collect();
    out.extend(cross_year::run(reports));
    out
}
