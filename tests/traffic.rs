//! Travel times by hour of day: the builder validates traffic, the plans
//! the solver returns are checker-clean under it (the checker drives every
//! arc at the hour it is driven), and a plan made knowing the rush is
//! on time where one made with static times is late.

mod common;

use common::random::random_traffic_problem;
use lastmile::{
    check, Duration, JobSpec, ModelError, Objective, Problem, ProblemBuilder, Rounding, Solution,
    Solver, VehicleTypeSpec,
};
use proptest::prelude::*;

/// A star of customers around a depot, every one with a window; two
/// periods at `factor` (the morning and the evening rush) when `rush`.
fn city(rush: Option<f64>) -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    for i in 0..24 {
        let angle = i as f64 * 0.7;
        let radius = 20.0 + (i % 5) as f64 * 12.0;
        let home = b.add_location(radius * angle.cos(), radius * angle.sin());
        let open = 60.0 + (i % 6) as f64 * 60.0;
        b.add_job(
            JobSpec::at(home)
                .demand(&[1])
                .service(5.0)
                .time_window(open, open + 60.0),
        );
    }
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 6, &[8]).shift(0.0, 600.0));
    if let Some(factor) = rush {
        b.traffic(
            0,
            &[(90.0, factor), (200.0, 1.0), (330.0, factor), (450.0, 1.0)],
        );
    }
    b.build().unwrap()
}

/// The routes of `solution` (made for another problem with the same jobs
/// and fleet) scheduled in `problem`.
fn executed_in(problem: &Problem, solution: &Solution) -> Solution {
    Solution::new(
        problem,
        solution.to_routes(),
        solution.unassigned().to_vec(),
    )
    .unwrap()
}

#[test]
fn a_plan_that_knows_the_rush_is_on_time() {
    let (static_times, rush) = (city(None), city(Some(2.2)));
    let solve = |problem: &Problem| Solver::new().seed(3).iteration_limit(3_000).solve(problem);
    let planned_static = solve(&static_times).solution;
    common::assert_feasible(&static_times, &planned_static, "static");
    let planned_for_rush = solve(&rush).solution;
    common::assert_feasible(&rush, &planned_for_rush, "with the rush");
    assert!(planned_for_rush.unassigned().is_empty());

    // The static plan driven in the rush: the checker finds it late.
    let driven = executed_in(&rush, &planned_static);
    let report = check(&rush, &driven);
    assert!(
        !report.is_feasible(),
        "the static plan survives the rush: make the rush heavier"
    );
}

#[test]
fn traffic_is_validated() {
    let build = |periods: &[(f64, f64)], profile: usize| {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot = b.add_location(0.0, 0.0);
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]));
        b.traffic(profile, periods);
        b.build()
    };
    let period_of = |result: Result<Problem, ModelError>| match result {
        Err(ModelError::InvalidTraffic { period, .. }) => period,
        other => panic!("{other:?}"),
    };
    assert_eq!(period_of(build(&[(10.0, 1.5), (5.0, 1.0)], 0)), 1);
    assert_eq!(period_of(build(&[(10.0, 1.5), (10.0, 1.0)], 0)), 1);
    assert_eq!(period_of(build(&[(10.0, 0.0)], 0)), 0);
    assert_eq!(period_of(build(&[(10.0, f64::NAN)], 0)), 0);
    assert_eq!(period_of(build(&[(-1.0, 2.0)], 0)), 0);
    assert_eq!(period_of(build(&[(f64::INFINITY, 2.0)], 0)), 0);
    assert_eq!(period_of(build(&[(10.0, 2.0)], 1)), 0);
    let message = build(&[(10.0, 25.0)], 0).unwrap_err().to_string();
    assert!(message.contains("factor 25"), "{message}");
    assert!(build(&[(10.0, 2.0)], 0).unwrap().has_traffic());
    assert!(!build(&[(10.0, 1.0)], 0).unwrap().has_traffic());
}

#[test]
fn traffic_applies_to_the_profiles_derived_from_it() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let far = b.add_location(100.0, 0.0);
    b.add_job(JobSpec::at(far));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]));
    let bikes = b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]).speed_factor(1.5));
    b.traffic(0, &[(1000.0, 2.0)]);
    let problem = b.build().unwrap();
    let drive = |at| {
        problem
            .travel_time_for(bikes, depot, far, Duration(at))
            .get()
    };
    assert_eq!(drive(0), 150);
    assert_eq!(drive(1000), 300);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::fuzz_cases(40), ..ProptestConfig::default() })]

    /// Whatever the traffic, the plan is feasible when driven at the hour
    /// (the checker looks every arc up at its departure time), and every
    /// total it reports is its recomputation.
    #[test]
    fn plans_under_traffic_are_checker_clean(
        problem in random_traffic_problem(),
        seed in 0u64..50,
        by_cost in any::<bool>(),
    ) {
        let objective = if by_cost { Objective::Cost } else { Objective::Distance };
        let result = Solver::new().seed(seed).iteration_limit(200).objective(objective).solve(&problem);
        let report = check(&problem, &result.solution);
        prop_assert!(report.is_feasible(), "{:?}", report.violations);
        prop_assert_eq!(report.distance, result.solution.cost().distance);
        prop_assert_eq!(report.cost, result.solution.cost().cost);
    }
}
