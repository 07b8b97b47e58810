//! Valid problems at the edges of the supported ranges (coordinates that
//! make arcs near the largest storable value, times near `MAX_TIME`, loads
//! near `MAX_TOTAL_LOAD`, huge cost rates, penalties and fleet counts) are
//! either rejected by the builder with an error or solved: no panic (the
//! tests run with overflow checks), no hang (each solve has a wall-clock
//! bound), and a checker-clean plan.
//!
//! `LASTMILE_FUZZ_CASES=N` sets the number of cases (default 200).

mod common;

use lastmile::units::{MAX_TIME, MAX_TOTAL_LOAD};
use lastmile::{JobSpec, Problem, ProblemBuilder, Rounding, VehicleTypeSpec};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct Extremes {
    rounding: Rounding,
    /// Coordinates lie in [0, space).
    space: f64,
    /// Window starts and widths lie in [0, horizon).
    horizon: f64,
    /// Demands lie in [0, most_demand].
    most_demand: i64,
    penalty: f64,
    cost_rate: f64,
    count: usize,
    limits: Option<(f64, f64)>,
}

fn extremes() -> impl Strategy<Value = Extremes> {
    let time_limit = MAX_TIME as f64;
    (
        prop::sample::select(vec![Rounding::Dimacs, Rounding::Round, Rounding::Precise]),
        prop::sample::select(vec![10.0, 1e4, 1e6, 1.4e8, 1e9]),
        prop::sample::select(vec![
            100.0,
            1e6,
            time_limit / 1000.0,
            time_limit / 10.0,
            time_limit,
        ]),
        prop::sample::select(vec![10, 1_000_000, MAX_TOTAL_LOAD / 30, MAX_TOTAL_LOAD]),
        prop::sample::select(vec![1.0, 1e6, 1e15, 1e300]),
        prop::sample::select(vec![0.0, 1.0, 1e6, 1e15, 1e300]),
        prop::sample::select(vec![1, 3, usize::MAX / 2]),
        prop::option::of(prop::sample::select(vec![
            (1.0, 1.0),
            (1e9, 1e9),
            (1e300, 1e300),
        ])),
    )
        .prop_map(
            |(rounding, space, horizon, most_demand, penalty, cost_rate, count, limits)| Extremes {
                rounding,
                space,
                horizon,
                most_demand,
                penalty,
                cost_rate,
                count,
                limits,
            },
        )
}

/// Per job: x, y, demand and window start, width and service as shares of
/// the extremes, and whether it is optional.
type JobShares = (f64, f64, f64, f64, f64, f64, bool);

fn build(extremes: &Extremes, jobs: &[JobShares]) -> Option<Problem> {
    let e = extremes;
    let mut b = ProblemBuilder::new(e.rounding);
    let depot = b.add_location(e.space / 2.0, e.space / 2.0);
    for &(x, y, demand, start, width, service, optional) in jobs {
        let site = b.add_location(x * e.space, y * e.space);
        let start = start * e.horizon;
        let mut job = JobSpec::at(site)
            .demand(&[(demand * e.most_demand as f64) as i64])
            .time_window(start, start + width * e.horizon)
            .service(service * e.horizon / 10.0);
        if optional {
            job = job.optional(e.penalty);
        }
        b.add_job(job);
    }
    let capacity = (e.most_demand as f64 * 2.5).min(i64::MAX as f64) as i64;
    let mut vans = VehicleTypeSpec::new(depot, e.count, &[capacity])
        .shift(0.0, f64::INFINITY)
        .costs(e.cost_rate, e.cost_rate, e.cost_rate);
    if let Some((distance, duration)) = e.limits {
        vans = vans.max_distance(distance).max_duration(duration);
    }
    b.add_vehicle_type(vans);
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[capacity / 3]).open_end());
    // Out-of-range values are the builder's to reject; that is a pass.
    b.build().ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::fuzz_cases(200), ..ProptestConfig::default() })]

    #[test]
    fn extreme_problems_are_rejected_or_solved_cleanly(
        extremes in extremes(),
        jobs in prop::collection::vec(
            (0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64, 0.0..1.0f64, any::<bool>()),
            0..20,
        ),
    ) {
        if let Some(problem) = build(&extremes, &jobs) {
            common::solve_bounded(problem, 5);
        }
    }
}

#[test]
fn some_extreme_problems_are_accepted() {
    // The property above must not pass by rejecting everything.
    let e = Extremes {
        rounding: Rounding::Round,
        space: 1.4e8,
        horizon: MAX_TIME as f64 / 10.0,
        most_demand: MAX_TOTAL_LOAD / 30,
        penalty: 1e300,
        cost_rate: 1e300,
        count: usize::MAX / 2,
        limits: Some((1e300, 1e300)),
    };
    let jobs: Vec<JobShares> = (0..12)
        .map(|i| {
            let f = i as f64 / 12.0;
            (f, 1.0 - f, 0.5, f / 2.0, 0.4, 0.01, i % 3 == 0)
        })
        .collect();
    let problem = build(&e, &jobs).expect("within range");
    common::solve_bounded(problem, 5);
}
