//! The interactive explorer (ratatui + crossterm): state in [`app`], keys in [`keymap`],
//! drawing in [`view`], settings in [`config`]. The terminal is restored on quit, on error and on
//! panic (except for the panics the PDF reader's guard catches, which are not the terminal's
//! business); Ctrl-C is a key in raw mode and quits like `q`.

pub mod action;
pub mod app;
mod app_detail;
mod app_global;
mod app_prompt;
mod app_views;
pub mod browse;
pub mod config;
pub mod detail;
pub mod keymap;
pub mod prompt;
pub mod request;
pub mod sheet;
mod table;
mod theme;
pub mod view;
mod view_data;

use std::io::{self, Write, stdout};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use crossterm::event::{self, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::export::{Format, open};
use crate::ingest::guard;
use crate::library::{Entry, Library, LoadOptions, samples};
use app::{App, ExportKind, Request};
use config::Settings;

/// What the explorer opens.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A directory of reports.
    Dir(PathBuf),
    /// The sample set built into the binary.
    BuiltIn,
}

/// The directory `xxgk` opens without an argument: `sample-reports/` in the working directory
/// (the repository), else the user's data directory when it holds files, else the built-in set.
pub fn default_target() -> Target {
    let samples = PathBuf::from("sample-reports");
    if samples.is_dir() {
        return Target::Dir(samples);
    }
    match data_dir() {
        Some(d) if std::fs::read_dir(&d).is_ok_and(|mut it| it.next().is_some()) => Target::Dir(d),
        _ => Target::BuiltIn,
    }
}

/// The user's data directory for reports (`~/.local/share/xxgk` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "xxgk").map(|d| d.data_dir().to_path_buf())
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, crossterm::cursor::Show);
}

/// Restores the terminal when dropped (quit, error, early return).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

/// On `SIGTERM` or `SIGHUP` (a kill, a dropped SSH connection), restores the terminal and exits
/// with 128 + the signal, as a shell would report it.
fn exit_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore();
            crate::fsio::remove_temp_files();
            std::process::exit(128 + signal);
        }
    });
}

fn install_panic_hook() {
    // The guard's hook first, so ours wraps it and sees its flag.
    let _ = guard::quietly(|| ());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !guard::is_quiet() {
            restore();
        }
        previous(info);
    }));
}

/// Writes the view to a file in the working directory (atomic; an existing file only after the
/// user said yes) and says what happened in the status line.
pub fn export_view(app: &mut App, kind: ExportKind, overwrite: bool, dir: &Path) {
    let name = app.export_name(kind);
    let Some(grid) = app.export_grid() else { return };
    // The path said in full: a user over SSH knows where the file went.
    let path = std::path::absolute(dir.join(&name)).unwrap_or_else(|_| dir.join(&name));
    if path.exists() && !overwrite {
        app.ask_overwrite(kind, &name);
        return;
    }
    let (format, bom) = match kind {
        ExportKind::Csv => (Format::Csv, app.settings.bom),
        ExportKind::CsvNoBom => (Format::Csv, false),
        ExportKind::Xlsx => (Format::Xlsx, false),
    };
    let result = open(&path, format, bom, overwrite, 1).and_then(|mut w| {
        crate::export::grid::write_grid(&grid, w.as_mut())?;
        w.finish(app.export_findings())
    });
    let lang = app.settings.lang;
    app.status = match result {
        Ok(()) => crate::tr!(lang, "status.wrote", path = path.display()),
        Err(e) => crate::tr!(lang, "status.cannot_write", path = path.display(), why = e),
    };
}

/// The OSC 52 sequence that puts `text` on the clipboard of the terminal (over SSH too).
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

/// Carries out what the last action asked for (files, clipboard, reading provenance).
pub fn serve(app: &mut App, out: &mut dyn Write) {
    match app.request.take() {
        Some(Request::Export { kind, overwrite }) => export_view(app, kind, overwrite, Path::new(".")),
        Some(Request::Copy) => {
            let text = app.view_text();
            let lines = text.lines().count();
            let lang = app.settings.lang;
            app.status = match out.write_all(osc52(&text).as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => crate::tr!(lang, "status.copied", n = lines),
                Err(e) => crate::tr!(lang, "status.cannot_copy", why = e),
            };
        }
        None => {}
    }
    while let Some(i) = app.wanted_detail() {
        let detail = app.lib.full_report(i);
        app.details.insert(i, detail);
    }
}

/// What the reading of a directory has given so far (written by the loading threads).
#[derive(Default)]
struct Feed {
    done: AtomicUsize,
    total: AtomicUsize,
    /// Entries read since the explorer last took them.
    fresh: Mutex<Vec<Entry>>,
}

/// A directory read in the background while the explorer shows what has been read.
struct Loader {
    handle: Option<std::thread::JoinHandle<Library>>,
    feed: Arc<Feed>,
    cancel: Arc<AtomicBool>,
    root: PathBuf,
    /// Every entry read so far (the list shown is built from these).
    got: Vec<Entry>,
    /// How many of them the list shows.
    shown: usize,
    /// When the list may be rebuilt next: rebuilding takes time from the reading, so it is
    /// done at most every half second, and less often when it is slow (a big directory).
    next: Instant,
    /// The list is built on a pool of its own: the shared pool's threads take their own
    /// queued files before anything sent from outside, so the list would wait for the end.
    pool: Option<rayon::ThreadPool>,
}

impl Loader {
    fn start(dir: &Path, opts: LoadOptions) -> Loader {
        let feed = Arc::new(Feed::default());
        let cancel = Arc::new(AtomicBool::new(false));
        let opts = LoadOptions {
            cancel: Some(Arc::clone(&cancel)),
            ..opts
        };
        let (f, d) = (Arc::clone(&feed), dir.to_path_buf());
        let handle = std::thread::spawn(move || {
            let progress = |done: usize, total: usize| {
                // Files finish on several threads: a count never goes back.
                f.done.fetch_max(done, Ordering::Relaxed);
                f.total.store(total, Ordering::Relaxed);
            };
            let each = |e: &Entry| lock(&f.fresh).push(e.clone());
            Library::load_streaming(&d, &opts, &progress, Some(&each))
        });
        Loader {
            handle: Some(handle),
            feed,
            cancel,
            root: dir.to_path_buf(),
            got: Vec::new(),
            shown: 0,
            next: Instant::now() + Duration::from_millis(300),
            pool: rayon::ThreadPoolBuilder::new().num_threads(1).build().ok(),
        }
    }

    fn finished(&self) -> bool {
        self.handle.as_ref().is_none_or(std::thread::JoinHandle::is_finished)
    }

    /// Brings the explorer up to date: the whole library once read, else (when due) the list
    /// of what has been read. Returns whether the loading is over.
    fn step(&mut self, app: &mut App) -> bool {
        if self.finished() {
            if let Some(h) = self.handle.take() {
                match h.join() {
                    Ok(lib) => app.replace_library(lib),
                    // The loading threads do not panic on any input (the guard catches the PDF
                    // reader's); if one did, the explorer ends as on any panic.
                    Err(payload) => std::panic::resume_unwind(payload),
                }
            }
            app.loading = None;
            return true;
        }
        // What was read is taken before the count: a file is handed over before it is counted,
        // so the count is never below the list (which the progress bar would contradict).
        self.got.append(&mut lock(&self.feed.fresh));
        let (done, total) = (
            self.feed.done.load(Ordering::Relaxed).max(self.got.len()),
            self.feed.total.load(Ordering::Relaxed),
        );
        app.loading = Some((done, total.max(done)));
        if Instant::now() >= self.next
            && let Some(pool) = &self.pool
            && self.got.len() > self.shown
        {
            let started = Instant::now();
            let mut lib = pool.install(|| Library::from_entries(self.got.clone()));
            lib.root.clone_from(&self.root);
            app.replace_library(lib);
            self.shown = self.got.len();
            self.next = Instant::now() + (started.elapsed() * 10).max(Duration::from_millis(500));
        }
        false
    }

    /// Stops the reading (files under way finish; no cache is written) and waits for it, so
    /// that no thread is left writing when the program ends.
    fn stop(mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The explorer's first state: the built-in samples, or a directory being read (a small one
/// is read before the first screen, so that it does not flash a partial list).
fn load(source: &Target, settings: Settings) -> (App, Option<Loader>) {
    let lang = settings.lang;
    match source {
        Target::BuiltIn => {
            let (lib, details) = samples::builtin();
            let mut app = App::new(lib, settings);
            app.details.extend(details.into_iter().map(|(i, r)| (i, Ok(r))));
            app.notice = Some(match data_dir() {
                Some(d) => crate::tr!(lang, "ui.builtin_dir", dir = d.display()),
                None => lang.tr("ui.builtin").into_owned(),
            });
            (app, None)
        }
        Target::Dir(dir) => {
            let mut loader = Loader::start(dir, LoadOptions::default());
            let until = Instant::now() + Duration::from_millis(200);
            while !loader.finished() && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(5));
            }
            let mut lib = Library::default();
            lib.root.clone_from(dir);
            let mut app = App::new(lib, settings);
            let over = loader.step(&mut app);
            (app, (!over).then_some(loader))
        }
    }
}

/// Applies a key. A terminal sends Esc as a bare escape byte, so Esc quickly followed by a key
/// (pasted, typed fast, or batched over SSH) arrives as Alt+key: unless Alt+key is bound, it is
/// taken for what the user typed, Esc and then the key.
pub fn dispatch(app: &mut App, key: crossterm::event::KeyEvent) {
    use crossterm::event::{KeyEvent, KeyModifiers};
    match app.settings.keymap.action(key, app.typing()) {
        Some(a) => app.update(a),
        None if key.modifiers.contains(KeyModifiers::ALT) => {
            app.update(app::Action::Back);
            let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
            if let Some(a) = app.settings.keymap.action(plain, app.typing()) {
                app.update(a);
            }
        }
        None => {}
    }
}

/// Opens the explorer.
pub fn run(source: &Target, settings: Settings) -> io::Result<()> {
    let (mut app, mut loader) = load(source, settings);
    let result = explore(&mut app, &mut loader);
    if let Some(l) = loader {
        l.stop();
    }
    result
}

fn explore(app: &mut App, loader: &mut Option<Loader>) -> io::Result<()> {
    install_panic_hook();
    exit_on_signals();
    suspend_on_sigtstp();
    enable_raw_mode()?;
    let _restore = Restore;
    execute!(stdout(), EnterAlternateScreen)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let mut cache_said = false;
    while !app.quit {
        // A cache that could not be written is said once (every open would be cold).
        if !cache_said && let Some(why) = app.lib.cache_failure() {
            cache_said = true;
            app.status = crate::tr!(
                app.settings.lang,
                "status.cache_not_written",
                why = crate::text::sanitize(why)
            );
        }
        if let Some(l) = loader
            && l.step(app)
        {
            *loader = None;
        }
        let size = terminal.size()?;
        app.size = (size.width, size.height);
        if std::mem::take(&mut app.redraw) | RESUMED.swap(false, Ordering::SeqCst) {
            terminal.clear()?;
        }
        terminal.draw(|f| view::draw(f, app))?;
        // Waits for a key in slices: a terminal that went away (its input hung up, with SIGHUP
        // ignored) ends the program instead of spinning on an input at end of file, and a
        // resume after a stop is redrawn at once.
        let slice = Duration::from_millis(if loader.is_some() { 100 } else { 250 });
        let event = loop {
            if event::poll(slice)? {
                break Some(event::read()?);
            }
            if input_hung_up() {
                return Ok(());
            }
            // While a directory loads, its progress is drawn every slice.
            if loader.is_some() {
                break None;
            }
            if RESUMED.load(Ordering::SeqCst) || (!cache_said && app.lib.cache_failure().is_some()) {
                break None;
            }
        };
        if let Some(Event::Key(key)) = event {
            if key.kind != KeyEventKind::Press {
                continue;
            }
            // Ctrl-Z stops the program as in any terminal program (raw mode turns off the
            // terminal's own handling of it): not a remappable action.
            if key.code == crossterm::event::KeyCode::Char('z')
                && key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL)
            {
                suspend();
                continue;
            }
            dispatch(app, key);
            serve(app, &mut stdout());
        }
    }
    Ok(())
}

/// Set when the program was continued after a stop: the whole screen is drawn again.
static RESUMED: AtomicBool = AtomicBool::new(false);

/// Stops the program with the terminal restored (echo, line editing, main screen, cursor), as
/// `SIGTSTP` would; when continued (`fg`), raw mode and the alternate screen come back and the
/// screen is redrawn in full.
fn suspend() {
    restore();
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    let _ = enable_raw_mode();
    let _ = execute!(stdout(), EnterAlternateScreen, crossterm::cursor::Hide);
    RESUMED.store(true, Ordering::SeqCst);
}

/// A `SIGTSTP` from outside (`kill -TSTP`, a job-control stop) suspends the same way; without
/// this the program stopped in raw mode and ran on in cooked mode after `fg`.
fn suspend_on_sigtstp() {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGTSTP]) else {
        return;
    };
    std::thread::spawn(move || {
        for _ in signals.forever() {
            suspend();
        }
    });
}

/// Whether the terminal's input has hung up or failed (the terminal is gone).
fn input_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: poll(2) on one valid pollfd, without waiting.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n < 0 || fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory of `copies` × the raw samples (text layouts and HTML), and a cache folder.
    fn big_dir(copies: usize) -> (tempfile::TempDir, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("tmp");
        let cache = tempfile::tempdir().expect("tmp");
        let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-reports/raw");
        for e in std::fs::read_dir(&raw).expect("samples").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !(name.ends_with(".txt") || name.ends_with(".html")) {
                continue;
            }
            for k in 0..copies {
                std::fs::copy(e.path(), dir.path().join(format!("{k:04}-{name}"))).expect("copy");
            }
        }
        (dir, cache)
    }

    fn opts(cache: &Path) -> LoadOptions {
        LoadOptions {
            cache_dir: Some(cache.to_path_buf()),
            ..LoadOptions::default()
        }
    }

    /// The list grows while the reading goes on (each step shows at most what was read, the
    /// selection stays on its file) and ends as the whole library, with the cache written.
    /// (Whether a partial list is seen depends on the machine's speed; here it usually is.)
    #[test]
    fn the_list_grows_to_the_whole_directory() {
        let (dir, cache) = big_dir(40);
        let total = std::fs::read_dir(dir.path()).expect("dir").count();
        let mut loader = Loader::start(dir.path(), opts(cache.path()));
        let mut app = App::new(Library::default(), Settings::default());
        loader.next = Instant::now();
        let mut selected: Option<Box<str>> = None;
        while !loader.step(&mut app) {
            let (done, all) = app.loading.expect("loading");
            assert!(app.lib.entries.len() <= done && done <= all, "{done}/{all}");
            if let Some(path) = &selected {
                let now = app.browse.current().map(|i| app.lib.entries[i].path.clone());
                assert_eq!(now.as_ref(), Some(path), "the selection follows its file");
            } else if !app.lib.entries.is_empty() {
                app.update(app::Action::Down);
                selected = app.browse.current().map(|i| app.lib.entries[i].path.clone());
            }
            loader.next = Instant::now();
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(app.loading, None);
        assert_eq!(app.lib.entries.len() + app.lib.errors.len(), total);
        assert_eq!(app.lib.errors.len(), 0);
        if let Some(path) = &selected {
            let now = app.browse.current().map(|i| app.lib.entries[i].path.clone());
            assert_eq!(now.as_ref(), Some(path));
        }
        assert!(app.lib.wait_for_cache(), "the whole directory's cache is written");
    }

    /// Quitting while the directory loads stops the reading: files not started are skipped,
    /// no cache is written and no temporary file is left.
    #[test]
    fn stopping_the_reading_writes_no_cache() {
        let (dir, cache) = big_dir(100);
        let loader = Loader::start(dir.path(), opts(cache.path()));
        loader.stop();
        assert_eq!(std::fs::read_dir(cache.path()).expect("cache").count(), 0);
    }
}
