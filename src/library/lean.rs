//! The library's fast reader of xxgk's own report JSON. A parsed report is ~15–40 KB, mostly
//! the provenance of ~200 figures, which the library does not keep; going through serde's
//! generic machinery token by token costs ~40 µs a report, which is most of a cold load of
//! 100k reports. This reader walks the document once, reads `value` and `state` of each figure
//! and skips (while checking) everything else; `meta`, `extra_rows` and `claims` are handed to
//! serde as slices. Anything it is not sure about — an escape in a key, a number in exponent
//! form, a duplicate field, an unknown figure key, malformed JSON — makes it decline (`None`),
//! and the caller reads the file with serde as a full [`Report`], the one reference reader that
//! `show` and `check` use too, and drops the provenance ([`lean_from_full`]). It accepts nothing
//! that reader refuses: a test and the `report_json` fuzz target hold the two to the same result.
//!
//! Measured (`cargo bench --bench json`, 5,000 synthetic reports of 15 KB, one run): this
//! reader 14.4 µs a report, serde's derive skipping the provenance (the former `LeanReport`)
//! 33.9 µs (2.35×), so that second fast path was dropped. Checking the provenance as serde does
//! (so that it refuses what `show` refuses) brought this reader to 19.7 µs, against 52.9 µs for
//! serde's full `Report` (2.7×).

use crate::model::{CellState, Figure, Figures, Num, Report, Warning, catalog};

struct Scan<'a> {
    /// The document (valid UTF-8: slices between ASCII delimiters are too).
    text: &'a str,
    s: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    /// A string without escapes (keys, states): its contents.
    fn plain_str(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        // A raw control character is not JSON: decline (serde refuses it too).
        let len = self
            .s
            .get(start..)?
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if self.s.get(start + len) != Some(&b'"') {
            return None;
        }
        self.i = start + len + 1;
        self.text.get(start..start + len)
    }

    /// Skips a string, escapes included (the input is valid UTF-8 already).
    fn skip_str(&mut self) -> Option<()> {
        self.eat(b'"')?;
        loop {
            let rest = self.s.get(self.i..)?;
            // Stops at a raw control character too: not JSON (serde refuses it as well).
            let n = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            self.i += n;
            match self.s.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                b'\\' => {
                    let e = *self.s.get(self.i + 1)?;
                    self.i += match e {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
                        b'u' => {
                            let hex = self.s.get(self.i + 2..self.i + 6)?;
                            if !hex.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            6
                        }
                        _ => return None,
                    };
                }
                _ => return None, // a raw control character
            }
        }
    }

    /// The text of a number (JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
    fn number(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.i;
        let digits = |sc: &mut Scan<'_>| {
            let n =
                sc.s.get(sc.i..)
                    .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
            sc.i += n;
            n
        };
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let n = digits(self);
        if n == 0 || (n > 1 && self.s.get(int_start) == Some(&b'0')) {
            return None;
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return None;
            }
        }
        self.text.get(start..self.i)
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.ws();
        if self.s.get(self.i..self.i + word.len())? == word {
            self.i += word.len();
            Some(())
        } else {
            None
        }
    }

    /// Skips any value, checking its grammar.
    fn skip_value(&mut self, depth: u32) -> Option<()> {
        if depth > 64 {
            return None;
        }
        match self.peek()? {
            b'"' => self.skip_str(),
            b'{' => {
                self.i += 1;
                if self.peek()? == b'}' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.skip_str()?;
                    self.eat(b':')?;
                    self.skip_value(depth + 1)?;
                    match self.peek()? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                if self.peek()? == b']' {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.skip_value(depth + 1)?;
                    match self.peek()? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number().map(|_| ()),
        }
    }

    /// The slice of the next value.
    fn value_slice(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.i;
        self.skip_value(0)?;
        self.text.get(start..self.i)
    }

    /// Iterates `"key": value` pairs of an object, calling `f` with the scanner on each value.
    fn object(&mut self, mut f: impl FnMut(&mut Scan<'a>, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(());
        }
        loop {
            let key = self.plain_str()?;
            self.eat(b':')?;
            f(self, key)?;
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

/// Checks a `Location` as its serde reader does: an array of 1 to 3 u32 (schema 3), or an
/// object with known fields only, each at most once, u32 (or a finite number for `x`, `y`) or
/// null, and one of the three complete shapes.
fn location(sc: &mut Scan<'_>) -> Option<()> {
    if sc.peek()? == b'[' {
        sc.i += 1;
        let mut n = 0;
        if sc.peek()? == b']' {
            return None;
        }
        loop {
            sc.number()?.parse::<u32>().ok()?;
            n += 1;
            match sc.peek()? {
                b',' if n < 3 => sc.i += 1,
                b']' => {
                    sc.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
    const FIELDS: [&str; 7] = ["table", "row", "col", "page", "x", "y", "line"];
    let (mut seen, mut has) = ([false; 7], [false; 7]);
    sc.object(|sc, field| {
        let i = FIELDS.iter().position(|f| *f == field)?;
        if std::mem::replace(seen.get_mut(i)?, true) {
            return None;
        }
        if sc.peek()? == b'n' {
            return sc.literal(b"null");
        }
        let t = sc.number()?;
        if matches!(field, "x" | "y") {
            t.parse::<f64>().ok().filter(|v| v.is_finite())?;
        } else {
            t.parse::<u32>().ok()?;
        }
        *has.get_mut(i)? = true;
        Some(())
    })?;
    let all = |f: &[usize]| f.iter().all(|&i| has.get(i) == Some(&true));
    (all(&[0, 1, 2]) || all(&[3, 4, 5]) || all(&[6])).then_some(())
}

/// A number as serde reads it into a `Num`: integers exactly; decimals only when short enough
/// that the f64 round trip serde goes through gives the same digits (else decline).
fn num(text: &str) -> Option<Num> {
    // Integers (nearly every figure) directly.
    let (neg, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text),
    };
    if !body.is_empty() && body.len() <= 18 && body.bytes().all(|b| b.is_ascii_digit()) {
        let v = body.bytes().fold(0i64, |v, b| v * 10 + i64::from(b - b'0'));
        return Some(Num::int(if neg { -v } else { v }));
    }
    let (mut digits, mut dot) = (0, false);
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' => dot = true,
            b'-' => {}
            _ => return None, // exponent form: leave it to serde
        }
    }
    if digits > if dot { 15 } else { 18 } {
        return None;
    }
    Num::parse(text)
}

/// The figures, and the highest run a figure points to (checked against `runs` at the end).
fn figures(sc: &mut Scan<'_>, max_run: &mut Option<u32>) -> Option<Figures> {
    let cat = catalog();
    let mut out: Vec<(crate::model::KeyId, Figure)> = Vec::with_capacity(256);
    let mut next = 0u16;
    sc.eat(b'{')?;
    let mut first = true;
    loop {
        match sc.peek()? {
            b'}' if first => {
                sc.i += 1;
                break;
            }
            _ if first => {}
            b',' => sc.i += 1,
            b'}' => {
                sc.i += 1;
                break;
            }
            _ => return None,
        }
        first = false;
        // xxgk writes figures in catalogue order: try the key after the last one first (a
        // comparison instead of a scan and a hash lookup).
        sc.ws();
        let guess = crate::model::KeyId(next);
        let name = (usize::from(next) < cat.len()).then(|| guess.name());
        let id = match name {
            Some(n)
                if sc.s.get(sc.i) == Some(&b'"')
                    && sc.s.get(sc.i + 1..sc.i + 1 + n.len()) == Some(n.as_bytes())
                    && sc.s.get(sc.i + 1 + n.len()) == Some(&b'"') =>
            {
                sc.i += n.len() + 2;
                guess
            }
            _ => cat.id(sc.plain_str()?)?,
        };
        next = id.0.saturating_add(1);
        sc.eat(b':')?;
        let (mut value, mut state, mut provenance, mut run) = (None, None, [false; 3], false);
        sc.object(|sc, field| {
            match field.as_bytes() {
                b"value" if value.is_none() => {
                    value = Some(if sc.peek()? == b'n' {
                        sc.literal(b"null")?;
                        None
                    } else {
                        Some(num(sc.number()?)?)
                    });
                }
                b"state" if state.is_none() => {
                    state = Some(match sc.plain_str()? {
                        "read" => CellState::Read,
                        "blank" => CellState::Blank,
                        "unknown" => CellState::Unknown,
                        _ => return None,
                    });
                }
                b"run" if !run => {
                    run = true;
                    if sc.peek()? == b'n' {
                        sc.literal(b"null")?;
                    } else {
                        let i = sc.number()?.parse::<u32>().ok()?;
                        *max_run = (*max_run).max(Some(i));
                    }
                }
                b"value" | b"state" | b"run" => return None, // duplicate field: serde refuses it
                // Provenance is not kept, but checked as serde checks it.
                b"raw" | b"at" | b"note" => {
                    let i = usize::from(field.as_bytes() == b"at") + 2 * usize::from(field.as_bytes() == b"note");
                    if std::mem::replace(provenance.get_mut(i)?, true) {
                        return None;
                    }
                    if sc.peek()? == b'n' {
                        sc.literal(b"null")?;
                    } else if i == 1 {
                        location(sc)?;
                    } else {
                        sc.skip_str()?;
                    }
                }
                _ => sc.skip_value(1)?,
            }
            Some(())
        })?;
        out.push((
            id,
            Figure {
                value: value.flatten(),
                state: state.unwrap_or_default(),
                raw: None,
                at: None,
                note: None,
            },
        ));
    }
    out.sort_by_key(|(k, _)| *k);
    // A repeated key: serde's map keeps the last; keep it simple and let serde do it.
    if out.windows(2).any(|w| w.first().map(|a| a.0) == w.get(1).map(|b| b.0)) {
        return None;
    }
    Some(Figures::from_pairs(out))
}

/// A report as the library keeps it: figures without provenance, no reading warnings.
pub fn lean_from_full(mut r: Report) -> Report {
    for (_, f) in r.figures.iter_mut() {
        f.raw = None;
        f.at = None;
        f.note = None;
    }
    r.parser.clear();
    r.warnings.clear();
    for e in &mut r.extra_rows {
        e.at = None;
    }
    for c in &mut r.claims {
        c.at = None;
    }
    r
}

/// Reads a report JSON as the library keeps it, or declines (`None`): the caller then reads it
/// with serde as a full report and keeps [`lean_from_full`] of it.
pub fn read(text: &str) -> Option<Report> {
    let mut sc = Scan {
        text,
        s: text.as_bytes(),
        i: 0,
    };
    let (mut schema, mut parser, mut meta, mut figs, mut extra, mut claims) = (None, None, None, None, None, None);
    let mut sections = None;
    let (mut warnings, mut runs, mut max_run) = (false, None, None);
    sc.object(|sc, key| {
        match key {
            "schema" if schema.is_none() => schema = Some(sc.number()?.parse::<u32>().ok()?),
            "parser" if parser.is_none() => parser = Some(sc.plain_str()?),
            // Not kept, but a file serde refuses is refused here too.
            "warnings" if !warnings => {
                warnings = true;
                serde_json::from_str::<Vec<Warning>>(sc.value_slice()?).ok()?;
            }
            "meta" if meta.is_none() => meta = Some(serde_json::from_str(sc.value_slice()?).ok()?),
            "figures" if figs.is_none() => figs = Some(figures(sc, &mut max_run)?),
            // Not kept either: only how many there are, for the figures that point to them.
            "runs" if runs.is_none() => {
                runs = Some(
                    serde_json::from_str::<Vec<crate::model::Run>>(sc.value_slice()?)
                        .ok()?
                        .len(),
                );
            }
            "extra_rows" if extra.is_none() => extra = Some(serde_json::from_str(sc.value_slice()?).ok()?),
            "claims" if claims.is_none() => claims = Some(serde_json::from_str(sc.value_slice()?).ok()?),
            "sections" if sections.is_none() => sections = Some(serde_json::from_str(sc.value_slice()?).ok()?),
            "schema" | "parser" | "meta" | "figures" | "runs" | "extra_rows" | "claims" | "sections" | "warnings" => {
                return None;
            }
            _ => sc.skip_value(0)?,
        }
        Some(())
    })?;
    if sc.peek().is_some() {
        return None; // trailing characters
    }
    parser?;
    // A figure pointing past the runs: serde refuses the report.
    if max_run.is_some_and(|m| usize::try_from(m).map_or(true, |m| m >= runs.unwrap_or(0))) {
        return None;
    }
    let r = Report {
        schema: schema?,
        parser: String::new(),
        meta: meta?,
        figures: figs?,
        extra_rows: extra.unwrap_or_default(),
        claims: claims.unwrap_or_default(),
        sections: sections.unwrap_or_default(),
        warnings: Vec::new(),
    };
    // Provenance inside meta, extra rows and claims is dropped as serde's path drops it.
    Some(lean_from_full(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde(text: &str) -> Option<Report> {
        serde_json::from_str::<Report>(text).ok().map(lean_from_full)
    }

    fn agree(text: &str) {
        let fast = read(text);
        if let Some(f) = &fast {
            assert_eq!(
                Some(f),
                serde(text).as_ref(),
                "fast path differs from serde on {text:.200}"
            );
        }
    }

    #[test]
    fn agrees_with_serde_on_every_sample_and_synthetic_report() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed");
        let mut n = 0;
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            assert!(read(&text).is_some(), "{} is read by the fast path", e.path().display());
            agree(&text);
            n += 1;
        }
        assert!(n >= 10);
        let mut rng = crate::synth::Rng::new(7);
        for i in 0..200 {
            let r = crate::synth::report(i, 2019 + crate::cast::u16_sat(i % 5), i % 7 == 0, &mut rng);
            let text = serde_json::to_string(&r).unwrap_or_default();
            assert!(read(&text).is_some());
            agree(&text);
            let pretty = serde_json::to_string_pretty(&r).unwrap_or_default();
            agree(&pretty);
        }
    }

    /// Schema 4's runs (layout E): read as serde reads them, and a figure pointing past them,
    /// a second `run` or a second `runs` refused by both.
    #[test]
    fn reads_schema_4_runs_as_serde_does() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/raw/layout-e-pingtan-2022.txt");
        let r = crate::ingest::ingest_path(&path).expect("the layout-E sample reads");
        let text = serde_json::to_string(&r).unwrap_or_default();
        assert!(text.contains(r#""runs":[{"at":"#) && text.contains(r#","run":0}"#));
        assert!(read(&text).is_some());
        agree(&text);
        let last = text.matches(r#""digits":"#).count();
        for (bad, why) in [
            (
                text.replacen(",\"run\":0}", &format!(",\"run\":{last}}}"), 1),
                "past the runs",
            ),
            (text.replacen(",\"run\":0}", ",\"run\":0,\"run\":0}", 1), "two runs"),
            (text.replacen(",\"run\":0}", ",\"run\":-1}", 1), "negative"),
            (text.replacen(r#""runs":["#, r#""runx":["#, 1), "no runs"),
            (text.replacen(r#""runs":["#, r#""runs":[],"runs":["#, 1), "two lists"),
            (text.replacen(r#""digits":"#, r#""digit":"#, 1), "a run without digits"),
        ] {
            assert!(serde(&bad).is_none(), "serde refuses {why}");
            assert!(read(&bad).is_none(), "the fast path refuses {why}");
        }
        let null = text.replacen(",\"run\":0}", ",\"run\":null}", 1);
        assert!(read(&null).is_some());
        agree(&null);
    }

    #[test]
    fn declines_or_agrees_on_damaged_json() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed/kaiyuan-2023.json");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        // Truncations, and single-byte changes at many positions.
        for cut in (0..text.len()).step_by(97) {
            if let Some(t) = text.get(..cut) {
                assert!(
                    read(t).is_none() || serde(t).is_some(),
                    "accepted a truncated file at {cut}"
                );
                agree(t);
            }
        }
        let bytes = text.as_bytes();
        for (pos, with) in (0..bytes.len()).step_by(13).zip(
            [b'"', b'{', b'}', b',', b':', b'\\', b'1', b'e', b' ', b'x']
                .iter()
                .cycle(),
        ) {
            let mut b = bytes.to_vec();
            if let Some(x) = b.get_mut(pos) {
                *x = *with;
            }
            if let Ok(t) = std::str::from_utf8(&b) {
                if read(t).is_some() {
                    assert!(
                        serde(t).is_some(),
                        "fast path accepted what serde refuses (byte {pos} → {})",
                        *with as char
                    );
                }
                agree(t);
            }
        }
    }

    #[test]
    fn declines_what_it_is_unsure_of() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed/kaiyuan-2023.json");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let meta = doc.get("meta").map(|m| m.to_string()).unwrap_or_default();
        let base = |figs: &str| format!(r#"{{"schema":1,"parser":"p","meta":{meta},"figures":{figs}}}"#);
        assert!(read(&base("{}")).is_some());
        assert!(read(&base("{}").replace(r#""schema":1,"#, r#""schema":1,"warnings":[{"x":1}],"#)).is_none());
        assert!(
            read(&base("{}").replace(r#""parser":"p","#, "")).is_none(),
            "serde needs `parser`"
        );
        assert!(
            read(&base(
                r#"{"t2.new_received.total":{"value":12,"raw":"1\"2","at":{"line":3}}}"#
            ))
            .is_some()
        );
        for figs in [
            r#"{"t2.new_received.total":{"value":1e2}}"#,
            r#"{"t2.new_received.total":{"value":1,"value":2}}"#,
            r#"{"t2.new_r\u0065ceived.total":{"value":1}}"#,
            r#"{"t2.no_such_key":{"value":1}}"#,
            r#"{"t2.new_received.total":{"value":1},"t2.new_received.total":{"value":2}}"#,
            r#"{"t2.new_received.total":{"value":0.12345678901234567}}"#,
            "{\"t2.new_received.total\u{1}\":{\"value\":1}}",
            r#"{"t2.new_received.total":{"value":1,"at":{"lin":3}}}"#,
            r#"{"t2.new_received.total":{"value":1,"raw":5}}"#,
        ] {
            assert!(read(&base(figs)).is_none(), "{figs}");
        }
        // Schema 3 locations serde refuses: refused here too.
        for figs in [
            r#"{"t2.new_received.total":{"value":1,"at":[]}}"#,
            r#"{"t2.new_received.total":{"value":1,"at":[1,2,3,4]}}"#,
            r#"{"t2.new_received.total":{"value":1,"at":[1.5]}}"#,
            r#"{"t2.new_received.total":{"value":1,"at":[-1]}}"#,
            r#"{"t2.new_received.total":{"value":1,"at":[1,]}}"#,
        ] {
            assert!(read(&base(figs)).is_none(), "{figs}");
            assert!(serde(&base(figs)).is_none(), "serde refuses it too: {figs}");
        }
    }

    #[test]
    fn reads_schema_3_locations_as_serde_does() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/parsed/kaiyuan-2023.json");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let meta = doc.get("meta").map(|m| m.to_string()).unwrap_or_default();
        for at in [
            "[3]",
            "[3,7]",
            "[ 2 , 7 , 10 ]",
            r#"{"page":1,"x":2.5,"y":3}"#,
            r#"{"table":2,"row":7,"col":10}"#,
        ] {
            let t = format!(
                r#"{{"schema":3,"parser":"p","meta":{meta},"figures":{{"t2.new_received.total":{{"value":12,"at":{at}}}}}}}"#
            );
            assert!(read(&t).is_some(), "{at}");
            agree(&t);
            let full: Report = serde_json::from_str(&t).expect("serde reads it");
            let again = serde_json::to_string(&full).expect("writes");
            let back: Report = serde_json::from_str(&again).expect("reads its own");
            assert_eq!(back.figures, full.figures, "{at} round trip");
            assert!(full.figures.iter().all(|(_, f)| f.at.is_some()), "{at}");
        }
    }
}
