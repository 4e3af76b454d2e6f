//! The library's fast reader of report JSON against serde: it may decline, but whatever it
//! accepts must be exactly what serde reads, and it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk::model::LeanReport;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(fast) = xxgk::library::lean::read(text) {
        let slow = serde_json::from_str::<LeanReport>(text).ok().map(LeanReport::into_report);
        assert_eq!(Some(fast.into_report()), slow);
    }
});
