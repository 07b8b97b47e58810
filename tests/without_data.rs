//! What a plain `cargo test` proves without the benchmark data: seeded
//! results do not depend on the run or on timing, every stop reason is
//! reached and reported, the vehicles objective serves every job, and fleet
//! minimisation reaches the capacity bound. All on instances the project
//! generates.

mod common;

use common::assert_feasible;
use lastmile::generate::{generate, GeneratorConfig, Layout};
use lastmile::search::fleet_minimisation::{minimise_fleet, FleetMinimisationConfig};
use lastmile::{
    JobId, JobSpec, Objective, Problem, ProblemBuilder, Rounding, Route, Solution, Solver,
    StopReason, VehicleTypeId, VehicleTypeSpec,
};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn generated(layout: Layout, customers: usize, seed: u64) -> Problem {
    generate(&GeneratorConfig::new(layout, customers, seed))
        .to_problem(Rounding::Dimacs)
        .unwrap()
}

#[test]
fn seeded_results_repeat_on_one_thread_and_on_two() {
    let problem = generated(Layout::Mixed, 80, 21);
    for threads in [1, 2] {
        let solve = || {
            Solver::new()
                .seed(11)
                .threads(threads)
                .iteration_limit(2_000)
                .solve(&problem)
        };
        let (a, b) = (solve(), solve());
        assert_eq!(a.solution, b.solution, "{threads} thread(s)");
        assert_eq!(a.stats.iterations, 2_000 * threads as u64);
        assert_eq!(a.stats.stop_reason, StopReason::IterationLimit);
        assert_feasible(&problem, &a.solution, "seeded");
    }
}

#[test]
fn no_improvement_limit_stops_the_search_and_says_so() {
    let problem = generated(Layout::Random, 40, 5);
    let result = Solver::new()
        .seed(2)
        .no_improvement_limit(300)
        .iteration_limit(1_000_000)
        .solve(&problem);
    assert_eq!(result.stats.stop_reason, StopReason::NoImprovement);
    assert!(result.stats.iterations < 1_000_000);
    assert_feasible(&problem, &result.solution, "no improvement");
}

#[test]
fn vehicles_objective_serves_every_job_on_no_more_routes() {
    let problem = generated(Layout::Mixed, 100, 8);
    let solve = |objective| {
        Solver::new()
            .seed(4)
            .objective(objective)
            .iteration_limit(20_000)
            .solve(&problem)
            .solution
    };
    let by_distance = solve(Objective::Distance);
    let by_vehicles = solve(Objective::VehiclesThenDistance);
    assert_feasible(&problem, &by_vehicles, "vehicles objective");
    assert!(by_vehicles.unassigned().is_empty());
    assert!(by_distance.unassigned().is_empty());
    assert!(
        by_vehicles.cost().vehicles <= by_distance.cost().vehicles,
        "{} routes against {} under the distance objective",
        by_vehicles.cost().vehicles,
        by_distance.cost().vehicles
    );
}

/// 40 jobs of demand 1 around a depot, no time windows, vehicles of
/// capacity 10: four routes are the least possible (and enough).
fn forty_unit_jobs() -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(50.0, 50.0);
    for k in 0..40 {
        let angle = k as f64 * 0.157;
        let radius = 10.0 + (k % 7) as f64 * 5.0;
        let site = b.add_location(50.0 + radius * angle.cos(), 50.0 + radius * angle.sin());
        b.add_job(JobSpec::at(site).demand(&[1]));
    }
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 40, &[10]));
    b.build().unwrap()
}

#[test]
fn fleet_minimisation_reaches_the_capacity_bound() {
    let problem = forty_unit_jobs();
    // The worst start: one route per job.
    let routes = (0..40)
        .map(|j| Route {
            vehicle_type: VehicleTypeId(0),
            jobs: vec![JobId(j)],
            places: Vec::new(),
            reloads: Vec::new(),
        })
        .collect();
    let start = Solution::new(&problem, routes, Vec::new()).unwrap();
    let nearest: Vec<Vec<JobId>> = (0..40)
        .map(|j| {
            let mut others: Vec<JobId> = (0..40).filter(|&o| o != j).map(JobId).collect();
            let location = |job: JobId| problem.job(job).location;
            others.sort_by_key(|&o| problem.distance(location(JobId(j)), location(o)));
            others
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let (fewest, iterations) = minimise_fleet(
        &problem,
        &start,
        &nearest,
        &FleetMinimisationConfig::default(),
        &mut rng,
        |iteration| iteration < 50_000,
        |_, _| {},
    );
    assert_feasible(&problem, &fewest, "fleet minimisation");
    assert!(fewest.unassigned().is_empty());
    assert_eq!(
        fewest.cost().vehicles,
        4,
        "after {iterations} iterations (40 units, capacity 10)"
    );
}

#[test]
fn routes_with_another_end_depot_are_solved_and_end_there() {
    // Vans start at the hub (0, 0) and end at the garage (100, 0); the
    // jobs lie between.
    let mut b = ProblemBuilder::new(Rounding::Round);
    let hub = b.add_location(0.0, 0.0);
    let garage = b.add_location(100.0, 0.0);
    for k in 0..12 {
        let site = b.add_location(8.0 * k as f64 + 5.0, (k % 3) as f64 * 10.0);
        b.add_job(JobSpec::at(site).demand(&[1]).time_window(0.0, 400.0));
    }
    b.add_vehicle_type(
        VehicleTypeSpec::new(hub, 3, &[6])
            .end_depot(garage)
            .shift(0.0, 500.0),
    );
    let problem = b.build().unwrap();
    let result = Solver::new().seed(1).iteration_limit(3_000).solve(&problem);
    assert_feasible(&problem, &result.solution, "end depot");
    assert!(result.solution.unassigned().is_empty());
    for route in result.solution.routes() {
        let places: Vec<_> = std::iter::once(hub)
            .chain(route.jobs().map(|j| problem.job(j).location))
            .chain(std::iter::once(garage))
            .collect();
        let driven: i64 = places
            .windows(2)
            .map(|w| problem.distance(w[0], w[1]).get())
            .sum();
        assert_eq!(route.distance.get(), driven, "hub to garage");
    }
}
