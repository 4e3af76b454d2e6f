//! The progress bar of a library load (the explorer and `xxgk DIR` share it): drawn on stderr
//! when it is a terminal, for loads of more than 200 files, updated every 256 files so that
//! the workers do not queue on the bar's lock (updating per file cost a third of a 100k load).

use indicatif::{ProgressBar, ProgressStyle};

const EVERY: usize = 256;

/// A bar for loading files (hidden when stderr is not a terminal).
pub fn load_bar(lang: crate::i18n::Lang) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(&lang.tr("cli.progress_load")).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// The `progress(done, total)` callback of `Library::load` for a bar.
pub fn reporter(bar: &ProgressBar) -> impl Fn(usize, usize) + Sync + '_ {
    move |done, total| {
        if total > 200 && (done % EVERY == 0 || done == total) {
            if bar.length() != Some(total as u64) {
                bar.set_length(total as u64);
            }
            bar.set_position(done as u64);
        }
    }
}
