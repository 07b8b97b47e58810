//! Local search on random instances: the result passes the checker, serves
//! every job its start serves, is never worse than its start (distance
//! plus lateness costs) when it serves the same jobs, and is
//! deterministic.

mod common;

use common::random::random_problem;
use lastmile::search::{improve_from_savings, LocalSearch, LocalSearchConfig, MultiStartConfig};
use lastmile::{check, savings, Objective, SavingsConfig};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn improved_solutions_are_feasible_and_no_worse(problem in random_problem(true), seed in 0u64..100) {
        let start = savings(&problem, &SavingsConfig::default());
        let search = LocalSearch::new(&problem, LocalSearchConfig { seed, ..LocalSearchConfig::default() });
        let (improved, _) = search.improve_with_route_elimination(&problem, &start);
        let report = check(&problem, &improved);
        prop_assert!(report.is_feasible(), "{:?}", report.violations);
        // It serves every job the start serves (and may serve more: a
        // vehicle set free takes a job the fleet could not); serving the
        // same jobs, it is no worse: distance plus what late jobs cost
        // (soft windows may trade one for the other).
        let out = |s: &lastmile::Solution| s.unassigned().iter().map(|u| u.job).collect::<Vec<_>>();
        prop_assert!(out(&improved).iter().all(|j| out(&start).contains(j)));
        if out(&improved).len() == out(&start).len() {
            let value = |s: &lastmile::Solution| Objective::Distance.value(&problem, s);
            prop_assert!(value(&improved) <= value(&start));
        }
        prop_assert_eq!(&improved, &search.improve_with_route_elimination(&problem, &start).0);
    }

    #[test]
    fn multi_start_is_feasible(problem in random_problem(true)) {
        let (solution, _) = improve_from_savings(&problem, &MultiStartConfig { starts: 3, ..MultiStartConfig::default() });
        prop_assert!(check(&problem, &solution).is_feasible());
    }
}
