//! Running third-party readers (PDF, zip) that may panic on hostile input: a panic becomes an
//! error for that file, the message is not printed, and the rest of the batch goes on.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Whether the current thread is inside [`quietly`] (a panic hook installed later, e.g. the
/// terminal's, should then do nothing: the panic is caught and reported as a file error).
pub fn is_quiet() -> bool {
    QUIET.with(Cell::get)
}

/// Runs `f`, turning a panic into `Err(message)` without printing it.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !is_quiet() {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|e| {
        e.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_errors() {
        let r: Result<u8, String> = quietly(|| panic!("boom"));
        assert_eq!(r, Err("boom".to_string()));
        assert_eq!(quietly(|| 3), Ok(3));
        assert!(!is_quiet());
    }
}
