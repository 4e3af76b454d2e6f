//! Where a piece of a report came from: a table cell, a line of text, a place on a PDF page;
//! written as arrays in JSON schema 3, read from the objects of schemas 1 and 2 too.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where a piece of a report came from. Written (schema 3) as `[table, row, col]`, `[line]` or
/// `[line, col]`, and `{"page", "x", "y"}`; the objects of schemas 1 and 2 are read too.
#[derive(Clone, Debug, PartialEq)]
pub enum Location {
    /// A cell of an HTML or Word table: 1-based table number in the document, grid row and column.
    Cell {
        /// 1-based table number in the document.
        table: u32,
        /// 1-based row in the expanded grid.
        row: u32,
        /// 1-based column in the expanded grid.
        col: u32,
    },
    /// A position on a PDF page (points from the top-left corner).
    Page {
        /// 1-based page number.
        page: u32,
        /// Horizontal position in points.
        x: f32,
        /// Vertical position in points, from the top.
        y: f32,
    },
    /// A line of a text file (1-based), with the character column when the line holds several cells.
    Line {
        /// 1-based line number.
        line: u32,
        /// 1-based character column, when useful.
        col: Option<u32>,
    },
}

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};
        match *self {
            Location::Cell { table, row, col } => {
                let mut q = s.serialize_seq(Some(3))?;
                q.serialize_element(&table)?;
                q.serialize_element(&row)?;
                q.serialize_element(&col)?;
                q.end()
            }
            Location::Line { line, col } => {
                let mut q = s.serialize_seq(Some(1 + usize::from(col.is_some())))?;
                q.serialize_element(&line)?;
                if let Some(c) = col {
                    q.serialize_element(&c)?;
                }
                q.end()
            }
            Location::Page { page, x, y } => {
                let mut st = s.serialize_struct("Location", 3)?;
                st.serialize_field("page", &page)?;
                st.serialize_field("x", &x)?;
                st.serialize_field("y", &y)?;
                st.end()
            }
        }
    }
}

/// The fields any location may have (read in one pass; `untagged` would buffer and retry).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LocationFields {
    table: Option<u32>,
    row: Option<u32>,
    col: Option<u32>,
    page: Option<u32>,
    x: Option<f32>,
    y: Option<f32>,
    line: Option<u32>,
}

impl<'de> Deserialize<'de> for Location {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Location, D::Error> {
        d.deserialize_any(LocationVisitor)
    }
}

struct LocationVisitor;

impl<'de> serde::de::Visitor<'de> for LocationVisitor {
    type Value = Location;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a location: [table, row, col], [line], [line, col] or an object")
    }

    /// Schema 3: `[table, row, col]`, `[line]`, `[line, col]`.
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Location, A::Error> {
        let mut n: Vec<u32> = Vec::with_capacity(3);
        while let Some(v) = seq.next_element::<u32>()? {
            if n.len() == 3 {
                return Err(A::Error::custom("a location has at most 3 numbers"));
            }
            n.push(v);
        }
        match *n.as_slice() {
            [line] => Ok(Location::line(line)),
            [line, col] => Ok(Location::Line { line, col: Some(col) }),
            [table, row, col] => Ok(Location::Cell { table, row, col }),
            _ => Err(A::Error::custom("a location needs 1 to 3 numbers")),
        }
    }

    /// Schemas 1 and 2 (and a PDF position): an object.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Location, A::Error> {
        let f = LocationFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        match f {
            LocationFields {
                table: Some(table),
                row: Some(row),
                col: Some(col),
                ..
            } => Ok(Location::Cell { table, row, col }),
            LocationFields {
                page: Some(page),
                x: Some(x),
                y: Some(y),
                ..
            } => Ok(Location::Page { page, x, y }),
            LocationFields {
                line: Some(line), col, ..
            } => Ok(Location::Line { line, col }),
            _ => Err(A::Error::custom("a location needs table/row/col, page/x/y or line")),
        }
    }
}

impl Location {
    /// A text line without column.
    pub fn line(line: u32) -> Location {
        Location::Line { line, col: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Cell { table, row, col } => write!(f, "table {table} row {row} col {col}"),
            Location::Page { page, x, y } => write!(f, "page {page} at ({x:.0}, {y:.0})"),
            Location::Line { line, col: None } => write!(f, "line {line}"),
            Location::Line { line, col: Some(c) } => write!(f, "line {line} col {c}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Figures;

    /// A schema-2 figure map (objects for places, `"value": null` on blank cells) and the same
    /// figures in schema 3.
    const SCHEMA_2: &str = r#"{
        "t2.new_received.total": {"value": 59, "at": {"line": 73}},
        "t2.partially_granted.total": {"value": null, "state": "blank", "at": {"table": 2, "row": 7, "col": 10}},
        "t2.granted.natural_person": {"value": 27, "raw": "270020130", "at": {"line": 10, "col": 2230}},
        "t2.granted.total": {"value": 3, "at": {"page": 2, "x": 10.5, "y": 300}}
    }"#;
    const SCHEMA_3: &str = r#"{
        "t2.new_received.total": {"value": 59, "at": [73]},
        "t2.partially_granted.total": {"value": null, "state": "blank", "at": [2, 7, 10]},
        "t2.granted.natural_person": {"value": 27, "raw": "270020130", "at": [10, 2230]},
        "t2.granted.total": {"value": 3, "at": {"page": 2, "x": 10.5, "y": 300.0}}
    }"#;

    #[test]
    fn schema_3_reads_schema_2_places_and_writes_them_shorter() {
        let old: Figures = serde_json::from_str(SCHEMA_2).expect("schema 2 reads");
        let new: Figures = serde_json::from_str(SCHEMA_3).expect("schema 3 reads");
        assert_eq!(old, new);
        let written = serde_json::to_string(&new).expect("writes");
        let back: Figures = serde_json::from_str(&written).expect("reads its own");
        assert_eq!(back, new);
        assert!(
            written.contains(r#""t2.new_received.total":{"value":59,"at":[73]}"#),
            "{written}"
        );
        assert!(
            written.contains(r#"{"value":null,"state":"blank","at":[2,7,10]}"#),
            "{written}"
        );
        assert!(written.contains(r#""at":[10,2230]"#), "{written}");
        assert!(written.contains(r#""at":{"page":2,"x":10.5,"y":300.0}"#), "{written}");
        for bad in ["[]", "[1,2,3,4]", "[1.5]", r#"{"lin":3}"#, r#""L3""#] {
            let t = format!(r#"{{"t2.new_received.total":{{"value":1,"at":{bad}}}}}"#);
            assert!(serde_json::from_str::<Figures>(&t).is_err(), "{bad}");
        }
    }
}
