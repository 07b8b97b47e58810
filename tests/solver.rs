//! The solver: deterministic under iteration limits, reaches near-optimal
//! solutions on Solomon instances in a bounded number of iterations, honours
//! the objective, and always returns checked solutions.

mod common;

use common::random::random_problem;
use lastmile::io::{read_instance, read_sol};
use lastmile::search::{improve_from_savings, LocalSearchConfig, MultiStartConfig};
use lastmile::{
    check, Objective, Phase, ProgressEvent, Solver, SolverConfig, StopReason, UnassignedReason,
};
use proptest::prelude::*;

#[test]
fn same_seed_and_iteration_limit_give_the_same_result() {
    let Some(data) = common::datasets() else {
        return;
    };
    let problem = read_instance(data.join("solomon/RC105.txt"), None).unwrap();
    for threads in [1, 2] {
        let solve = || {
            Solver::new()
                .seed(11)
                .threads(threads)
                .iteration_limit(3_000)
                .solve(&problem)
        };
        let (a, b) = (solve(), solve());
        assert_eq!(a.solution, b.solution, "{threads} threads");
        assert_eq!(a.stats.iterations, 3_000 * threads as u64);
        assert_eq!(a.stats.stop_reason, StopReason::IterationLimit);
    }
    let other = Solver::new()
        .seed(12)
        .iteration_limit(3_000)
        .solve(&problem);
    common::assert_feasible(&problem, &other.solution, "seed 12");
}

#[test]
fn reaches_near_the_optimum() {
    let Some(data) = common::datasets() else {
        return;
    };
    for name in ["C101", "R101", "RC101", "R201"] {
        let path = data.join(format!("solomon/{name}.txt"));
        let problem = read_instance(&path, None).unwrap();
        let result = Solver::new()
            .seed(1)
            .iteration_limit(100_000)
            .solve(&problem);
        let report = common::assert_feasible(&problem, &result.solution, name);
        assert!(result.solution.unassigned().is_empty());
        let optimum = read_sol(path.with_extension("sol")).unwrap().cost.unwrap();
        let cost = problem.to_instance_units(report.distance.get());
        let gap = 100.0 * (cost - optimum) / optimum;
        assert!(gap <= 1.5, "{name}: {cost} is {gap:.2}% above {optimum}");
    }
}

#[test]
fn vehicles_objective_uses_no_more_routes() {
    let Some(data) = common::datasets() else {
        return;
    };
    let problem = read_instance(data.join("solomon/R101.txt"), None).unwrap();
    let by_distance = Solver::new()
        .iteration_limit(5_000)
        .solve(&problem)
        .solution;
    let by_vehicles = Solver::new()
        .iteration_limit(40_000)
        .objective(Objective::VehiclesThenDistance)
        .solve(&problem)
        .solution;
    assert!(check(&problem, &by_vehicles).is_feasible());
    assert!(
        by_vehicles.routes().len() < by_distance.routes().len(),
        "{} vs {}",
        by_vehicles.routes().len(),
        by_distance.routes().len()
    );
}

#[test]
fn progress_is_reported_on_improvements() {
    let Some(data) = common::datasets() else {
        return;
    };
    let problem = read_instance(data.join("solomon/R102.txt"), None).unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    let result = Solver::new()
        .iteration_limit(3_000)
        .on_progress(move |p| sink.lock().unwrap().push(*p))
        .solve(&problem);
    let seen = seen.lock().unwrap();
    let improved: Vec<_> = seen
        .iter()
        .filter(|p| p.event == ProgressEvent::Improved)
        .map(|p| p.distance)
        .collect();
    assert!(!improved.is_empty());
    assert!(
        improved.windows(2).all(|w| w[1] < w[0]),
        "reported bests must fall"
    );
    assert!(result.solution.cost().distance <= *improved.last().unwrap());
    let phases = common::phases_started(&seen);
    assert_eq!(
        phases,
        [
            Phase::Setup,
            Phase::Construction,
            Phase::Annealing,
            Phase::Polish,
            Phase::Done
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn solutions_are_feasible_and_no_worse_than_the_start(
        problem in random_problem(true),
        seed in 0u64..50,
        by_cost in any::<bool>(),
        restart_often in any::<bool>(),
    ) {
        let objective = if by_cost { Objective::Cost } else { Objective::Distance };
        // Restarting from the best after almost every iteration without a
        // new one exercises the annealing's restart path.
        let mut config = SolverConfig::default();
        if restart_often {
            config.annealing.restart_after = 1e-3;
        }
        let result = Solver::with_config(config)
            .seed(seed)
            .iteration_limit(200)
            .objective(objective)
            .solve(&problem);
        // Feasible, every job once, and every reported total (distance,
        // duration, vehicle costs, penalties) equal to its recomputation.
        let report = check(&problem, &result.solution);
        prop_assert!(report.is_feasible(), "{:?}", report.violations);
        prop_assert_eq!(report.distance, result.solution.cost().distance);
        prop_assert_eq!(report.cost, result.solution.cost().cost);
        // Only optional jobs are left out as not worth serving.
        for u in result.solution.unassigned() {
            if u.reason == UnassignedReason::NotWorthServing {
                prop_assert!(problem.job(u.job).is_optional());
            }
        }
        // The solver's own start: the multi-start with the solver's seed.
        let starts = MultiStartConfig {
            local_search: LocalSearchConfig { seed, objective, ..LocalSearchConfig::default() },
            ..MultiStartConfig::default()
        };
        let (start, _) = improve_from_savings(&problem, &starts);
        let mandatory_out = |s: &lastmile::Solution| {
            s.unassigned().iter().filter(|u| !problem.job(u.job).is_optional()).count()
        };
        prop_assert!(mandatory_out(&result.solution) <= mandatory_out(&start));
        if mandatory_out(&result.solution) == mandatory_out(&start) {
            prop_assert!(objective.value(&problem, &result.solution) <= objective.value(&problem, &start));
        }
    }
}

/// A job next to depot B but preferred on type A (depot A, far away): a
/// penalty above the detour keeps it on A, a small one lets it move.
#[test]
fn a_preferred_vehicle_type_is_kept_while_moving_costs_more() {
    use lastmile::{JobSpec, ProblemBuilder, Rounding, VehicleTypeId, VehicleTypeSpec};
    let with_penalty = |penalty: f64| {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot_a = b.add_location(0.0, 0.0);
        let depot_b = b.add_location(100.0, 0.0);
        let site = b.add_location(95.0, 0.0);
        b.add_job(JobSpec::at(site).prefer_vehicle_type(VehicleTypeId(0), penalty));
        b.add_vehicle_type(VehicleTypeSpec::new(depot_a, 1, &[5]));
        b.add_vehicle_type(VehicleTypeSpec::new(depot_b, 1, &[5]));
        b.build().unwrap()
    };
    // Serving from A costs 190, from B 10: moving saves 180.
    for (penalty, expected) in [(500.0, 0), (100.0, 1)] {
        let problem = with_penalty(penalty);
        let solution = lastmile::Solver::new()
            .iteration_limit(300)
            .solve(&problem)
            .solution;
        assert!(lastmile::check(&problem, &solution).is_feasible());
        assert_eq!(
            solution.routes()[0].vehicle_type,
            VehicleTypeId(expected),
            "penalty {penalty}"
        );
    }
}
