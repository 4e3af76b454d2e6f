//! What the user can do, listed once: each action's config name, default keys, the word of the
//! status-bar hint and the line of the help are all in the one table below, and the enum, the
//! help screen, the hints, the default keymap and the config file's `[keys]` are derived from it.

macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, [$($key:literal),*], $hint:literal, $help:literal; )*) => {
        /// What the user does (every key maps to one of these; see `keymap`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Action {
            $( $(#[$doc])* $variant, )*
            /// A character typed into a prompt (not bindable: plain characters are input while a
            /// prompt is open).
            Input(char),
        }

        impl Action {
            /// Every action a key can be bound to, in the help's order.
            pub const NAMED: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in the config file's `[keys]`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                    Action::Input(_) => "input",
                }
            }

            /// The keys bound by default, first the one shown in hints.
            pub fn default_keys(self) -> &'static [&'static str] {
                match self {
                    $(Action::$variant => &[$($key),*],)*
                    Action::Input(_) => &[],
                }
            }

            /// The word of the status-bar hint (`/ search`).
            pub fn hint(self) -> &'static str {
                match self {
                    $(Action::$variant => $hint,)*
                    Action::Input(_) => "",
                }
            }

            /// What it does, for the help.
            pub fn help(self) -> &'static str {
                match self {
                    $(Action::$variant => $help,)*
                    Action::Input(_) => "typed into a prompt",
                }
            }
        }
    };
}

actions! {
    /// Move the selection up.
    Up = "up", ["k", "Up"], "up", "up";
    /// Move down.
    Down = "down", ["j", "Down"], "down", "down";
    /// A page up.
    PageUp = "page_up", ["PgUp", "C-u", "C-b"], "page", "page up";
    /// A page down.
    PageDown = "page_down", ["PgDn", "C-d", "C-f"], "page", "page down";
    /// To the top.
    Top = "top", ["g", "Home"], "top", "top";
    /// To the bottom.
    Bottom = "bottom", ["G", "End"], "bottom", "bottom";
    /// One column left.
    Left = "left", ["h", "Left"], "left", "column left";
    /// One column right.
    Right = "right", ["l", "Right"], "right", "column right";
    /// Start typing a search.
    Search = "search", ["/"], "search", "search (Han or pinyin: kaiyuan, ky)";
    /// Back / clear / cancel (also closes a prompt).
    Back = "back", ["Esc"], "back", "back / clear search and filters";
    /// Open the selected report, jump to the selected finding, confirm a prompt.
    Open = "open", ["Enter"], "open", "open report / jump to finding";
    /// Mark the selected report as A, then B.
    Mark = "mark", ["Space"], "mark", "mark A / B";
    /// Compare the marked pair.
    Compare = "compare", ["c"], "compare", "compare A and B";
    /// Compare the selected report with the previous year of its agency.
    ComparePrevious = "compare_previous", ["p"], "prev", "compare with previous year";
    /// Next table.
    NextTable = "next_table", ["Tab"], "table", "next table";
    /// Previous table.
    PrevTable = "previous_table", ["S-Tab"], "table", "previous table";
    /// Cycle the table-2 columns (总计 → each applicant column → all seven).
    Columns = "columns", ["v"], "columns", "table 2: 总计 / each column / all";
    /// Next flagged cell.
    NextFlag = "next_flag", ["n"], "flag", "next flagged cell";
    /// Previous flagged cell.
    PrevFlag = "previous_flag", ["N"], "flag", "previous flagged cell";
    /// Show or hide the findings list.
    Findings = "findings", ["f"], "findings", "findings list";
    /// Export the view.
    Export = "export", ["e"], "export", "export the view (CSV/XLSX)";
    /// Copy the view to the clipboard (OSC 52).
    Copy = "copy", ["y"], "copy", "copy the view (OSC 52)";
    /// Change the large-change thresholds.
    Thresholds = "thresholds", ["t"], "thresholds", "large-change thresholds";
    /// Cycle the year filter.
    FilterYear = "filter_year", ["Y"], "year", "filter: year";
    /// Cycle the province filter.
    FilterProvince = "filter_province", ["P"], "province", "filter: province";
    /// Cycle the level filter.
    FilterLevel = "filter_level", ["L"], "level", "filter: level";
    /// Only reports with errors, or all.
    FilterErrors = "filter_errors", ["E"], "errors", "filter: has errors";
    /// Cycle the sort order.
    Sort = "sort", ["s"], "sort", "sort order";
    /// The files that could not be read, and duplicates.
    BadFiles = "bad_files", ["b"], "bad files", "files that could not be read";
    /// Show or hide the help.
    Help = "help", ["?", "F1"], "help", "help";
    /// Quit.
    Quit = "quit", ["q", "C-c"], "quit", "quit";
    /// Delete the last prompt character.
    Backspace = "backspace", ["Bksp"], "delete", "delete a prompt character";
}

impl Action {
    /// The action of a config name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::NAMED.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut names: Vec<&str> = Action::NAMED.iter().map(|a| a.name()).collect();
        for a in Action::NAMED {
            assert_eq!(Action::from_name(a.name()), Some(*a));
            assert!(!a.default_keys().is_empty(), "{} has no key", a.name());
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::NAMED.len());
        assert_eq!(Action::from_name("input"), None);
    }
}
