//! End to end, as a person would: the release binary in a real terminal (tmux, 80x24, TERM=xterm),
//! keys sent, the screen read back. Needs tmux; with `CI` set its absence is a failure.

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
    fn wait_until(&self, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if done(&s) || start.elapsed() > Duration::from_secs(10) {
                return s;
            }
            sleep(Duration::from_millis(100));
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

#[test]
fn browse_search_compare_and_quit_in_a_real_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required in CI (.ci/run installs it)"
        );
        eprintln!("skipping: tmux not installed");
        return;
    }
    let t = Tmux {
        socket: format!("xxgk-e2e-{}", std::process::id()),
    };
    let root = env!("CARGO_MANIFEST_DIR");
    let cache = tempfile::tempdir().expect("tmp");
    let work = tempfile::tempdir().expect("tmp");
    let cmd = format!(
        "cd {} && TERM=xterm XXGK_CACHE_DIR={} {} {root}/sample-reports; echo EXIT=$?; sleep 30",
        work.path().display(),
        cache.path().display(),
        env!("CARGO_BIN_EXE_xxgk")
    );
    t.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &cmd]);
    let s = t.wait_for("reports,");
    assert!(s.contains("21 reports") && s.contains("鞍山市人民政府"), "{s}");
    t.keys(&["/", "pingtan", "Enter"]);
    let s = t.wait_until(|s| s.contains("2018") && !s.contains("鞍山"));
    assert!(s.contains("平潭综合实验区") && !s.contains("鞍山"), "{s}");
    t.keys(&["G", "p"]);
    let s = t.wait_for("B: 平潭");
    assert!(
        s.contains("A: 平潭综合实验区 2022") && s.contains("B: 平潭综合实验区 2023"),
        "{s}"
    );
    assert!(s.contains("UP"), "{s}");
    t.keys(&["Tab"]);
    let s = t.wait_for("行政复议/总计");
    assert!(s.contains("compare t3"), "{s}");
    // Export the view: a CSV in the working directory, never overwritten without asking.
    t.keys(&["e"]);
    let s = t.wait_for("wrote ");
    let name = "平潭综合实验区2022_vs_平潭综合实验区2023_t3.csv";
    assert!(s.contains("wrote"), "{s}");
    let csv = std::fs::read(work.path().join(name)).expect("exported csv");
    assert!(csv.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
    let text = String::from_utf8_lossy(csv.get(3..).unwrap_or(&[])).into_owned();
    assert_eq!(text.lines().next(), Some("row,A,B,Δ,Δ%,flags"));
    assert!(text.lines().any(|l| l.starts_with("行政复议/结果维持,0,1,1")), "{text}");
    t.keys(&["e"]);
    let s = t.wait_for("press e again");
    assert!(!s.contains("wrote"), "{s}");
    assert!(s.contains("exists"), "{s}");
    t.keys(&["e"]);
    t.wait_for("wrote ");
    t.keys(&["q"]);
    let s = t.wait_for("EXIT=");
    assert!(
        s.contains("EXIT=0"),
        "the terminal is restored and the program exits: {s}"
    );
}
