//! What the user can do, listed once: each action's config name and default keys are in the one
//! table below, and the enum, the help screen, the hints, the default keymap and the config
//! file's `[keys]` are derived from it. The words the user reads (the hint and the help line, in
//! each language) are in the catalogue under `action.NAME.hint` and `action.NAME.help`.

use crate::i18n::Lang;

macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, [$($key:literal),*]; )*) => {
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

        }
    };
}

actions! {
    /// Move the selection up.
    Up = "up", ["k", "Up"];
    /// Move down.
    Down = "down", ["j", "Down"];
    /// A page up.
    PageUp = "page_up", ["PgUp", "C-u", "C-b"];
    /// A page down.
    PageDown = "page_down", ["PgDn", "C-d", "C-f"];
    /// To the top.
    Top = "top", ["g", "Home"];
    /// To the bottom.
    Bottom = "bottom", ["G", "End"];
    /// One column left.
    Left = "left", ["h", "Left"];
    /// One column right.
    Right = "right", ["l", "Right"];
    /// Start typing a search.
    Search = "search", ["/"];
    /// Back / clear / cancel (also closes a prompt).
    Back = "back", ["Esc"];
    /// Open the selected report, jump to the selected finding, confirm a prompt.
    Open = "open", ["Enter"];
    /// Mark the selected report as A, then B.
    Mark = "mark", ["Space"];
    /// Compare the marked pair.
    Compare = "compare", ["c"];
    /// Compare the selected report with the previous year of its agency.
    ComparePrevious = "compare_previous", ["p"];
    /// Swap A and B of a comparison.
    Swap = "swap", ["x"];
    /// Both reports of a comparison (or the report shown) one year back.
    PrevYear = "previous_year", ["["];
    /// Both reports of a comparison (or the report shown) one year on.
    NextYear = "next_year", ["]"];
    /// Every year of the agency (trend).
    Trend = "trend", ["T"];
    /// Sums and rates by province, city or level (roll-up).
    Rollup = "rollup", ["R"];
    /// The evaluator's list: the checks of every listed report, one row each.
    Evaluator = "evaluator", ["X"];
    /// Rows by the size of their change (|Δ|), and back.
    Order = "order", ["o"];
    /// Next table.
    NextTable = "next_table", ["Tab"];
    /// Previous table.
    PrevTable = "previous_table", ["S-Tab"];
    /// Cycle the table-2 columns (总计 → each applicant column → all seven).
    Columns = "columns", ["v"];
    /// Next flagged cell.
    NextFlag = "next_flag", ["n"];
    /// Previous flagged cell.
    PrevFlag = "previous_flag", ["N"];
    /// Show or hide the findings list.
    Findings = "findings", ["f"];
    /// Export the view.
    Export = "export", ["e"];
    /// Copy the view to the clipboard (OSC 52).
    Copy = "copy", ["y"];
    /// Change the large-change thresholds.
    Thresholds = "thresholds", ["t"];
    /// Cycle the year filter.
    FilterYear = "filter_year", ["Y"];
    /// Cycle the province filter.
    FilterProvince = "filter_province", ["P"];
    /// Cycle the level filter.
    FilterLevel = "filter_level", ["L"];
    /// Only reports with errors, or all.
    FilterErrors = "filter_errors", ["E"];
    /// Cycle the sort order.
    Sort = "sort", ["s"];
    /// The files that could not be read, and duplicates.
    BadFiles = "bad_files", ["b"];
    /// Show or hide the help.
    Help = "help", ["?", "F1"];
    /// Quit.
    Quit = "quit", ["q", "C-c"];
    /// Draw the whole screen again (after a `wall` message, say).
    Redraw = "redraw", ["C-l"];
    /// Delete the last prompt character.
    Backspace = "backspace", ["Bksp"];
}

/// Rows a page key moves.
pub const PAGE: isize = 10;

impl Action {
    /// How many rows a vertical move goes (negative: up), for every list and grid alike.
    pub fn rows(self) -> Option<isize> {
        match self {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-PAGE),
            Action::PageDown => Some(PAGE),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        }
    }

    /// The word of the status-bar hint (`/ search`, `/ 搜索`), from the catalogue
    /// (`action.NAME.hint`).
    pub fn hint(self, lang: Lang) -> String {
        match self {
            Action::Input(_) => String::new(),
            _ => lang.tr(&format!("action.{}.hint", self.name())).into_owned(),
        }
    }

    /// What it does, for the help (`action.NAME.help`).
    pub fn help(self, lang: Lang) -> String {
        match self {
            Action::Input(_) => String::new(),
            _ => lang.tr(&format!("action.{}.help", self.name())).into_owned(),
        }
    }

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

    #[test]
    fn every_action_has_its_words_in_both_languages() {
        for a in Action::NAMED {
            for lang in [Lang::En, Lang::Zh] {
                let (hint, help) = (a.hint(lang), a.help(lang));
                assert!(!hint.is_empty() && !hint.starts_with("action."), "{} hint", a.name());
                assert!(!help.is_empty() && !help.starts_with("action."), "{} help", a.name());
            }
        }
        assert_eq!(Action::Search.hint(Lang::Zh), "搜索");
    }
}
