//! Fuzzy search over agency names, by Han characters or by pinyin: full spelling (`kaiyuan`) or
//! initials (`ky`) both find 开原市. A cheap subsequence test runs before the scorer, in parallel,
//! and a longer query only searches what the shorter one found.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::ToPinyin;
use rayon::prelude::*;

/// Ids with their rank (higher first).
type Ranked = Vec<(i64, u32)>;

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

/// Where `needle` occurs in a short haystack (names are a few dozen bytes: a plain scan beats
/// setting up a substring searcher for each).
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    hay.iter()
        .enumerate()
        .filter(|(_, b)| **b == first)
        .map(|(i, _)| i)
        .find(|&i| hay.get(i..i + needle.len()) == Some(needle))
}

/// The length of the shortest window of `hay` holding `needle` as a subsequence (greedy from
/// each start), or `None` when it is not a subsequence.
fn span(needle: &[u8], hay: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut best: Option<usize> = None;
    for (start, _) in hay.iter().enumerate().filter(|(_, b)| **b == first) {
        let mut i = start;
        let mut ok = true;
        for n in needle.iter().skip(1) {
            match hay.get(i + 1..).and_then(|rest| rest.iter().position(|h| h == n)) {
                Some(p) => i += 1 + p,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            break; // a later start cannot succeed either
        }
        let len = i + 1 - start;
        best = Some(best.map_or(len, |b| b.min(len)));
    }
    best
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
                all = (0..crate::cast::u32_sat(self.items.len())).collect();
                &all
            }
        };
        if q.is_empty() {
            return ids.to_vec();
        }
        let ascii = q.is_ascii();
        let lower = q.to_ascii_lowercase();
        if let [c] = lower.as_bytes() {
            return self.one_letter(*c, ids);
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        if !ascii {
            let mut scored: Vec<(i64, u32)> = ids
                .par_iter()
                .filter_map(|&id| {
                    let item = self.items.get(id as usize)?;
                    Some((matcher.fuzzy_match(&item.name, &q)?, id))
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            return scored.into_iter().map(|(_, id)| id).collect();
        }
        // Pinyin. A query found as typed (`ky` in the initials, `kaiyuan` in the spelling) ranks
        // first, earlier first. Gapped matches come after, ranked by the skim scorer; when there
        // are very many, only the most compact ones (shortest span) are scored, the rest follow
        // by compactness: the scorer's judgement where the user looks, at a bounded cost.
        let b = lower.as_bytes();
        let (mut exact, gapped): (Ranked, Ranked) = ids
            .par_iter()
            .filter_map(|&id| {
                let item = self.items.get(id as usize)?;
                let at = |hay: &str, base: i64| find(hay.as_bytes(), b).map(|p| base - crate::cast::i64_sat(p));
                if let Some(s) = at(&item.initials, 4000).or_else(|| at(&item.full, 3000)) {
                    return Some((true, (s, id)));
                }
                let compact = span(b, item.initials.as_bytes())
                    .map(|s| s / 2)
                    .into_iter()
                    .chain(span(b, item.full.as_bytes()))
                    .min()?;
                Some((false, (-crate::cast::i64_sat(compact), id)))
            })
            .partition_map(|(is_exact, x)| {
                if is_exact {
                    rayon::iter::Either::Left(x)
                } else {
                    rayon::iter::Either::Right(x)
                }
            });
        let mut gapped = gapped;
        gapped.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        const SCORED: usize = 2_000;
        let tail = gapped.split_off(gapped.len().min(SCORED));
        let mut head: Vec<(i64, u32)> = gapped
            .par_iter()
            .filter_map(|&(_, id)| {
                let item = self.items.get(id as usize)?;
                let on_initials = matcher.fuzzy_match(&item.initials, &lower).map(|s| s + 1000);
                let on_full = matcher.fuzzy_match(&item.full, &lower);
                Some((on_initials.max(on_full)?, id))
            })
            .collect();
        exact.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        head.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        exact.into_iter().chain(head).chain(tail).map(|(_, id)| id).collect()
    }

    /// The first keystroke: nearly every name contains a common letter, and a scorer says little
    /// about one letter. Names whose initials start with it come first, then those with it among
    /// their initials, then in their full spelling — earlier positions first.
    fn one_letter(&self, c: u8, ids: &[u32]) -> Vec<u32> {
        let mut scored: Vec<(usize, u32)> = ids
            .par_iter()
            .filter_map(|&id| {
                let item = self.items.get(id as usize)?;
                let pos = |s: &str| s.bytes().position(|b| b == c);
                let rank = match (pos(&item.initials), pos(&item.full)) {
                    (Some(0), _) => 0,
                    (Some(p), _) => 1_000 + p,
                    (None, Some(p)) => 100_000 + p,
                    (None, None) if item.name.contains(char::from(c).to_ascii_uppercase()) => 1_000_000,
                    (None, None) => return None,
                };
                Some((rank, id))
            })
            .collect();
        scored.sort_unstable();
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
        let names = |q: &str| {
            idx.filter(q, None)
                .iter()
                .filter_map(|&i| idx.name(i))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("k").first().copied(),
            Some("开原市人民政府"),
            "initials starting with k first"
        );
        assert_eq!(names("k").len(), 2, "开原 and 开封, not 鞍山 (no k)");
        assert_eq!(names("c").first().copied(), Some("淳化县人民政府"));
    }
}
