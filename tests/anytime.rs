//! The time limit is the user's contract at every size, a solve can be
//! cancelled, and long solves report their phases (generated instances: no
//! benchmark data needed).

mod common;

use lastmile::generate::{generate, GeneratorConfig, Layout};
use lastmile::{check, Phase, ProgressEvent, Rounding, Solver, StopReason};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn problem(layout: Layout, customers: usize, seed: u64) -> lastmile::Problem {
    generate(&GeneratorConfig::new(layout, customers, seed))
        .to_problem(Rounding::Dimacs)
        .unwrap()
}

/// A 2,000-stop solve asked for 0.4 s returns a complete, checked plan in
/// about that time. The margin is generous (tests run on a shared machine,
/// beside other tests, with debug assertions that re-check every move);
/// the savings start, which is always completed, takes about 0.1 s of it
/// here. A solve that ignored the limit would take half a minute.
#[test]
fn short_time_limit_holds_on_two_thousand_stops() {
    let problem = problem(Layout::Mixed, 2000, 4);
    let limit = Duration::from_millis(400);
    let started = Instant::now();
    let result = Solver::new().time_limit(limit).seed(3).solve(&problem);
    let took = started.elapsed();
    common::assert_feasible(&problem, &result.solution, "2000 stops, 0.4 s");
    assert!(result.solution.unassigned().is_empty());
    assert_eq!(result.stats.stop_reason, StopReason::TimeLimit);
    assert!(
        took < limit + Duration::from_secs(4),
        "asked for {limit:?}, took {took:?}"
    );
    assert!(result.stats.elapsed <= took);
}

/// Above `LARGE_INSTANCE` jobs a solve makes one start, and the annealing
/// inserts only into routes near the removed jobs: still every plan is
/// complete and checked.
#[test]
fn large_instance_with_an_iteration_limit_is_complete_and_checked() {
    let problem = problem(Layout::Random, lastmile::solver::LARGE_INSTANCE + 500, 9);
    let result = Solver::new().iteration_limit(300).seed(5).solve(&problem);
    assert_eq!(result.stats.starts, 1);
    assert_eq!(result.stats.stop_reason, StopReason::IterationLimit);
    assert!(
        result.solution.routes().len() > 64,
        "the narrow recreate path ran"
    );
    common::assert_feasible(&problem, &result.solution, "2500 stops, 300 iterations");
    assert!(result.solution.unassigned().is_empty());
}

/// A time limit too far to represent is no limit (and no panic).
#[test]
fn huge_time_limit_is_no_limit() {
    let problem = problem(Layout::Random, 40, 1);
    let result = Solver::new()
        .time_limit(Duration::MAX)
        .iteration_limit(200)
        .solve(&problem);
    assert_eq!(result.stats.stop_reason, StopReason::IterationLimit);
    common::assert_feasible(&problem, &result.solution, "Duration::MAX");
}

#[test]
fn a_cancelled_solve_returns_its_best_at_once() {
    let problem = problem(Layout::Clustered, 300, 2);
    let cancel = Arc::new(AtomicBool::new(false));
    let setter = Arc::clone(&cancel);
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        setter.store(true, Ordering::Relaxed);
    });
    let started = Instant::now();
    // No time limit: without the flag this would run for minutes.
    let result = Solver::new()
        .iteration_limit(u64::MAX / 4)
        .cancel_flag(Arc::clone(&cancel))
        .solve(&problem);
    canceller.join().unwrap();
    assert_eq!(result.stats.stop_reason, StopReason::Cancelled);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    common::assert_feasible(&problem, &result.solution, "cancelled");
}

#[test]
fn progress_callback_can_cancel_and_sees_every_phase() {
    let problem = problem(Layout::Random, 200, 6);
    let cancel = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (flag, sink) = (Arc::clone(&cancel), Arc::clone(&seen));
    let config = lastmile::SolverConfig {
        progress_interval: Duration::from_millis(20),
        ..Default::default()
    };
    let started = Instant::now();
    let result = Solver::with_config(config)
        .time_limit(Duration::from_secs(60))
        .cancel_flag(Arc::clone(&cancel))
        .on_progress(move |p| {
            sink.lock().unwrap().push(*p);
            // Stop at the first report after the annealing started.
            if p.phase == Phase::Annealing && p.event != ProgressEvent::PhaseStarted {
                flag.store(true, Ordering::Relaxed);
            }
        })
        .solve(&problem);
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(result.stats.stop_reason, StopReason::Cancelled);
    let seen = seen.lock().unwrap();
    let phases = common::phases_started(&seen);
    // Cancelled: no polish.
    assert_eq!(
        phases,
        [
            Phase::Setup,
            Phase::Construction,
            Phase::Annealing,
            Phase::Done
        ]
    );
    let first_solution = seen
        .iter()
        .position(|p| p.event == ProgressEvent::Improved)
        .unwrap();
    assert_eq!(seen[first_solution].phase, Phase::Construction);
    assert!(seen[first_solution].vehicles > 0);
    let last = seen.last().unwrap();
    assert_eq!(last.phase, Phase::Done);
    assert!(last.distance >= result.solution.cost().distance);
    assert!(check(&problem, &result.solution).is_feasible());
}

/// Heartbeats come at least every `progress_interval` while the search
/// runs, even when nothing improves.
#[test]
fn heartbeats_keep_coming() {
    let problem = problem(Layout::Mixed, 150, 8);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let config = lastmile::SolverConfig {
        progress_interval: Duration::from_millis(50),
        ..Default::default()
    };
    // (2 s: a debug build on a loaded machine spends a good part of a
    // shorter limit constructing, between heartbeats.)
    Solver::with_config(config)
        .time_limit(Duration::from_millis(2000))
        .on_progress(move |p| sink.lock().unwrap().push(*p))
        .solve(&problem);
    let seen = seen.lock().unwrap();
    let beats = seen
        .iter()
        .filter(|p| p.event == ProgressEvent::Heartbeat)
        .count();
    assert!(beats >= 3, "{beats} heartbeats in 2 s at 50 ms");
    // Elapsed times never go back.
    assert!(seen.windows(2).all(|w| w[0].elapsed <= w[1].elapsed));
}
