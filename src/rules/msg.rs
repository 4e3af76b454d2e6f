//! A finding's message as data: a catalogue key and its arguments, rendered in the reader's
//! language. The cells it names are given by the report's own labels in both languages; the
//! English rendering is the `message` of the machine formats (JSON, CSV), so those stay the same
//! whatever the interface's language.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::RuleId;
use crate::i18n::{Lang, fill};
use crate::model::{Num, Template};

/// One argument of a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Shown as it is: a number, a label, a date, a quote.
    Text(String),
    /// A rule, by its title in the language.
    Rule(RuleId),
    /// A template, by its name in the language.
    Template(Template),
    /// Another message.
    Msg(Msg),
    /// Several, joined with the language's list separator.
    List(Vec<Arg>),
}

impl Arg {
    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Rule(r) => rule_title(*r, lang),
            Arg::Template(t) => template_name(*t, lang),
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
impl From<Num> for Arg {
    fn from(n: Num) -> Arg {
        Arg::Text(n.to_string())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Text(n.to_string())
    }
}
impl From<u16> for Arg {
    fn from(n: u16) -> Arg {
        Arg::Text(n.to_string())
    }
}
impl From<RuleId> for Arg {
    fn from(r: RuleId) -> Arg {
        Arg::Rule(r)
    }
}
impl From<Template> for Arg {
    fn from(t: Template) -> Arg {
        Arg::Template(t)
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

/// A message: a catalogue key (`msg.t2_col_balance`) with named arguments, or plain text (a
/// message read back from JSON).
#[derive(Clone, Debug, PartialEq)]
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
        $crate::rules::Msg::new($key, Vec::new())
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::rules::Msg::new($key, vec![$((stringify!($name), $crate::rules::Arg::from($value))),+])
    };
}

/// A rule's title (`勾稽关系`) in a language.
pub fn rule_title(r: RuleId, lang: Lang) -> String {
    lang.tr(&format!("rule.{}.title", r.as_str())).into_owned()
}

/// What a rule requires, in a language.
pub fn rule_requires(r: RuleId, lang: Lang) -> String {
    lang.tr(&format!("rule.{}.requires", r.as_str())).into_owned()
}

/// A template's name (`2021年格式`) in a language.
pub fn template_name(t: Template, lang: Lang) -> String {
    lang.tr(&format!("tpl.{}", t.as_str())).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    #[test]
    fn every_rule_and_template_has_its_words_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            for r in RULES {
                for text in [rule_title(r.id, lang), rule_requires(r.id, lang)] {
                    assert!(!text.starts_with("rule."), "{} {lang:?}", r.name);
                }
            }
            for t in [Template::Tpl2021, Template::Tpl2019, Template::Pre2019] {
                assert!(!template_name(t, lang).starts_with("tpl."));
            }
        }
        assert_eq!(template_name(Template::Tpl2019, Lang::Zh), "2019年格式（试行）");
    }

    #[test]
    fn arguments_are_filled_once_and_json_is_english() {
        let m = crate::msg!("msg.total_missing", total = "%{sum}", sum = Num::int(3));
        assert!(m.render(Lang::En).contains("%{sum}"));
        let json = serde_json::to_string(&m).unwrap_or_default();
        assert_eq!(json, serde_json::to_string(&m.render(Lang::En)).unwrap_or_default());
        let back: Msg = serde_json::from_str(&json).unwrap_or_else(|_| Msg::plain(""));
        assert_eq!(back.render(Lang::Zh), m.render(Lang::En));
    }
}
