//! The VRPB rule (`ProblemBuilder::backhauls_last`): on every route the
//! backhauls (jobs that only pick up) come after all linehauls, and no
//! route serves backhauls alone. Hand-made cases, and random problems all
//! under the rule (the shared random problems have it in about a quarter).

mod common;

use common::random::random_backhaul_problem;
use lastmile::{
    check, savings, JobId, JobSpec, Problem, ProblemBuilder, Rounding, Route, SavingsConfig,
    Solution, Solver, VehicleTypeId, VehicleTypeSpec, Violation,
};
use proptest::prelude::*;

/// Two linehauls at (10, 0) and (10, 5) and a backhaul at (20, 0): the
/// shortest tour picks the backhaul up between the two deliveries.
fn detour(rule: bool) -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    let (l1, back, l2) = (
        b.add_location(10.0, 0.0),
        b.add_location(20.0, 0.0),
        b.add_location(10.0, 5.0),
    );
    b.add_job(JobSpec::at(l1).demand(&[2]));
    b.add_job(JobSpec::at(back).pickup(&[3]));
    b.add_job(JobSpec::at(l2).demand(&[2]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
    b.backhauls_last(rule);
    b.build().unwrap()
}

/// A plan of `routes` (job numbers) on the first vehicle type.
fn plan(problem: &Problem, routes: &[&[usize]]) -> Solution {
    let routes = routes
        .iter()
        .map(|jobs| Route {
            vehicle_type: VehicleTypeId(0),
            jobs: jobs.iter().map(|&j| JobId(j)).collect(),
            places: Vec::new(),
            reloads: Vec::new(),
        })
        .collect();
    Solution::new(problem, routes, Vec::new()).unwrap()
}

#[test]
fn the_checker_flags_a_linehaul_after_a_backhaul() {
    let problem = detour(true);
    let report = check(&problem, &plan(&problem, &[&[0, 1, 2]]));
    assert_eq!(
        report.violations,
        vec![Violation::BackhaulOrder {
            route: 0,
            job: JobId(2),
            backhauls_only: false
        }]
    );
    assert!(check(&problem, &plan(&problem, &[&[0, 2, 1]])).is_feasible());
    let free = detour(false);
    assert!(check(&free, &plan(&free, &[&[0, 1, 2]])).is_feasible());
}

#[test]
fn the_solver_puts_backhauls_last_even_when_mixing_is_shorter() {
    let solve = |problem: &Problem| {
        let solution = Solver::new()
            .iteration_limit(300)
            .seed(3)
            .solve(problem)
            .solution;
        common::assert_feasible(problem, &solution, "detour");
        solution
    };
    let mixed = solve(&detour(false));
    let ruled = solve(&detour(true));
    assert_eq!(mixed.routes()[0].jobs().count(), 3);
    assert_eq!(
        ruled.routes()[0].jobs().last(),
        Some(JobId(1)),
        "backhaul last"
    );
    assert!(
        ruled.cost().distance > mixed.cost().distance,
        "the rule costs distance here: {:?} vs {:?}",
        ruled.cost().distance,
        mixed.cost().distance
    );
}

#[test]
fn no_route_serves_backhauls_alone() {
    // One linehaul east, one backhaul west, two vans: without the rule two
    // short routes are cheapest; with it the backhaul rides with the
    // linehaul.
    let build = |rule: bool| {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        let (east, west) = (b.add_location(10.0, 0.0), b.add_location(-10.0, 0.0));
        b.add_job(JobSpec::at(east).demand(&[1]));
        b.add_job(JobSpec::at(west).pickup(&[1]));
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[5]).costs(0.0, 1.0, 0.0));
        b.backhauls_last(rule);
        b.build().unwrap()
    };
    let problem = build(true);
    let alone = plan(&problem, &[&[0], &[1]]);
    assert_eq!(
        check(&problem, &alone).violations,
        vec![Violation::BackhaulOrder {
            route: 1,
            job: JobId(1),
            backhauls_only: true
        }]
    );
    let solution = Solver::new().iteration_limit(300).solve(&problem).solution;
    common::assert_feasible(&problem, &solution, "backhaul alone");
    assert_eq!(solution.routes().len(), 1);
    assert_eq!(
        solution.routes()[0].jobs().collect::<Vec<_>>(),
        vec![JobId(0), JobId(1)]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The savings start and the solver keep the rule on random problems
    /// (with mixed pickups and deliveries, optional jobs, two fleets), and
    /// the checker confirms every reason a job is left out.
    #[test]
    fn random_plans_keep_the_rule(problem in random_backhaul_problem(), seed in 0u64..20) {
        let start = savings(&problem, &SavingsConfig::default());
        let report = check(&problem, &start);
        prop_assert!(report.is_feasible(), "savings: {:?}", report.violations);
        let solved = Solver::new().seed(seed).iteration_limit(100).solve(&problem).solution;
        let report = check(&problem, &solved);
        prop_assert!(report.is_feasible(), "solver: {:?}", report.violations);
    }
}
