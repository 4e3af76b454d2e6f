//! The JSON form of a report as written and read (serde): a figure's `raw` only where it is not
//! its value as printed, the canonical keys read without allocating, and schema 4's `runs` — a
//! run of digits printed together written once, the figures cut from it pointing to it.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{
    CellState, Claim, ExtraRow, Figure, Figures, KeyId, Location, Meta, Num, Report, Section, Warning, catalog,
};

impl Serialize for Figure {
    /// `raw` only where it is not the value as printed (a split number's digits, a unit, a
    /// sign); [`Report::upgraded`] puts it back on reading.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.write(None, s)
    }
}

/// The note of a figure cut from a run of digits printed together (layout E).
pub const SPLIT_NOTE: &str = "split from run-together digits";

const UNSPLIT_HEAD: &str = "run-together digits `";
const UNSPLIT_TAIL: &str = "` do not split uniquely";

/// The note of a figure left unknown because its row's run of digits splits several ways.
pub fn unsplit_note(digits: &str) -> String {
    format!("{UNSPLIT_HEAD}{digits}{UNSPLIT_TAIL}")
}

impl Figure {
    /// Writes the figure; with `run`, its printed digits, place and note are the run's
    /// (schema 4) and are left out.
    fn write<S: Serializer>(&self, run: Option<u32>, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (raw, at, note) = match run {
            Some(_) => (None, None, None),
            None => (
                match (&self.raw, self.value) {
                    (Some(raw), Some(v)) if *raw == v.to_string() => None,
                    (raw, _) => raw.as_ref(),
                },
                self.at.as_ref(),
                self.note.as_ref(),
            ),
        };
        let n = 1
            + usize::from(!self.state.is_read())
            + usize::from(raw.is_some())
            + usize::from(at.is_some())
            + usize::from(note.is_some())
            + usize::from(run.is_some());
        let mut st = s.serialize_struct("Figure", n)?;
        st.serialize_field("value", &self.value)?;
        if !self.state.is_read() {
            st.serialize_field("state", &self.state)?;
        }
        if let Some(raw) = raw {
            st.serialize_field("raw", raw)?;
        }
        if let Some(at) = at {
            st.serialize_field("at", at)?;
        }
        if let Some(note) = note {
            st.serialize_field("note", note)?;
        }
        if let Some(run) = run {
            st.serialize_field("run", &run)?;
        }
        st.end()
    }

    /// The run of digits this figure was cut from (or failed to be cut from), when its printed
    /// text and note are exactly what reading the run back gives (its place is the run's).
    fn run_digits(&self) -> Option<&str> {
        match (self.value, self.state) {
            (Some(_), CellState::Read) if self.note.as_deref() == Some(SPLIT_NOTE) => self.raw.as_deref(),
            (None, CellState::Unknown) if self.raw.is_none() => {
                let d = self
                    .note
                    .as_deref()?
                    .strip_prefix(UNSPLIT_HEAD)?
                    .strip_suffix(UNSPLIT_TAIL)?;
                (self.note.as_deref() == Some(unsplit_note(d).as_str())).then_some(d)
            }
            _ => None,
        }
    }
}

impl Serialize for Figures {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k.name(), v)))
    }
}

/// Pairs of canonical keys and values, read from a JSON map in the order written.
struct KeyMap<F>(Vec<(KeyId, F)>);

struct KeyMapVisitor<F>(std::marker::PhantomData<F>);

impl<'de, F: Deserialize<'de>> serde::de::Visitor<'de> for KeyMapVisitor<F> {
    type Value = KeyMap<F>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of canonical keys to figures")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<KeyMap<F>, A::Error> {
        let mut out: Vec<(KeyId, F)> = Vec::with_capacity(map.size_hint().unwrap_or(256));
        // Keys are borrowed from the input where possible: no allocation per key.
        while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let id = catalog()
                .id(&name)
                .ok_or_else(|| A::Error::custom(format!("unknown figure key `{name}`")))?;
            out.push((id, map.next_value::<F>()?));
        }
        Ok(KeyMap(out))
    }
}

impl<'de, F: Deserialize<'de>> Deserialize<'de> for KeyMap<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyMap<F>, D::Error> {
        d.deserialize_map(KeyMapVisitor(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for Figures {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Figures, D::Error> {
        KeyMap::<Figure>::deserialize(d).map(|m| Figures::from_pairs(m.0))
    }
}

/// One run of digits printed together, as written in a report's `runs` (schema 4).
#[derive(Debug, Serialize, Deserialize)]
pub struct Run<L = Location, D = String> {
    /// Where it was printed.
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub at: Option<L>,
    /// The digits as printed.
    pub digits: D,
}

fn none<L>() -> Option<L> {
    None
}

/// The runs of a report's figures, and which run each figure points to (by position).
struct Runs<'a> {
    list: Vec<Run<&'a Location, &'a str>>,
    of: Vec<Option<u32>>,
}

impl<'a> Runs<'a> {
    fn of(figures: &'a Figures) -> Runs<'a> {
        let mut list: Vec<Run<&Location, &str>> = Vec::new();
        let mut of = Vec::new();
        if figures.iter().all(|(_, f)| f.note.is_none()) {
            return Runs { list, of };
        }
        for (_, f) in figures.iter() {
            of.push(f.run_digits().and_then(|digits| {
                let at = f.at.as_ref();
                let i = match list.iter().rposition(|r| r.digits == digits && r.at == at) {
                    Some(i) => i,
                    None => {
                        list.push(Run { at, digits });
                        list.len() - 1
                    }
                };
                u32::try_from(i).ok()
            }));
        }
        Runs { list, of }
    }
}

/// The figures with their runs, as written.
struct FiguresOut<'a>(&'a Figures, &'a Runs<'a>);

/// A figure pointing to its run, as written.
struct FigureOut<'a>(&'a Figure, Option<u32>);

impl Serialize for FigureOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.write(self.1, s)
    }
}

impl Serialize for FiguresOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let runs = &self.1.of;
        s.collect_map(
            self.0
                .iter()
                .enumerate()
                .map(|(i, (k, f))| (k.name(), FigureOut(f, runs.get(i).copied().flatten()))),
        )
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let runs = Runs::of(&self.figures);
        let mut st = s.serialize_struct("Report", 9)?;
        st.serialize_field("schema", &self.schema)?;
        st.serialize_field("parser", &self.parser)?;
        st.serialize_field("meta", &self.meta)?;
        st.serialize_field("figures", &FiguresOut(&self.figures, &runs))?;
        if !runs.list.is_empty() {
            st.serialize_field("runs", &runs.list)?;
        }
        if !self.extra_rows.is_empty() {
            st.serialize_field("extra_rows", &self.extra_rows)?;
        }
        if !self.claims.is_empty() {
            st.serialize_field("claims", &self.claims)?;
        }
        if !self.sections.is_empty() {
            st.serialize_field("sections", &self.sections)?;
        }
        st.serialize_field("warnings", &self.warnings)?;
        st.end()
    }
}

/// A figure as written: [`Figure`] and the run it points to.
#[derive(Deserialize)]
struct FigureWire {
    value: Option<Num>,
    #[serde(default)]
    state: CellState,
    #[serde(default)]
    raw: Option<String>,
    #[serde(default)]
    at: Option<Location>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    run: Option<u32>,
}

/// A report as written, before its figures' runs are looked up.
#[derive(Deserialize)]
pub(super) struct ReportWire {
    schema: u32,
    parser: String,
    meta: Meta,
    figures: KeyMap<FigureWire>,
    #[serde(default)]
    runs: Vec<Run>,
    #[serde(default)]
    extra_rows: Vec<ExtraRow>,
    #[serde(default)]
    claims: Vec<Claim>,
    #[serde(default)]
    sections: Vec<Section>,
    #[serde(default)]
    warnings: Vec<Warning>,
}

impl TryFrom<ReportWire> for Report {
    type Error = String;

    fn try_from(w: ReportWire) -> Result<Report, String> {
        let runs = w.runs;
        let mut figures = Vec::with_capacity(w.figures.0.len());
        for (key, f) in w.figures.0 {
            let mut fig = Figure {
                value: f.value,
                state: f.state,
                raw: f.raw,
                at: f.at,
                note: f.note,
            };
            if let Some(i) = f.run {
                let run = runs
                    .get(i as usize)
                    .ok_or_else(|| format!("figure `{}` points to run {i} of {}", key.name(), runs.len()))?;
                if fig.at.is_none() {
                    fig.at.clone_from(&run.at);
                }
                if fig.value.is_some() {
                    fig.raw.get_or_insert_with(|| run.digits.clone());
                    fig.note.get_or_insert_with(|| SPLIT_NOTE.to_string());
                } else {
                    fig.note.get_or_insert_with(|| unsplit_note(&run.digits));
                }
            }
            figures.push((key, fig));
        }
        Ok(Report {
            schema: w.schema,
            parser: w.parser,
            meta: w.meta,
            figures: Figures::from_pairs(figures),
            extra_rows: w.extra_rows,
            claims: w.claims,
            sections: w.sections,
            warnings: w.warnings,
        })
    }
}
