//! The interface's language. Chinese (简体) when the locale says so (`LC_ALL`, then
//! `LC_MESSAGES`, then `LANG` starting with `zh`), English otherwise; `--lang` and the config's
//! `[display] lang` override it. Every text a person reads comes from the message catalogue
//! `src/locales/app.toml` (compiled into the binary), where each key has its English and its
//! Chinese text side by side; a test fails when either is missing. Contracts — rule ids,
//! canonical keys, JSON fields, the columns of machine formats — never change with it.

use std::borrow::Cow;
use std::sync::LazyLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// 简体中文.
    Zh,
}

impl Lang {
    /// The catalogue's locale code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language a POSIX locale value names (`zh_CN.UTF-8` → Chinese; anything else English).
    pub fn of_locale(value: &str) -> Lang {
        if value.starts_with("zh") { Lang::Zh } else { Lang::En }
    }

    /// The language of the environment: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
    /// and not empty decides, as POSIX orders them.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .map_or(Lang::En, |v| Lang::of_locale(&v))
    }

    /// The text of a catalogue key (the key itself when the catalogue lacks it, which the
    /// catalogue test prevents; the English text when the Chinese one is missing).
    pub fn tr(self, key: &str) -> Cow<'static, str> {
        let Ok(i) = CATALOGUE.binary_search_by(|e| e.key.cmp(key)) else {
            return Cow::Owned(key.to_string());
        };
        let e = CATALOGUE.get(i);
        let text = match self {
            Lang::En => e.and_then(|e| e.en),
            Lang::Zh => e.and_then(|e| e.zh.or(e.en)),
        };
        text.map_or_else(|| Cow::Owned(key.to_string()), Cow::Borrowed)
    }
}

/// One key of the catalogue with its texts.
#[derive(Debug)]
struct Entry {
    key: &'static str,
    en: Option<&'static str>,
    zh: Option<&'static str>,
}

/// The catalogue's keys in order, read from the file compiled in when a text is first asked
/// for (~20 µs; `rust-i18n`, which read it before, built two hash maps per text at start-up:
/// 0.4–0.5 ms of every process, a tenth of a one-file `xxgk show`).
static CATALOGUE: LazyLock<Vec<Entry>> = LazyLock::new(|| read_catalogue(include_str!("locales/app.toml")));

/// The catalogue's TOML as written there: a table per key (`[browse.shown]`) holding its
/// `en = "…"` and `zh-CN = "…"`, one text per line and no escapes (a test holds this reading to
/// the `toml` crate's reading of the file, so a text it would misread fails the tests).
fn read_catalogue(text: &'static str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') {
            continue;
        }
        if let Some(key) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push(Entry {
                key: key.trim(),
                en: None,
                zh: None,
            });
        } else if let Some((name, value)) = line.split_once('=')
            && let Some(value) = value.trim().strip_prefix('"').and_then(|v| v.strip_suffix('"'))
            && let Some(e) = out.last_mut()
        {
            match name.trim() {
                "en" => e.en = Some(value),
                "zh-CN" => e.zh = Some(value),
                _ => {}
            }
        }
    }
    out.sort_by_key(|e| e.key);
    out
}

/// Fills `%{name}` in a catalogue text in one pass: an argument's own text (which may come
/// from a report) is never scanned again.
pub fn fill(text: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find("%{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let spec = &after[..end];
                // `%{n|report|reports}`: the word for the count (English plurals).
                let mut parts = spec.split('|');
                let name = parts.next().unwrap_or_default();
                let forms: Vec<&str> = parts.collect();
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) if forms.len() == 2 => {
                        out.push_str(forms.get(usize::from(v != "1")).copied().unwrap_or_default());
                    }
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[start..start + 2 + end + 1]),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A catalogue text with `%{name}` arguments filled in: `tr!(lang, "key", name = value)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:expr) => {
        $crate::i18n::Lang::tr($lang, $key)
    };
    ($lang:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::fill(
            &$crate::i18n::Lang::tr($lang, $key),
            &[$((stringify!($name), $value.to_string())),+],
        )
    };
}

/// One argument of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is: a number, a label, a date, a quote.
    Text(String),
    /// A catalogue text without arguments (a rule's title, a template's name).
    Tr(String),
    /// Another message.
    Msg(Msg),
    /// Several, joined with the language's list separator.
    List(Vec<Arg>),
}

impl Arg {
    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Tr(key) => lang.tr(key).into_owned(),
            Arg::Msg(m) => m.render(lang),
            Arg::List(v) => {
                let sep = lang.tr("msg.sep");
                v.iter().map(|a| a.render(lang)).collect::<Vec<_>>().join(&sep)
            }
        }
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Text(n.to_string())
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Text(n.to_string())
    }
}
impl From<u16> for Arg {
    fn from(n: u16) -> Arg {
        Arg::Text(n.to_string())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(m)
    }
}
impl From<Vec<Arg>> for Arg {
    fn from(v: Vec<Arg>) -> Arg {
        Arg::List(v)
    }
}

/// A message: a catalogue key (`msg.t2_col_balance`, `error.empty`) with named arguments, or plain text (a
/// message read back from JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
    plain: String,
}

impl Msg {
    /// A message from the catalogue.
    pub fn new(key: &'static str, args: Vec<(&'static str, Arg)>) -> Msg {
        Msg {
            key,
            args,
            plain: String::new(),
        }
    }

    /// Text that is the same in every language.
    pub fn plain(text: impl Into<String>) -> Msg {
        Msg {
            key: "",
            args: Vec::new(),
            plain: text.into(),
        }
    }

    /// The catalogue key (empty for plain text).
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The message in a language.
    pub fn render(&self, lang: Lang) -> String {
        if self.key.is_empty() {
            return self.plain.clone();
        }
        let args: Vec<(&str, String)> = self.args.iter().map(|(n, a)| (*n, a.render(lang))).collect();
        fill(&lang.tr(self.key), &args)
    }
}

impl Serialize for Msg {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.render(Lang::En))
    }
}

impl<'de> Deserialize<'de> for Msg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Msg, D::Error> {
        String::deserialize(d).map(Msg::plain)
    }
}

/// A message: `msg!(KEY, name = value, …)` with a catalogue key; values become [`Arg`]s.
#[macro_export]
macro_rules! msg {
    ($key:expr) => {
        $crate::i18n::Msg::new($key, Vec::new())
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Msg::new($key, vec![$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_values() {
        assert_eq!(Lang::of_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::of_locale("zh_TW.UTF-8"), Lang::Zh);
        assert_eq!(Lang::of_locale("C"), Lang::En);
        assert_eq!(Lang::of_locale("en_US.UTF-8"), Lang::En);
    }

    #[test]
    fn the_catalogue_reads_as_toml_reads_it() {
        fn leaves(prefix: &str, t: &toml::Table, out: &mut Vec<(String, Option<String>, Option<String>)>) {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                if let Some(sub) = v.as_table() {
                    if sub.values().all(toml::Value::is_str) {
                        let text = |l: &str| sub.get(l).and_then(|v| v.as_str()).map(String::from);
                        out.push((key, text("en"), text("zh-CN")));
                    } else {
                        leaves(&key, sub, out);
                    }
                }
            }
        }
        let t: toml::Table = toml::from_str(include_str!("locales/app.toml")).expect("TOML");
        let mut want = Vec::new();
        leaves("", &t, &mut want);
        want.sort();
        let got: Vec<(String, Option<String>, Option<String>)> = CATALOGUE
            .iter()
            .map(|e| (e.key.to_string(), e.en.map(String::from), e.zh.map(String::from)))
            .collect();
        assert!(got.len() > 400, "{} keys", got.len());
        assert_eq!(got, want);
    }

    #[test]
    fn both_languages_and_arguments() {
        assert_eq!(Lang::En.tr("action.quit.help"), "quit");
        assert_eq!(Lang::Zh.tr("action.quit.help"), "退出");
        assert_eq!(
            tr!(Lang::Zh, "browse.shown", shown = 3, total = 5, info = "x"),
            "显示 3 / 5 · x"
        );
    }
}
