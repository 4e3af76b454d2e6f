//! The compact in-memory form of a report for the library: metadata as short strings, figures
//! as a varint stream (key delta, state and scale, zigzag mantissa): about 1 KB per report.
//! Also the byte-level writer/reader the cache uses.

use crate::model::agency::{Level, level};
use crate::model::{
    CellState, Claim, ClaimTopic, ExtraRow, Figure, Figures, KeyId, Layout, Num, Report, Section, SourceFormat,
    TableId, Template,
};

/// One report in the library.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The file it was read from.
    pub path: Box<str>,
    /// Reporting agency.
    pub agency: Option<Box<str>>,
    /// Region.
    pub region: Option<Box<str>>,
    /// Province.
    pub province: Option<Box<str>>,
    /// Division code.
    pub division_code: Option<Box<str>>,
    /// Publication date.
    pub published: Option<Box<str>>,
    /// Report year.
    pub year: Option<u16>,
    /// Template.
    pub template: Template,
    /// Level of the agency.
    pub level: Option<Level>,
    /// Input layout.
    pub layout: Option<Layout>,
    /// The kind of file it was read from.
    pub format: SourceFormat,
    /// Hard-rule findings of the report alone.
    pub errors: u16,
    /// Warnings of the report alone (rules and reading).
    pub warnings: u16,
    /// Figures, encoded (see [`Entry::figures`]).
    pub cells: Box<[u8]>,
    /// What the rules read besides the figures, encoded: the prose's claims and the values
    /// printed on table 2's group rows (see [`Entry::to_report`]).
    pub context: Box<[u8]>,
}

/// The claim topics, in the order of their code byte.
pub const CLAIM_TOPICS: [ClaimTopic; 8] = [
    ClaimTopic::Received,
    ClaimTopic::CarriedIn,
    ClaimTopic::Completed,
    ClaimTopic::CarriedOut,
    ClaimTopic::ReviewTotal,
    ClaimTopic::LitigationTotal,
    ClaimTopic::GrantedOrPartial,
    ClaimTopic::FeeCharged,
];

fn encode_num(w: &mut Bytes, v: Num) {
    let (mantissa, scale) = v.parts();
    w.byte(scale.min(15));
    w.varint(zigzag(mantissa));
}

fn decode_num(r: &mut Reader<'_>) -> Option<Num> {
    let scale = r.byte()?;
    Num::new(unzigzag(r.varint()?), scale)
}

/// The claims and table 2's group rows, encoded.
fn encode_context(r: &Report) -> Vec<u8> {
    let mut w = Bytes::default();
    w.varint(r.claims.len() as u64);
    for c in &r.claims {
        w.byte(
            CLAIM_TOPICS
                .iter()
                .position(|t| *t == c.topic)
                .and_then(|i| u8::try_from(i).ok())
                .unwrap_or(0),
        );
        encode_num(&mut w, c.value);
        w.opt_str(Some(&c.quote));
    }
    let groups: Vec<&ExtraRow> = r
        .extra_rows
        .iter()
        .filter(|e| e.table == TableId::T2 && e.group.is_some())
        .collect();
    w.varint(groups.len() as u64);
    for g in groups {
        w.opt_str(g.group.as_deref());
        w.opt_str(Some(&g.label));
        w.varint(g.values.len() as u64);
        for v in &g.values {
            w.opt_str(Some(v));
        }
        w.varint(g.read.len() as u64);
        for n in &g.read {
            w.byte(u8::from(n.is_some()));
            if let Some(n) = n {
                encode_num(&mut w, *n);
            }
        }
    }
    w.varint(r.sections.len() as u64);
    for s in &r.sections {
        w.byte(s.number);
        w.opt_str(Some(&s.heading));
        w.varint(u64::from(s.chars));
        w.opt_str((!s.sketch.is_empty()).then_some(s.sketch.as_str()));
    }
    w.0
}

/// What [`encode_context`] wrote: claims, group rows, sections.
type Context = (Vec<Claim>, Vec<ExtraRow>, Vec<Section>);

fn decode_context(data: &[u8]) -> Option<Context> {
    let mut r = Reader::new(data);
    if r.done() {
        return Some((Vec::new(), Vec::new(), Vec::new()));
    }
    let n = r.varint()?;
    let mut claims = Vec::new();
    for _ in 0..n {
        let topic = *CLAIM_TOPICS.get(usize::from(r.byte()?))?;
        let value = decode_num(&mut r)?;
        let quote = r.opt_str()?.map(String::from).unwrap_or_default();
        claims.push(Claim {
            topic,
            value,
            quote,
            at: None,
        });
    }
    let n = r.varint()?;
    let mut rows = Vec::new();
    for _ in 0..n {
        let group = r.opt_str()?.map(String::from);
        let label = r.opt_str()?.map(String::from).unwrap_or_default();
        let k = r.varint()?;
        let mut values = Vec::new();
        for _ in 0..k {
            values.push(r.opt_str()?.map(String::from).unwrap_or_default());
        }
        let k = r.varint()?;
        let mut read = Vec::new();
        for _ in 0..k {
            read.push(match r.byte()? {
                0 => None,
                _ => Some(decode_num(&mut r)?),
            });
        }
        rows.push(ExtraRow {
            table: TableId::T2,
            label,
            values,
            read,
            group,
            at: None,
        });
    }
    let n = r.varint()?;
    let mut sections = Vec::new();
    for _ in 0..n {
        let number = r.byte()?;
        let heading = r.opt_str()?.map(String::from).unwrap_or_default();
        let chars = u32::try_from(r.varint()?).ok()?;
        let sketch = r.opt_str()?.map(String::from).unwrap_or_default();
        sections.push(Section {
            number,
            heading,
            chars,
            sketch,
        });
    }
    r.done().then_some((claims, rows, sections))
}

fn boxed(s: &Option<String>) -> Option<Box<str>> {
    s.as_deref().map(Box::from)
}

impl Entry {
    /// The compact form of a report, with its finding counts.
    pub fn from_report(r: &Report, errors: usize, warnings: usize) -> Entry {
        let m = &r.meta;
        let mut w = Bytes::default();
        let mut prev = 0u64;
        for (k, f) in r.figures.iter() {
            let id = u64::from(k.0);
            w.varint(id.saturating_sub(prev));
            prev = id;
            let state = match f.state {
                CellState::Read => 0u8,
                CellState::Blank => 1,
                CellState::Unknown => 2,
            };
            match f.value {
                Some(v) => encode_num(&mut w, v),
                None => w.byte(0x10 | state),
            }
        }
        Entry {
            path: m.source.path.as_str().into(),
            agency: boxed(&m.agency),
            region: boxed(&m.region),
            province: boxed(&m.province),
            division_code: boxed(&m.division_code),
            published: boxed(&m.published),
            year: m.year,
            template: m.template,
            level: m.agency.as_deref().and_then(|a| level(a, m.region.as_deref())),
            layout: m.source.layout,
            format: m.source.format,
            errors: u16::try_from(errors).unwrap_or(u16::MAX),
            warnings: u16::try_from(warnings).unwrap_or(u16::MAX),
            cells: w.0.into_boxed_slice(),
            context: encode_context(r).into_boxed_slice(),
        }
    }

    /// The figures, decoded (values and blank/unknown states; provenance is in the file).
    /// Decodes the whole stream: call it once per entry, not once per key.
    pub fn figures(&self) -> Figures {
        self.figures_where(|_| true)
    }

    /// The figures whose key `keep` accepts (the others are skipped, not built).
    pub fn figures_where(&self, keep: impl Fn(KeyId) -> bool) -> Figures {
        let mut out = Figures::default();
        let mut r = Reader::new(&self.cells);
        let mut id = 0u64;
        while !r.done() {
            let (Some(delta), Some(tag)) = (r.varint(), r.byte()) else {
                break;
            };
            id += delta;
            let Ok(key) = u16::try_from(id).map(KeyId) else { break };
            let fig = if tag & 0x10 == 0 {
                let Some(m) = r.varint() else { break };
                match Num::new(unzigzag(m), tag & 0x0F) {
                    Some(v) => Figure {
                        value: Some(v),
                        state: CellState::Read,
                        raw: None,
                        at: None,
                        note: None,
                    },
                    None => break,
                }
            } else if tag & 0x0F == 1 {
                Figure::blank(None, None)
            } else {
                Figure {
                    note: None,
                    ..Figure::unknown(None, "")
                }
            };
            if keep(key) {
                out.insert(key, fig);
            }
        }
        out
    }

    /// A report with this entry's metadata, figures and everything else the rules read (claims,
    /// values on group rows); provenance and reading warnings stay in the file.
    pub fn to_report(&self) -> Report {
        let (claims, extra_rows, sections) = decode_context(&self.context).unwrap_or_default();
        Report {
            figures: self.figures(),
            extra_rows,
            claims,
            sections,
            ..self.report_with(Figures::default())
        }
    }

    /// A report with this entry's metadata and the given figures (nothing else).
    pub fn report_with(&self, figures: Figures) -> Report {
        let s = |o: &Option<Box<str>>| o.as_deref().map(str::to_string);
        Report {
            schema: crate::model::SCHEMA_VERSION,
            parser: String::new(),
            meta: crate::model::Meta {
                agency: s(&self.agency),
                region: s(&self.region),
                year: self.year,
                template: self.template,
                published: s(&self.published),
                division_code: s(&self.division_code),
                province: s(&self.province),
                source: crate::model::Source {
                    path: self.path.to_string(),
                    format: self.format,
                    layout: self.layout,
                    encoding: None,
                    sha256: String::new(),
                    bytes: 0,
                },
            },
            figures,
            extra_rows: Vec::new(),
            claims: Vec::new(),
            sections: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The sections found in the report (for the cross-year copied-text rule).
    pub fn sections(&self) -> Vec<Section> {
        decode_context(&self.context).map(|c| c.2).unwrap_or_default()
    }

    /// Heap bytes held by this entry (for the memory benchmark).
    pub fn heap_bytes(&self) -> usize {
        let s = |o: &Option<Box<str>>| o.as_ref().map_or(0, |s| s.len());
        self.path.len()
            + s(&self.agency)
            + s(&self.region)
            + s(&self.province)
            + s(&self.division_code)
            + s(&self.published)
            + self.cells.len()
            + self.context.len()
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)).cast_unsigned()
}

fn unzigzag(v: u64) -> i64 {
    (v >> 1).cast_signed() ^ -(v & 1).cast_signed()
}

/// A growing byte buffer with varints and length-prefixed strings.
#[derive(Default)]
pub struct Bytes(pub Vec<u8>);

impl Bytes {
    /// One byte.
    pub fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    /// An unsigned LEB128 varint.
    pub fn varint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }

    /// A length-prefixed byte string.
    pub fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    /// An optional string.
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.byte(1);
                self.bytes(s.as_bytes());
            }
            None => self.byte(0),
        }
    }
}

/// Reads what [`Bytes`] wrote; every read is checked (corrupt data gives `None`, never a panic).
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Reads from a slice.
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data, pos: 0 }
    }

    /// Whether everything was read.
    pub fn done(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// One byte.
    pub fn byte(&mut self) -> Option<u8> {
        let b = *self.data.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    /// A varint.
    pub fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// A length-prefixed byte string.
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.varint()?).ok()?;
        let end = self.pos.checked_add(n)?;
        let s = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    /// An optional string.
    pub fn opt_str(&mut self) -> Option<Option<Box<str>>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(std::str::from_utf8(self.bytes()?).ok()?.into())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth;

    #[test]
    fn round_trips_and_is_small() {
        let mut rng = synth::Rng::new(3);
        for i in 0..20 {
            let r = synth::report(i, 2019 + crate::cast::u16_sat(i % 5), i % 3 == 0, &mut rng);
            let e = Entry::from_report(&r, 1, 2);
            let values = |f: &Figures| f.iter().map(|(k, x)| (k, x.value, x.state)).collect::<Vec<_>>();
            assert_eq!(values(&e.figures()), values(&r.figures));
            assert!(e.heap_bytes() < 1500, "{} bytes", e.heap_bytes());
        }
        for v in [0i64, 1, -1, 63, -64, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        let mut r = Reader::new(&[0xFF, 0xFF]);
        assert_eq!(r.varint(), None, "truncated varint");
    }
}
