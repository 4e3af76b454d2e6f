//! The message catalogue (`src/locales/app.toml`) is complete: every key has its English and its
//! Chinese text and nothing else, no text is empty, both carry the same `%{arguments}`, and every
//! key the code asks for by a literal exists.

use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every leaf table of the catalogue: (dotted key, its table).
fn leaves(prefix: &str, t: &toml::Table, out: &mut Vec<(String, toml::Table)>) {
    let is_leaf = t.values().all(|v| v.is_str());
    if is_leaf && !prefix.is_empty() {
        out.push((prefix.to_string(), t.clone()));
        return;
    }
    for (k, v) in t {
        if k == "_version" {
            continue;
        }
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v.as_table() {
            Some(sub) => leaves(&key, sub, out),
            None => panic!("{key}: a text outside a key's table"),
        }
    }
}

fn catalogue() -> Vec<(String, toml::Table)> {
    let text = std::fs::read_to_string(root().join("src/locales/app.toml")).expect("catalogue");
    let t: toml::Table = toml::from_str(&text).expect("catalogue is TOML");
    let mut out = Vec::new();
    leaves("", &t, &mut out);
    out
}

fn arguments(s: &str) -> BTreeSet<String> {
    s.split("%{")
        .skip(1)
        .filter_map(|p| p.split('}').next())
        // `%{n|report|reports}` is the count's word (English plurals): its argument is `n`.
        .filter_map(|a| a.split('|').next())
        .map(String::from)
        .collect()
}

#[test]
fn every_key_has_both_languages_and_the_same_arguments() {
    let cat = catalogue();
    assert!(cat.len() > 100, "{} keys", cat.len());
    for (key, t) in &cat {
        let langs: BTreeSet<&str> = t.keys().map(String::as_str).collect();
        assert_eq!(langs, BTreeSet::from(["en", "zh-CN"]), "{key}");
        let en = t.get("en").and_then(|v| v.as_str()).unwrap_or("");
        let zh = t.get("zh-CN").and_then(|v| v.as_str()).unwrap_or("");
        assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{key}: an empty text");
        assert_eq!(arguments(en), arguments(zh), "{key}: the arguments differ");
    }
}

#[test]
fn every_key_the_code_names_exists() {
    let keys: BTreeSet<String> = catalogue().into_iter().map(|(k, _)| k).collect();
    let mut missing = Vec::new();
    let mut files = Vec::new();
    fn walk(d: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    walk(&root().join("src"), &mut files);
    files.retain(|f| !f.ends_with("i18n.rs")); // the macro itself
    let mut named = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        // `.tr("key")`, `tr!(lang, "key"` and `Closed("key")`/match arms of literal keys.
        for pat in [
            ".tr(\"",
            "tr!(",
            "\"status.",
            "\"ui.",
            "\"browse.",
            "\"help.",
            "\"msg.",
            "\"cli.",
            "\"error.",
            "\"explain.",
        ] {
            for (i, _) in text.match_indices(pat) {
                let before = text[..i].chars().next_back().unwrap_or(' ');
                if pat == "tr!(" && (before.is_alphanumeric() || before == '_') {
                    continue; // include_str!( and the like
                }
                let rest = &text[i + pat.len()..];
                let key = if let Some(prefix) = pat.strip_prefix('"') {
                    format!("{prefix}{}", rest.split('"').next().unwrap_or(""))
                } else if pat == "tr!(" {
                    rest.split('"').nth(1).unwrap_or("").to_string()
                } else {
                    rest.split('"').next().unwrap_or("").to_string()
                };
                if key.contains('{') || key.is_empty() || key.ends_with('.') {
                    continue; // built at run time (action.NAME.hint): tested where it is built
                }
                named += 1;
                if !keys.contains(&key) {
                    missing.push(format!("{}: {key}", f.display()));
                }
            }
        }
    }
    assert!(named > 30, "found {named} keys in the code");
    assert!(
        missing.is_empty(),
        "keys missing from the catalogue:\n{}",
        missing.join("\n")
    );
}

/// English says `1 report`, `2 reports`; Chinese needs no plural (issue 13).
#[test]
fn counts_take_the_right_word() {
    use xxgk::i18n::fill;
    let t = "%{n} %{n|report|reports} · %{m} %{m|agency|agencies}";
    assert_eq!(
        fill(t, &[("n", "1".into()), ("m", "2".into())]),
        "1 report · 2 agencies"
    );
    assert_eq!(fill(t, &[("n", "0".into()), ("m", "1".into())]), "0 reports · 1 agency");
    let en = xxgk::i18n::Lang::En;
    assert_eq!(
        xxgk::tr!(en, "cli.check_total", reports = 1, errors = 1, warnings = 2, files = 1),
        "1 report checked: 1 error and 2 warnings in 1 report"
    );
}
