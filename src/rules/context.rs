//! Rules that read a report in its context: who made it (W6, W12), when (W11), what the prose
//! says (W9, W14), and whether table 3 fits table 2 (W13).

use super::{Arg, Check, RuleId, Term, sum};
use crate::model::agency::{Level, level, may_make_regulations};
use crate::model::catalog::{T2_COLS, t2_key, t3_key};
use crate::model::{ClaimTopic, KeyId, Num, TableId, Template, catalog};
use crate::msg;

/// Runs the context rules.
pub fn run(c: &mut Check<'_>) {
    regulations_power(c);
    template_year(c);
    publish_date(c);
    narrative(c);
    t3_vs_t2(c);
}

/// W6: 规章 reported by an agency without the power to make them.
fn regulations_power(c: &mut Check<'_>) {
    let m = &c.report.meta;
    let Some(agency) = m.agency.clone() else { return };
    if may_make_regulations(&agency, m.region.as_deref()) {
        return;
    }
    let cells: Vec<(KeyId, Num)> = catalog()
        .ids()
        .filter(|k| k.def().table == TableId::T1 && k.def().row == "regulations")
        .filter_map(|k| match c.cell(k) {
            Term::Val(v) if !v.is_zero() => Some((k, v)),
            _ => None,
        })
        .collect();
    if cells.is_empty() {
        return;
    }
    let keys: Vec<KeyId> = cells.iter().map(|x| x.0).collect();
    let tpl = c.tpl;
    let shown: Vec<Arg> = cells
        .iter()
        .map(|(k, v)| Arg::Text(format!("{} {v}", k.label(tpl))))
        .collect();
    let message = msg!("msg.regulations_power", agency = agency.as_str(), cells = shown);
    let actual = cells.first().map(|x| x.1);
    c.push(RuleId::RegulationsPower, &keys, Some(Num::ZERO), actual, message);
}

/// W11: template and year disagree.
fn template_year(c: &mut Check<'_>) {
    let Some(y) = c.report.meta.year else { return };
    let expected = if y <= 2020 {
        Template::Tpl2019
    } else {
        Template::Tpl2021
    };
    if c.tpl != expected {
        let message = msg!("msg.template_year", year = y, tpl = c.tpl, expected = expected);
        c.push_named(
            RuleId::TemplateYear,
            vec!["meta.template".into(), "meta.year".into()],
            None,
            None,
            message,
        );
    }
}

/// W12: published after the 条例 deadline (01-31 for departments and townships, 03-31 for
/// county-level governments and above), or before the year ended.
fn publish_date(c: &mut Check<'_>) {
    let m = &c.report.meta;
    let (Some(y), Some(date)) = (m.year, m.published.clone()) else {
        return;
    };
    let local_gov = matches!(
        m.agency.as_deref().and_then(|a| level(a, m.region.as_deref())),
        Some(Level::Province | Level::City | Level::County)
    );
    let deadline = if local_gov {
        format!("{}-03-31", y + 1)
    } else {
        format!("{}-01-31", y + 1)
    };
    let year_end = format!("{y}-12-31");
    let problem = if date.as_str() <= year_end.as_str() {
        Some(msg!("msg.published_early", date = date.as_str(), year = y))
    } else if date.as_str() > deadline.as_str() {
        Some(msg!(
            "msg.published_late",
            date = date.as_str(),
            deadline = deadline.as_str()
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        c.push_named(RuleId::PublishDate, vec!["meta.published".into()], None, None, message);
    }
}

/// A table-2 row's 总计, or the sum of its columns when the total is blank.
pub(super) fn row_total(c: &Check<'_>, row: &str) -> Option<Num> {
    let total = t2_key(row, "total")?;
    match c.cell(total) {
        Term::Val(v) => Some(v),
        Term::Unknown => None,
        Term::Blank => {
            let mut parts = Vec::new();
            for col in T2_COLS.iter().take(6) {
                match c.cell(t2_key(row, col.key)?) {
                    Term::Val(v) => parts.push(v),
                    Term::Blank => {}
                    Term::Unknown => return None,
                }
            }
            sum(&parts)
        }
    }
}

/// A table-3 group's 总计, or the sum of its parts when the total is blank.
fn t3_total(c: &Check<'_>, group: &str) -> Option<Num> {
    let total = t3_key(&format!("{group}_total"))?;
    match c.cell(total) {
        Term::Val(v) => Some(v),
        Term::Unknown => None,
        Term::Blank => {
            let mut parts = Vec::new();
            for p in ["upheld", "corrected", "other", "pending"] {
                match c.cell(t3_key(&format!("{group}_{p}"))?) {
                    Term::Val(v) => parts.push(v),
                    Term::Blank => {}
                    Term::Unknown => return None,
                }
            }
            sum(&parts)
        }
    }
}

fn add(a: Option<Num>, b: Option<Num>) -> Option<Num> {
    a?.checked_add(b?)
}

/// W9 (prose against tables) and W14 (all-zero table against the prose).
fn narrative(c: &mut Check<'_>) {
    let claims = c.report.claims.clone();
    let new = row_total(c, "new_received");
    let carried = row_total(c, "carried_in");
    for cl in &claims {
        let (table, keys, accepted): (Option<Num>, Vec<String>, Vec<Option<Num>>) = match cl.topic {
            // The fee has its own rule (`fee_vs_prose`).
            ClaimTopic::FeeCharged => continue,
            ClaimTopic::Received => (new, vec!["t2.new_received.total".into()], vec![new, add(new, carried)]),
            ClaimTopic::Completed => {
                let v = row_total(c, "results_total");
                (v, vec!["t2.results_total.total".into()], vec![v])
            }
            ClaimTopic::CarriedIn => (carried, vec!["t2.carried_in.total".into()], vec![carried]),
            ClaimTopic::CarriedOut => {
                let v = row_total(c, "carried_out");
                (v, vec!["t2.carried_out.total".into()], vec![v])
            }
            ClaimTopic::ReviewTotal => {
                let v = t3_total(c, "review");
                (v, vec!["t3.review_total".into()], vec![v])
            }
            ClaimTopic::LitigationTotal => {
                let (d, a) = (t3_total(c, "lit_direct"), t3_total(c, "lit_after_review"));
                (
                    add(d, a),
                    vec!["t3.lit_direct_total".into(), "t3.lit_after_review_total".into()],
                    vec![add(d, a)],
                )
            }
            ClaimTopic::GrantedOrPartial => {
                let v = add(row_total(c, "granted"), row_total(c, "partially_granted"));
                (
                    v,
                    vec!["t2.granted.total".into(), "t2.partially_granted.total".into()],
                    vec![v],
                )
            }
        };
        let Some(table) = table else { continue };
        if accepted.iter().flatten().any(|&a| a == cl.value) {
            continue;
        }
        let what = msg!(match cl.topic {
            ClaimTopic::Received => "msg.claim_received",
            ClaimTopic::CarriedIn => "msg.claim_carried_in",
            ClaimTopic::Completed => "msg.claim_completed",
            ClaimTopic::CarriedOut => "msg.claim_carried_out",
            ClaimTopic::ReviewTotal => "msg.claim_review",
            ClaimTopic::LitigationTotal => "msg.claim_litigation",
            ClaimTopic::GrantedOrPartial => "msg.claim_granted",
            ClaimTopic::FeeCharged => "msg.claim_fee",
        });
        let message = msg!(
            "msg.narrative_vs_table",
            what = what,
            said = cl.value,
            table = table,
            quote = cl.quote.as_str()
        );
        c.push_named(RuleId::NarrativeVsTable, keys, Some(table), Some(cl.value), message);
    }
    all_zero(c, &claims);
}

fn all_zero(c: &mut Check<'_>, claims: &[crate::model::Claim]) {
    let said = claims.iter().find(|cl| cl.topic == ClaimTopic::Received);
    if said.is_none() {
        return;
    }
    let t2: Vec<KeyId> = catalog()
        .ids()
        .filter(|k| k.def().table == TableId::T2 && k.def().in_template(c.tpl))
        .collect();
    let cells: Vec<Term> = t2.iter().map(|&k| c.cell(k)).collect();
    if cells.contains(&Term::Unknown) {
        return;
    }
    let zero = cells
        .iter()
        .all(|x| matches!(x, Term::Blank) || matches!(x, Term::Val(v) if v.is_zero()));
    let said = claims.iter().find(|cl| cl.topic == ClaimTopic::Received);
    let problem = match (zero, said) {
        (true, Some(cl)) if !cl.value.is_zero() => {
            Some(msg!("msg.all_zero_table", said = cl.value, quote = cl.quote.as_str()))
        }
        (false, Some(cl)) if cl.value.is_zero() => Some(msg!("msg.all_zero_prose", quote = cl.quote.as_str())),
        _ => None,
    };
    if let Some(message) = problem {
        let keys = vec!["t2.new_received.total".into()];
        c.push_named(RuleId::AllZero, keys, None, said.map(|s| s.value), message);
    }
}

/// W13: table-3 cases far above the year's applications.
fn t3_vs_t2(c: &mut Check<'_>) {
    let cases = [
        t3_total(c, "review"),
        t3_total(c, "lit_direct"),
        t3_total(c, "lit_after_review"),
    ];
    let Some(cases) = cases.iter().try_fold(Num::ZERO, |a, b| a.checked_add((*b)?)) else {
        return;
    };
    let Some(apps) = add(row_total(c, "new_received"), row_total(c, "carried_in")) else {
        return;
    };
    let limit = apps.checked_add(apps).and_then(|d| d.checked_add(Num::int(10)));
    if let Some(limit) = limit
        && cases > limit
    {
        let message = msg!("msg.t3_vs_t2", cases = cases, apps = apps);
        let keys = vec![
            "t3.review_total".into(),
            "t3.lit_direct_total".into(),
            "t3.lit_after_review_total".into(),
            "t2.new_received.total".into(),
        ];
        c.push_named(RuleId::T3VsT2, keys, Some(apps), Some(cases), message);
    }
}
