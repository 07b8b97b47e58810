//! Shared helpers for the integration tests: finding the benchmark data.
#![allow(dead_code)]

pub mod random;

use lastmile::{check, CheckReport, Phase, Problem, Progress, ProgressEvent, Solution};
use std::path::{Path, PathBuf};

/// Checks `solution` and fails the test, naming `label`, on any violation.
pub fn assert_feasible(problem: &Problem, solution: &Solution, label: &str) -> CheckReport {
    let report = check(problem, solution);
    assert!(report.is_feasible(), "{label}: {:?}", report.violations);
    report
}

/// The benchmark data folder: `$LASTMILE_DATASETS`, or `../shared/datasets`
/// beside the crate. `None` (with a message on stderr) when it is absent;
/// with `LASTMILE_REQUIRE_DATASETS=1` (set by CI) absence is a test failure.
pub fn datasets() -> Option<PathBuf> {
    existing_data_dir(
        lastmile::io::benchmark_data_dir(),
        "benchmark data",
        "LASTMILE_DATASETS; see datasets/README.md",
        "LASTMILE_REQUIRE_DATASETS",
    )
}

/// `dir` when it is a folder; else `None`, saying on stderr that the
/// tests needing `what` skip (`hint` tells how to point at it), or
/// failing the test when `$require` is 1.
pub fn existing_data_dir(dir: PathBuf, what: &str, hint: &str, require: &str) -> Option<PathBuf> {
    if dir.is_dir() {
        return Some(dir);
    }
    let message = format!(
        "{what} not found at {} (set {hint}); skipping",
        dir.display()
    );
    if std::env::var_os(require).is_some_and(|v| v == "1") {
        panic!("{message}, but {require}=1");
    }
    // Written past the test harness's capture, so that a person running
    // `cargo test` sees which tests did not run.
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
    None
}

/// Instance files with extension `ext` in `dir` under the data folder,
/// sorted; fails the test when there are none (a loop over an empty folder
/// would pass without checking anything).
pub fn instances(data: &Path, dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join(dir))
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", data.join(dir).display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no .{ext} files in {}",
        data.join(dir).display()
    );
    files
}

/// The phases whose start the progress reports announce, in order.
#[allow(dead_code)] // not every test binary reads progress
pub fn phases_started(reports: &[Progress]) -> Vec<Phase> {
    reports
        .iter()
        .filter(|p| p.event == ProgressEvent::PhaseStarted)
        .map(|p| p.phase)
        .collect()
}

/// Cases per fuzz property: `LASTMILE_FUZZ_CASES`, else `default`.
pub fn fuzz_cases(default: u32) -> u32 {
    std::env::var("LASTMILE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The longest a solve of a small fuzzed problem may take before it counts
/// as a hang (generous: tests run on a shared machine).
pub const HANG: std::time::Duration = std::time::Duration::from_secs(60);

/// Solves `problem` with an iteration limit (seed `seed`) on a thread of
/// its own, and fails on a panic, on a solve that outlasts [`HANG`], or on
/// a plan the checker rejects.
pub fn solve_bounded(problem: Problem, seed: u64) {
    use std::sync::mpsc;
    let (sender, receiver) = mpsc::channel();
    let worker = problem.clone();
    std::thread::spawn(move || {
        let result = lastmile::Solver::new()
            .seed(seed)
            .iteration_limit(300)
            .solve(&worker);
        let _ = sender.send(result.solution);
    });
    match receiver.recv_timeout(HANG) {
        Ok(solution) => {
            let report = check(&problem, &solution);
            assert!(report.is_feasible(), "{:?}", report.violations);
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("solve still running after {HANG:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the solver panicked"),
    }
}
