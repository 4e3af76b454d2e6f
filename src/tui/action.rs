//! What the user can do: one `Action` per thing, with the name the config file uses and the
//! line the help shows.

/// What the user does (every key maps to one of these; see `keymap`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move the selection up.
    Up,
    /// Move down.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// One column left.
    Left,
    /// One column right.
    Right,
    /// Start typing a search.
    Search,
    /// A character typed into a prompt.
    Input(char),
    /// Delete the last prompt character.
    Backspace,
    /// Back / clear / cancel.
    Back,
    /// Open the selected report, jump to the selected finding, confirm a prompt.
    Open,
    /// Mark the selected report as A, then B.
    Mark,
    /// Compare the marked pair.
    Compare,
    /// Compare the selected report with the previous year of its agency.
    ComparePrevious,
    /// Next table.
    NextTable,
    /// Previous table.
    PrevTable,
    /// Cycle the table-2 columns (总计 → each applicant column → all seven).
    Columns,
    /// Next flagged cell.
    NextFlag,
    /// Previous flagged cell.
    PrevFlag,
    /// Show or hide the findings list.
    Findings,
    /// Export the view.
    Export,
    /// Copy the view to the clipboard (OSC 52).
    Copy,
    /// Change the large-change thresholds.
    Thresholds,
    /// Cycle the year filter.
    FilterYear,
    /// Cycle the province filter.
    FilterProvince,
    /// Cycle the level filter.
    FilterLevel,
    /// Only reports with errors, or all.
    FilterErrors,
    /// Cycle the sort order.
    Sort,
    /// The files that could not be read, and duplicates.
    BadFiles,
    /// Show or hide the help.
    Help,
    /// Quit.
    Quit,
}

impl Action {
    /// Every action a key can be bound to, in the help's order.
    pub const NAMED: [Action; 33] = [
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Left,
        Action::Right,
        Action::Search,
        Action::Back,
        Action::Open,
        Action::Mark,
        Action::Compare,
        Action::ComparePrevious,
        Action::NextTable,
        Action::PrevTable,
        Action::Columns,
        Action::NextFlag,
        Action::PrevFlag,
        Action::Findings,
        Action::Export,
        Action::Copy,
        Action::Thresholds,
        Action::FilterYear,
        Action::FilterProvince,
        Action::FilterLevel,
        Action::FilterErrors,
        Action::Sort,
        Action::BadFiles,
        Action::Help,
        Action::Quit,
        Action::Backspace,
        Action::Input(' '),
    ];

    /// The name used in the config file's `[keys]`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Left => "left",
            Action::Right => "right",
            Action::Search => "search",
            Action::Input(_) => "input",
            Action::Backspace => "backspace",
            Action::Back => "back",
            Action::Open => "open",
            Action::Mark => "mark",
            Action::Compare => "compare",
            Action::ComparePrevious => "compare_previous",
            Action::NextTable => "next_table",
            Action::PrevTable => "previous_table",
            Action::Columns => "columns",
            Action::NextFlag => "next_flag",
            Action::PrevFlag => "previous_flag",
            Action::Findings => "findings",
            Action::Export => "export",
            Action::Copy => "copy",
            Action::Thresholds => "thresholds",
            Action::FilterYear => "filter_year",
            Action::FilterProvince => "filter_province",
            Action::FilterLevel => "filter_level",
            Action::FilterErrors => "filter_errors",
            Action::Sort => "sort",
            Action::BadFiles => "bad_files",
            Action::Help => "help",
            Action::Quit => "quit",
        }
    }

    /// The action of a config name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::NAMED
            .iter()
            .copied()
            .filter(|a| !matches!(a, Action::Input(_)))
            .find(|a| a.name() == name)
    }

    /// What it does, for the help.
    pub fn help(self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Left => "column left",
            Action::Right => "column right",
            Action::Search => "search (Han or pinyin: kaiyuan, ky)",
            Action::Input(_) => "typed into a prompt",
            Action::Backspace => "delete a prompt character",
            Action::Back => "back / clear search and filters",
            Action::Open => "open report / jump to finding",
            Action::Mark => "mark A / B",
            Action::Compare => "compare A and B",
            Action::ComparePrevious => "compare with previous year",
            Action::NextTable => "next table",
            Action::PrevTable => "previous table",
            Action::Columns => "table 2: 总计 / each column / all",
            Action::NextFlag => "next flagged cell",
            Action::PrevFlag => "previous flagged cell",
            Action::Findings => "findings list",
            Action::Export => "export the view (CSV/XLSX)",
            Action::Copy => "copy the view (OSC 52)",
            Action::Thresholds => "large-change thresholds",
            Action::FilterYear => "filter: year",
            Action::FilterProvince => "filter: province",
            Action::FilterLevel => "filter: level",
            Action::FilterErrors => "filter: has errors",
            Action::Sort => "sort order",
            Action::BadFiles => "files that could not be read",
            Action::Help => "help",
            Action::Quit => "quit",
        }
    }
}
