//! The explorer's settings: embedded defaults, merged with `config.toml` from the user's config
//! directory (`directories`). Unknown keys are refused with the file's path; nothing is ever
//! written here (no file appears on first run).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::action::Action;
use super::keymap::{Keymap, parse_key};
use crate::compare::Thresholds;
use crate::i18n::Lang;

/// What the explorer needs from the configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Large-change thresholds.
    pub thresholds: Thresholds,
    /// Colours on (off under `NO_COLOR` or `color = false`).
    pub color: bool,
    /// Which colours the terminal has (from `TERM` and `COLORTERM`).
    pub palette: Palette,
    /// ASCII borders and markers instead of box drawing.
    pub ascii: bool,
    /// CSV exports start with a byte-order mark (Excel in Chinese locales needs it).
    pub bom: bool,
    /// The keys.
    pub keymap: Keymap,
    /// The language of the interface.
    pub lang: Lang,
    /// A roll-up rate over a smaller base is shown in brackets and not ranked.
    pub min_base: f64,
    /// `xy_copied_prose`'s threshold in percent (`[rules] copied_share`; 0: off).
    pub copied_share: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            thresholds: Thresholds::default(),
            color: true,
            palette: Palette::Basic,
            ascii: false,
            bom: true,
            keymap: Keymap::default(),
            lang: Lang::default(),
            min_base: 30.0,
            copied_share: crate::rules::prose::DEFAULT_COPIED_SHARE,
        }
    }
}

/// The colours a terminal can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Palette {
    /// The 8 basic colours (SGR 30–37, 40–47): `linux`, `xterm`, `screen`, `vt100`, anything
    /// that does not say more.
    Basic,
    /// 256 colours: `TERM` ending in `256color`, or `COLORTERM` `truecolor`/`24bit`.
    Extended,
}

impl Palette {
    /// The palette of a terminal from its `TERM` and `COLORTERM`; `None` for a terminal without
    /// colours (`dumb`).
    pub fn of_terminal(term: Option<&str>, colorterm: Option<&str>) -> Option<Palette> {
        let term = term.unwrap_or("");
        if term == "dumb" {
            return None;
        }
        let rich =
            term.contains("256color") || term.contains("direct") || matches!(colorterm, Some("truecolor" | "24bit"));
        Some(if rich { Palette::Extended } else { Palette::Basic })
    }
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has keys we do not know.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong, with the line.
        message: String,
    },
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    thresholds: Option<ThresholdsFile>,
    #[serde(default)]
    display: Option<Display>,
    #[serde(default)]
    export: Option<Export>,
    #[serde(default)]
    keys: Option<std::collections::BTreeMap<String, KeyList>>,
    #[serde(default)]
    rollup: Option<RollupFile>,
    #[serde(default)]
    rules: Option<RulesFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    copied_share: Option<u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RollupFile {
    min_base: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThresholdsFile {
    min_abs: Option<f64>,
    min_rel: Option<f64>,
    min_base: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Display {
    color: Option<bool>,
    ascii: Option<bool>,
    lang: Option<Lang>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Export {
    bom: Option<bool>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

/// Where the configuration file is looked for.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("XXGK_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "xxgk").map(|d| d.config_dir().join("config.toml"))
}

/// Settings from a TOML text (named `path` in messages), over the defaults.
pub fn parse(text: &str, path: &str) -> Result<Settings, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        path: path.to_string(),
        message,
    };
    let file: File = toml::from_str(text).map_err(|e| invalid(e.to_string().trim_end().to_string()))?;
    let mut s = Settings::default();
    let mut lang = None;
    if let Some(t) = file.thresholds {
        s.thresholds.min_abs = t.min_abs.unwrap_or(s.thresholds.min_abs);
        s.thresholds.min_rel = t.min_rel.unwrap_or(s.thresholds.min_rel);
        s.thresholds.min_base = t.min_base.unwrap_or(s.thresholds.min_base);
        let th = s.thresholds;
        if ![th.min_abs, th.min_rel, th.min_base]
            .iter()
            .all(|v| v.is_finite() && *v >= 0.0)
        {
            return Err(invalid("[thresholds]: values must be numbers ≥ 0".into()));
        }
    }
    if let Some(d) = file.display {
        s.color = d.color.unwrap_or(s.color);
        s.ascii = d.ascii.unwrap_or(s.ascii);
        lang = d.lang;
    }
    if let Some(r) = file.rollup {
        s.min_base = r.min_base.unwrap_or(s.min_base);
        if !(s.min_base.is_finite() && s.min_base >= 0.0) {
            return Err(invalid("[rollup]: min_base must be a number ≥ 0".into()));
        }
    }
    if let Some(r) = file.rules {
        s.copied_share = r.copied_share.unwrap_or(s.copied_share);
        if s.copied_share > 100 {
            return Err(invalid(
                "[rules]: copied_share must be a percentage from 0 to 100".into(),
            ));
        }
    }
    if let Some(e) = file.export {
        s.bom = e.bom.unwrap_or(s.bom);
    }
    for (name, keys) in file.keys.unwrap_or_default() {
        let action = Action::from_name(&name).ok_or_else(|| {
            invalid(format!(
                "[keys]: unknown action `{name}` (known: {})",
                Action::NAMED.iter().map(|a| a.name()).collect::<Vec<_>>().join(", ")
            ))
        })?;
        let keys = match keys {
            KeyList::One(k) => vec![k],
            KeyList::Many(k) => k,
        };
        let mut parsed = Vec::new();
        for k in &keys {
            parsed.push(parse_key(k).ok_or_else(|| invalid(format!("[keys] {name}: unknown key `{k}`")))?);
        }
        s.keymap.rebind(action, &parsed);
    }
    // The file's `[display] lang`, else the locale's.
    s.lang = lang.unwrap_or_else(Lang::from_env);
    Ok(s)
}

/// The settings in effect: the config file when there is one, `NO_COLOR` last.
pub fn load(path: Option<&Path>) -> Result<Settings, ConfigError> {
    let mut s = match path {
        Some(p) if p.exists() => {
            let text = std::fs::read_to_string(p).map_err(|source| ConfigError::Read {
                path: p.display().to_string(),
                source,
            })?;
            parse(&text, &p.display().to_string())?
        }
        _ => Settings {
            lang: Lang::from_env(),
            ..Settings::default()
        },
    };
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        s.color = false;
    }
    let (term, colorterm) = (std::env::var("TERM").ok(), std::env::var("COLORTERM").ok());
    match Palette::of_terminal(term.as_deref(), colorterm.as_deref()) {
        Some(p) => s.palette = p,
        None => s.color = false,
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_palette_follows_term_and_colorterm() {
        use super::Palette::{Basic, Extended};
        let of = super::Palette::of_terminal;
        for term in ["linux", "xterm", "screen", "vt100", "tmux", ""] {
            assert_eq!(of(Some(term), None), Some(Basic), "{term}");
        }
        for term in ["xterm-256color", "screen-256color", "tmux-256color", "xterm-direct"] {
            assert_eq!(of(Some(term), None), Some(Extended), "{term}");
        }
        assert_eq!(of(Some("xterm"), Some("truecolor")), Some(Extended));
        assert_eq!(of(None, Some("24bit")), Some(Extended));
        assert_eq!(of(Some("dumb"), Some("truecolor")), None);
    }

    use super::*;

    #[test]
    fn merges_over_defaults() {
        let s = parse("[thresholds]\nmin_abs = 20\n[display]\nascii = true\n", "c.toml").unwrap_or_default();
        assert_eq!(s.thresholds.min_abs, 20.0);
        assert_eq!(s.thresholds.min_rel, 0.5);
        assert!(s.ascii && s.color && s.bom);
        assert_eq!(s.copied_share, 80);
        let s = parse("[rules]\ncopied_share = 65\n", "c.toml").unwrap_or_default();
        assert_eq!(s.copied_share, 65);
        let e = parse("[rules]\ncopied_share = 101\n", "c.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("copied_share"), "{e}");
    }

    #[test]
    fn unknown_keys_name_the_file() {
        let e = parse("[display]\ncolour = false\n", "/home/u/.config/xxgk/config.toml").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("/home/u/.config/xxgk/config.toml: "), "{msg}");
        assert!(msg.contains("colour"), "{msg}");
        let e = parse("[keys]\njump = \"x\"\n", "c.toml").unwrap_err().to_string();
        assert!(e.contains("unknown action `jump`"), "{e}");
        let e = parse("[keys]\nquit = \"Hyper-x\"\n", "c.toml").unwrap_err().to_string();
        assert!(e.contains("unknown key `Hyper-x`"), "{e}");
    }

    #[test]
    fn keys_are_remapped() {
        let s = parse("[keys]\nquit = [\"x\", \"C-q\"]\n", "c.toml").unwrap_or_default();
        let names = s.keymap.keys_of(Action::Quit);
        assert_eq!(names, vec!["x".to_string(), "C-q".to_string()]);
    }
}
