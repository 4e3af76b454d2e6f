//! A small set of real reports built into the binary, opened when there is nothing else to open
//! (no directory given, none in the working directory, an empty data directory).

use super::{Entry, Library};
use crate::model::Report;
use crate::rules::{Severity, check_report};

const FILES: [(&str, &str); 12] = [
    (
        "anshan-2019.json",
        include_str!("../../sample-reports/parsed/anshan-2019.json"),
    ),
    (
        "chunhua-2021.json",
        include_str!("../../sample-reports/parsed/chunhua-2021.json"),
    ),
    (
        "huaian-2024.pdf.json",
        include_str!("../../sample-reports/parsed/huaian-2024.pdf.json"),
    ),
    (
        "kaiyuan-2023.json",
        include_str!("../../sample-reports/parsed/kaiyuan-2023.json"),
    ),
    (
        "pingtan-2018.json",
        include_str!("../../sample-reports/parsed/pingtan-2018.json"),
    ),
    (
        "pingtan-2019.json",
        include_str!("../../sample-reports/parsed/pingtan-2019.json"),
    ),
    (
        "pingtan-2021.json",
        include_str!("../../sample-reports/parsed/pingtan-2021.json"),
    ),
    (
        "pingtan-2022.json",
        include_str!("../../sample-reports/parsed/pingtan-2022.json"),
    ),
    (
        "pingtan-2023.json",
        include_str!("../../sample-reports/parsed/pingtan-2023.json"),
    ),
    (
        "shanghai-office-2019.json",
        include_str!("../../sample-reports/parsed/shanghai-office-2019.json"),
    ),
    (
        "zhanghuzhai-2023.json",
        include_str!("../../sample-reports/parsed/zhanghuzhai-2023.json"),
    ),
    (
        "zhangjiagang-2023.json",
        include_str!("../../sample-reports/parsed/zhangjiagang-2023.json"),
    ),
];

/// The built-in library, with the full reports (provenance included) by entry.
pub fn builtin() -> (Library, Vec<(usize, Report)>) {
    let reports: Vec<Report> = FILES
        .iter()
        .filter_map(|(name, text)| {
            let mut r = serde_json::from_str::<Report>(text).ok()?.upgraded()?;
            r.meta.source.path = format!("(built-in)/{name}");
            Some(r)
        })
        .collect();
    let entries = reports
        .iter()
        .map(|r| {
            let findings = check_report(r);
            let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
            Entry::from_report(r, errors, findings.len() - errors)
        })
        .collect();
    let lib = Library::from_entries(entries);
    let details = lib
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            reports
                .iter()
                .find(|r| *r.meta.source.path == *e.path)
                .map(|r| (i, r.clone()))
        })
        .collect();
    (lib, details)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_built_in_report_loads() {
        let (lib, details) = super::builtin();
        assert_eq!(lib.entries.len(), super::FILES.len());
        assert_eq!(details.len(), super::FILES.len());
        assert!(lib.groups.len() >= 8);
    }
}
