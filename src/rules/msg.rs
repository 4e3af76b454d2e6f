//! A finding's message: an [`i18n::Msg`](crate::i18n::Msg) — a catalogue key with its arguments,
//! rendered in the reader's language. The cells it names are given by the report's own labels in
//! both languages; the English rendering is the `message` of the machine formats (JSON, CSV), so
//! those stay the same whatever the interface's language. Here: rules and templates as arguments.

pub use crate::i18n::{Arg, Msg};

use super::RuleId;
use crate::i18n::Lang;
use crate::model::{Num, Template};

impl From<Num> for Arg {
    fn from(n: Num) -> Arg {
        Arg::Text(n.to_string())
    }
}
impl From<RuleId> for Arg {
    fn from(r: RuleId) -> Arg {
        Arg::Tr(format!("rule.{}.title", r.as_str()))
    }
}
impl From<Template> for Arg {
    fn from(t: Template) -> Arg {
        Arg::Tr(format!("tpl.{}", t.as_str()))
    }
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
            for w in crate::model::WarningCode::ALL {
                assert!(!lang.tr(&format!("warning.{}", w.as_str())).starts_with("warning."));
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
