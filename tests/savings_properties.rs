//! Savings on random small instances: the checker accepts every solution,
//! every job is served or unassigned with a reason that holds, the result is
//! deterministic, and `.sol` files round-trip.

use common::random::random_problem;
use lastmile::generate::{generate, GeneratorConfig, Layout};
use lastmile::io::{parse_instance, SolFile};
use lastmile::{
    check, savings, JobSpec, ProblemBuilder, Rounding, SavingsConfig, UnassignedReason,
    VehicleTypeSpec,
};
use proptest::prelude::*;

mod common;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn savings_solutions_pass_the_checker(problem in random_problem(true)) {
        let solution = savings(&problem, &SavingsConfig::default());
        let report = check(&problem, &solution);
        prop_assert!(report.is_feasible(), "{:?}", report.violations);
        prop_assert_eq!(report.distance, solution.cost().distance);
        prop_assert_eq!(&solution, &savings(&problem, &SavingsConfig::default()));

        // The checker confirms the reason of every mandatory job left out
        // from the problem data alone (not with the library's own
        // `can_serve_alone`); savings leaves nothing out merely because it
        // does not pay.
        prop_assert!(solution
            .unassigned()
            .iter()
            .all(|u| u.reason != UnassignedReason::NotWorthServing));
    }

    #[test]
    fn restricted_neighbour_lists_stay_feasible(problem in random_problem(true), k in 1usize..6) {
        let config = SavingsConfig { neighbours: Some(k), ..SavingsConfig::default() };
        let solution = savings(&problem, &config);
        prop_assert!(check(&problem, &solution).is_feasible());
    }

    /// `.sol` files carry no vehicle types, so the round trip is exact for
    /// one-type fleets.
    #[test]
    fn sol_files_round_trip(problem in random_problem(false)) {
        let solution = savings(&problem, &SavingsConfig::default());
        // `.sol` files list jobs only: every job at its first-choice place.
        prop_assume!(solution.routes().iter().flat_map(|r| &r.stops).all(|s| s.place == 0));
        let text = SolFile::from_solution(&problem, &solution).to_text(&problem);
        let file = SolFile::parse(&text).unwrap();
        let reread = file.to_solution(&problem).unwrap();
        prop_assert_eq!(reread.cost().distance, solution.cost().distance);
        let stated = problem.from_instance_units(file.cost.unwrap());
        prop_assert_eq!(stated, solution.cost().distance.get());
        let jobs = |s: &lastmile::Solution| s.routes().iter().map(|r| r.jobs().collect::<Vec<_>>()).collect::<Vec<_>>();
        prop_assert_eq!(jobs(&reread), jobs(&solution));
    }

    #[test]
    fn generated_instances_are_served_completely(seed in 0u64..1000, layout in 0usize..3, wide: bool) {
        let layout = [Layout::Random, Layout::Clustered, Layout::Mixed][layout];
        let config = GeneratorConfig { wide, ..GeneratorConfig::new(layout, 40, seed) };
        let problem = generate(&config).to_problem(Rounding::Dimacs).unwrap();
        let solution = savings(&problem, &SavingsConfig::default());
        prop_assert!(solution.unassigned().is_empty());
        prop_assert!(check(&problem, &solution).is_feasible());
    }
}

#[test]
fn shipped_default_instance_is_the_generators_output() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/LM-RC1-100-s1.txt");
    let shipped = std::fs::read_to_string(path).unwrap();
    let config = GeneratorConfig::new(Layout::Mixed, 100, 1);
    assert_eq!(shipped, generate(&config).to_text());
    let problem = parse_instance(&shipped, None).unwrap();
    let solution = savings(&problem, &SavingsConfig::default());
    assert!(solution.unassigned().is_empty());
    assert!(check(&problem, &solution).is_feasible());
}

#[test]
fn job_needing_more_than_any_capacity_is_reported() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let site = b.add_location(5.0, 0.0);
    b.add_job(JobSpec::at(site).demand(&[11]));
    b.add_job(JobSpec::at(site).demand(&[3]).time_window(0.0, 2.0));
    b.add_job(JobSpec::at(site).demand(&[3]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
    let problem = b.build().unwrap();
    let solution = savings(&problem, &SavingsConfig::default());
    let reasons: Vec<_> = solution
        .unassigned()
        .iter()
        .map(|u| (u.job.0, u.reason))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (0, UnassignedReason::DemandExceedsCapacity),
            (1, UnassignedReason::TimeWindowUnreachable)
        ]
    );
    assert_eq!(solution.routes().len(), 1);
}

#[test]
fn fleet_limit_is_met_by_dissolving_routes() {
    // Four jobs in four directions; savings would like 2+ routes, but one
    // vehicle with room for all must serve them in a single route.
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    for (x, y) in [(10.0, 0.0), (0.0, 10.0), (-10.0, 0.0), (0.0, -10.0)] {
        let site = b.add_location(x, y);
        b.add_job(JobSpec::at(site).demand(&[1]));
    }
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
    let problem = b.build().unwrap();
    let solution = savings(&problem, &SavingsConfig::default());
    assert!(solution.unassigned().is_empty());
    assert_eq!(solution.routes().len(), 1);
    assert!(check(&problem, &solution).is_feasible());
}
