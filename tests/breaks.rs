//! Driver breaks: placed where the rules say, checked by the checker, and
//! a reason when a job cannot be served because of them.

mod common;

use common::random::random_break_problem;
use lastmile::{
    check, BreakRule, JobId, JobSpec, ModelError, Objective, Problem, ProblemBuilder, Rounding,
    Route, Solution, Solver, UnassignedReason, VehicleTypeId, VehicleTypeSpec, Violation,
};
use proptest::prelude::*;

/// A depot at 0 and `jobs` on a line 10 apart, each served in 30; one
/// van of `spec`'s rules.
fn line(jobs: usize, spec: impl Fn(VehicleTypeSpec) -> VehicleTypeSpec) -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    for i in 0..jobs {
        let site = b.add_location(10.0 * (i + 1) as f64, 0.0);
        b.add_job(JobSpec::at(site).service(30.0));
    }
    b.add_vehicle_type(spec(
        VehicleTypeSpec::new(depot, 1, &[100]).shift(0.0, 1000.0),
    ));
    b.build().unwrap()
}

fn in_order(jobs: usize) -> Vec<Route> {
    vec![Route::new(VehicleTypeId(0), (0..jobs).map(JobId).collect())]
}

#[test]
fn a_lunch_break_is_taken_in_its_window_and_costs_its_time() {
    let plain = line(4, |v| v);
    let lunch = line(4, |v| v.break_window(50.0, 60.0, 45.0));
    let without = Solution::new(&plain, in_order(4), vec![]).unwrap();
    let with = Solution::new(&lunch, in_order(4), vec![]).unwrap();
    let route = &with.routes()[0];
    assert_eq!(route.breaks.len(), 1, "{route:?}");
    let pause = route.breaks[0];
    assert!(
        pause.start.get() >= 50 && pause.start.get() <= 60,
        "{pause:?}"
    );
    assert_eq!(pause.end - pause.start, lastmile::Duration(45));
    // It waits for nothing else here, so the route is 45 longer.
    assert_eq!(
        route.duration().get(),
        without.routes()[0].duration().get() + 45
    );
    let report = check(&lunch, &with);
    assert!(report.is_feasible(), "{:?}", report.violations);
    // The plan made without the break breaks the rule.
    let found = check(&lunch, &without).violations;
    assert!(
        found.contains(&Violation::MissingBreak { route: 0, rule: 0 }),
        "{found:?}"
    );
}

#[test]
fn a_route_back_before_the_window_takes_no_break() {
    let lunch = line(1, |v| v.break_window(500.0, 600.0, 45.0));
    let plan = Solution::new(&lunch, in_order(1), vec![]).unwrap();
    assert!(plan.routes()[0].breaks.is_empty());
    assert!(check(&lunch, &plan).is_feasible());
}

#[test]
fn a_break_is_taken_while_waiting_for_free() {
    // Job 0 closes at 20 and job 1 opens at 200: the van waits anyway, so
    // the break costs nothing.
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let a = b.add_location(10.0, 0.0);
    let c = b.add_location(20.0, 0.0);
    b.add_job(JobSpec::at(a).service(10.0).time_window(0.0, 20.0));
    b.add_job(JobSpec::at(c).service(10.0).time_window(200.0, 300.0));
    let spec = VehicleTypeSpec::new(depot, 1, &[10]).shift(0.0, 1000.0);
    b.add_vehicle_type(spec.clone());
    let plain = b.build().unwrap();
    b.add_vehicle_type(spec.break_window(0.0, 1000.0, 60.0));
    let problem = b.build().unwrap();
    let at = |t| Route::new(VehicleTypeId(t), vec![JobId(0), JobId(1)]);
    let without = Solution::new(&plain, vec![at(0)], vec![]).unwrap();
    let with = Solution::new(&problem, vec![at(1)], vec![]).unwrap();
    assert_eq!(with.routes()[0].breaks.len(), 1);
    assert_eq!(with.routes()[0].duration(), without.routes()[0].duration());
    assert!(check(&problem, &with).is_feasible());
}

#[test]
fn a_break_past_its_window_is_late() {
    let wide = line(4, |v| v.break_window(0.0, 1000.0, 10.0));
    let plan = Solution::new(&wide, in_order(4), vec![]).unwrap();
    let start = plan.routes()[0].breaks[0].start.get();
    // The same plan, checked against a window that closed before it.
    let early = line(4, |v| v.break_window(0.0, (start - 1) as f64, 10.0));
    let found = check(&early, &plan).violations;
    assert!(
        found.iter().any(|v| matches!(
            v,
            Violation::LateBreak {
                route: 0,
                rule: 0,
                ..
            }
        )),
        "{found:?}"
    );
}

#[test]
fn a_driving_break_comes_before_the_limit() {
    // 8 jobs out to x = 80 and back: 160 of driving, at most 100 at a time;
    // the way back is 80, so the break is after the sixth stop or later.
    let problem = line(8, |v| v.driving_break(100.0, 15.0));
    let plan = Solution::new(&problem, in_order(8), vec![]).unwrap();
    let route = &plan.routes()[0];
    assert_eq!(route.breaks.len(), 1, "{:?}", route.breaks);
    assert!(route.breaks[0].after >= 6, "{:?}", route.breaks);
    let report = check(&problem, &plan);
    assert!(report.is_feasible(), "{:?}", report.violations);
    // Without them the driver drives 160 straight.
    let plain = line(8, |v| v);
    let unrested = Solution::new(&plain, in_order(8), vec![]).unwrap();
    let found = check(&problem, &unrested).violations;
    assert!(
        found.contains(&Violation::DrivingLimitExceeded {
            route: 0,
            driving: lastmile::Duration(160),
            limit: lastmile::Duration(100),
        }),
        "{found:?}"
    );
}

#[test]
fn a_job_the_breaks_leave_no_room_for_is_out_with_its_reason() {
    // Service 40..80 at 10 from the depot; the 20-long break must start in
    // [40, 50]: before leaving it makes the job late, after it it starts
    // at 80. Without the break the job is served.
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let site = b.add_location(10.0, 0.0);
    b.add_job(JobSpec::at(site).service(40.0).time_window(40.0, 45.0));
    b.add_vehicle_type(
        VehicleTypeSpec::new(depot, 1, &[10])
            .shift(0.0, 200.0)
            .break_window(40.0, 50.0, 20.0),
    );
    let problem = b.build().unwrap();
    let result = Solver::new().iteration_limit(50).solve(&problem);
    let plan = result.solution;
    assert!(plan.routes().is_empty());
    assert_eq!(
        plan.unassigned()[0].reason,
        UnassignedReason::BreaksDoNotFit
    );
    let report = check(&problem, &plan);
    assert!(report.is_feasible(), "{:?}", report.violations);
}

#[test]
fn bad_breaks_are_typed_errors() {
    let build = |spec: VehicleTypeSpec| {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot = b.add_location(0.0, 0.0);
        b.add_vehicle_type(spec.shift(100.0, 200.0));
        let _ = depot;
        b.build()
    };
    let van = || VehicleTypeSpec::new(lastmile::LocationId(0), 1, &[1]);
    for (spec, index) in [
        (van().break_window(20.0, 10.0, 5.0), 0),
        (van().break_window(0.0, 50.0, 5.0), 0),
        (van().break_window(120.0, 150.0, 0.0), 0),
        (van().break_window(120.0, 150.0, f64::NAN), 0),
        (van().driving_break(0.0, 10.0), 0),
        (van().driving_break(100.0, 10.0).driving_break(50.0, 5.0), 1),
    ] {
        match build(spec) {
            Err(ModelError::InvalidBreak { index: i, .. }) => assert_eq!(i, index),
            other => panic!("expected an invalid break, got {other:?}"),
        }
    }
    let five = (0..5).fold(van(), |v, _| v.break_window(120.0, 150.0, 5.0));
    assert!(matches!(build(five), Err(ModelError::InvalidBreak { .. })));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::fuzz_cases(40), ..ProptestConfig::default() })]

    /// Every route of a type with break rules has its breaks where the
    /// rules say: each window break once, starting in its window, unless
    /// the route is back before the window opens; no more driving between
    /// breaks long enough than the limit; and the checker agrees, with
    /// every total recomputed.
    #[test]
    fn breaks_are_where_the_rules_say(
        problem in random_break_problem(),
        seed in 0u64..50,
        by_cost in any::<bool>(),
    ) {
        let objective = if by_cost { Objective::Cost } else { Objective::Distance };
        let result = Solver::new().seed(seed).iteration_limit(200).objective(objective).solve(&problem);
        let plan = &result.solution;
        let report = check(&problem, plan);
        prop_assert!(report.is_feasible(), "{:?}", report.violations);
        prop_assert_eq!(report.distance, plan.cost().distance);
        prop_assert_eq!(report.cost, plan.cost().cost);
        for route in plan.routes() {
            let vehicle = problem.vehicle_type(route.vehicle_type);
            for (index, rule) in vehicle.breaks.iter().enumerate() {
                let taken: Vec<_> = route.breaks.iter().filter(|b| b.rule == index).collect();
                match *rule {
                    BreakRule::Window { window, duration } => {
                        if taken.is_empty() {
                            prop_assert!(route.depot_arrival <= window.start, "{route:?}");
                        } else {
                            prop_assert_eq!(taken.len(), 1);
                            prop_assert!(window.start <= taken[0].start && taken[0].start <= window.end);
                            prop_assert_eq!(taken[0].end - taken[0].start, duration);
                        }
                    }
                    BreakRule::Driving { max_driving, duration } => {
                        // Driving between breaks of at least `duration`,
                        // from the times the schedule reports.
                        let mut driving = lastmile::Duration::ZERO;
                        let mut ready = route.depot_departure;
                        let mut pauses = route.breaks.iter().peekable();
                        for (served, stop) in route.stops.iter().enumerate() {
                            while let Some(pause) = pauses.next_if(|b| b.after == served) {
                                if pause.end - pause.start >= duration {
                                    driving = lastmile::Duration::ZERO;
                                }
                                ready = pause.end;
                            }
                            driving += stop.arrival - ready;
                            prop_assert!(driving <= max_driving, "{route:?}");
                            ready = stop.departure;
                        }
                        for pause in pauses {
                            if pause.end - pause.start >= duration {
                                driving = lastmile::Duration::ZERO;
                            }
                            ready = pause.end;
                        }
                        driving += route.depot_arrival - ready;
                        prop_assert!(driving <= max_driving, "{route:?}");
                    }
                }
            }
        }
    }
}
