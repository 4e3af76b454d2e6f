//! How things look: the styles of marked cells and lines (colours, or text attributes without
//! colour) and the borders (box drawing or ASCII). Both views draw with these.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::widgets::{Block, Borders};

use super::config::{Palette, Settings};

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

/// The style of a mark. Every colour is readable on dark and on light backgrounds: with the 8
/// basic colours (whose shades vary by terminal) the large changes and warnings are drawn on a
/// coloured background with their own text colour; with 256 colours, mid-tones are used as text.
pub(super) fn style(s: &Settings, mark: Mark) -> Style {
    let base = Style::new();
    if !s.color {
        return match mark {
            Mark::Error => base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Mark::Warning => base.add_modifier(Modifier::UNDERLINED),
            Mark::Up => base.add_modifier(Modifier::BOLD),
            Mark::Down => base.add_modifier(Modifier::ITALIC),
            Mark::Note | Mark::Dim | Mark::None => base,
            Mark::Heading => base.add_modifier(Modifier::BOLD),
        };
    }
    match (s.palette, mark) {
        (_, Mark::Heading) => base.add_modifier(Modifier::BOLD),
        (_, Mark::None) => base,
        (Palette::Basic, Mark::Error) => base.fg(Color::Red).add_modifier(Modifier::BOLD),
        (Palette::Basic, Mark::Warning) => base.fg(Color::Black).bg(Color::Yellow),
        (Palette::Basic, Mark::Up) => base.fg(Color::Gray).bg(Color::Blue).add_modifier(Modifier::BOLD),
        (Palette::Basic, Mark::Down) => base.fg(Color::Gray).bg(Color::Magenta).add_modifier(Modifier::BOLD),
        (Palette::Basic, Mark::Note) => base.add_modifier(Modifier::BOLD),
        (Palette::Basic, Mark::Dim) => base.add_modifier(Modifier::DIM),
        // xterm-256 indices: 160 red3, 136 dark goldenrod, 33 dodger blue, 163 medium violet
        // red, 244 grey 50%: each reads on black and on white.
        (Palette::Extended, Mark::Error) => base.fg(Color::Indexed(160)).add_modifier(Modifier::BOLD),
        (Palette::Extended, Mark::Warning | Mark::Note) => base.fg(Color::Indexed(136)),
        (Palette::Extended, Mark::Up) => base.fg(Color::Indexed(33)).add_modifier(Modifier::BOLD),
        (Palette::Extended, Mark::Down) => base.fg(Color::Indexed(163)).add_modifier(Modifier::BOLD),
        (Palette::Extended, Mark::Dim) => base.fg(Color::Indexed(244)),
    }
}

pub(super) fn block<'a>(s: &Settings, title: &'a str) -> Block<'a> {
    let b = Block::new().borders(Borders::ALL).title(title);
    if s.ascii { b.border_set(ASCII_BORDER) } else { b }
}
