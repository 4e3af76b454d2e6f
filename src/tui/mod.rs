//! The interactive explorer (ratatui + crossterm): state in [`app`], keys in [`keymap`],
//! drawing in [`view`]. The terminal is restored on quit, on error and on panic (except for the
//! panics the PDF reader's guard catches, which are not the terminal's business).

pub mod app;
pub mod keymap;
pub mod view;

use std::io::{self, stdout};
use std::path::Path;

use crossterm::event::{self, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::ingest::guard;
use crate::library::{Library, Options};
use app::App;

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

/// Writes the comparison on screen to a CSV in the working directory (UTF-8 with BOM, atomic).
/// An existing file is replaced only when the user presses `e` again after being told.
fn export_view(app: &mut App) {
    let (Some(name), Some(grid)) = (app.export_name(), app.grid.clone()) else {
        return;
    };
    let path = std::path::PathBuf::from(&name);
    let overwrite = app.confirm_overwrite.as_deref() == Some(name.as_str());
    if path.exists() && !overwrite {
        app.status = format!("exists, press e again to replace: {name}");
        app.confirm_overwrite = Some(name);
        return;
    }
    app.confirm_overwrite = None;
    let result = crate::export::open(&path, crate::export::Format::Csv, true, overwrite, 1).and_then(|mut w| {
        crate::export::grid::write_grid(&grid, w.as_mut())?;
        w.finish(&[])
    });
    app.status = match result {
        Ok(()) => format!("wrote {name}"),
        Err(e) => format!("cannot write {name}: {e}"),
    };
}

/// Opens the explorer on a directory.
pub fn run(dir: &Path) -> io::Result<()> {
    eprintln!("loading {} …", dir.display());
    let lib = Library::load(dir, &Options::default(), &|_, _| {});
    let mut app = App::new(lib);
    install_panic_hook();
    enable_raw_mode()?;
    let _restore = Restore;
    execute!(stdout(), EnterAlternateScreen)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    while !app.quit {
        terminal.draw(|f| view::draw(f, &app))?;
        if let Event::Key(key) = event::read()? {
            if key.kind != KeyEventKind::Press {
                continue;
            }
            if let Some(a) = keymap::action(key, app.typing) {
                app.update(a);
            }
            if app.export_request {
                app.export_request = false;
                export_view(&mut app);
            }
        }
    }
    Ok(())
}
