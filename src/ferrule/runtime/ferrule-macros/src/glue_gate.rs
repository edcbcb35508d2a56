//! Waiting for the glue when ferrule started cargo before it finished writing it.
//!
//! On a build that must compile the crate anyway (no fingerprint yet), ferrule runs
//! cargo alongside its generator, so the runtime compiles meanwhile. It then sets
//! `FERRULE_GLUE_GATE` to a file holding its process id, and replaces that with
//! `ready` once every glue file is in place; an expansion reads no glue before.
//! The variable is a signal, not an input: it is read with `std::env`, which rustc
//! does not track, so it never makes cargo rebuild.

use std::sync::OnceLock;
use std::time::Duration;

const GATE_VAR: &str = "FERRULE_GLUE_GATE";

/// Blocks until the glue is complete; Err when ferrule stopped before it was.
pub fn wait() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| match std::env::var_os(GATE_VAR) {
        None => Ok(()),
        Some(path) => poll(std::path::Path::new(&path)),
    })
    .clone()
}

fn poll(path: &std::path::Path) -> Result<(), String> {
    let stopped = || Err(format!("ferrule stopped before it finished writing the glue ({}): run the build again", path.display()));
    loop {
        let Ok(text) = std::fs::read_to_string(path) else { return stopped() };
        let text = text.trim();
        if text == "ready" {
            return Ok(());
        }
        // Still writing, as long as that process lives (ferrule starts cargo this way on Linux only).
        if !alive(text) {
            return stopped();
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// `text` is `<pid> <start time>` (field 22 of /proc/<pid>/stat, so a reused pid does not count):
/// whether that process still runs. One that exited but was not yet reaped (a zombie, state `Z`)
/// has stopped writing too.
fn alive(text: &str) -> bool {
    let mut parts = text.split_whitespace();
    let (Some(pid), start) = (parts.next(), parts.next()) else { return false };
    if pid.parse::<u32>().is_err() {
        return false;
    }
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { return false };
    let Some((_, rest)) = stat.rsplit_once(')') else { return false };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let running = !matches!(fields.first(), Some(&("Z" | "X")));
    running && start.map_or(true, |start| fields.get(19) == Some(&start))
}
