//! How things look: the styles of marked cells and lines (colours, or text attributes without
//! colour) and the borders (box drawing or ASCII). Both views draw with these.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::widgets::{Block, Borders};

use super::config::Settings;

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// How a cell or line is marked, mapped to colours or (without colour) to text attributes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// An error finding.
    Error,
    /// A warning finding.
    Warning,
    /// A large increase.
    Up,
    /// A large decrease.
    Down,
    /// A note row.
    Note,
    /// A heading (bold).
    Heading,
    /// Secondary text (where a figure was read).
    Dim,
    /// Plain.
    None,
}

pub(super) fn style(s: &Settings, mark: Mark) -> Style {
    let base = Style::new();
    if s.color {
        match mark {
            Mark::Error => base.fg(Color::Red).add_modifier(Modifier::BOLD),
            Mark::Warning => base.fg(Color::Yellow),
            Mark::Up => base.fg(Color::Blue).add_modifier(Modifier::BOLD),
            Mark::Down => base.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Mark::Note => base.fg(Color::Yellow),
            Mark::Heading => base.add_modifier(Modifier::BOLD),
            Mark::Dim => base.fg(Color::DarkGray),
            Mark::None => base,
        }
    } else {
        match mark {
            Mark::Error => base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Mark::Warning => base.add_modifier(Modifier::UNDERLINED),
            Mark::Up => base.add_modifier(Modifier::BOLD),
            Mark::Down => base.add_modifier(Modifier::ITALIC),
            Mark::Note | Mark::Dim | Mark::None => base,
            Mark::Heading => base.add_modifier(Modifier::BOLD),
        }
    }
}

pub(super) fn block<'a>(s: &Settings, title: &'a str) -> Block<'a> {
    let b = Block::new().borders(Borders::ALL).title(title);
    if s.ascii { b.border_set(ASCII_BORDER) } else { b }
}
