//! Canonical keys (`t2.new_received.total`) built from the catalogue: their definitions, dense
//! ids, fast lookups by name and by cell, and the table-2 row structure the rules walk.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::catalog::{RowDef, RowKind, T1_ROWS, T2_COLS, T2_ROWS, T3_COLS, TableId, Template, ValueKind};

/// FNV-1a: the catalogue's keys are short and trusted, so a fast hasher is the right one.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The definition behind one canonical key.
#[derive(Debug)]
pub struct KeyDef {
    /// The canonical flat key, e.g. `t2.new_received.total`.
    pub name: String,
    /// Table of the key.
    pub table: TableId,
    /// Row key fragment (empty for table 3).
    pub row: &'static str,
    /// Block of table 1 (empty otherwise).
    pub block: &'static str,
    /// Column key fragment.
    pub col: &'static str,
    /// Human label of the row (empty for table 3).
    pub row_label: &'static str,
    /// Human label of the column.
    pub col_label: &'static str,
    /// Kind of value.
    pub kind: ValueKind,
    /// Present in the 2021 template.
    pub in_2021: bool,
    /// Present in the 2019 template.
    pub in_2019: bool,
}

impl KeyDef {
    /// Whether the key belongs to a template.
    pub fn in_template(&self, tpl: Template) -> bool {
        match tpl {
            Template::Tpl2021 => self.in_2021,
            Template::Tpl2019 => self.in_2019,
            Template::Pre2019 => false,
        }
    }
}

/// Index of a canonical key in the catalogue (dense, stable within one build).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub u16);

impl KeyId {
    /// The definition behind this id.
    pub fn def(self) -> &'static KeyDef {
        let keys = &catalog().keys;
        // The index is clamped into the (never empty) catalogue, so it cannot be out of bounds.
        #[allow(clippy::indexing_slicing)]
        &keys[usize::from(self.0).min(keys.len().saturating_sub(1))]
    }

    /// The canonical name of the key.
    pub fn name(self) -> &'static str {
        &self.def().name
    }
}

impl KeyId {
    /// The cell as the report names it, for people: `（三）不予公开 1.属于国家秘密/自然人`,
    /// `行政规范性文件/本年制发件数`, `行政复议/结果维持` (the row in the template's words).
    pub fn label(self, tpl: Template) -> String {
        let d = self.def();
        match d.table {
            TableId::T3 => d.col_label.to_string(),
            TableId::T1 => format!("{}/{}", t1_row_label(d.row, tpl), short_label(d.col_label)),
            TableId::T2 => format!("{}/{}", t2_row_label(d.row, tpl), d.col_label),
        }
    }
}

/// A label without its trailing explanation in full-width brackets:
/// `（二）部分公开（区分处理的，…）` → `（二）部分公开`, `本年收费金额（单位：万元）` → `本年收费金额`.
pub fn short_label(label: &str) -> &str {
    match label.char_indices().skip(1).find(|&(_, c)| c == '（') {
        Some((i, _)) => label.get(..i).unwrap_or(label),
        None => label,
    }
}

/// A table-1 row as the template words it (`规范性文件` in 2019).
pub fn t1_row_label(row: &str, tpl: Template) -> &'static str {
    T1_ROWS.iter().find(|r| r.row.key == row).map_or("", |r| r.label(tpl))
}

/// A table-2 row as people read it: its short label, after its group's for the numbered items
/// (`（三）不予公开 1.属于国家秘密`), so that no two rows read the same.
pub fn t2_row_label(row: &str, tpl: Template) -> String {
    let Some(def) = T2_ROWS.iter().find(|r| r.key == row) else {
        return row.to_string();
    };
    let own = short_label(def.label);
    let group = T2_ROWS
        .iter()
        .filter(|g| g.kind(tpl) == RowKind::Group && g.key != "results")
        .find(|g| t2_group_items(g.key, tpl).contains(&row));
    match group {
        Some(g) => format!("{} {own}", short_label(g.label)),
        None => own.to_string(),
    }
}

/// A table-2 column's label (`自然人`), the key itself when unknown.
pub fn t2_col_label(col: &str) -> &str {
    T2_COLS.iter().find(|c| c.key == col).map_or(col, |c| c.label)
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The full catalogue of canonical keys.
pub struct KeyIndex {
    /// Every key, in canonical order (table 1, 2, 3; rows and columns in report order).
    pub keys: Vec<KeyDef>,
    by_name: FastMap<String, KeyId>,
    by_cell: FastMap<(TableId, &'static str, &'static str), KeyId>,
}

impl KeyIndex {
    /// Looks a key up by its canonical name.
    pub fn id(&self, name: &str) -> Option<KeyId> {
        self.by_name.get(name).copied()
    }

    /// Looks a cell up by table, row key (empty for table 3) and column key.
    pub fn cell(&self, table: TableId, row: &str, col: &str) -> Option<KeyId> {
        self.by_cell.get(&(table, row, col)).copied()
    }

    /// All key ids in canonical order.
    pub fn ids(&self) -> impl Iterator<Item = KeyId> + '_ {
        (0..self.keys.len()).map(|i| KeyId(crate::cast::u16_sat(i)))
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the catalogue is empty (never, but clippy likes the pair).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

fn build() -> KeyIndex {
    let mut keys = Vec::new();
    for r in &T1_ROWS {
        // Union of the column keys of both templates, in 2021-then-2019 order without repeats.
        let mut seen: Vec<&str> = Vec::new();
        for c in r.cols_2021.iter().chain(r.cols_2019.iter()) {
            if seen.contains(&c.key) {
                continue;
            }
            seen.push(c.key);
            let in_2021 = r.cols_2021.iter().any(|x| x.key == c.key);
            let in_2019 = r.cols_2019.iter().any(|x| x.key == c.key);
            keys.push(KeyDef {
                name: format!("t1.{}.{}.{}", r.row.block, r.row.key, c.key),
                table: TableId::T1,
                row: r.row.key,
                block: r.row.block,
                col: c.key,
                row_label: r.row.label,
                col_label: c.label,
                kind: c.kind,
                in_2021,
                in_2019,
            });
        }
    }
    for r in &T2_ROWS {
        let in_2021 = r.in_2021 == RowKind::Value;
        let in_2019 = r.in_2019 == RowKind::Value;
        if !in_2021 && !in_2019 {
            continue;
        }
        for c in &T2_COLS {
            keys.push(KeyDef {
                name: format!("t2.{}.{}", r.key, c.key),
                table: TableId::T2,
                row: r.key,
                block: "",
                col: c.key,
                row_label: r.label,
                col_label: c.label,
                kind: c.kind,
                in_2021,
                in_2019,
            });
        }
    }
    for c in &T3_COLS {
        keys.push(KeyDef {
            name: format!("t3.{}", c.key),
            table: TableId::T3,
            row: "",
            block: "",
            col: c.key,
            row_label: "",
            col_label: c.label,
            kind: c.kind,
            in_2021: true,
            in_2019: true,
        });
    }
    let by_name = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.name.clone(), KeyId(crate::cast::u16_sat(i))))
        .collect();
    let by_cell = keys
        .iter()
        .enumerate()
        .map(|(i, k)| ((k.table, k.row, k.col), KeyId(crate::cast::u16_sat(i))))
        .collect();
    KeyIndex { keys, by_name, by_cell }
}

static CATALOG: LazyLock<KeyIndex> = LazyLock::new(build);

/// The catalogue of canonical keys (built once).
pub fn catalog() -> &'static KeyIndex {
    &CATALOG
}

/// The id of a canonical key; `None` when the name is not a key.
pub fn key(name: &str) -> Option<KeyId> {
    catalog().id(name)
}

/// The id of a table-2 cell.
pub fn t2_key(row: &str, col: &str) -> Option<KeyId> {
    catalog().cell(TableId::T2, row, col)
}

/// The id of a table-3 cell.
pub fn t3_key(col: &str) -> Option<KeyId> {
    catalog().cell(TableId::T3, "", col)
}

/// Row keys of table 2 that carry values in a template, in order.
pub fn t2_value_rows(tpl: Template) -> impl Iterator<Item = &'static RowDef> {
    T2_ROWS.iter().filter(move |r| r.kind(tpl) == RowKind::Value)
}

/// The leaf outcome rows of table 2 (from （一）予以公开 to the last item of （六）), whose sum is
/// （七）总计: 21 rows in `tpl2021`, 19 in `tpl2019`.
pub fn t2_outcome_rows(tpl: Template) -> Vec<&'static str> {
    static ROWS_2021: LazyLock<Vec<&'static str>> = LazyLock::new(|| outcome_rows(Template::Tpl2021));
    static ROWS_2019: LazyLock<Vec<&'static str>> = LazyLock::new(|| outcome_rows(Template::Tpl2019));
    match tpl {
        Template::Tpl2021 => ROWS_2021.clone(),
        Template::Tpl2019 => ROWS_2019.clone(),
        Template::Pre2019 => Vec::new(),
    }
}

fn outcome_rows(tpl: Template) -> Vec<&'static str> {
    let keys: Vec<&'static str> = t2_value_rows(tpl).map(|r| r.key).collect();
    let from = keys.iter().position(|k| *k == "granted").unwrap_or(0);
    let to = keys.iter().position(|k| *k == "results_total").unwrap_or(keys.len());
    keys.get(from..to).map(<[_]>::to_vec).unwrap_or_default()
}

/// The key ids of every table-2 value row of a template, in order: (row key, its 7 cells).
pub fn t2_grid(tpl: Template) -> &'static [(&'static str, [KeyId; 7])] {
    fn build(tpl: Template) -> Vec<(&'static str, [KeyId; 7])> {
        t2_value_rows(tpl)
            .filter_map(|r| {
                let ids: Option<Vec<KeyId>> = T2_COLS.iter().map(|c| t2_key(r.key, c.key)).collect();
                let ids: [KeyId; 7] = ids?.try_into().ok()?;
                Some((r.key, ids))
            })
            .collect()
    }
    static G2021: LazyLock<Vec<(&'static str, [KeyId; 7])>> = LazyLock::new(|| build(Template::Tpl2021));
    static G2019: LazyLock<Vec<(&'static str, [KeyId; 7])>> = LazyLock::new(|| build(Template::Tpl2019));
    match tpl {
        Template::Tpl2021 => &G2021,
        Template::Tpl2019 => &G2019,
        Template::Pre2019 => &[],
    }
}

/// The 7 key ids of a table-2 row in a template.
pub fn t2_row_ids(tpl: Template, row: &str) -> Option<[KeyId; 7]> {
    t2_grid(tpl).iter().find(|(k, _)| *k == row).map(|(_, ids)| *ids)
}

/// The item rows of a table-2 group row (`denied` → the eight `denied_*` rows).
pub fn t2_group_items(group: &str, tpl: Template) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut inside = false;
    for r in &T2_ROWS {
        if r.key == group {
            inside = true;
            continue;
        }
        if inside {
            match r.kind(tpl) {
                RowKind::Group => break,
                RowKind::Value if r.key == "results_total" => break,
                RowKind::Value => out.push(r.key),
                RowKind::Absent => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_the_format() {
        let c = catalog();
        let n = |tpl: Template, t: TableId| c.keys.iter().filter(|k| k.table == t && k.in_template(tpl)).count();
        // format-spec §2.1 says "9 values", but its own list is 6 + 1 + 2 + 1 = 10 (so is expected.json).
        assert_eq!(n(Template::Tpl2021, TableId::T1), 10);
        assert_eq!(n(Template::Tpl2019, TableId::T1), 22);
        assert_eq!(n(Template::Tpl2021, TableId::T2), 175);
        assert_eq!(n(Template::Tpl2019, TableId::T2), 161);
        assert_eq!(n(Template::Tpl2021, TableId::T3), 15);
        assert!(key("t1.art20_8.admin_fees.amount_wan_yuan").is_some());
        assert!(key("t1.art20_9.central_procurement.procurement_amount").is_some());
        assert!(key("t2.other.total").is_some());
        assert!(key("t3.lit_after_review_pending").is_some());
        assert!(key("t2.nonsense.total").is_none());
        assert_eq!(t2_outcome_rows(Template::Tpl2021).len(), 21);
        assert_eq!(t2_outcome_rows(Template::Tpl2019).len(), 19);
        assert_eq!(t2_group_items("denied", Template::Tpl2021).len(), 8);
        assert_eq!(t2_group_items("other", Template::Tpl2021).len(), 3);
        assert_eq!(t2_key("granted", "total").map(|k| k.name()), Some("t2.granted.total"));
    }
}
