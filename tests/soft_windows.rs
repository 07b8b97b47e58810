//! Soft time windows: a job may be served late, up to its maximum, at a
//! cost per time unit; the plan weighs that cost against driving and
//! vehicles, and the KPIs report it.

mod common;

use lastmile::{
    check, kpis, JobId, JobSpec, Objective, Problem, ProblemBuilder, Rounding, Solver,
    UnassignedReason, VehicleTypeSpec,
};

/// One job 50 away, its window closing at 40: reachable 10 late at best.
fn far_job(max_lateness: f64) -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let far = b.add_location(50.0, 0.0);
    b.add_job(
        JobSpec::at(far)
            .time_window(0.0, 40.0)
            .lateness(max_lateness, 2.0),
    );
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]));
    b.build().unwrap()
}

#[test]
fn a_job_out_of_reach_on_time_is_served_late_within_its_maximum() {
    let problem = far_job(15.0);
    let result = Solver::new().iteration_limit(50).solve(&problem);
    let plan = &result.solution;
    common::assert_feasible(&problem, plan, "late by 10");
    let stop = plan.routes()[0].stops[0];
    assert_eq!(
        problem.job(JobId(0)).late_by(0, stop.service_start).get(),
        10
    );
    let figures = kpis(&problem, plan);
    assert_eq!((figures.late_stops, figures.lateness), (1, 10.0));
    assert_eq!(figures.on_time_share, 0.0);
    // The objective: 100 driven plus 10 late at 2.
    assert_eq!(Objective::Distance.value(&problem, plan), 100 + 20);

    // Allowed only 5 late: out of reach.
    let strict = far_job(5.0);
    let plan = Solver::new().iteration_limit(50).solve(&strict).solution;
    assert_eq!(
        plan.unassigned()[0].reason,
        UnassignedReason::TimeWindowUnreachable
    );
    assert!(check(&strict, &plan).is_feasible());
}

/// Two customers in opposite directions, 30 away, both due by 35, one
/// van or two: one van serves both only by being late at one of them.
fn two_ways(lateness_cost: f64) -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    for x in [30.0, -30.0] {
        let home = b.add_location(x, 0.0);
        b.add_job(
            JobSpec::at(home)
                .time_window(0.0, 35.0)
                .lateness(100.0, lateness_cost),
        );
    }
    b.add_vehicle_type(
        VehicleTypeSpec::new(depot, 2, &[2])
            .shift(0.0, 500.0)
            .costs(100.0, 1.0, 0.0),
    );
    b.build().unwrap()
}

#[test]
fn lateness_is_weighed_against_a_second_vehicle() {
    let solve = |problem: &Problem| {
        let plan = Solver::new()
            .iteration_limit(500)
            .objective(Objective::Cost)
            .solve(problem)
            .solution;
        common::assert_feasible(problem, &plan, "two ways");
        plan
    };
    // Late by 55 (there at 90) at 0.5 is cheaper than a second van (100).
    let cheap = solve(&two_ways(0.5));
    assert_eq!(cheap.routes().len(), 1);
    assert_eq!(kpis(&two_ways(0.5), &cheap).lateness, 55.0);
    // At 5 per minute (275), the second van pays.
    let dear = solve(&two_ways(5.0));
    assert_eq!(dear.routes().len(), 2);
    assert_eq!(kpis(&two_ways(5.0), &dear).late_stops, 0);
}
