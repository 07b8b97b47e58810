//! Every published best-known solution evaluates, through the library's own
//! evaluator and checker, as feasible with exactly its published cost.

mod common;

use lastmile::io::{read_instance, read_sol};
use lastmile::Rounding;
use std::path::Path;

fn assert_best_known(instance: &Path, rounding: Rounding) {
    let problem = read_instance(instance, Some(rounding)).unwrap();
    let sol = read_sol(instance.with_extension("sol")).unwrap();
    let solution = sol.to_solution(&problem).unwrap();
    let report = common::assert_feasible(&problem, &solution, &instance.display().to_string());
    let published = sol.cost.expect("a Cost line");
    let published_internal = problem.from_instance_units(published);
    assert_eq!(
        report.distance.get(),
        published_internal,
        "{}: recomputed cost differs from the published {published}",
        instance.display()
    );
    assert_eq!(solution.cost().distance, report.distance);
}

#[test]
fn solomon_best_known_solutions_are_feasible_with_published_costs() {
    let Some(data) = common::datasets() else {
        return;
    };
    let instances = common::instances(&data, "solomon", "txt");
    assert_eq!(instances.len(), 56, "expected the 56 Solomon instances");
    for instance in &instances {
        assert_best_known(instance, Rounding::Dimacs);
    }
}

#[test]
fn homberger_best_known_solution_is_feasible_with_published_cost() {
    let Some(data) = common::datasets() else {
        return;
    };
    let instances = common::instances(&data, "homberger", "txt");
    assert!(
        instances.iter().any(|i| i.ends_with("C1_2_1.txt")),
        "C1_2_1 expected"
    );
    for instance in &instances {
        assert_best_known(instance, Rounding::Dimacs);
    }
}

#[test]
fn cvrplib_x_best_known_solutions_are_feasible_with_published_costs() {
    let Some(data) = common::datasets() else {
        return;
    };
    let instances = common::instances(&data, "cvrp-x", "vrp");
    assert_eq!(instances.len(), 50, "expected 50 X instances");
    for instance in &instances {
        assert_best_known(instance, Rounding::Round);
    }
}

#[test]
fn best_known_costs_differ_under_another_convention() {
    // The conventions matter: R101's optimum is not 1637.7 with exact arcs.
    let Some(data) = common::datasets() else {
        return;
    };
    let instance = data.join("solomon/R101.txt");
    let problem = read_instance(&instance, Some(Rounding::Precise)).unwrap();
    let solution = read_sol(instance.with_extension("sol"))
        .unwrap()
        .to_solution(&problem)
        .unwrap();
    let cost = problem.to_instance_units(solution.cost().distance.get());
    assert!(cost > 1637.7 && cost < 1650.0, "{cost}");
}
