//! `sample-reports/`: every parsed JSON loads, and every trimmed raw input reads to the same
//! figures and metadata as the parsed report of its original.

use std::path::Path;

use xxgk::ingest::ingest_path;

#[test]
fn samples_agree_with_their_parsed_reports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports");
    let pairs = [
        ("layout-a-kaiyuan-2023.txt", "kaiyuan-2023.json"),
        ("layout-b-chunhua-2021.txt", "chunhua-2021.json"),
        ("layout-c-zhangjiagang-2023.txt", "zhangjiagang-2023.json"),
        ("layout-d-anshan-2019.txt", "anshan-2019.json"),
        ("layout-e-pingtan-2022.txt", "pingtan-2022.json"),
        ("pdf-text-huaian-2024.txt", "huaian-2024.pdf.json"),
        ("html-shanghai-office-2019.html", "shanghai-office-2019.json"),
    ];
    for (raw, parsed) in pairs {
        let a = ingest_path(&root.join("raw").join(raw)).expect(raw);
        let b = ingest_path(&root.join("parsed").join(parsed)).expect(parsed);
        let values = |r: &xxgk::model::Report| r.figures.iter().map(|(k, f)| (k, f.value, f.state)).collect::<Vec<_>>();
        assert_eq!(values(&a), values(&b), "{raw}");
        assert_eq!(
            (
                &a.meta.agency,
                a.meta.year,
                a.meta.template,
                &a.meta.published,
                &a.meta.province
            ),
            (
                &b.meta.agency,
                b.meta.year,
                b.meta.template,
                &b.meta.published,
                &b.meta.province
            ),
            "{raw}"
        );
    }
    let parsed = std::fs::read_dir(root.join("parsed")).expect("parsed dir").count();
    assert!(parsed >= 12, "a parsed JSON per corpus report");
}
