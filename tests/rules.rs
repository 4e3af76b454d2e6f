//! Every rule with a passing and a failing report built by hand, and the real corpus: exactly
//! the hard errors of `expected.json`, at least its warnings, no cross-year false alarms.

mod common;

use xxgk::i18n::Lang;
use xxgk::model::agency::region_of;
use xxgk::model::{
    Claim, ClaimTopic, ExtraRow, Figure, Figures, Layout, Location, Meta, Num, Report, Source, SourceFormat, TableId,
    Template, catalog,
};
use xxgk::rules::{Finding, RuleId, Severity, check_all, check_report};

fn n(s: &str) -> Num {
    Num::parse(s).unwrap_or_else(|| panic!("number {s}"))
}

/// A consistent report: every cell of the template read as 0.
fn base(tpl: Template, year: u16, agency: &str) -> Report {
    let mut figures = Figures::default();
    for k in catalog().ids().filter(|k| k.def().in_template(tpl)) {
        figures.insert(k, Figure::read(Num::ZERO, "0", Location::line(1)));
    }
    Report {
        schema: 1,
        parser: "test".into(),
        meta: Meta {
            agency: Some(agency.into()),
            region: region_of(agency),
            year: Some(year),
            template: tpl,
            published: None,
            division_code: None,
            province: None,
            source: Source {
                path: format!("{agency}-{year}.txt"),
                format: SourceFormat::Text,
                layout: Some(Layout::A),
                encoding: Some("utf-8".into()),
                sha256: String::new(),
                bytes: 0,
            },
        },
        figures,
        extra_rows: Vec::new(),
        claims: Vec::new(),
        sections: Vec::new(),
        warnings: Vec::new(),
    }
}

fn gov(tpl: Template, year: u16) -> Report {
    base(tpl, year, "开原市人民政府")
}

fn set(r: &mut Report, key: &str, v: &str) {
    let k = catalog().id(key).unwrap_or_else(|| panic!("key {key}"));
    r.figures.insert(k, Figure::read(n(v), v, Location::line(1)));
}

fn blank(r: &mut Report, key: &str) {
    let k = catalog().id(key).unwrap_or_else(|| panic!("key {key}"));
    r.figures.insert(k, Figure::blank(None, None));
}

fn unknown(r: &mut Report, key: &str) {
    let k = catalog().id(key).unwrap_or_else(|| panic!("key {key}"));
    r.figures.insert(k, Figure::unknown(None, "test"));
}

/// Sets a table-2 row: one natural-person value and the matching total.
fn t2(r: &mut Report, row: &str, v: &str) {
    set(r, &format!("t2.{row}.natural_person"), v);
    set(r, &format!("t2.{row}.total"), v);
}

fn of(f: &[Finding], rule: RuleId) -> Vec<&Finding> {
    f.iter().filter(|x| x.rule == rule).collect()
}

fn fires(r: &Report, rule: RuleId) -> usize {
    of(&check_report(r), rule).len()
}

#[test]
fn baseline_is_clean_for_both_templates() {
    for tpl in [Template::Tpl2021, Template::Tpl2019] {
        let year = if tpl == Template::Tpl2021 { 2023 } else { 2019 };
        let f = check_report(&gov(tpl, year));
        assert!(f.is_empty(), "{tpl}: {f:?}");
    }
}

#[test]
fn t2_col_balance() {
    let mut r = gov(Template::Tpl2021, 2023);
    t2(&mut r, "new_received", "5");
    t2(&mut r, "granted", "4");
    t2(&mut r, "results_total", "4");
    t2(&mut r, "carried_out", "1");
    assert_eq!(fires(&r, RuleId::T2ColBalance), 0);
    t2(&mut r, "carried_out", "0");
    let f = check_report(&r);
    let bad = of(&f, RuleId::T2ColBalance);
    let cols: Vec<String> = bad
        .iter()
        .map(|x| x.keys.first().cloned().unwrap_or_default())
        .collect();
    assert_eq!(
        cols,
        ["t2.new_received.natural_person", "t2.new_received.total"],
        "one finding per column"
    );
    let first = bad.first().map(|x| (x.severity, x.expected, x.actual));
    assert_eq!(first, Some((Severity::Error, Some(n("4")), Some(n("5")))));
    assert!(
        bad.iter()
            .all(|x| x.keys.iter().all(|k| k.ends_with(".natural_person"))
                || x.keys.iter().all(|k| k.ends_with(".total")))
    );
    // Said as a disclosure officer would, with the report's labels and numbers; the machine
    // formats' message is the English one, whatever the language.
    let first = bad.first().map(|x| x.text(Lang::Zh)).unwrap_or_default();
    assert_eq!(
        first,
        "勾稽关系不平：自然人一列本年新收 5 + 上年结转 0 = 5，办理结果总计 4 + 结转下年度 0 = 4"
    );
    let en = bad.first().map(|x| x.text(Lang::En)).unwrap_or_default();
    assert!(en.starts_with("自然人: 本年新收 + 上年结转 = 5 + 0 = 5, but"), "{en}");
    let json = serde_json::to_value(bad.first()).unwrap_or_default();
    assert_eq!(json["message"].as_str(), Some(en.as_str()));
}

#[test]
fn t2_row_total() {
    let mut r = gov(Template::Tpl2021, 2023);
    t2(&mut r, "denied_third_party", "2");
    t2(&mut r, "results_total", "2");
    t2(&mut r, "new_received", "2");
    assert_eq!(fires(&r, RuleId::T2RowTotal), 0);
    set(&mut r, "t2.denied_third_party.org_other", "1");
    assert_eq!(fires(&r, RuleId::T2RowTotal), 1);
}

#[test]
fn t2_results_total() {
    let mut r = gov(Template::Tpl2021, 2023);
    t2(&mut r, "new_received", "3");
    t2(&mut r, "results_total", "3");
    assert_eq!(fires(&r, RuleId::T2ResultsTotal), 2, "natural_person and total");
    t2(&mut r, "other_other", "3");
    assert_eq!(fires(&r, RuleId::T2ResultsTotal), 0);
    // tpl2019: the single row `other` is an outcome.
    let mut r = gov(Template::Tpl2019, 2019);
    t2(&mut r, "new_received", "3");
    t2(&mut r, "results_total", "3");
    t2(&mut r, "other", "3");
    assert_eq!(fires(&r, RuleId::T2ResultsTotal), 0);
}

#[test]
fn t2_group_subtotal() {
    let mut r = gov(Template::Tpl2021, 2023);
    let group = |v: &str| {
        let values: Vec<String> = [v, "0", "0", "0", "0", "0", v].map(String::from).to_vec();
        ExtraRow {
            table: TableId::T2,
            label: "（三）不予公开".into(),
            read: values.iter().map(|v| Num::parse(v)).collect(),
            values,
            group: Some("denied".into()),
            at: None,
        }
    };
    r.extra_rows.push(group("0"));
    assert_eq!(fires(&r, RuleId::T2GroupSubtotal), 0);
    r.extra_rows = vec![group("2")];
    assert_eq!(fires(&r, RuleId::T2GroupSubtotal), 2);
    // The rule reads the numbers ingest read, not the text: a cell ingest could not read (or
    // a blank) states nothing.
    r.extra_rows = vec![group("2")];
    for row in &mut r.extra_rows {
        row.read.iter_mut().for_each(|n| *n = None);
    }
    assert_eq!(fires(&r, RuleId::T2GroupSubtotal), 0);
}

#[test]
fn t3_sums() {
    for (rule, prefix) in [
        (RuleId::T3ReviewSum, "review"),
        (RuleId::T3LitDirectSum, "lit_direct"),
        (RuleId::T3LitAfterSum, "lit_after_review"),
    ] {
        let mut r = gov(Template::Tpl2021, 2023);
        set(&mut r, &format!("t3.{prefix}_upheld"), "2");
        assert_eq!(fires(&r, rule), 1, "{prefix}");
        set(&mut r, &format!("t3.{prefix}_total"), "2");
        assert_eq!(fires(&r, rule), 0, "{prefix}");
    }
}

#[test]
fn value_kinds() {
    let mut r = gov(Template::Tpl2021, 2023);
    set(&mut r, "t3.review_pending", "1.5");
    set(&mut r, "t1.art20_5.admin_licensing.decisions", "-3");
    assert_eq!(fires(&r, RuleId::NonnegInt), 2);
    let mut r = gov(Template::Tpl2021, 2023);
    set(&mut r, "t1.art20_8.admin_fees.amount_wan_yuan", "-1.5");
    assert_eq!(fires(&r, RuleId::NonnegDecimal), 1);
    set(&mut r, "t1.art20_8.admin_fees.amount_wan_yuan", "1.5");
    assert_eq!(fires(&r, RuleId::NonnegDecimal), 0);
    let mut r = gov(Template::Tpl2019, 2019);
    set(&mut r, "t1.art20_5.admin_licensing.items_change", "-8");
    assert_eq!(fires(&r, RuleId::SignedInt), 0, "negative changes are fine");
    set(&mut r, "t1.art20_5.admin_licensing.items_change", "2.5");
    assert_eq!(fires(&r, RuleId::SignedInt), 1);
}

#[test]
fn blanks_and_missing_totals() {
    let mut r = gov(Template::Tpl2021, 2023);
    blank(&mut r, "t2.np_duplicate.org_research");
    blank(&mut r, "t3.review_other");
    let f = check_report(&r);
    assert_eq!(of(&f, RuleId::BlankCells).len(), 2, "once per table");
    assert!(f.iter().all(|x| x.severity == Severity::Warning));
    // A blank 总计 with non-zero parts: total_missing, and no row-total error.
    let mut r = gov(Template::Tpl2019, 2019);
    t2(&mut r, "new_received", "2");
    t2(&mut r, "results_total", "2");
    t2(&mut r, "granted", "2");
    blank(&mut r, "t2.granted.total");
    let f = check_report(&r);
    assert_eq!(of(&f, RuleId::TotalMissing).len(), 1);
    assert!(of(&f, RuleId::T2RowTotal).is_empty());
    assert!(
        of(&f, RuleId::T2ResultsTotal).is_empty(),
        "the total column is incomplete, not wrong"
    );
    // Without blanks, nothing.
    assert_eq!(fires(&gov(Template::Tpl2019, 2019), RuleId::TotalMissing), 0);
}

#[test]
fn unknown_cells_make_rules_not_assessable() {
    let mut r = gov(Template::Tpl2021, 2023);
    unknown(&mut r, "t2.carried_out.org_other");
    let f = check_report(&r);
    assert!(of(&f, RuleId::T2ColBalance).is_empty());
    let na = of(&f, RuleId::NotAssessable);
    assert_eq!(na.len(), 1);
    let text = na.first().map(|x| x.text(Lang::Zh)).unwrap_or_default();
    assert!(
        text.contains("结转下年度继续办理/其他") && text.contains("勾稽关系（其他）"),
        "names the cell and the check by the report's words: {text}"
    );
    // An absent table is not assessable, not passed.
    let mut r = gov(Template::Tpl2021, 2023);
    r.figures.retain(|k, _| k.def().table != TableId::T3);
    assert!(
        of(&check_report(&r), RuleId::NotAssessable)
            .iter()
            .any(|x| x.text(Lang::En).contains("table t3"))
    );
}

#[test]
fn table1_rules() {
    let mut r = gov(Template::Tpl2021, 2023);
    set(&mut r, "t1.art20_1.normative_docs.issued", "5");
    set(&mut r, "t1.art20_1.normative_docs.in_force", "5");
    assert_eq!(fires(&r, RuleId::InForceFloor), 0);
    set(&mut r, "t1.art20_1.normative_docs.in_force", "3");
    assert_eq!(fires(&r, RuleId::InForceFloor), 1);
    let mut r = gov(Template::Tpl2019, 2019);
    set(&mut r, "t1.art20_1.normative_docs.newly_made", "5");
    set(&mut r, "t1.art20_1.normative_docs.newly_published", "5");
    set(&mut r, "t1.art20_1.normative_docs.total_published", "9");
    assert_eq!(fires(&r, RuleId::PublishedLeTotal), 0);
    set(&mut r, "t1.art20_1.normative_docs.total_published", "4");
    assert_eq!(fires(&r, RuleId::PublishedLeTotal), 1);
}

#[test]
fn regulations_power() {
    let mut street = base(Template::Tpl2021, 2023, "西安市雁塔区漳浒寨街道办事处");
    assert_eq!(fires(&street, RuleId::RegulationsPower), 0);
    set(&mut street, "t1.art20_1.regulations.in_force", "2");
    assert_eq!(fires(&street, RuleId::RegulationsPower), 1);
    let mut city = base(Template::Tpl2021, 2023, "鞍山市人民政府");
    set(&mut city, "t1.art20_1.regulations.in_force", "2");
    assert_eq!(fires(&city, RuleId::RegulationsPower), 0);
}

#[test]
fn fee_unit() {
    let mut r = gov(Template::Tpl2021, 2023);
    set(&mut r, "t1.art20_8.admin_fees.amount_wan_yuan", "2192.7677");
    assert_eq!(fires(&r, RuleId::FeeUnit), 0);
    set(&mut r, "t1.art20_8.admin_fees.amount_wan_yuan", "2192.76779");
    assert_eq!(fires(&r, RuleId::FeeUnit), 1);
    let k = catalog()
        .id("t1.art20_8.admin_fees.amount_wan_yuan")
        .unwrap_or_else(|| panic!("key"));
    r.figures
        .insert(k, Figure::read(n("25.1"), "251000元", Location::line(1)));
    assert_eq!(fires(&r, RuleId::FeeUnit), 1);
    set(&mut r, "t1.art20_8.admin_fees.amount_wan_yuan", "5000000");
    assert_eq!(fires(&r, RuleId::FeeUnit), 1, "implausibly large for a county");
}

#[test]
fn template_year_and_publish_date() {
    let r = gov(Template::Tpl2021, 2020);
    assert_eq!(fires(&r, RuleId::TemplateYear), 1);
    assert_eq!(fires(&gov(Template::Tpl2019, 2020), RuleId::TemplateYear), 0);
    let mut r = gov(Template::Tpl2021, 2023);
    r.meta.published = Some("2024-03-01".into());
    assert_eq!(fires(&r, RuleId::PublishDate), 0, "county government: by 03-31");
    r.meta.published = Some("2024-04-10".into());
    assert_eq!(fires(&r, RuleId::PublishDate), 1);
    let mut dept = base(Template::Tpl2021, 2023, "开原市教育局");
    dept.meta.published = Some("2024-02-10".into());
    assert_eq!(fires(&dept, RuleId::PublishDate), 1, "departments: by 01-31");
    dept.meta.published = Some("2023-12-01".into());
    assert_eq!(fires(&dept, RuleId::PublishDate), 1, "before the year ended");
}

fn claim(topic: ClaimTopic, v: &str) -> Claim {
    Claim {
        topic,
        value: n(v),
        quote: format!("测试 {v} 件"),
        at: None,
    }
}

#[test]
fn narrative_vs_table_and_all_zero() {
    let mut r = gov(Template::Tpl2021, 2023);
    t2(&mut r, "new_received", "5");
    t2(&mut r, "carried_in", "1");
    t2(&mut r, "granted", "6");
    t2(&mut r, "results_total", "6");
    set(&mut r, "t3.review_upheld", "2");
    set(&mut r, "t3.review_total", "2");
    r.claims = vec![
        claim(ClaimTopic::Received, "6"),
        claim(ClaimTopic::Completed, "6"),
        claim(ClaimTopic::ReviewTotal, "2"),
    ];
    assert_eq!(
        fires(&r, RuleId::NarrativeVsTable),
        0,
        "received may include the carried-over"
    );
    r.claims = vec![claim(ClaimTopic::Received, "7"), claim(ClaimTopic::ReviewTotal, "3")];
    let f = check_report(&r);
    let w = of(&f, RuleId::NarrativeVsTable);
    assert_eq!(w.len(), 2);
    assert!(
        w.iter().all(|x| x.text(Lang::Zh).contains("测试")),
        "quotes the sentence"
    );
    let mut zero = gov(Template::Tpl2021, 2023);
    zero.claims = vec![claim(ClaimTopic::Received, "4")];
    assert_eq!(fires(&zero, RuleId::AllZero), 1);
    zero.claims = vec![claim(ClaimTopic::Received, "0")];
    assert_eq!(fires(&zero, RuleId::AllZero), 0);
}

#[test]
fn t3_vs_t2() {
    let mut r = gov(Template::Tpl2021, 2023);
    set(&mut r, "t3.review_upheld", "40");
    set(&mut r, "t3.review_total", "40");
    assert_eq!(fires(&r, RuleId::T3VsT2), 1);
    t2(&mut r, "new_received", "30");
    t2(&mut r, "granted", "30");
    t2(&mut r, "results_total", "30");
    assert_eq!(fires(&r, RuleId::T3VsT2), 0);
}

#[test]
fn cross_year_rules() {
    let mut y1 = gov(Template::Tpl2021, 2022);
    t2(&mut y1, "new_received", "3");
    t2(&mut y1, "granted", "1");
    t2(&mut y1, "results_total", "1");
    t2(&mut y1, "carried_out", "2");
    set(&mut y1, "t1.art20_1.normative_docs.in_force", "10");
    set(&mut y1, "t1.art20_1.normative_docs.issued", "10");
    let mut y2 = base(Template::Tpl2021, 2023, "开原市政府");
    t2(&mut y2, "carried_in", "2");
    t2(&mut y2, "granted", "2");
    t2(&mut y2, "results_total", "2");
    set(&mut y2, "t1.art20_1.normative_docs.issued", "3");
    set(&mut y2, "t1.art20_1.normative_docs.repealed", "1");
    set(&mut y2, "t1.art20_1.normative_docs.in_force", "12");
    let f = check_all(&[y1.clone(), y2.clone()]);
    assert!(
        of(&f, RuleId::XyCarry).is_empty() && of(&f, RuleId::XyInForce).is_empty(),
        "{f:?}"
    );
    t2(&mut y2, "carried_in", "0");
    t2(&mut y2, "new_received", "2");
    set(&mut y2, "t1.art20_1.normative_docs.in_force", "11");
    let f = check_all(&[y1.clone(), y2.clone()]);
    assert_eq!(of(&f, RuleId::XyCarry).len(), 2, "natural_person and total");
    assert_eq!(of(&f, RuleId::XyInForce).len(), 1);
    // A different body with the same years: nothing.
    let other = base(Template::Tpl2021, 2023, "开原市教育局");
    assert!(of(&check_all(&[y1, other]), RuleId::XyCarry).is_empty());
    // 2019 → 2020 items.
    let mut a = gov(Template::Tpl2019, 2019);
    set(&mut a, "t1.art20_5.admin_licensing.prev_year_items", "643");
    set(&mut a, "t1.art20_5.admin_licensing.items_change", "63");
    let mut b = gov(Template::Tpl2019, 2020);
    set(&mut b, "t1.art20_5.admin_licensing.prev_year_items", "706");
    assert!(of(&check_all(&[a.clone(), b.clone()]), RuleId::XyItems2019).is_empty());
    set(&mut b, "t1.art20_5.admin_licensing.prev_year_items", "700");
    assert_eq!(of(&check_all(&[a, b]), RuleId::XyItems2019).len(), 1);
}

#[test]
fn corpus_findings_match_expected() {
    let Some(dir) = common::corpus_dir() else { return };
    let expected = common::expected(&dir);
    let mut problems = Vec::new();
    for (name, exp) in &expected {
        if exp.get("layout").and_then(|l| l.as_str()) == Some("pdf") {
            continue;
        }
        let r = xxgk::ingest::ingest_path(&dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
        let f = check_report(&r);
        let mut errors: Vec<(String, Option<String>)> = f
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .map(|x| {
                let cols: std::collections::BTreeSet<&str> =
                    x.keys.iter().filter_map(|k| k.rsplit('.').next()).collect();
                let col = (cols.len() == 1 && matches!(x.rule, RuleId::T2ColBalance | RuleId::T2ResultsTotal))
                    .then(|| cols.iter().next().map(|c| c.to_string()))
                    .flatten();
                (x.rule.as_str().to_string(), col)
            })
            .collect();
        errors.sort();
        let mut want: Vec<(String, Option<String>)> = exp["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| {
                        (
                            e["rule"].as_str().unwrap_or("").to_string(),
                            e.get("column").and_then(|c| c.as_str()).map(str::to_string),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        want.sort();
        if errors != want {
            problems.push(format!("{name}: errors {errors:?}, want {want:?}"));
        }
        for w in exp["warnings_include"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|w| w.as_str())
        {
            if !f.iter().any(|x| x.rule.as_str() == w) {
                problems.push(format!("{name}: warning {w} not raised"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pingtan_years_run_cross_year_rules_without_false_alarms() {
    let Some(dir) = common::corpus_dir() else { return };
    let reports: Vec<Report> = [
        "pingtan-2018.txt",
        "pingtan-2019.txt",
        "pingtan-2021.txt",
        "pingtan-2022.txt",
        "pingtan-2023.txt",
    ]
    .iter()
    .map(|n| xxgk::ingest::ingest_path(&dir.join(n)).unwrap_or_else(|e| panic!("{e}")))
    .collect();
    let pairs = xxgk::rules::cross_year::consecutive_pairs(&reports);
    let years: Vec<(Option<u16>, Option<u16>)> = pairs
        .iter()
        .map(|&(a, b)| {
            (
                reports.get(a).and_then(|r| r.meta.year),
                reports.get(b).and_then(|r| r.meta.year),
            )
        })
        .collect();
    assert_eq!(years, [(Some(2021), Some(2022)), (Some(2022), Some(2023))]);
    let f = check_all(&reports);
    let xy: Vec<&Finding> = f.iter().filter(|x| x.rule.as_str().starts_with("xy_")).collect();
    assert!(xy.is_empty(), "{xy:?}");
}

/// Every text report of a directory, in name order.
fn text_reports(dir: &std::path::Path) -> Vec<Report> {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| xxgk::ingest::ingest_path(p).ok()).collect()
}

fn file_name(f: &Finding) -> String {
    std::path::Path::new(&f.file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The evaluator's rules on 60 real reports (the corpus and the crawler dumps, seven agencies'
/// series of up to eight years): the one report that prints 六 before 五 and has no 二, and the
/// one whose 六 says nothing of a fee; nothing else. No real pair of years here copies a
/// section (the closest, 统计局 一 2021→2022, shares about half its 4-grams).
#[test]
fn evaluator_rules_fire_on_the_real_reports_that_deserve_them_and_on_no_other() {
    let (Some(corpus), Some(wild)) = (common::corpus_dir(), common::wild_dir()) else {
        return;
    };
    let mut reports = text_reports(&corpus);
    reports.extend(text_reports(&wild));
    assert!(reports.len() >= 55, "{}", reports.len());
    let evaluator = [RuleId::SixSections, RuleId::XyCopiedProse, RuleId::FeeVsProse];
    let got: Vec<(String, &str)> = check_all(&reports)
        .iter()
        .filter(|f| evaluator.contains(&f.rule))
        .map(|f| (file_name(f), f.rule.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("putian-ptstjj-2021.txt".to_string(), "fee_vs_prose"),
            ("putian-ptstjj-2022.txt".to_string(), "six_sections"),
            ("putian-ptstjj-2022.txt".to_string(), "six_sections"),
        ]
    );
}

/// A real report whose 总体情况 is last year's, word for word but for the figures: flagged with
/// the section and the share; the real pair is not.
#[test]
fn a_section_copied_from_last_year_is_named_with_its_share() {
    let Some(corpus) = common::corpus_dir() else { return };
    let (prev_text, cur_text, copied) = common::pingtan_with_copied_overview(&corpus);
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        xxgk::ingest::ingest_path(&p).expect("ingest")
    };
    let prev = write("pingtan-2022.txt", &prev_text);
    let real = write("pingtan-2023.txt", &cur_text);
    let fake = write("pingtan-2023-copied.txt", &copied);
    let copied_findings = |a: &Report, b: &Report| -> Vec<String> {
        xxgk::rules::cross_year::check_pair(a, b)
            .iter()
            .filter(|f| f.rule == RuleId::XyCopiedProse)
            .map(|f| f.text(Lang::En))
            .collect()
    };
    assert!(copied_findings(&prev, &real).is_empty());
    let f = copied_findings(&prev, &fake);
    assert_eq!(f.len(), 1, "{f:?}");
    let text = f.first().map(String::as_str).unwrap_or("");
    assert!(text.contains("一、总体情况") && text.contains("2022"), "{text}");
    let share: u32 = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse().ok())
        .find(|&n| (80..=100).contains(&n))
        .unwrap_or(0);
    assert!(share >= 90, "{text}");
}
