//! The domain: the format's catalogue of keys, exact numbers, and the structured report.

pub mod agency;
pub mod catalog;
pub mod keys;
pub mod location;
pub mod num;
pub mod regions;
pub mod report;

pub use catalog::{KeyId, TableId, Template, ValueKind, catalog, key};
pub use location::Location;
pub use num::Num;
pub use report::{
    CellState, Claim, ClaimTopic, EMPTY_BIN, ExtraRow, Figure, Figures, Layout, Meta, PARSER_VERSION, Report, Run,
    SCHEMA_VERSION, SKETCH_BINS, SPLIT_NOTE, Section, Source, SourceFormat, Warning, WarningCode, parser_id,
    schema_readable, unsplit_note,
};
