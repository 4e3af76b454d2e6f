//! End to end, as a person would: the release binary in a real terminal (tmux, 80x24, TERM=xterm),
//! keys sent, the screen read back. Needs tmux; with `CI` set its absence is a failure.

#![allow(clippy::cast_possible_truncation)] // small generated counts and screen rows

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let o = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.run(&args);
    }
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text))
    }
    /// The screen once `done` holds and the screen has stopped changing (a screen is drawn in
    /// pieces; a busy machine can be caught halfway through).
    fn wait_until(&self, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let s = self.screen();
            if (done(&s) && s == last) || start.elapsed() > Duration::from_secs(15) {
                return s;
            }
            last = s;
            sleep(Duration::from_millis(150));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn have_tmux() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "tmux is required in CI (.ci/run installs it)"
    );
    eprintln!("skipping: tmux not installed");
    false
}

/// Starts the release binary on `sample-reports/` in an 80x24 xterm, in `work`.
fn start(name: &str, work: &std::path::Path, cache: &std::path::Path) -> Tmux {
    start_as(name, work, cache, "xterm")
}

/// As [`start`], with the program's `TERM` set to `term`.
fn start_as(name: &str, work: &std::path::Path, cache: &std::path::Path, term: &str) -> Tmux {
    let t = Tmux {
        socket: format!("xxgk-e2e-{name}-{}", std::process::id()),
    };
    let root = env!("CARGO_MANIFEST_DIR");
    let cmd = format!(
        "cd {} && TERM={term} XXGK_CACHE_DIR={} XXGK_CONFIG=/nonexistent {} {root}/sample-reports; echo EXIT=$?; sleep 30",
        work.display(),
        cache.display(),
        env!("CARGO_BIN_EXE_xxgk")
    );
    t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &cmd]);
    t
}

#[test]
fn search_pick_two_years_compare_jump_export_in_a_real_terminal() {
    if !have_tmux() {
        return;
    }
    let cache = tempfile::tempdir().expect("tmp");
    let work = tempfile::tempdir().expect("tmp");
    let t = start("journey", work.path(), cache.path());
    let s = t.wait_for("21 reports");
    assert!(s.contains("鞍山市人民政府"), "{s}");
    // Search by pinyin.
    t.keys(&["/", "pingtan", "Enter"]);
    // The whole query typed and the search line closed (Enter) before looking at the list.
    let s = t.wait_until(|s| s.contains("search: pingtan ·") && !s.contains("/pingtan"));
    assert!(
        s.contains("平潭综合实验区") && s.contains("2018") && !s.contains("鞍山"),
        "{s}"
    );
    // Pick two years of one agency: 2022 (the parsed report) as A, 2023 as B.
    t.keys(&["G", "k", "k", "Space", "j", "j", "Space", "c"]);
    let s = t.wait_for("B: 平潭");
    assert!(
        s.contains("A: 平潭综合实验区 2022") && s.contains("B: 平潭综合实验区 2023"),
        "{s}"
    );
    assert!(s.contains("UP"), "{s}");
    // Jump to the flag: the pane says what it is.
    t.keys(&["n"]);
    let s = t.wait_for("flag 1 of");
    assert!(s.contains("large increase") && s.contains("9 → 20"), "{s}");
    // The provenance of a figure: the cell of A, read from the file.
    t.keys(&["h", "h"]);
    let s = t.wait_for("A （二）部分公开/总计");
    assert!(s.contains("A （二）部分公开/总计 = 9 · raw “8100009”"), "{s}");
    assert!(s.contains("split from run-together"), "layout E: {s}");
    assert!(s.contains("from corpus/pingtan-2022.txt line "), "{s}");
    // Enter explains the cell whole: both figures, Δ and the thresholds that fired.
    t.keys(&["Enter"]);
    let s = t.wait_for("why it is flagged");
    assert!(s.contains("found: A 9 → B 20: Δ 11") && s.contains("|Δ| ≥ 10"), "{s}");
    t.keys(&["Escape"]);
    t.wait_until(|s| !s.contains("why it is flagged"));
    t.keys(&["Tab"]);
    let s = t.wait_for("行政复议/总计");
    assert!(s.contains("[t3]"), "{s}");
    // Export the view: a CSV in the working directory, never overwritten without asking.
    t.keys(&["e"]);
    t.wait_for("x XLSX");
    t.keys(&["c"]);
    let s = t.wait_for("wrote ");
    let name = "平潭综合实验区2022_vs_平潭综合实验区2023_t3.csv";
    assert!(s.contains("wrote"), "{s}");
    let csv = std::fs::read(work.path().join(name)).expect("exported csv");
    assert!(csv.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
    let text = String::from_utf8_lossy(csv.get(3..).unwrap_or(&[])).into_owned();
    assert_eq!(
        text.lines().next(),
        Some("row,A 平潭综合实验区 2022,B 平潭综合实验区 2023,Δ,Δ%,flags")
    );
    assert!(text.lines().any(|l| l.starts_with("行政复议/结果维持,0,1,1")), "{text}");
    assert_eq!(
        text.lines().count(),
        19,
        "the header, the 15 figures of table 3, the notes on consecutive years, the table and the thresholds"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("note: A and B are consecutive years")),
        "{text}"
    );
    t.keys(&["e", "c"]);
    let s = t.wait_for("exists");
    assert!(s.contains("y replaces"), "{s}");
    t.keys(&["n"]);
    t.wait_for("not replaced");
    t.keys(&["e", "x"]);
    t.wait_for(".xlsx");
    assert!(work.path().join(name.replace(".csv", ".xlsx")).exists());
    t.keys(&["q"]);
    let s = t.wait_for("EXIT=");
    assert!(
        s.contains("EXIT=0"),
        "the terminal is restored and the program exits: {s}"
    );
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    if !have_tmux() {
        return;
    }
    let cache = tempfile::tempdir().expect("tmp");
    let work = tempfile::tempdir().expect("tmp");
    let t = start("ctrlc", work.path(), cache.path());
    t.wait_for("21 reports");
    t.keys(&["/", "ky"]);
    t.wait_for("/ky");
    t.keys(&["C-c"]);
    let s = t.wait_for("EXIT=");
    assert!(s.contains("EXIT=0") && !s.contains("21 reports"), "{s}");
}

#[test]
fn a_bad_config_file_is_named_and_nothing_opens() {
    if !have_tmux() {
        return;
    }
    let work = tempfile::tempdir().expect("tmp");
    let config = work.path().join("config.toml");
    std::fs::write(&config, "[display]\ncolour = false\n").expect("write");
    let t = Tmux {
        socket: format!("xxgk-e2e-config-{}", std::process::id()),
    };
    let cmd = format!(
        "TERM=xterm XXGK_CONFIG={} {} {}/sample-reports; echo EXIT=$?; sleep 30",
        config.display(),
        env!("CARGO_BIN_EXE_xxgk"),
        env!("CARGO_MANIFEST_DIR")
    );
    t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &cmd]);
    let s = t.wait_for("EXIT=");
    assert!(s.contains("EXIT=2"), "{s}");
    assert!(s.contains(&config.display().to_string()) && s.contains("colour"), "{s}");
}

#[test]
fn without_a_directory_the_built_in_samples_open_with_a_hint() {
    if !have_tmux() {
        return;
    }
    let home = tempfile::tempdir().expect("tmp");
    let t = Tmux {
        socket: format!("xxgk-e2e-builtin-{}", std::process::id()),
    };
    // No sample-reports/ in the working directory, an empty data directory.
    let cmd = format!(
        "cd {} && HOME={} XDG_DATA_HOME= XDG_CONFIG_HOME= XDG_CACHE_HOME= TERM=xterm {}; echo EXIT=$?; sleep 30",
        home.path().display(),
        home.path().display(),
        env!("CARGO_BIN_EXE_xxgk")
    );
    t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &cmd]);
    let s = t.wait_for("built-in samples");
    assert!(s.contains("12 reports") && s.contains("yours: xxgk DIR"), "{s}");
    t.keys(&["q"]);
    let s = t.wait_for("EXIT=");
    assert!(s.contains("EXIT=0"), "{s}");
}

/// A load of more than 200 files draws a progress bar on the terminal from worker threads; it
/// must finish (a lock on stderr held by the main thread once made it hang forever).
#[test]
fn a_long_load_with_a_progress_bar_finishes() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    let mut rng = xxgk::synth::Rng::new(3);
    for i in 0..600 {
        let r = xxgk::synth::report(i / 3, 2021 + (i % 3) as u16, false, &mut rng);
        let json = serde_json::to_vec(&r).expect("json");
        std::fs::write(dir.path().join(format!("{i:04}.json")), json).expect("write");
    }
    let elsewhere = tempfile::tempdir().expect("tmp");
    let out = elsewhere.path().join("list.txt");
    let t = Tmux {
        socket: format!("xxgk-e2e-progress-{}", std::process::id()),
    };
    // stdout to a file (the list), stderr on the terminal (the bar).
    let cmd = format!(
        "XXGK_CACHE_DIR={} {} {} > {}; echo EXIT=$?; sleep 30",
        cache.path().display(),
        env!("CARGO_BIN_EXE_xxgk"),
        dir.path().display(),
        out.display()
    );
    t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &cmd]);
    let s = t.wait_for("EXIT=");
    assert!(s.contains("EXIT=0"), "{s}");
    let list = std::fs::read_to_string(&out).expect("list");
    assert!(
        list.lines().filter(|l| l.contains(".json")).count() >= 600,
        "{list:.300}"
    );
}

/// `kill -TERM` (and the `SIGHUP` of a dropped SSH connection) leaves the terminal as it found
/// it: echo and line editing back, off the alternate screen.
#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    if !have_tmux() {
        return;
    }
    for signal in ["TERM", "HUP"] {
        let cache = tempfile::tempdir().expect("tmp");
        let t = Tmux {
            socket: format!("xxgk-e2e-sig{signal}-{}", std::process::id()),
        };
        // After xxgk: its exit code and the terminal's echo and icanon modes.
        let cmd = format!(
            "trap '' HUP; TERM=xterm XXGK_CACHE_DIR={} XXGK_CONFIG=/nonexistent {} {}/sample-reports; \
             echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e echo -e -echo -e icanon -e -icanon | tr '\\n' ' '; \
             echo MODES; sleep 30",
            cache.path().display(),
            env!("CARGO_BIN_EXE_xxgk"),
            env!("CARGO_MANIFEST_DIR")
        );
        t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &cmd]);
        t.wait_for("21 reports");
        // The pane's shell runs xxgk (tests run in parallel: never match it by name).
        let pid = children(&pane_pid(&t)).pop().unwrap_or_default();
        assert!(!pid.is_empty(), "xxgk is running");
        let _ = Command::new("kill").args([&format!("-{signal}"), &pid]).status();
        let s = t.wait_for("MODES");
        assert!(s.contains("icanon") && !s.contains("-icanon"), "{signal}: {s}");
        assert!(s.contains(" echo") && !s.contains("-echo"), "{signal}: {s}");
        assert!(!s.contains("21 reports"), "{signal}: left the alternate screen: {s}");
        t.run(&["kill-server"]);
    }
}

/// The pid of the program in this tmux's pane (tests run in parallel: never match by name).
fn pane_pid(t: &Tmux) -> String {
    t.run(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"])
        .trim()
        .to_string()
}

fn alive(pid: &str) -> bool {
    std::path::Path::new("/proc").join(pid).exists()
}

/// The children of a process (the program a shell in the pane started).
fn children(pid: &str) -> Vec<String> {
    Command::new("pgrep")
        .args(["-P", pid])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The terminal goes away while SIGHUP is ignored (`trap '' HUP; exec xxgk`, then the tmux
/// session is killed): the end of the input ends the program (it spun on `read(0) = 0`).
#[test]
fn a_terminal_that_goes_away_ends_the_program() {
    if !have_tmux() {
        return;
    }
    let cache = tempfile::tempdir().expect("tmp");
    let t = Tmux {
        socket: format!("xxgk-e2e-gone-{}", std::process::id()),
    };
    let cmd = format!(
        "trap '' HUP; TERM=xterm XXGK_CACHE_DIR={} XXGK_CONFIG=/nonexistent exec {} {}/sample-reports",
        cache.path().display(),
        env!("CARGO_BIN_EXE_xxgk"),
        env!("CARGO_MANIFEST_DIR")
    );
    t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &cmd]);
    t.wait_for("21 reports");
    let pid = pane_pid(&t); // `exec`: the pane's process is xxgk
    assert!(!pid.is_empty() && alive(&pid), "xxgk is running");
    t.run(&["kill-server"]);
    let start = Instant::now();
    while alive(&pid) && start.elapsed() < Duration::from_secs(10) {
        sleep(Duration::from_millis(100));
    }
    let left = alive(&pid);
    if left {
        let _ = Command::new("kill").args(["-KILL", &pid]).status();
    }
    assert!(!left, "xxgk still running after its terminal went away");
}

/// Ctrl-Z stops the explorer with the terminal restored (cooked mode, main screen); `fg` brings
/// it back in raw mode, redrawn; an outside `kill -TSTP` does the same.
#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_resumes() {
    if !have_tmux() {
        return;
    }
    let cache = tempfile::tempdir().expect("tmp");
    let t = Tmux {
        socket: format!("xxgk-e2e-tstp-{}", std::process::id()),
    };
    t.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "80",
        "-y",
        "24",
        "bash --norc --noprofile",
    ]);
    let modes = "stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon | sed 's/^/MODE:/'";
    for how in ["ctrl-z", "sigtstp"] {
        t.keys(&["clear", "Enter"]);
        let run = format!(
            "TERM=xterm XXGK_CACHE_DIR={} XXGK_CONFIG=/nonexistent {} {}/sample-reports",
            cache.path().display(),
            env!("CARGO_BIN_EXE_xxgk"),
            env!("CARGO_MANIFEST_DIR")
        );
        t.keys(&[&run, "Enter"]);
        t.wait_for("21 reports");
        if how == "ctrl-z" {
            t.keys(&["C-z"]);
        } else {
            for p in children(&pane_pid(&t)) {
                let _ = Command::new("kill").args(["-TSTP", &p]).status();
            }
        }
        let s = t.wait_for("Stopped");
        assert!(!s.contains("21 reports ·"), "{how}: still on the alternate screen: {s}");
        t.keys(&["clear", "Enter"]);
        t.keys(&[modes, "Enter"]);
        let s = t.wait_for("MODE:");
        assert!(s.contains("MODE:icanon"), "{how}: the shell got a raw terminal: {s}");
        t.keys(&["fg", "Enter"]);
        // The list's second line: the whole screen is drawn (not only the title, on a busy
        // machine).
        let s = t.wait_until(|s| s.contains("21 reports") && s.contains("sort:"));
        assert!(s.contains("sort:"), "{how}: not redrawn: {s}");
        // Raw mode again: a key acts at once (no Enter), `q` quits.
        t.keys(&["q"]);
        let s = t.wait_until(|s| !s.contains("21 reports ·"));
        assert!(!s.contains("21 reports ·"), "{how}: q did not quit: {s}");
    }
}

/// The colour numbers (`38;5;N`, `48;5;N` as tmux reports them) on the screen with its escapes.
fn colours(screen: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for marker in ["38;5;", "48;5;"] {
        for (at, _) in screen.match_indices(marker) {
            let digits: String = screen[at + marker.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            out.extend(digits.parse::<u32>().ok());
        }
    }
    out
}

/// Colours follow the terminal: `linux`, `xterm` and `screen` get the 8 basic colours only,
/// `xterm-256color` the 256-colour mid-tones (red 160 for an error), `dumb` none at all.
#[test]
fn colours_follow_the_terminal() {
    if !have_tmux() {
        return;
    }
    for (term, rich) in [
        ("linux", false),
        ("xterm", false),
        ("screen", false),
        ("xterm-256color", true),
        ("dumb", false),
    ] {
        let cache = tempfile::tempdir().expect("tmp");
        let work = tempfile::tempdir().expect("tmp");
        let t = start_as(&format!("colour-{term}"), work.path(), cache.path(), term);
        t.wait_for("21 reports");
        // Only the reports with errors: their rows are drawn as errors.
        t.keys(&["E"]);
        t.wait_for("has errors");
        let s = t.run(&["capture-pane", "-e", "-p", "-t", "e2e"]);
        assert!(!s.contains("38;2;") && !s.contains("48;2;"), "{term}: true colour");
        let used = colours(&s);
        if rich {
            assert!(used.contains(&160), "{term}: {used:?}");
        } else if term == "dumb" {
            assert!(used.is_empty(), "{term}: {used:?}");
        } else {
            assert!(!used.is_empty() && used.iter().all(|&c| c < 8), "{term}: {used:?}");
        }
        t.keys(&["q"]);
        t.wait_for("EXIT=0");
    }
}
