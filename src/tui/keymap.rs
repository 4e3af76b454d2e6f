//! The one keymap: it drives dispatch, the help screen and the status-bar hints.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::Action;

/// A binding: the key, its name as shown, the action, what it does.
pub struct Binding {
    /// The key.
    pub code: KeyCode,
    /// Modifiers that must be held.
    pub mods: KeyModifiers,
    /// The key as shown to the user.
    pub name: &'static str,
    /// The action.
    pub action: Action,
    /// What it does.
    pub help: &'static str,
}

const fn bind(code: KeyCode, name: &'static str, action: Action, help: &'static str) -> Binding {
    Binding {
        code,
        mods: KeyModifiers::NONE,
        name,
        action,
        help,
    }
}

/// The default keys.
pub static KEYMAP: [Binding; 23] = [
    bind(KeyCode::Char('j'), "j", Action::Down, "down"),
    bind(KeyCode::Down, "Down", Action::Down, "down"),
    bind(KeyCode::Char('k'), "k", Action::Up, "up"),
    bind(KeyCode::Up, "Up", Action::Up, "up"),
    bind(KeyCode::PageDown, "PgDn", Action::PageDown, "page down"),
    bind(KeyCode::PageUp, "PgUp", Action::PageUp, "page up"),
    bind(KeyCode::Char('g'), "g", Action::Top, "top"),
    bind(KeyCode::Char('G'), "G", Action::Bottom, "bottom"),
    bind(
        KeyCode::Char('/'),
        "/",
        Action::Search,
        "search (Han or pinyin: kaiyuan, ky)",
    ),
    bind(KeyCode::Esc, "Esc", Action::Back, "back / clear"),
    bind(KeyCode::Enter, "Enter", Action::Open, "open report"),
    bind(KeyCode::Char(' '), "Space", Action::Mark, "mark A / B"),
    bind(KeyCode::Char('c'), "c", Action::Compare, "compare A and B"),
    bind(
        KeyCode::Char('p'),
        "p",
        Action::ComparePrevious,
        "compare with previous year",
    ),
    bind(KeyCode::Tab, "Tab", Action::NextTable, "next table"),
    bind(KeyCode::BackTab, "S-Tab", Action::PrevTable, "previous table"),
    bind(KeyCode::Char('l'), "l", Action::NextColumn, "next table-2 column / all"),
    bind(KeyCode::Right, "Right", Action::NextColumn, "next table-2 column / all"),
    bind(KeyCode::Char('e'), "e", Action::Export, "export the comparison to CSV"),
    bind(KeyCode::Char('?'), "?", Action::Help, "help"),
    bind(KeyCode::Char('q'), "q", Action::Quit, "quit"),
    bind(KeyCode::Backspace, "Bksp", Action::Backspace, "delete search character"),
    Binding {
        code: KeyCode::Char('c'),
        mods: KeyModifiers::CONTROL,
        name: "C-c",
        action: Action::Quit,
        help: "quit",
    },
];

/// The action of a key; while typing a search, characters are input.
pub fn action(key: KeyEvent, typing: bool) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if typing
        && !ctrl
        && let KeyCode::Char(c) = key.code
    {
        return Some(Action::Input(c));
    }
    KEYMAP
        .iter()
        .find(|b| {
            b.code == key.code
                && (b.mods == KeyModifiers::NONE && !ctrl
                    || key.modifiers.contains(b.mods) && b.mods != KeyModifiers::NONE)
        })
        .map(|b| b.action)
}

/// The hints of the status bar (short words; each key is taken from the keymap, so a hint
/// never names a key that does nothing). Fits 80 columns.
pub fn hints() -> String {
    [
        ("/", "search"),
        ("Space", "mark"),
        ("c", "compare"),
        ("p", "prev"),
        ("Tab", "table"),
        ("e", "export"),
        ("?", "help"),
        ("q", "quit"),
    ]
    .iter()
    .filter(|(n, _)| KEYMAP.iter().any(|b| b.name == *n))
    .map(|(n, h)| format!("{n} {h}"))
    .collect::<Vec<_>>()
    .join("  ")
}
