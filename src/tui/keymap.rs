//! The one keymap: it drives dispatch, the help screen and the status-bar hints. Defaults
//! below; `[keys]` in the config file rebinds any action.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::Lang;

/// A binding: the key and its action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The key.
    pub code: KeyCode,
    /// Modifiers that must be held (only Ctrl and Alt count).
    pub mods: KeyModifiers,
    /// The action.
    pub action: Action,
}

impl Binding {
    /// The key as the user writes it (`j`, `Down`, `C-c`).
    pub fn name(&self) -> String {
        key_name(self.code, self.mods)
    }
}

/// The keys in effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// Bindings, first match wins.
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// The keys of the action table ([`Action::default_keys`]).
    fn default() -> Self {
        Keymap {
            bindings: Action::NAMED
                .iter()
                .flat_map(|action| {
                    action.default_keys().iter().filter_map(|k| {
                        parse_key(k).map(|(code, mods)| Binding {
                            code,
                            mods,
                            action: *action,
                        })
                    })
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// Binds `action` to exactly these keys (taking them away from other actions).
    pub fn rebind(&mut self, action: Action, keys: &[(KeyCode, KeyModifiers)]) {
        self.bindings
            .retain(|b| b.action != action && !keys.iter().any(|(c, m)| b.code == *c && b.mods == *m));
        for (code, mods) in keys {
            self.bindings.push(Binding {
                code: *code,
                mods: *mods,
                action,
            });
        }
    }

    /// The names of the keys bound to an action.
    pub fn keys_of(&self, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.action == action)
            .map(Binding::name)
            .collect()
    }

    /// The first key of an action, as shown in hints.
    pub fn key_of(&self, action: Action) -> Option<String> {
        self.bindings.iter().find(|b| b.action == action).map(Binding::name)
    }

    /// The action of a key. While a prompt is open a plain character is input; every other key
    /// (Enter, Esc, Backspace, …) goes through the bindings like any key.
    pub fn action(&self, key: KeyEvent, typing: bool) -> Option<Action> {
        let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let (true, true, KeyCode::Char(c)) = (typing, mods.is_empty(), key.code) {
            return Some(Action::Input(c));
        }
        // Crossterm reports Shift-Tab as BackTab, and an upper-case letter with SHIFT set.
        self.bindings
            .iter()
            .find(|b| b.code == key.code && b.mods == mods)
            .map(|b| b.action)
    }

    /// The help lines: every action with its keys, in the order of [`Action::NAMED`].
    /// The lines of the help: the keys of the current screen (`first`) under one heading, then
    /// every other bound action under another. A heading is a line with no keys.
    pub fn help_lines(&self, first: &[Action], lang: Lang) -> Vec<(String, String)> {
        let line = |a: &Action| {
            let keys = self.keys_of(*a);
            (!keys.is_empty()).then(|| (keys.join(" "), a.help(lang)))
        };
        let mut out = vec![(String::new(), lang.tr("help.this_screen").into_owned())];
        out.extend(first.iter().filter_map(line));
        out.push((String::new(), lang.tr("help.elsewhere").into_owned()));
        out.extend(Action::NAMED.iter().filter(|a| !first.contains(a)).filter_map(line));
        out
    }

    /// The hints of the status bar for a screen (each key taken from the keymap, so a hint never
    /// names a key that does nothing).
    pub fn hints(&self, actions: &[Action], lang: Lang) -> String {
        actions
            .iter()
            .filter_map(|a| self.key_of(*a).map(|k| format!("{k} {}", a.hint(lang))))
            .collect::<Vec<_>>()
            .join("  ")
    }
}

/// Reads a key name: a character (`j`, `G`, `/`), a named key (`Down`, `PgDn`, `Enter`, `Esc`,
/// `Tab`, `S-Tab`, `Space`, `Bksp`, `Home`, `End`, `F1`…`F12`), with `C-` or `A-` for Ctrl/Alt.
pub fn parse_key(name: &str) -> Option<(KeyCode, KeyModifiers)> {
    let (mods, rest) = if let Some(r) = name.strip_prefix("C-") {
        (KeyModifiers::CONTROL, r)
    } else if let Some(r) = name.strip_prefix("A-") {
        (KeyModifiers::ALT, r)
    } else {
        (KeyModifiers::NONE, name)
    };
    let code = match rest {
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PgDn" => KeyCode::PageDown,
        "PgUp" => KeyCode::PageUp,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "S-Tab" => KeyCode::BackTab,
        "Space" => KeyCode::Char(' '),
        "Bksp" => KeyCode::Backspace,
        f if f.len() > 1 && f.starts_with('F') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
        c => {
            let mut chars = c.chars();
            let ch = chars.next()?;
            if chars.next().is_some() || ch.is_control() {
                return None;
            }
            KeyCode::Char(if mods.is_empty() { ch } else { ch.to_ascii_lowercase() })
        }
    };
    Some((code, mods))
}

/// The name of a key, as [`parse_key`] reads it.
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Down => "Down".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("C-{base}")
    } else if mods.contains(KeyModifiers::ALT) {
        format!("A-{base}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses_and_round_trips() {
        let map = Keymap::default();
        let listed: usize = Action::NAMED.iter().map(|a| a.default_keys().len()).sum();
        assert_eq!(map.bindings.len(), listed);
        assert_eq!(listed, 52);
        for b in &map.bindings {
            assert_eq!(parse_key(&b.name()), Some((b.code, b.mods)), "{}", b.name());
        }
    }

    #[test]
    fn one_action_per_key() {
        let map = Keymap::default();
        for (i, a) in map.bindings.iter().enumerate() {
            for b in map.bindings.iter().skip(i + 1) {
                assert!(!(a.code == b.code && a.mods == b.mods), "{} bound twice", a.name());
            }
        }
    }

    #[test]
    fn shifted_letters_and_ctrl() {
        let map = Keymap::default();
        let key = |c, m| KeyEvent::new(c, m);
        assert_eq!(
            map.action(key(KeyCode::Char('N'), KeyModifiers::SHIFT), false),
            Some(Action::PrevFlag)
        );
        assert_eq!(
            map.action(key(KeyCode::Char('c'), KeyModifiers::CONTROL), false),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(key(KeyCode::Char('c'), KeyModifiers::NONE), false),
            Some(Action::Compare)
        );
        assert_eq!(
            map.action(key(KeyCode::Char('q'), KeyModifiers::NONE), true),
            Some(Action::Input('q'))
        );
        assert_eq!(
            map.action(key(KeyCode::Char('c'), KeyModifiers::CONTROL), true),
            Some(Action::Quit)
        );
    }

    #[test]
    fn prompt_keys_go_through_the_keymap() {
        let mut map = Keymap::default();
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(map.action(key(KeyCode::Enter), true), Some(Action::Open));
        assert_eq!(map.action(key(KeyCode::Backspace), true), Some(Action::Backspace));
        // Rebinding "back" to F2 takes Esc away everywhere, in a prompt too.
        map.rebind(Action::Back, &[(KeyCode::F(2), KeyModifiers::NONE)]);
        assert_eq!(map.action(key(KeyCode::Esc), true), None);
        assert_eq!(map.action(key(KeyCode::F(2)), true), Some(Action::Back));
    }
}
