//! Fuzzy search over agency names, by Han characters or by pinyin: full spelling (`kaiyuan`) or
//! initials (`ky`) both find 开原市. A cheap subsequence test runs before the scorer, in parallel,
//! and a longer query only searches what the shorter one found.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::ToPinyin;
use rayon::prelude::*;

/// One searchable name.
#[derive(Clone, Debug)]
struct Item {
    name: Box<str>,
    full: Box<str>,
    initials: Box<str>,
}

/// The names of a library with their pinyin.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    items: Vec<Item>,
}

/// Pinyin of a name: full spelling and initials (non-Han characters kept, lower-cased).
pub fn pinyin_of(name: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for (c, p) in name.chars().zip(name.to_pinyin()) {
        match p {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_ascii_alphanumeric() => {
                let l = c.to_ascii_lowercase();
                full.push(l);
                initials.push(l);
            }
            None => {}
        }
    }
    (full, initials)
}

fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|n| it.any(|h| h == n))
}

impl SearchIndex {
    /// Indexes names (their positions are the ids returned by [`SearchIndex::filter`]).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> SearchIndex {
        let names: Vec<&str> = names.into_iter().collect();
        let items = names
            .par_iter()
            .map(|n| {
                let (full, initials) = pinyin_of(n);
                Item {
                    name: (*n).into(),
                    full: full.into(),
                    initials: initials.into(),
                }
            })
            .collect();
        SearchIndex { items }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The ids matching `query`, best first. `within` restricts the search to an earlier result
    /// (when the user typed one more character). An empty query matches everything, in order.
    pub fn filter(&self, query: &str, within: Option<&[u32]>) -> Vec<u32> {
        let q: String = query.chars().filter(|c| !c.is_whitespace()).collect();
        let all: Vec<u32>;
        let ids: &[u32] = match within {
            Some(w) => w,
            None => {
                all = (0..self.items.len() as u32).collect();
                &all
            }
        };
        if q.is_empty() {
            return ids.to_vec();
        }
        let ascii = q.is_ascii();
        let lower = q.to_ascii_lowercase();
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, u32)> = ids
            .par_iter()
            .filter_map(|&id| {
                let item = self.items.get(id as usize)?;
                let score = if ascii {
                    let b = lower.as_bytes();
                    let on_initials = is_subsequence(b, item.initials.as_bytes())
                        .then(|| matcher.fuzzy_match(&item.initials, &lower).map(|s| s + 1000))
                        .flatten();
                    let on_full = is_subsequence(b, item.full.as_bytes())
                        .then(|| matcher.fuzzy_match(&item.full, &lower))
                        .flatten();
                    on_initials.max(on_full)
                } else {
                    matcher.fuzzy_match(&item.name, &q)
                }?;
                Some((score, id))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, id)| id).collect()
    }

    /// The name of an id.
    pub fn name(&self, id: u32) -> Option<&str> {
        self.items.get(id as usize).map(|i| &*i.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_and_initials_find_the_name() {
        let idx = SearchIndex::new(["鞍山市人民政府", "开原市人民政府", "淳化县人民政府", "开封市教育局"]);
        assert_eq!(pinyin_of("开原市").0, "kaiyuanshi");
        assert_eq!(pinyin_of("开原市").1, "kys");
        let top = |q: &str| {
            idx.filter(q, None)
                .first()
                .and_then(|&i| idx.name(i))
                .map(str::to_string)
        };
        assert_eq!(top("kaiyuan").as_deref(), Some("开原市人民政府"));
        assert_eq!(top("ky").as_deref(), Some("开原市人民政府"));
        assert_eq!(top("开原").as_deref(), Some("开原市人民政府"));
        assert_eq!(top("chunhua").as_deref(), Some("淳化县人民政府"));
        assert!(idx.filter("zzzz", None).is_empty());
        let k = idx.filter("k", None);
        assert_eq!(
            idx.filter("ka", Some(&k)),
            idx.filter("ka", None),
            "narrowing gives the same answer"
        );
        assert_eq!(idx.filter("", None).len(), 4);
    }
}
