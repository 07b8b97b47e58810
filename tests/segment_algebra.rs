//! The O(1) segment algebra the search relies on, against a brute-force
//! stop-by-stop simulation of random routes: time windows with waiting and
//! time warp, and loads with deliveries and pickups. These are test
//! assertions, so they hold in release builds too (the search's own checks
//! are debug assertions).
//!
//! `LASTMILE_FUZZ_CASES=N` sets the number of cases (default 2,000).

mod common;

use lastmile::search::{LoadSegment, TimeWindowSegment};
use lastmile::units::{Duration, Load};
use lastmile::TimeWindow;
use proptest::prelude::*;

/// A visit: window start and end, service time, and travel time to the
/// next visit.
#[derive(Clone, Copy, Debug)]
struct Visit {
    open: i64,
    close: i64,
    service: i64,
    travel: i64,
}

fn visit() -> impl Strategy<Value = Visit> {
    (0i64..60, 0i64..30, 0i64..8, 0i64..15).prop_map(|(open, width, service, travel)| Visit {
        open,
        close: open + width,
        service,
        travel,
    })
}

/// Time warp and duration of serving `visits` in order when service at the
/// first one starts at `start`: each visit is served at arrival or when it
/// opens, whichever is later; arriving after it closes counts the lateness
/// as time warp (and service starts at the close, "back in time").
/// Duration counts waiting, service, travel, and the warp as time spent.
fn simulate(visits: &[Visit], start: i64) -> (i64, i64) {
    let mut clock = start;
    let mut warp = 0;
    for (i, v) in visits.iter().enumerate() {
        if i > 0 {
            clock += visits[i - 1].travel;
        }
        let mut begin = clock.max(v.open);
        if begin > v.close {
            warp += begin - v.close;
            begin = v.close;
        }
        clock = begin + v.service;
    }
    (warp, clock - start + warp)
}

/// The least time warp over every start, and the least duration among the
/// starts that achieve it.
fn brute_force(visits: &[Visit]) -> (i64, i64) {
    (-50..200)
        .map(|start| simulate(visits, start))
        .min()
        .expect("starts")
}

fn segment(visits: &[Visit]) -> TimeWindowSegment {
    let one = |v: &Visit| {
        TimeWindowSegment::visit(
            TimeWindow {
                start: Duration(v.open),
                end: Duration(v.close),
            },
            Duration(v.service),
        )
    };
    let mut joined = one(&visits[0]);
    for pair in visits.windows(2) {
        joined = joined.then(Duration(pair[0].travel), &one(&pair[1]));
    }
    joined
}

/// Amounts delivered and picked up per visit (two dimensions).
fn load_visit() -> impl Strategy<Value = ([i64; 2], [i64; 2])> {
    (
        [0i64..10, 0i64..10],
        prop::option::weighted(0.4, [0i64..10, 0i64..10]),
    )
        .prop_map(|(delivery, pickup)| (delivery, pickup.unwrap_or([0, 0])))
}

/// The highest load on board along a route that leaves with every
/// delivery and, stop by stop, drops deliveries and collects pickups.
fn peak_on_board(visits: &[([i64; 2], [i64; 2])]) -> [i64; 2] {
    let mut on_board = [0, 1].map(|d| visits.iter().map(|v| v.0[d]).sum::<i64>());
    let mut peak = on_board;
    for (delivery, pickup) in visits {
        for d in 0..2 {
            on_board[d] += pickup[d] - delivery[d];
            peak[d] = peak[d].max(on_board[d]);
        }
    }
    peak
}

fn load_segment(visits: &[([i64; 2], [i64; 2])]) -> LoadSegment {
    visits
        .iter()
        .fold(LoadSegment::EMPTY, |joined, (delivery, pickup)| {
            joined.then(&LoadSegment::visit(Load::new(delivery), Load::new(pickup)))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::fuzz_cases(2_000), ..ProptestConfig::default() })]

    #[test]
    fn time_window_segments_match_the_stop_by_stop_schedule(
        visits in prop::collection::vec(visit(), 1..9),
    ) {
        let joined = segment(&visits);
        let (warp, duration) = brute_force(&visits);
        prop_assert_eq!(joined.time_warp.get(), warp, "time warp");
        prop_assert_eq!(joined.duration.get(), duration, "duration");
        // Served from its earliest start, the route meets exactly those.
        prop_assert_eq!(
            simulate(&visits, joined.earliest_start.get()),
            (warp, duration),
            "schedule from the earliest start"
        );
    }

    #[test]
    fn time_window_segments_join_in_any_order(
        visits in prop::collection::vec(visit(), 2..9),
        split in 1usize..8,
    ) {
        let split = split.min(visits.len() - 1);
        let left = segment(&visits[..split]);
        let right = segment(&visits[split..]);
        let joined = left.then(Duration(visits[split - 1].travel), &right);
        prop_assert_eq!(joined, segment(&visits));
    }

    #[test]
    fn load_segments_match_the_load_on_board(
        visits in prop::collection::vec(load_visit(), 0..10),
        split in 0usize..10,
    ) {
        let peak = peak_on_board(&visits);
        let joined = load_segment(&visits);
        prop_assert_eq!(joined.peak(), Load::new(&peak));
        let split = split.min(visits.len());
        let halves = load_segment(&visits[..split]).then(&load_segment(&visits[split..]));
        prop_assert_eq!(halves, joined);
        // Capacity one below the peak in a used dimension is exceeded by 1.
        if peak[0] > 0 {
            let capacity = Load::new(&[peak[0] - 1, peak[1]]);
            prop_assert!(!joined.fits_in(&capacity));
            prop_assert_eq!(joined.excess_over(&capacity), 1);
            prop_assert!(joined.fits_in(&Load::new(&peak)));
        }
    }
}
