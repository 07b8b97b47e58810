//! The checker finds every kind of violation a sequence of routes can have.

use lastmile::{
    check, JobId, JobSpec, Problem, ProblemBuilder, Rounding, Route, Solution, Unassigned,
    UnassignedReason, VehicleTypeId, VehicleTypeSpec, Violation,
};

/// Depot at 0; jobs on a line at x = 10, 20, 30 with demand 4 each; two
/// vehicles of capacity 10 with shift [0, 100]. Job 0 takes 10 to serve;
/// job 2's window is [0, 35], so it must come first or after a short detour.
fn line_problem() -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    for (x, due, service) in [(10.0, 100.0, 10.0), (20.0, 100.0, 0.0), (30.0, 35.0, 0.0)] {
        let site = b.add_location(x, 0.0);
        b.add_job(
            JobSpec::at(site)
                .demand(&[4])
                .time_window(0.0, due)
                .service(service),
        );
    }
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[10]).shift(0.0, 100.0));
    b.build().unwrap()
}

fn route(jobs: &[usize]) -> Route {
    Route {
        vehicle_type: VehicleTypeId(0),
        jobs: jobs.iter().map(|&j| JobId(j)).collect(),
        places: Vec::new(),
        reloads: Vec::new(),
    }
}

fn violations(
    problem: &Problem,
    routes: Vec<Route>,
    unassigned: Vec<Unassigned>,
) -> Vec<Violation> {
    check(
        problem,
        &Solution::new(problem, routes, unassigned).unwrap(),
    )
    .violations
}

#[test]
fn feasible_solution_is_clean_and_costed() {
    let problem = line_problem();
    let solution = Solution::new(&problem, vec![route(&[2, 1]), route(&[0])], vec![]).unwrap();
    let report = check(&problem, &solution);
    assert!(report.is_feasible(), "{:?}", report.violations);
    assert_eq!(report.distance.get(), 60 + 20);
    assert_eq!(report.vehicles, 2);
}

#[test]
fn capacity() {
    let problem = line_problem();
    let found = violations(&problem, vec![route(&[2, 0, 1])], vec![]);
    assert_eq!(
        found,
        vec![Violation::CapacityExceeded {
            route: 0,
            dimension: 0,
            load: 12,
            capacity: 10
        }]
    );
}

/// Total deliveries and total pickups both fit, but collecting the return
/// before dropping the delivery puts 13 on board.
#[test]
fn capacity_along_the_route_with_a_return() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let near = b.add_location(10.0, 0.0);
    let far = b.add_location(20.0, 0.0);
    b.add_job(JobSpec::at(near).pickup(&[7]));
    b.add_job(JobSpec::at(far).demand(&[6]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
    let problem = b.build().unwrap();

    let solution = Solution::new(&problem, vec![route(&[1, 0])], vec![]).unwrap();
    assert!(check(&problem, &solution).is_feasible());
    assert_eq!(solution.routes()[0].peak_load.get(0), 7);
    let loads: Vec<i64> = solution.routes()[0]
        .stops
        .iter()
        .map(|s| s.load.get(0))
        .collect();
    assert_eq!(loads, [0, 7]);

    let found = violations(&problem, vec![route(&[0, 1])], vec![]);
    assert_eq!(
        found,
        vec![Violation::CapacityExceeded {
            route: 0,
            dimension: 0,
            load: 13,
            capacity: 10
        }]
    );
}

#[test]
fn late_service() {
    let problem = line_problem();
    // Serving job 0 first reaches job 2 at time 40 > 35.
    let found = violations(&problem, vec![route(&[0, 2]), route(&[1])], vec![]);
    assert!(
        matches!(
            found.as_slice(),
            [Violation::LateService {
                route: 0,
                job: JobId(2),
                ..
            }]
        ),
        "{found:?}"
    );
}

#[test]
fn late_return() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let far = b.add_location(40.0, 0.0);
    b.add_job(JobSpec::at(far).service(30.0));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[]).shift(0.0, 100.0));
    let problem = b.build().unwrap();
    let found = violations(&problem, vec![route(&[0])], vec![]);
    assert!(
        matches!(found.as_slice(), [Violation::LateReturn { route: 0, .. }]),
        "{found:?}"
    );
}

#[test]
fn missing_job() {
    let problem = line_problem();
    let found = violations(&problem, vec![route(&[2, 1])], vec![]);
    assert_eq!(found, vec![Violation::MissingJob { job: JobId(0) }]);
}

#[test]
fn unassigned_job_is_not_missing() {
    // Both vehicles drive: the fleet is exhausted indeed.
    let problem = line_problem();
    let unassigned = vec![Unassigned {
        job: JobId(0),
        reason: UnassignedReason::FleetExhausted,
    }];
    assert!(violations(&problem, vec![route(&[2]), route(&[1])], unassigned).is_empty());
}

#[test]
fn mandatory_job_dropped_with_a_false_reason_is_found() {
    // A vehicle stands idle, so "fleet exhausted" is false; the job is
    // light, near and open all day, so no physical reason holds either.
    let problem = line_problem();
    for reason in [
        UnassignedReason::FleetExhausted,
        UnassignedReason::DemandExceedsCapacity,
        UnassignedReason::TimeWindowUnreachable,
        UnassignedReason::ShiftTooShort,
        UnassignedReason::ExceedsRouteLimits,
        UnassignedReason::NoVehicleWithSkills,
        UnassignedReason::NotWorthServing,
    ] {
        let unassigned = vec![Unassigned {
            job: JobId(0),
            reason,
        }];
        assert_eq!(
            violations(&problem, vec![route(&[2, 1])], unassigned),
            vec![Violation::UnconfirmedReason {
                job: JobId(0),
                reason
            }],
            "{reason:?}"
        );
    }
}

/// One job of demand 5 and service 5, 10 away from the depot, and one
/// vehicle of capacity 10 with shift [0, 100], shaped by `job` and
/// `vehicle`.
fn one_job(
    job: impl FnOnce(JobSpec) -> JobSpec,
    vehicle: impl FnOnce(VehicleTypeSpec) -> VehicleTypeSpec,
) -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let site = b.add_location(10.0, 0.0);
    b.add_job(job(JobSpec::at(site).demand(&[5]).service(5.0)));
    b.add_vehicle_type(vehicle(
        VehicleTypeSpec::new(depot, 1, &[10]).shift(0.0, 100.0),
    ));
    b.build().unwrap()
}

/// [`one_job`] left out for `reason`: the violations the checker finds.
fn left_out(
    job: impl FnOnce(JobSpec) -> JobSpec,
    vehicle: impl FnOnce(VehicleTypeSpec) -> VehicleTypeSpec,
    reason: UnassignedReason,
) -> Vec<Violation> {
    let problem = one_job(job, vehicle);
    violations(
        &problem,
        vec![],
        vec![Unassigned {
            job: JobId(0),
            reason,
        }],
    )
}

#[test]
fn true_reasons_are_confirmed_exactly_at_their_boundaries() {
    use UnassignedReason::*;
    let unconfirmed = |reason| {
        vec![Violation::UnconfirmedReason {
            job: JobId(0),
            reason,
        }]
    };
    // Capacity: 10 carries 10, not 11.
    assert!(left_out(|j| j.demand(&[11]), |v| v, DemandExceedsCapacity).is_empty());
    assert_eq!(
        left_out(|j| j.demand(&[10]), |v| v, DemandExceedsCapacity),
        unconfirmed(DemandExceedsCapacity)
    );
    // Window: reached at 10 at the earliest; an end of 9 is missed, 10 is met.
    assert!(left_out(|j| j.time_window(0.0, 9.0), |v| v, TimeWindowUnreachable).is_empty());
    assert_eq!(
        left_out(|j| j.time_window(0.0, 10.0), |v| v, TimeWindowUnreachable),
        unconfirmed(TimeWindowUnreachable)
    );
    // Shift: out 10, service 5, back 10 = 25; a shift to 24 is too short.
    assert!(left_out(|j| j, |v| v.shift(0.0, 24.0), ShiftTooShort).is_empty());
    assert_eq!(
        left_out(|j| j, |v| v.shift(0.0, 25.0), ShiftTooShort),
        unconfirmed(ShiftTooShort)
    );
    // Limits: 20 driven and 25 worked; one below either is over.
    assert!(left_out(|j| j, |v| v.max_distance(19.0), ExceedsRouteLimits).is_empty());
    assert!(left_out(|j| j, |v| v.max_duration(24.0), ExceedsRouteLimits).is_empty());
    assert_eq!(
        left_out(
            |j| j,
            |v| v.max_distance(20.0).max_duration(25.0),
            ExceedsRouteLimits
        ),
        unconfirmed(ExceedsRouteLimits)
    );
    // Skills.
    assert!(left_out(|j| j.skills(&["cold"]), |v| v, NoVehicleWithSkills).is_empty());
    assert_eq!(
        left_out(
            |j| j.skills(&["cold"]),
            |v| v.skills(&["cold"]),
            NoVehicleWithSkills
        ),
        unconfirmed(NoVehicleWithSkills)
    );
    // An optional job may be left out because it does not pay.
    assert!(left_out(|j| j.optional(3.0), |v| v, NotWorthServing).is_empty());
}

#[test]
fn job_served_twice() {
    let problem = line_problem();
    let found = violations(&problem, vec![route(&[2, 1]), route(&[0, 1])], vec![]);
    assert_eq!(
        found,
        vec![Violation::DuplicateJob {
            job: JobId(1),
            count: 2
        }]
    );
}

#[test]
fn job_served_and_unassigned() {
    let problem = line_problem();
    let unassigned = vec![Unassigned {
        job: JobId(0),
        reason: UnassignedReason::FleetExhausted,
    }];
    let found = violations(&problem, vec![route(&[2, 1]), route(&[0])], unassigned);
    assert_eq!(
        found,
        vec![Violation::DuplicateJob {
            job: JobId(0),
            count: 2
        }]
    );
}

#[test]
fn more_routes_than_vehicles() {
    let problem = line_problem();
    let found = violations(
        &problem,
        vec![route(&[2]), route(&[1]), route(&[0])],
        vec![],
    );
    assert_eq!(
        found,
        vec![Violation::FleetExceeded {
            vehicle_type: VehicleTypeId(0),
            routes: 3,
            available: 2
        }]
    );
}

#[test]
fn several_violations_are_all_reported() {
    let problem = line_problem();
    let found = violations(
        &problem,
        vec![route(&[0, 1, 2]), route(&[1]), route(&[1])],
        vec![],
    );
    let kinds: Vec<&str> = found
        .iter()
        .map(|v| match v {
            Violation::CapacityExceeded { .. } => "capacity",
            Violation::LateService { .. } => "late",
            Violation::DuplicateJob { .. } => "duplicate",
            Violation::FleetExceeded { .. } => "fleet",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, vec!["late", "capacity", "duplicate", "fleet"]);
}

#[test]
fn unknown_references_are_errors_not_panics() {
    let problem = line_problem();
    assert!(Solution::new(&problem, vec![route(&[7])], vec![]).is_err());
    let bad_type = Route {
        vehicle_type: VehicleTypeId(3),
        jobs: vec![JobId(0)],
        places: Vec::new(),
        reloads: Vec::new(),
    };
    assert!(Solution::new(&problem, vec![bad_type], vec![]).is_err());
}

#[test]
fn schedule_delays_departure_to_avoid_waiting() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let site = b.add_location(10.0, 0.0);
    b.add_job(JobSpec::at(site).time_window(50.0, 60.0).service(5.0));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[]).shift(0.0, 100.0));
    let problem = b.build().unwrap();
    let solution = Solution::new(&problem, vec![route(&[0])], vec![]).unwrap();
    let r = &solution.routes()[0];
    assert_eq!(r.depot_departure.get(), 40);
    assert_eq!(r.stops[0].waiting.get(), 0);
    assert_eq!(r.duration().get(), 25);
    assert!(check(&problem, &solution).is_feasible());
}

/// [`one_job`] served on a route of its own (out 10, service 5, back 10):
/// the violations the checker finds.
fn served_alone(
    job: impl FnOnce(JobSpec) -> JobSpec,
    vehicle: impl FnOnce(VehicleTypeSpec) -> VehicleTypeSpec,
) -> Vec<Violation> {
    let problem = one_job(job, vehicle);
    violations(&problem, vec![route(&[0])], vec![])
}

#[test]
fn route_rules_hold_exactly_at_their_limits_and_break_one_beyond() {
    // Capacity 10: a load of 10 is fine, 11 is not.
    assert!(served_alone(|j| j.demand(&[10]), |v| v).is_empty());
    assert!(matches!(
        served_alone(|j| j.demand(&[11]), |v| v).as_slice(),
        [Violation::CapacityExceeded {
            load: 11,
            capacity: 10,
            ..
        }]
    ));
    // Service can start at 10: a window ending at 10 is met, at 9 missed.
    assert!(served_alone(|j| j.time_window(0.0, 10.0), |v| v).is_empty());
    assert!(matches!(
        served_alone(|j| j.time_window(0.0, 9.0), |v| v).as_slice(),
        [Violation::LateService { .. }]
    ));
    // Back at 25: a shift to 25 is enough, to 24 is not.
    assert!(served_alone(|j| j, |v| v.shift(0.0, 25.0)).is_empty());
    assert!(matches!(
        served_alone(|j| j, |v| v.shift(0.0, 24.0)).as_slice(),
        [Violation::LateReturn { .. }]
    ));
    // 20 driven, 25 worked: limits of 20 and 25 hold, 19 and 24 do not.
    assert!(served_alone(|j| j, |v| v.max_distance(20.0).max_duration(25.0)).is_empty());
    assert!(matches!(
        served_alone(|j| j, |v| v.max_distance(19.0)).as_slice(),
        [Violation::RouteLimitExceeded {
            what: "distance",
            ..
        }]
    ));
    assert!(matches!(
        served_alone(|j| j, |v| v.max_duration(24.0)).as_slice(),
        [Violation::RouteLimitExceeded {
            what: "duration",
            ..
        }]
    ));
}

#[test]
fn a_route_may_serve_its_maximum_of_stops_and_not_one_more() {
    let stops = |max: usize| {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot = b.add_location(0.0, 0.0);
        for x in [10.0, 20.0, 30.0] {
            let site = b.add_location(x, 0.0);
            b.add_job(JobSpec::at(site).demand(&[1]));
        }
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]).max_stops(max));
        violations(&b.build().unwrap(), vec![route(&[0, 1, 2])], vec![])
    };
    assert!(stops(3).is_empty());
    assert!(matches!(
        stops(2).as_slice(),
        [Violation::RouteLimitExceeded {
            what: "stops",
            value: 3,
            limit: 2,
            ..
        }]
    ));
}

/// Two vehicle types at one depot; job 0 is bound to type 1.
fn bound_problem() -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let site = b.add_location(10.0, 0.0);
    b.add_job(
        JobSpec::at(site)
            .demand(&[1])
            .vehicle_type(VehicleTypeId(1)),
    );
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
    b.build().unwrap()
}

#[test]
fn job_bound_to_another_vehicle_type() {
    let problem = bound_problem();
    let on = |vehicle_type: usize| Route {
        vehicle_type: VehicleTypeId(vehicle_type),
        jobs: vec![JobId(0)],
        places: Vec::new(),
        reloads: Vec::new(),
    };
    assert!(violations(&problem, vec![on(1)], vec![]).is_empty());
    let found = violations(&problem, vec![on(0)], vec![]);
    assert_eq!(
        found,
        vec![Violation::WrongVehicle {
            route: 0,
            job: JobId(0),
            bound_to: VehicleTypeId(1),
            served_by: VehicleTypeId(0),
        }]
    );
}

#[test]
fn a_bound_job_is_served_by_its_vehicle_or_left_out_with_a_reason() {
    // Solved: the job goes to its type even though type 0 comes first.
    let problem = bound_problem();
    let result = lastmile::Solver::new().iteration_limit(200).solve(&problem);
    assert!(check(&problem, &result.solution).is_feasible());
    assert_eq!(result.solution.routes()[0].vehicle_type, VehicleTypeId(1));

    // Bound to a type without vehicles: out, and the checker confirms why.
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let site = b.add_location(10.0, 0.0);
    b.add_job(JobSpec::at(site).vehicle_type(VehicleTypeId(1)));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 0, &[10]));
    let problem = b.build().unwrap();
    let result = lastmile::Solver::new().iteration_limit(200).solve(&problem);
    assert!(check(&problem, &result.solution).is_feasible());
    assert_eq!(
        result.solution.unassigned()[0].reason,
        UnassignedReason::NoVehicleWithSkills
    );
    // Claiming that reason while the job's own type can serve it is
    // caught.
    let free = bound_problem();
    let found = violations(
        &free,
        vec![],
        vec![Unassigned {
            job: JobId(0),
            reason: UnassignedReason::NoVehicleWithSkills,
        }],
    );
    assert!(found
        .iter()
        .any(|v| matches!(v, Violation::UnconfirmedReason { .. })));
}
