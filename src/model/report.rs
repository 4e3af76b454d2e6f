//! The structured report: metadata, figures with provenance (their places: `location`),
//! warnings (JSON `"schema": 4`; schemas 1 to 3 are read too).

use std::fmt;

use serde::{Deserialize, Serialize};

mod wire;

pub use wire::{Run, SPLIT_NOTE, unsplit_note};

use super::catalog::{KeyId, TableId, Template, catalog};
use super::location::Location;
use super::num::Num;

/// Version of the JSON form written by this build. Schema 4 writes a run of digits printed
/// together (layout E) once, in the report's `runs`, and the figures cut from it point to it
/// (`"run": i`) instead of repeating its digits, place and note. Schema 3 writes a cell's or a line's
/// location as an array (`[table, row, col]`, `[line]`, `[line, col]`; a PDF position stays
/// `{"page", "x", "y"}`); schema 2 wrote objects (`{"table":1,"row":3,"col":2}`) and left out
/// a figure's `raw` when it is the value as printed, as schema 3 does; schema 1 wrote `raw`
/// always.
pub const SCHEMA_VERSION: u32 = 4;

/// Whether this build reads a JSON form's version (1 to 4).
pub fn schema_readable(version: u32) -> bool {
    (1..=SCHEMA_VERSION).contains(&version)
}

/// Version of the parser's behaviour; bump whenever the same input would read differently.
/// Caches key on it.
pub const PARSER_VERSION: u32 = 4;

/// Whether a standard cell was read, left blank by the report, or could not be read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// A value was read.
    #[default]
    Read,
    /// The report leaves the cell blank (null, not 0).
    Blank,
    /// The cell could not be placed or read; a warning says why.
    Unknown,
}

impl CellState {
    fn is_read(&self) -> bool {
        *self == CellState::Read
    }
}

/// One standard cell of a report.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Figure {
    /// The value (in 万元 for amounts); `null` when blank or unknown.
    pub value: Option<Num>,
    /// `blank` or `unknown` when there is no value (omitted when read).
    #[serde(default, skip_serializing_if = "CellState::is_read")]
    pub state: CellState,
    /// The cell text as printed (units and signs included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Where the cell was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Location>,
    /// How the value was obtained when not read directly (e.g. split from run-together digits),
    /// or why it is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Figure {
    /// A value read from a cell.
    pub fn read(value: Num, raw: impl Into<String>, at: Location) -> Figure {
        Figure {
            value: Some(value),
            state: CellState::Read,
            raw: Some(raw.into()),
            at: Some(at),
            note: None,
        }
    }

    /// A cell the report leaves blank.
    pub fn blank(raw: Option<String>, at: Option<Location>) -> Figure {
        Figure {
            value: None,
            state: CellState::Blank,
            raw,
            at,
            note: None,
        }
    }

    /// A cell that could not be read, with the reason.
    pub fn unknown(at: Option<Location>, note: impl Into<String>) -> Figure {
        Figure {
            value: None,
            state: CellState::Unknown,
            raw: None,
            at,
            note: Some(note.into()),
        }
    }
}

/// Figures keyed by canonical key, in catalogue order: a vector sorted by key (a report has a
/// few hundred cells; lookups are a binary search, iteration is contiguous, and a parsed report,
/// written in key order, is built without any rebalancing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures(Vec<(KeyId, Figure)>);

impl Figures {
    /// Figures from pairs in any order; a repeated key keeps its last figure.
    pub fn from_pairs(mut pairs: Vec<(KeyId, Figure)>) -> Figures {
        // Stable sort: among equal keys the later one is last, and is the one kept.
        pairs.sort_by_key(|(k, _)| *k);
        pairs.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                std::mem::swap(later, earlier);
                true
            } else {
                false
            }
        });
        Figures(pairs)
    }

    fn find(&self, key: KeyId) -> Result<usize, usize> {
        self.0.binary_search_by_key(&key, |(k, _)| *k)
    }

    /// The figure of a key, if the report has the cell.
    pub fn get(&self, key: KeyId) -> Option<&Figure> {
        self.find(key).ok().and_then(|i| self.0.get(i)).map(|(_, f)| f)
    }

    /// The value of a key (None when blank, unknown or absent).
    pub fn value(&self, key: KeyId) -> Option<Num> {
        self.get(key).and_then(|f| f.value)
    }

    /// Sets a figure.
    pub fn insert(&mut self, key: KeyId, fig: Figure) {
        // Readers mostly go in catalogue order: appending is the common case.
        if self.0.last().is_none_or(|(k, _)| *k < key) {
            self.0.push((key, fig));
            return;
        }
        match self.find(key) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = fig;
                }
            }
            Err(i) => self.0.insert(i, (key, fig)),
        }
    }

    /// Keeps the figures for which `keep` says yes.
    pub fn retain(&mut self, mut keep: impl FnMut(KeyId, &Figure) -> bool) {
        self.0.retain(|(k, f)| keep(*k, f));
    }

    /// Iterates in catalogue order.
    pub fn iter(&self) -> impl Iterator<Item = (KeyId, &Figure)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }

    /// Iterates mutably in catalogue order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (KeyId, &mut Figure)> {
        self.0.iter_mut().map(|(k, v)| (*k, v))
    }

    /// Number of cells held.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no cell is held.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether any cell of a table is held.
    pub fn has_table(&self, table: TableId) -> bool {
        self.0.iter().any(|(k, _)| k.def().table == table)
    }
}

/// The kind of file a report was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Plain or scraped text (including markdown and text taken from PDFs).
    Text,
    /// An HTML page or fragment.
    Html,
    /// A PDF file.
    Pdf,
    /// A Word (.docx) file.
    Docx,
}

impl SourceFormat {
    /// The name used in JSON and the terminal.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Docx => "docx",
        }
    }
}

/// The table layout recognised in a source (format-spec §7.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layout {
    /// Cell per line, each followed by ` |`.
    #[serde(rename = "A")]
    A,
    /// As A, with pipe padding on the same line.
    #[serde(rename = "B")]
    B,
    /// Cell per paragraph, no delimiters.
    #[serde(rename = "C")]
    C,
    /// Leading pipe with indented continuation lines.
    #[serde(rename = "D")]
    D,
    /// Cells run together with no separators.
    #[serde(rename = "E")]
    E,
    /// Markdown pipe tables.
    #[serde(rename = "markdown")]
    Markdown,
    /// Text taken from a PDF, one table row per line.
    #[serde(rename = "pdf-text")]
    PdfText,
    /// HTML tables.
    #[serde(rename = "html")]
    Html,
    /// A PDF's own text layer.
    #[serde(rename = "pdf")]
    Pdf,
    /// Word tables.
    #[serde(rename = "docx")]
    Docx,
}

impl Layout {
    /// The name used in JSON and the terminal.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::A => "A",
            Layout::B => "B",
            Layout::C => "C",
            Layout::D => "D",
            Layout::E => "E",
            Layout::Markdown => "markdown",
            Layout::PdfText => "pdf-text",
            Layout::Html => "html",
            Layout::Pdf => "pdf",
            Layout::Docx => "docx",
        }
    }
}

/// Where the report was read from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The path as given.
    pub path: String,
    /// The kind of file.
    pub format: SourceFormat,
    /// The table layout recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<Layout>,
    /// The text encoding (`utf-8`, `gbk`, …) for text and HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// Who published the report, for which year, and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The reporting agency (`开原市人民政府`, `西安市雁塔区漳浒寨街道办事处`).
    pub agency: Option<String>,
    /// The administrative region the agency belongs to (`开原市`, `西安市雁塔区`).
    #[serde(default)]
    pub region: Option<String>,
    /// The report year (not the publication year).
    pub year: Option<u16>,
    /// The template the tables follow.
    pub template: Template,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
    /// 6-digit administrative division code.
    #[serde(default)]
    pub division_code: Option<String>,
    /// Province, short form (`辽宁`, `上海`).
    #[serde(default)]
    pub province: Option<String>,
    /// The file read.
    pub source: Source,
}

/// What a warning is about; stable snake_case codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// A table row was not found where the template expects it.
    RowNotFound,
    /// A row had fewer values than columns: positions unknown, values left unplaced.
    ShortRow,
    /// A row had more values than columns.
    LongRow,
    /// A cell's text is not a number or a blank marker.
    UnreadableValue,
    /// Run-together digits that do not split uniquely.
    AmbiguousSplit,
    /// Several readings of a row's values fit the table's sums (or the rows could only be
    /// decided one by one): the cells they disagree on are left unknown.
    AmbiguousPlacement,
    /// Values found where no row or column is expected.
    StrayValues,
    /// A labelled row with values that is not part of the template (kept in `extra_rows`).
    UnmatchedLabel,
    /// A standard table was not found.
    TableMissing,
    /// Table 1 and table 2 suggest different templates.
    TemplateMixed,
    /// Bytes that are invalid in the detected encoding were replaced.
    EncodingReplaced,
    /// A metadata field could not be determined.
    MetaMissing,
    /// Metadata sources disagree (e.g. the year of the title and of the statistics period).
    MetaConflict,
    /// A name in the report looks like spam injected by a mirror site.
    SuspectText,
    /// The amount's unit was converted (e.g. 元 → 万元).
    UnitConverted,
}

impl WarningCode {
    /// Every code (the catalogue names each: `warning.CODE`).
    pub const ALL: [WarningCode; 15] = [
        WarningCode::RowNotFound,
        WarningCode::ShortRow,
        WarningCode::LongRow,
        WarningCode::UnreadableValue,
        WarningCode::AmbiguousSplit,
        WarningCode::AmbiguousPlacement,
        WarningCode::StrayValues,
        WarningCode::UnmatchedLabel,
        WarningCode::TableMissing,
        WarningCode::TemplateMixed,
        WarningCode::EncodingReplaced,
        WarningCode::MetaMissing,
        WarningCode::MetaConflict,
        WarningCode::SuspectText,
        WarningCode::UnitConverted,
    ];

    /// The stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::RowNotFound => "row_not_found",
            WarningCode::ShortRow => "short_row",
            WarningCode::LongRow => "long_row",
            WarningCode::UnreadableValue => "unreadable_value",
            WarningCode::AmbiguousSplit => "ambiguous_split",
            WarningCode::AmbiguousPlacement => "ambiguous_placement",
            WarningCode::StrayValues => "stray_values",
            WarningCode::UnmatchedLabel => "unmatched_label",
            WarningCode::TableMissing => "table_missing",
            WarningCode::TemplateMixed => "template_mixed",
            WarningCode::EncodingReplaced => "encoding_replaced",
            WarningCode::MetaMissing => "meta_missing",
            WarningCode::MetaConflict => "meta_conflict",
            WarningCode::SuspectText => "suspect_text",
            WarningCode::UnitConverted => "unit_converted",
        }
    }
}

/// A problem met while reading a report, with where it was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable code.
    pub code: WarningCode,
    /// One-line explanation.
    pub message: String,
    /// Where in the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Location>,
}

impl Warning {
    /// Builds a warning.
    pub fn new(code: WarningCode, message: impl Into<String>, at: Option<Location>) -> Warning {
        Warning {
            code,
            message: message.into(),
            at,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{}: {} ({at})", self.code.as_str(), self.message),
            None => write!(f, "{}: {}", self.code.as_str(), self.message),
        }
    }
}

/// A labelled row with values that the template does not have (kept, never dropped).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtraRow {
    /// The table it was found in.
    pub table: TableId,
    /// The label as printed.
    pub label: String,
    /// The cell texts as printed.
    pub values: Vec<String>,
    /// The number ingest read from each of `values` (`None`: blank or not a number). The rules
    /// read these, never the text; empty in files written before parser 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read: Vec<Option<Num>>,
    /// For values printed on a group row (`denied`, `results`), the group's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Where the label was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Location>,
}

/// What a figure stated in the prose refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimTopic {
    /// Applications received in the year (收到/受理申请 N 件).
    Received,
    /// Applications carried over from last year, as quoted in the prose.
    CarriedIn,
    /// Applications completed (办结/答复 N 件).
    Completed,
    /// Applications carried over to next year.
    CarriedOut,
    /// Administrative reviews (行政复议 N 件).
    ReviewTotal,
    /// Lawsuits (行政诉讼 N 件).
    LitigationTotal,
    /// Applications granted in full or in part (予以公开及部分公开 N 件).
    GrantedOrPartial,
    /// 信息处理费 charged in the year, in 元 (0 when the prose says none was charged).
    FeeCharged,
}

/// A figure stated in the report's prose, with the clause that states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// What the figure counts.
    pub topic: ClaimTopic,
    /// The figure.
    pub value: Num,
    /// The clause quoted (short).
    pub quote: String,
    /// Where it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Location>,
}

/// A report as read: the versioned JSON form of xxgk. Written with a `runs` list (schema 4):
/// the runs of digits printed together (layout E) once each, which the figures cut from them
/// point to (`"run": i`) instead of repeating the digits, the place and the note.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "wire::ReportWire")]
pub struct Report {
    /// JSON schema version ([`SCHEMA_VERSION`] when written by this build).
    pub schema: u32,
    /// The parser that produced it (`xxgk 0.1.0 parser 1`).
    pub parser: String,
    /// Metadata.
    pub meta: Meta,
    /// Standard cells by canonical key.
    pub figures: Figures,
    /// Rows with values outside the template.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_rows: Vec<ExtraRow>,
    /// Figures stated in the prose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// The format's numbered sections found in the text, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Problems met while reading.
    #[serde(default)]
    pub warnings: Vec<Warning>,
}

impl Report {
    /// A report read from JSON, in this build's terms: `None` for a schema this build does not
    /// read; a schema-2 to -4 figure without `raw` gets its value as printed back.
    pub fn upgraded(mut self) -> Option<Report> {
        if !schema_readable(self.schema) {
            return None;
        }
        if self.schema >= 2 {
            for (_, f) in self.figures.iter_mut() {
                if f.raw.is_none()
                    && let Some(v) = f.value
                {
                    f.raw = Some(v.to_string());
                }
            }
        }
        self.schema = SCHEMA_VERSION;
        Some(self)
    }
}

/// One of the format's six numbered sections (format-spec §1) as found in a report's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Its number in the format: 1 (一、总体情况) to 6 (六、其他需要报告的事项).
    pub number: u8,
    /// The heading as printed (at most 40 characters).
    pub heading: String,
    /// Length of its prose after normalisation: letters and ideographs, a run of digits as one.
    #[serde(default)]
    pub chars: u32,
    /// A sketch of its prose for the copied-text rule (64 bins in hex, see
    /// [`Section::similarity`]); empty for the table sections and for short prose.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sketch: String,
}

/// Bins of a section's sketch.
pub const SKETCH_BINS: usize = 64;

impl Section {
    /// The estimated share (0–1) of character 4-grams two sections' prose have in common
    /// (Jaccard similarity, one-permutation MinHash over [`SKETCH_BINS`] bins); `None` when
    /// either has no sketch or the two have no bin in common.
    pub fn similarity(&self, other: &Section) -> Option<f64> {
        let (a, b) = (decode_sketch(&self.sketch)?, decode_sketch(&other.sketch)?);
        let (mut same, mut used) = (0u32, 0u32);
        for (x, y) in a.iter().zip(b.iter()) {
            match (*x, *y) {
                (EMPTY_BIN, EMPTY_BIN) => {}
                (x, y) => {
                    used += 1;
                    if x == y {
                        same += 1;
                    }
                }
            }
        }
        (used > 0).then(|| f64::from(same) / f64::from(used))
    }
}

/// The value of a bin no 4-gram fell into.
pub const EMPTY_BIN: u8 = 0xFF;

fn decode_sketch(s: &str) -> Option<[u8; SKETCH_BINS]> {
    let b = s.as_bytes();
    if b.len() != SKETCH_BINS * 2 {
        return None;
    }
    let mut out = [0u8; SKETCH_BINS];
    for (i, slot) in out.iter_mut().enumerate() {
        let hex = std::str::from_utf8(b.get(i * 2..i * 2 + 2)?).ok()?;
        *slot = u8::from_str_radix(hex, 16).ok()?;
    }
    Some(out)
}

/// The `parser` string of this build.
pub fn parser_id() -> String {
    format!("xxgk {} parser {PARSER_VERSION}", env!("CARGO_PKG_VERSION"))
}

impl Report {
    /// The value of a canonical key, when read.
    pub fn value(&self, key: KeyId) -> Option<Num> {
        self.figures.value(key)
    }

    /// The value of a key given by name.
    pub fn value_of(&self, name: &str) -> Option<Num> {
        catalog().id(name).and_then(|k| self.value(k))
    }

    /// A short display name: agency and year.
    pub fn title(&self) -> String {
        let agency = self.meta.agency.as_deref().unwrap_or("(unknown agency)");
        match self.meta.year {
            Some(y) => format!("{agency} {y}"),
            None => agency.to_string(),
        }
    }
}
