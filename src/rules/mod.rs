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
pub mod msg;
pub mod prose;
mod table2;
mod values;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

pub use catalog::{RULES, RuleDef, RuleId, Severity};
pub use msg::{Arg, Msg, rule_requires, rule_title, template_name};

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
    /// One line saying what is wrong (English in the machine formats; [`Finding::text`] in
    /// the reader's language).
    pub message: Msg,
}

impl Finding {
    /// The message in a language.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        self.message.render(lang)
    }
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
    /// Rules not evaluated, with the row or column (its label) they were about.
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
    pub fn push(&mut self, rule: RuleId, keys: &[KeyId], expected: Option<Num>, actual: Option<Num>, message: Msg) {
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
        message: Msg,
    ) {
        self.findings
            .push(finding(self.report, rule, keys, expected, actual, message));
    }

    fn finish(mut self) -> Vec<Finding> {
        if !self.not_assessed.is_empty() {
            let mut rules: Vec<(RuleId, String)> = Vec::new();
            for r in &self.not_assessed {
                if !rules.contains(r) {
                    rules.push(r.clone());
                }
            }
            let shown: Vec<Arg> = rules
                .iter()
                .take(6)
                .map(|(rule, scope)| {
                    if scope.is_empty() {
                        Arg::from(*rule)
                    } else {
                        Arg::Msg(crate::msg!("msg.rule_scope", rule = *rule, scope = scope.as_str()))
                    }
                })
                .collect();
            let more = more(rules.len(), 6);
            let tpl = self.tpl;
            let labels: Vec<Arg> = self
                .not_assessed_keys
                .iter()
                .take(6)
                .map(|k| Arg::Text(k.label(tpl)))
                .collect();
            let keys: Vec<String> = self.not_assessed_keys.iter().map(|k| k.name().to_string()).collect();
            let message = crate::msg!(
                "msg.not_assessable",
                n = rules.len(),
                cells = keys.len(),
                rules = shown,
                more = more,
                labels = labels,
                more_cells = self::more(keys.len(), 6),
            );
            self.push_named(RuleId::NotAssessable, keys, None, None, message);
        }
        self.findings
    }
}

/// ` and N more` after a list shown up to `shown` items (nothing when all are shown).
pub fn more(total: usize, shown: usize) -> Arg {
    match total.checked_sub(shown) {
        Some(n) if n > 0 => Arg::Msg(crate::msg!("msg.more", n = n)),
        _ => Arg::Text(String::new()),
    }
}

/// Builds a finding for a report.
pub fn finding(
    r: &Report,
    rule: RuleId,
    keys: Vec<String>,
    expected: Option<Num>,
    actual: Option<Num>,
    message: Msg,
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

/// Figures no report has (more than 10^15): sums over them may overflow, and a rule that cannot
/// add up its cells must not pass silently. With every figure under the bound, no sum of a
/// report's figures comes near the limit of the arithmetic (2^63).
fn too_large(c: &mut Check<'_>) {
    const BOUND: f64 = 1e15;
    let r = c.report;
    let huge: Vec<KeyId> = r
        .figures
        .iter()
        .filter(|(_, f)| f.value.is_some_and(|v| v.to_f64().abs() > BOUND))
        .map(|(k, _)| k)
        .collect();
    if huge.is_empty() {
        return;
    }
    let tpl = c.tpl;
    let labels: Vec<Arg> = huge.iter().take(6).map(|k| Arg::Text(k.label(tpl))).collect();
    let message = crate::msg!(
        "msg.overflow",
        cells = huge.len(),
        labels = labels,
        more_cells = more(huge.len(), 6),
    );
    c.push(RuleId::NotAssessable, &huge, None, None, message);
}

/// All single-report rules over one report.
pub fn check_report(r: &Report) -> Vec<Finding> {
    if r.meta.template == Template::Pre2019 {
        return Vec::new();
    }
    let mut c = Check::new(r);
    too_large(&mut c);
    table2::run(&mut c);
    values::run(&mut c);
    context::run(&mut c);
    prose::run(&mut c);
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
