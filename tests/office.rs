//! Published PDFs and Word files, read offline: the corpus PDF reads to its expected figures and
//! agrees with the text taken from it; Word and PDF files made from our pages (recipe:
//! `tests/fixtures/office/make.sh`) read to the figures of their sources; bad files are refused
//! with a reason.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use xxgk::ingest::{ingest_bytes, ingest_path};
use xxgk::model::{CellState, KeyId, Location, Num, Report, TableId, WarningCode};

fn office(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/office")
        .join(name)
}

fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn cells(r: &Report) -> BTreeMap<KeyId, (Option<Num>, CellState)> {
    r.figures.iter().map(|(k, f)| (k, (f.value, f.state))).collect()
}

#[test]
fn corpus_pdf_agrees_with_its_text() {
    let Some(dir) = common::corpus_dir() else { return };
    let pdf = ingest_path(&dir.join("huaian-2024.pdf")).expect("pdf reads");
    let txt = ingest_path(&dir.join("huaian-2024.pdf.txt")).expect("text reads");
    assert_eq!(cells(&pdf), cells(&txt));
    assert_eq!(pdf.figures.len(), 200);
    assert_eq!((&pdf.meta.agency, pdf.meta.year), (&txt.meta.agency, txt.meta.year));
    // Every figure says where it is on which page.
    for (k, f) in pdf.figures.iter() {
        assert!(
            matches!(f.at, Some(Location::Page { page, .. }) if (3..=5).contains(&page)),
            "{k}: {:?}",
            f.at
        );
    }
    let exp = common::expected(&dir);
    let d = common::differences(&pdf, &exp["huaian-2024.pdf"]);
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn word_files_read_like_their_source_pages() {
    for (docx, source) in [
        ("kaiyuan-2023.docx", "tests/fixtures/html-gbk-2021.html"),
        (
            "shanghai-office-2019.docx",
            "sample-reports/raw/html-shanghai-office-2019.html",
        ),
    ] {
        let a = ingest_path(&office(docx)).expect(docx);
        let b = ingest_path(&root(source)).expect(source);
        assert_eq!(cells(&a), cells(&b), "{docx}");
        assert_eq!(
            (&a.meta.agency, a.meta.year, a.meta.template),
            (&b.meta.agency, b.meta.year, b.meta.template)
        );
        assert!(
            a.figures
                .iter()
                .all(|(_, f)| matches!(f.at, Some(Location::Cell { .. }) | None))
        );
    }
}

#[test]
fn pdfs_made_from_our_pages() {
    let a = ingest_path(&office("kaiyuan-2023.pdf")).expect("pdf");
    let b = ingest_path(&root("tests/fixtures/html-gbk-2021.html")).expect("html");
    assert_eq!(cells(&a), cells(&b));
    // Blank cells in a PDF are empty space: table 2 is placed by the header's column positions.
    let a = ingest_path(&office("shanghai-office-2019.pdf")).expect("pdf");
    let b = ingest_path(&root("sample-reports/raw/html-shanghai-office-2019.html")).expect("html");
    let t2 = |r: &Report| {
        cells(r)
            .into_iter()
            .filter(|(k, _)| k.def().table == TableId::T2)
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(t2(&a), t2(&b));
    // Table 3 has blank cells too and no usable column positions: left unplaced, never guessed.
    assert!(
        a.figures
            .iter()
            .filter(|(k, _)| k.def().table == TableId::T3)
            .all(|(_, f)| f.value.is_none())
    );
    assert!(
        a.warnings
            .iter()
            .any(|w| w.code == WarningCode::ShortRow && w.message.contains("table 3"))
    );
}

#[test]
fn bad_pdfs_are_refused_with_a_reason() {
    let e = ingest_path(&office("bad-encrypted.pdf")).expect_err("encrypted");
    assert!(e.to_string().contains("encrypted"), "{e}");
    let e = ingest_path(&office("bad-truncated.pdf")).expect_err("truncated");
    assert!(e.to_string().contains("corrupt PDF"), "{e}");
    // A page without a text layer: a scan.
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let page = lopdf::dictionary! { "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] };
    let page_id = doc.add_object(page);
    let pages = lopdf::dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 };
    doc.objects.insert(pages_id, lopdf::Object::Dictionary(pages));
    let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    let e = ingest_bytes(&bytes, "scan.pdf").expect_err("scan");
    assert!(e.to_string().contains("scanned PDF"), "{e}");
}
