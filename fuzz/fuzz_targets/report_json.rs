//! The library's fast reader of report JSON against serde's full `Report` (the reader `show` and
//! `check` use): it may decline, but whatever it accepts must be exactly what serde reads, and it
//! must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk::library::lean::{lean_from_full, read};
use xxgk::model::Report;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(fast) = read(text) {
        let slow = serde_json::from_str::<Report>(text).ok().map(lean_from_full);
        assert_eq!(Some(fast), slow);
    }
});
