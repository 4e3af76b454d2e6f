//! The command line: one function per subcommand, writing to `impl Write` so tests capture it.
//! Exit codes: 0 success, 1 some input failed (or findings, for `check`), 2 usage or I/O error.

pub mod changes;
pub mod check;
pub mod diff;
pub mod export;
pub mod list;
pub mod parse;
pub mod progress;
pub mod rollup;
pub mod show;
pub mod table_text;
pub mod trend;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code: everything went well.
pub const EXIT_OK: u8 = 0;
/// Exit code: some inputs failed (the rest was processed).
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit code: usage or I/O error.
pub const EXIT_USAGE: u8 = 2;

/// Read, check and compare 政府信息公开工作年度报告 (government information-disclosure annual reports).
#[derive(Debug, Parser)]
#[command(name = "xxgk", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Without a command: the directory of reports to open (default: `sample-reports/` when run
    /// from the repository).
    pub dir: Option<PathBuf>,
    /// The interface's language (default: from LC_ALL, LC_MESSAGES or LANG; zh* is Chinese).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<crate::i18n::Lang>,
    /// How long one PDF may take to read, in seconds, before it is abandoned with an error
    /// (default 10; 0: no limit).
    #[arg(long, global = true, value_name = "SECS")]
    pub pdf_time_limit: Option<f64>,
    /// The share of a section's text (一, 五, 六) that must be the same as the agency's
    /// previous report for `xy_copied_prose`, in percent (default 80, or `[rules]
    /// copied_share` in the config file; 0 turns the rule off).
    #[arg(long, global = true, value_name = "PCT", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub copied_share: Option<u8>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse raw reports (text, HTML) into xxgk JSON.
    Parse(ParseArgs),
    /// Show one report (raw or parsed): its tables, as TSV, or as JSON.
    Show(ShowArgs),
    /// Check reports against every rule of the format, across years too.
    Check(CheckArgs),
    /// Export many reports to one CSV, XLSX or JSON file (a row per report, or tidy rows).
    Export(ExportArgs),
    /// Compare two reports side by side: label | A | B | Δ | Δ% | flags.
    Diff(DiffArgs),
    /// One agency's years side by side, with a sparkline per figure.
    Trend(TrendArgs),
    /// Sums and rates by province, city or level: the regions' totals an evaluator needs.
    Rollup(RollupArgs),
    /// The largest year-on-year changes of every agency's figures, ranked.
    Changes(ChangesArgs),
    /// Print a shell completion script: `xxgk completions bash > ~/.local/share/bash-completion/completions/xxgk`.
    Completions(CompletionsArgs),
    /// Print the man page (roff): `xxgk man > ~/.local/share/man/man1/xxgk.1`.
    Man,
}

/// Arguments of `xxgk completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the completion script of `shell` for the whole command line.
pub fn completions(shell: clap_complete::Shell, out: &mut impl std::io::Write) {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut Cli::command(), "xxgk", out);
}

/// Writes the man page (roff): the whole command line, then a section per subcommand with its
/// synopsis and options.
///
/// # Errors
/// When `out` cannot be written.
pub fn man(out: &mut impl std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    cmd.build();
    let page = clap_mangen::Man::new(cmd.clone());
    // Not `render`: its SUBCOMMANDS section points to xxgk-show(1) pages that do not exist;
    // here each subcommand gets its section in this one page.
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    for sub in cmd.get_subcommands().filter(|s| !matches!(s.get_name(), "help")) {
        let title = format!("xxgk {}", sub.get_name());
        let page = clap_mangen::Man::new(sub.clone().bin_name(title.clone()));
        let mut buf = Vec::new();
        page.render_synopsis_section(&mut buf)?;
        page.render_options_section(&mut buf)?;
        writeln!(out, ".SH \"{}\"", title.to_uppercase())?;
        if let Some(about) = sub.get_about() {
            writeln!(out, "{about}")?;
        }
        // One page: the subcommand's own sections become subsections of its section.
        for line in String::from_utf8_lossy(&buf).lines() {
            match line.strip_prefix(".SH ") {
                Some(heading) => writeln!(out, ".SS {heading}")?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    page.render_version_section(out)
}

/// Output formats of `xxgk diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Aligned columns for a terminal.
    Text,
    /// The same rows as CSV.
    Csv,
    /// The grid as JSON (cells with values and marks).
    Json,
}

/// Arguments of `xxgk diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// CSV without the UTF-8 byte-order mark (Excel in Chinese locales needs it to read UTF-8).
    #[arg(long)]
    pub no_bom: bool,
    /// Report A (raw or parsed).
    pub a: PathBuf,
    /// Report B (raw or parsed).
    pub b: PathBuf,
    /// Table: t1, t2 or t3.
    #[arg(long, default_value = "t2")]
    pub table: String,
    /// Table 2 column: an applicant column key (`total`, `natural_person`, …) or `all`.
    #[arg(long, value_name = "KEY|all", default_value = "total")]
    pub column: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// Output formats of `xxgk rollup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RollupFormat {
    /// Aligned columns for a terminal.
    Text,
    /// CSV (to standard output, or `--out`).
    Csv,
    /// The grid as JSON.
    Json,
    /// An Excel workbook (needs `--out`).
    Xlsx,
}

/// Arguments of `xxgk rollup`.
#[derive(Debug, clap::Args)]
pub struct RollupArgs {
    /// CSV without the UTF-8 byte-order mark (Excel in Chinese locales needs it to read UTF-8).
    #[arg(long)]
    pub no_bom: bool,
    /// A directory of reports (raw or parsed; searched recursively, with the cache).
    pub dir: PathBuf,
    /// How to group the reports.
    #[arg(long, value_enum, default_value_t = crate::grid::By::Province)]
    pub by: crate::grid::By,
    /// Only reports of this year.
    #[arg(long)]
    pub year: Option<u16>,
    /// Rates over a smaller base are shown in brackets and not ranked.
    #[arg(long, default_value_t = 30.0)]
    pub min_base: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RollupFormat::Text)]
    pub format: RollupFormat,
    /// Write to this file instead of standard output (never replacing one without `--force`).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace `--out` if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `xxgk changes`.
#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// CSV without the UTF-8 byte-order mark (Excel in Chinese locales needs it to read UTF-8).
    #[arg(long)]
    pub no_bom: bool,
    /// A directory of reports (raw or parsed; searched recursively, with the cache).
    pub dir: PathBuf,
    /// The year compared with the one before it.
    #[arg(long)]
    pub year: u16,
    /// Smallest absolute change (as the explorer's thresholds).
    #[arg(long, default_value_t = 10.0)]
    pub min_abs: f64,
    /// Smallest relative change in percent, for bases of at least `--min-base`.
    #[arg(long, default_value_t = 50.0)]
    pub min_rel: f64,
    /// Below this base only the absolute change counts.
    #[arg(long, default_value_t = 5.0)]
    pub min_base: f64,
    /// At most this many rows.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Output format (as `diff`'s).
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// Arguments of `xxgk trend`.
#[derive(Debug, clap::Args)]
pub struct TrendArgs {
    /// CSV without the UTF-8 byte-order mark (Excel in Chinese locales needs it to read UTF-8).
    #[arg(long)]
    pub no_bom: bool,
    /// A directory of reports (raw or parsed; searched recursively, with the cache).
    pub dir: PathBuf,
    /// The agency: its name or part of it, Han or pinyin (`pingtan`, `平潭`).
    #[arg(long, value_name = "NAME")]
    pub agency: String,
    /// Table: t1, t2 or t3.
    #[arg(long, default_value = "t2")]
    pub table: String,
    /// Table 2 column: an applicant column key (`total`, `natural_person`, …).
    #[arg(long, value_name = "KEY", default_value = "total")]
    pub column: String,
    /// Output format (as `diff`'s).
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// Output formats of `xxgk export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values, UTF-8 with BOM unless `--no-bom`.
    Csv,
    /// An Excel workbook: the table, frozen headers, marked cells, and a findings sheet.
    Xlsx,
    /// A JSON array of row objects.
    Json,
}

/// Arguments of `xxgk export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Report files or directories (raw or parsed; searched recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Format (default: from the file's extension, else CSV).
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Only figure keys matching these patterns (`*` matches anything), e.g. `t2.*.total`.
    #[arg(long = "keys", value_name = "PATTERN")]
    pub keys: Vec<String>,
    /// Tidy rows `report, key, value` instead of one row per report.
    #[arg(long)]
    pub long: bool,
    /// CSV without the UTF-8 byte-order mark.
    #[arg(long)]
    pub no_bom: bool,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Output formats of `xxgk check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Findings grouped by report.
    Text,
    /// An array of `{file, agency, year, rule, severity, keys, expected, actual, message}`.
    Json,
    /// One finding per row.
    Csv,
}

/// Lowest severity shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    /// Errors only.
    Error,
    /// Errors and warnings.
    Warning,
}

impl MinSeverity {
    /// As a severity.
    pub fn severity(self) -> crate::rules::Severity {
        match self {
            MinSeverity::Error => crate::rules::Severity::Error,
            MinSeverity::Warning => crate::rules::Severity::Warning,
        }
    }
}

/// Arguments of `xxgk check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// CSV without the UTF-8 byte-order mark (Excel in Chinese locales needs it to read UTF-8).
    #[arg(long)]
    pub no_bom: bool,
    /// Report files or directories (raw or parsed; searched recursively).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Lowest severity to report.
    #[arg(long, value_enum, default_value_t = MinSeverity::Warning)]
    pub min_severity: MinSeverity,
    /// Only these rules (repeatable), by id.
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Print the rule catalogue and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// Arguments of `xxgk parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// Report files or directories (searched recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write `DIR/<stem>.json` for every input (required for more than one input).
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
    /// Indented JSON for people to read (default: compact, about a third of the size).
    #[arg(long)]
    pub pretty: bool,
}

/// Output formats of `xxgk show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The three tables, readable in a terminal.
    Table,
    /// One `key<TAB>value` line per non-blank figure and metadata field.
    Tsv,
    /// The report in xxgk JSON form.
    Json,
}

/// Arguments of `xxgk show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A raw report or a parsed .json report.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,
}
