//! Ingest: raw report files → [`Report`] (decode → locate tables → map labels → figures).
//!
//! Each stage is a function of its own: [`decode`] (bytes → text), [`doc`]/[`html`] (text →
//! pieces with locations), [`tokens`], [`sections`] (where the tables are), [`rows`]/[`tables`]/
//! [`table3`] (labels → figures), [`meta`]. Nothing here panics on input: a file that cannot be
//! read gives an [`IngestError`] naming the file and the reason; a cell that cannot be read gives
//! a warning with its location, never a silent zero.

pub mod assign;
pub mod channel;
pub mod claims;
pub mod columns;
pub mod decode;
pub mod docx;
pub mod guard;
pub mod html;
pub mod meta;
pub mod normalize;
pub mod outline;
pub mod pattern;
pub mod pdf;
pub mod pieces;
pub mod place;
pub mod rows;
mod scan;
pub mod sections;
pub mod segment;
pub mod split;
pub mod table3;
pub mod tables;
pub mod template;
pub mod tokens;

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::model::{
    Figures, Layout, Meta, Report, SCHEMA_VERSION, Source, SourceFormat, TableId, Template, Warning, WarningCode,
    parser_id,
};
use decode::{Kind, MAX_BYTES};

/// Largest input file read (larger ones are refused with an error).
pub const MAX_INPUT_BYTES: u64 = MAX_BYTES;
use rows::Ctx;

/// Why a file could not be read as a report.
#[derive(Debug, thiserror::Error)]
pub enum IngestErrorKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// A FIFO, socket or device (or a link to one): never opened.
    #[error("not a regular file")]
    NotRegular,
    /// Elements nested deeper than any page needs (the HTML parser's work grows with the depth
    /// of every element: such a page would take minutes).
    #[error("elements nested more than {0} deep: not read")]
    Nested(usize),
    /// The file is empty (or only whitespace).
    #[error("empty file")]
    Empty,
    /// The file is binary data.
    #[error("binary file ({0}), not a report")]
    Binary(String),
    /// The file is larger than reports ever are.
    #[error("{}", too_large(*.size, *.limit).render(crate::i18n::Lang::En))]
    TooLarge {
        /// Size of the file.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The bytes are not text in any supported encoding.
    #[error("not valid text in UTF-8, GBK, GB18030 or UTF-16")]
    Encoding,
    /// A kind of file this build cannot read.
    #[error("unsupported input: {0}")]
    Unsupported(String),
    /// A PDF whose reading took longer than the limit (`--pdf-time-limit`): abandoned.
    #[error("the PDF took longer than {0} s to read: abandoned (--pdf-time-limit raises the limit)")]
    TimedOut(u64),
    /// Neither standard tables nor a pre-2019 report were found.
    #[error("no standard tables found (not a 政府信息公开工作年度报告, or its tables are images)")]
    NoTables,
    /// A JSON file that is not a report of a supported schema.
    #[error("not a report in xxgk JSON form: {0}")]
    Json(String),
}

impl IngestErrorKind {
    /// The reason in a language (the `Display` text is the English one).
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::msg;
        match self {
            IngestErrorKind::Io(e) => msg!("error.io", why = e.to_string()),
            IngestErrorKind::Empty => msg!("error.empty"),
            IngestErrorKind::NotRegular => msg!("error.not_regular"),
            IngestErrorKind::Nested(depth) => msg!("error.nested", depth = *depth as u64),
            IngestErrorKind::Binary(what) => msg!("error.binary", what = what.as_str()),
            IngestErrorKind::TooLarge { size, limit } => too_large(*size, *limit),
            IngestErrorKind::Encoding => msg!("error.encoding"),
            IngestErrorKind::Unsupported(what) => msg!("error.unsupported", what = what.as_str()),
            IngestErrorKind::NoTables => msg!("error.no_tables"),
            IngestErrorKind::TimedOut(secs) => msg!("error.timed_out", secs = *secs),
            IngestErrorKind::Json(why) => msg!("error.json", why = why.as_str()),
        }
    }
}

impl IngestError {
    /// `path: reason` in a language.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        format!("{}: {}", self.path, self.kind.msg().render(lang))
    }
}

/// "file too large (70.2 MB; the limit is 64 MB)": sizes in MB, the limit named.
#[allow(clippy::cast_precision_loss)] // a size shown to one decimal
pub fn too_large(size: u64, limit: u64) -> crate::i18n::Msg {
    let mb = |b: u64| b as f64 / f64::from(1u32 << 20);
    crate::msg!(
        "error.too_large",
        size = format!("{:.1} MB", mb(size)),
        limit = format!("{} MB", limit >> 20)
    )
}

/// A file that could not be read, with the reason.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct IngestError {
    /// The file.
    pub path: String,
    /// The reason.
    pub kind: IngestErrorKind,
}

/// Reads and parses one file (raw report or xxgk JSON).
pub fn ingest_path(path: &Path) -> Result<Report, IngestError> {
    let name = path.display().to_string();
    let err = |kind| IngestError {
        path: name.clone(),
        kind,
    };
    let bytes = crate::fsio::read_regular(path, MAX_BYTES).map_err(|e| {
        err(match e {
            // Which kind of not-a-file is asked only when it is not one.
            crate::fsio::OpenError::NotRegular if fs::metadata(path).is_ok_and(|m| m.is_dir()) => {
                IngestErrorKind::Unsupported("a directory".into())
            }
            crate::fsio::OpenError::NotRegular => IngestErrorKind::NotRegular,
            crate::fsio::OpenError::TooLarge { size, limit } => IngestErrorKind::TooLarge { size, limit },
            crate::fsio::OpenError::Io(e) => IngestErrorKind::Io(e),
        })
    })?;
    ingest_bytes(&bytes, &name)
}

/// Parses the bytes of one file; `path` names it in errors and in the report's source.
pub fn ingest_bytes(bytes: &[u8], path: &str) -> Result<Report, IngestError> {
    read(bytes, path).map_err(|kind| IngestError {
        path: path.to_string(),
        kind,
    })
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn read(bytes: &[u8], path: &str) -> Result<Report, IngestErrorKind> {
    let len = bytes.len() as u64;
    if len > MAX_BYTES {
        return Err(IngestErrorKind::TooLarge {
            size: len,
            limit: MAX_BYTES,
        });
    }
    let kind = decode::sniff(bytes, path)?;
    let format = match kind {
        Kind::Json => return read_json(bytes),
        Kind::Pdf => SourceFormat::Pdf,
        Kind::Docx => SourceFormat::Docx,
        Kind::Html => SourceFormat::Html,
        Kind::Text => SourceFormat::Text,
    };
    let mut warnings = Vec::new();
    let (mut doc, encoding) = match format {
        SourceFormat::Pdf => (pdf::from_pdf(bytes)?, None),
        SourceFormat::Docx => (docx::from_docx(bytes)?, None),
        _ => {
            let decoded = decode::decode(bytes, format == SourceFormat::Html)?;
            if decoded.replaced > 0 {
                warnings.push(Warning::new(
                    WarningCode::EncodingReplaced,
                    format!(
                        "{} invalid byte sequences in {} replaced",
                        decoded.replaced, decoded.encoding
                    ),
                    None,
                ));
            }
            let doc = match format {
                SourceFormat::Html => {
                    html::nesting_ok(&decoded.text)?;
                    html::from_html(&decoded.text)
                }
                _ => pieces::from_text(&decoded.text),
            };
            (doc, Some(decoded.encoding.to_string()))
        }
    };
    let source = Source {
        path: path.to_string(),
        format,
        layout: None,
        encoding,
        sha256: sha256_hex(bytes),
        bytes: len,
    };
    let secs = sections::locate(&doc.text);
    let regions: Vec<_> = [&secs.t1, &secs.t2, &secs.t3].into_iter().flatten().cloned().collect();
    let toks = tokens::tokenize_within(&doc, &regions);
    let has_tables = secs.t1.is_some() || secs.t2.is_some();
    let run_together = has_tables && channel::is_run_together(&doc, &toks, &secs);
    if run_together {
        doc.layout = Layout::E;
    }
    let channel = if has_tables {
        channel::detect(&doc, &toks, &secs)
    } else {
        place::Channel::default()
    };
    let meta_out = meta::extract(&doc.text, &secs);
    warnings.extend(meta_out.warnings.iter().cloned());
    let ctx = Ctx {
        doc: &doc,
        toks: &toks,
        with_col: matches!(doc.layout, Layout::E | Layout::PdfText),
        channel,
    };
    let mut figures = Figures::default();
    let mut extra_rows = Vec::new();
    let template = if !has_tables {
        if template::looks_pre2019(&doc.text) || meta_out.year.is_some_and(|y| y <= 2018) {
            Template::Pre2019
        } else {
            return Err(IngestErrorKind::NoTables);
        }
    } else {
        let choice = template::choose(&ctx, &secs, meta_out.year);
        if let Some(w) = choice.warning.clone() {
            warnings.push(w);
        }
        let mut outs = Vec::new();
        match &secs.t1 {
            Some(r) => outs.push(tables::read_t1(&ctx, r, choice.t1)),
            None => warnings.push(missing(TableId::T1)),
        }
        match &secs.t2 {
            Some(r) => outs.push(tables::read_t2(&ctx, r, choice.t2)),
            None => warnings.push(missing(TableId::T2)),
        }
        match &secs.t3 {
            Some(r) => outs.push(table3::read_t3(&ctx, r)),
            None => warnings.push(missing(TableId::T3)),
        }
        for o in outs {
            for (k, f) in o.figures {
                figures.insert(k, f);
            }
            extra_rows.extend(o.extra);
            warnings.extend(o.warnings);
        }
        choice.report
    };
    Ok(Report {
        schema: SCHEMA_VERSION,
        parser: parser_id(),
        meta: Meta {
            agency: meta_out.agency,
            region: meta_out.region,
            year: meta_out.year,
            template,
            published: meta_out.published,
            division_code: meta_out.division_code,
            province: meta_out.province,
            source: Source {
                layout: Some(doc.layout),
                ..source
            },
        },
        figures,
        extra_rows,
        claims: if template == Template::Pre2019 {
            Vec::new()
        } else {
            let wrapped = matches!(doc.layout, Layout::PdfText | Layout::Pdf);
            let mut c = claims::extract(&doc.text, &secs, wrapped);
            c.extend(claims::fee(&doc.text, &secs, wrapped));
            c
        },
        sections: if template == Template::Pre2019 {
            Vec::new()
        } else {
            outline::outline(&doc.text, &secs)
        },
        warnings,
    })
}

fn missing(t: TableId) -> Warning {
    Warning::new(
        WarningCode::TableMissing,
        format!("table {} ({}) not found", t.as_str(), t.title()),
        None,
    )
}

fn read_json(bytes: &[u8]) -> Result<Report, IngestErrorKind> {
    #[derive(serde::Deserialize)]
    struct Probe {
        schema: Option<u64>,
    }
    // One pass for the common case; the probe only words the error.
    let unsupported = |s: u64| {
        IngestErrorKind::Json(format!(
            "schema {s} is not supported (this build reads 1 to {SCHEMA_VERSION})"
        ))
    };
    match serde_json::from_slice::<Report>(bytes) {
        Ok(r) => {
            let schema = r.schema;
            r.upgraded().ok_or_else(|| unsupported(u64::from(schema)))
        }
        Err(e) => match serde_json::from_slice::<Probe>(bytes).map(|p| p.schema) {
            Ok(Some(s)) if !u32::try_from(s).is_ok_and(crate::model::schema_readable) => Err(unsupported(s)),
            Ok(None) => Err(IngestErrorKind::Json("no `schema` field".into())),
            _ => Err(IngestErrorKind::Json(e.to_string())),
        },
    }
}
