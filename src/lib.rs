//! xxgk: read, check and compare China's government information-disclosure annual reports
//! (政府信息公开工作年度报告).
//!
//! Layers: [`model`] (the format and the report), [`ingest`] (raw files → reports),
//! [`rules`] (the checks of the format), [`fsio`] (finding inputs, writing files atomically),
//! and [`cli`] on top.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]
#![warn(missing_docs)]

pub mod cast;
pub mod cli;
pub mod compare;
pub mod export;
pub mod fsio;
pub mod grid;
pub mod i18n;
pub mod ingest;
pub mod library;
pub mod model;
pub mod rules;
#[cfg(any(test, feature = "synth"))]
pub mod synth;
pub mod text;
pub mod tui;
