//! Multi-trip routes: reloads at a depot between trips, and release times
//! (a trip starts loading once its parcels are at the depot), scheduled
//! and checked independently.

use lastmile::io::SolFile;
use lastmile::{
    check, JobId, JobSpec, LocationId, Problem, ProblemBuilder, Reload, Rounding, Route, Solution,
    VehicleTypeId, VehicleTypeSpec, Violation,
};

/// A depot at 0 and four parcels of 5 at x = 10, 20, 30, 40 on a line,
/// for one vehicle of capacity 10 that may reload at the depot (or at
/// `other`, a second depot at x = -10, when `elsewhere`).
fn line(release: &[f64], vehicle: impl FnOnce(VehicleTypeSpec) -> VehicleTypeSpec) -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    b.add_location(-10.0, 0.0);
    for (i, &release) in release.iter().enumerate() {
        let at = b.add_location(10.0 * (i + 1) as f64, 0.0);
        b.add_job(JobSpec::at(at).demand(&[5]).release_time(release));
    }
    b.add_vehicle_type(vehicle(
        VehicleTypeSpec::new(depot, 1, &[10]).shift(0.0, 1000.0),
    ));
    b.build().unwrap()
}

fn reloads(after: &[usize], depot: usize) -> Vec<Reload> {
    after
        .iter()
        .map(|&after| Reload {
            after,
            depot: LocationId(depot),
        })
        .collect()
}

fn route(reloads: Vec<Reload>) -> Route {
    Route {
        vehicle_type: VehicleTypeId(0),
        jobs: (0..4).map(JobId).collect(),
        places: Vec::new(),
        reloads,
    }
}

fn violations(problem: &Problem, route: Route) -> Vec<Violation> {
    let solution = Solution::new(problem, vec![route], vec![]).unwrap();
    check(problem, &solution).violations
}

#[test]
fn a_reload_splits_the_load_into_trips() {
    let problem = line(&[0.0; 4], |v| v.reload_depots(&[LocationId(0)]));
    assert!(problem.has_trips());
    let one_trip = violations(&problem, route(Vec::new()));
    assert!(
        matches!(
            &one_trip[..],
            [Violation::CapacityExceeded { load: 20, .. }]
        ),
        "{one_trip:?}"
    );
    let plan = Solution::new(&problem, vec![route(reloads(&[2], 0))], vec![]).unwrap();
    assert!(
        check(&problem, &plan).is_feasible(),
        "{:?}",
        check(&problem, &plan)
    );
    let schedule = &plan.routes()[0];
    // Out to 20 and back (40), out to 40 and back (80).
    assert_eq!(schedule.distance.get(), 120);
    assert_eq!(schedule.reloads.len(), 1);
    assert_eq!(schedule.reloads[0].arrival.get(), 40);
    assert_eq!(schedule.reloads[0].load.get(0), 10);
    assert_eq!(schedule.peak_load.get(0), 10);
    assert_eq!(schedule.delivered.get(0), 20);
    assert_eq!(schedule.stops[2].arrival.get(), 70);
    let figures = lastmile::kpis(&problem, &plan);
    assert_eq!((figures.trips, figures.routes[0].trips), (2, 2));
    // Each trip fills the van: the load factor is per trip.
    assert_eq!(figures.load_factor, [1.0]);
}

#[test]
fn a_trip_waits_for_its_parcels() {
    let problem = line(&[0.0, 0.0, 200.0, 150.0], |v| {
        v.reload_depots(&[LocationId(0)])
    });
    let plan = Solution::new(&problem, vec![route(reloads(&[2], 0))], vec![]).unwrap();
    let report = check(&problem, &plan);
    assert!(report.is_feasible(), "{report:?}");
    let schedule = &plan.routes()[0];
    // The first trip leaves as late as still reaches the depot by the
    // release of the second trip's parcels (200): no waiting there.
    assert_eq!(schedule.depot_departure.get(), 160);
    assert_eq!(schedule.reloads[0].arrival.get(), 200);
    assert_eq!(schedule.reloads[0].start.get(), 200);
    assert_eq!(schedule.stops[2].arrival.get(), 230);
    assert_eq!(schedule.duration().get(), 120);
    // Without the reload, the whole route waits for the last parcel.
    let one_trip = Solution::new(&problem, vec![route(Vec::new())], vec![]).unwrap();
    assert_eq!(one_trip.routes()[0].depot_departure.get(), 200);
}

#[test]
fn reloads_only_where_and_as_often_as_allowed() {
    let problem = line(&[0.0; 4], |v| {
        v.reload_depots(&[LocationId(0)]).max_reloads(1)
    });
    let found = violations(&problem, route(reloads(&[1, 2], 0)));
    assert!(
        matches!(
            &found[..],
            [Violation::RouteLimitExceeded {
                what: "reloads",
                value: 2,
                limit: 1,
                ..
            }]
        ),
        "{found:?}"
    );
    let found = violations(&problem, route(reloads(&[2], 1)));
    assert!(
        matches!(
            &found[..],
            [Violation::InvalidReload {
                reload: 0,
                location: LocationId(1),
                ..
            }]
        ),
        "{found:?}"
    );
    let unordered = Solution::new(&problem, vec![route(reloads(&[3, 1], 0))], vec![]);
    assert!(matches!(
        unordered,
        Err(lastmile::SolutionError::ReloadOutOfOrder { after: 1, .. })
    ));
}

#[test]
fn sol_files_carry_reloads_as_depots_inside_routes() {
    let problem = line(&[0.0; 4], |v| v.reload_depots(&[LocationId(0)]));
    let plan = Solution::new(&problem, vec![route(reloads(&[2], 0))], vec![]).unwrap();
    let text = SolFile::from_solution(&problem, &plan).to_text(&problem);
    // Only location 0 is a depot of the fleet: customers from 1.
    assert!(text.starts_with("Route #1: 1 2 0 3 4\n"), "{text}");
    let again = SolFile::parse(&text)
        .unwrap()
        .to_solution(&problem)
        .unwrap();
    assert_eq!(again.to_routes(), plan.to_routes());
}

#[test]
fn json_files_carry_release_times_and_reloads() {
    use lastmile::io::json::{
        problem_from_json, problem_to_json, solution_from_json, solution_to_json,
    };
    let problem = line(&[0.0, 0.0, 200.0, 150.0], |v| {
        v.reload_depots(&[LocationId(0)]).max_reloads(2)
    });
    let again = problem_from_json(&problem_to_json(&problem)).unwrap();
    assert_eq!(again.jobs(), problem.jobs());
    assert_eq!(again.vehicle_types(), problem.vehicle_types());
    let plan = Solution::new(&problem, vec![route(reloads(&[2], 0))], vec![]).unwrap();
    let read = solution_from_json(&problem, &solution_to_json(&problem, &plan)).unwrap();
    assert_eq!(read, plan);
}

/// The solver waits for released parcels: a van may not carry a parcel
/// out before it is at the depot, so the late parcel is served on a
/// route that leaves after its release (or by a second van), and the
/// plan stays checker-clean.
#[test]
fn the_solver_honours_release_times() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    for (i, release) in [0.0, 0.0, 300.0, 0.0].into_iter().enumerate() {
        let at = b.add_location(10.0 * (i + 1) as f64, 5.0);
        // The first parcels must be served early; the released one
        // anytime.
        let window = if release > 0.0 {
            (0.0, 1000.0)
        } else {
            (0.0, 120.0)
        };
        b.add_job(
            JobSpec::at(at)
                .demand(&[1])
                .time_window(window.0, window.1)
                .release_time(release),
        );
    }
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[10]).shift(0.0, 1000.0));
    let problem = b.build().unwrap();
    let result = lastmile::Solver::new().iteration_limit(200).solve(&problem);
    let report = check(&problem, &result.solution);
    assert!(report.is_feasible(), "{:?}", report.violations);
    assert!(result.solution.unassigned().is_empty());
    let late = result
        .solution
        .routes()
        .iter()
        .find(|r| r.jobs().any(|j| j == JobId(2)))
        .expect("the released parcel is served");
    assert!(late.depot_departure.get() >= 300, "{late:?}");
    // The early parcels cannot wait for it: they ride on the other van.
    assert_eq!(result.solution.routes().len(), 2);
}
