//! Operators on random small instances: every predicted delta equals the
//! recomputed change of the penalised cost, and after any sequence of moves
//! every job is in exactly one route and the checker agrees with the caches.

mod common;

use common::random::random_problem;
use lastmile::search::operators::shape::{Head, Part, Tail};
use lastmile::search::operators::{relocate, swap, two_opt, two_opt_star, Move, Operator};
use lastmile::search::{CostModel, Penalties, SearchState};
use lastmile::{check, savings, JobId, Problem, SavingsConfig, Violation};
use proptest::prelude::*;

/// A move described by numbers, mapped onto whatever routes the state has.
#[derive(Clone, Debug)]
struct RawMove {
    kind: u8,
    route_a: usize,
    route_b: usize,
    pos_a: usize,
    pos_b: usize,
    len_a: usize,
    len_b: usize,
    reversed: bool,
}

fn raw_move() -> impl Strategy<Value = RawMove> {
    (
        0u8..4,
        0usize..50,
        0usize..50,
        0usize..50,
        0usize..50,
        1usize..4,
        1usize..4,
        any::<bool>(),
    )
        .prop_map(
            |(kind, route_a, route_b, pos_a, pos_b, len_a, len_b, reversed)| RawMove {
                kind,
                route_a,
                route_b,
                pos_a,
                pos_b,
                len_a,
                len_b,
                reversed,
            },
        )
}

fn concrete(state: &SearchState<'_>, raw: &RawMove) -> Move {
    let routes = state.routes().len();
    let (a, b) = (raw.route_a % routes, raw.route_b % routes);
    let (len_a, len_b) = (state.route(a).len(), state.route(b).len());
    let pos_a = raw.pos_a % (len_a + 1);
    let pos_b = raw.pos_b % (len_b + 1);
    match raw.kind {
        0 => Move::Relocate(relocate::Relocate {
            from: a,
            start: pos_a,
            len: raw.len_a,
            reversed: raw.reversed,
            to: b,
            after: pos_b,
        }),
        1 => Move::Swap(swap::Swap {
            a,
            start_a: pos_a,
            len_a: raw.len_a,
            b,
            start_b: pos_b,
            len_b: raw.len_b,
        }),
        2 => Move::TwoOpt(two_opt::TwoOpt {
            route: a,
            from: pos_a,
            to: pos_a + raw.len_b,
        }),
        _ => Move::TwoOptStar(two_opt_star::TwoOptStar {
            a,
            keep_a: pos_a,
            b,
            keep_b: pos_b,
        }),
    }
}

/// The outlines the operators prune with equal the outlines of the pieces
/// they then cost: strings in both directions, and tails moved to every
/// other route.
fn assert_outlines_match(problem: &Problem, state: &SearchState<'_>) {
    for (r, route) in state.routes().iter().enumerate() {
        let last = route.len() + 1;
        for from in 0..=last {
            for to in from..=last {
                for reversed in [false, true] {
                    assert_eq!(
                        route.outline_between(problem, from, to, reversed),
                        route.between(problem, from, to, reversed).outline(),
                        "route {r}, {from}..={to}, reversed {reversed}"
                    );
                }
            }
        }
        for target in 0..state.routes().len() {
            for position in 1..=last {
                let tail = Tail {
                    route: r,
                    first: position,
                };
                assert_eq!(
                    tail.outline(state, target),
                    tail.piece(state, target).outline(),
                    "tail of route {r} from {position} for route {target}"
                );
            }
            for position in 0..last {
                let head = Head {
                    route: r,
                    last: position,
                };
                assert_eq!(
                    head.outline(state, target),
                    head.piece(state, target).outline(),
                    "head of route {r} to {position} for route {target}"
                );
            }
        }
    }
}

/// Every job is at exactly the position the state says, and the state's
/// cost equals that of a state rebuilt from scratch.
fn assert_consistent(problem: &Problem, state: &SearchState<'_>) {
    assert_outlines_match(problem, state);
    let mut seen = vec![0; problem.num_jobs()];
    for (r, route) in state.routes().iter().enumerate() {
        for (i, &job) in route.jobs().iter().enumerate() {
            seen[job.0] += 1;
            let position = state.position(job).expect("routed job has a position");
            assert_eq!((position.route, position.position), (r, i + 1));
        }
    }
    let solution = state.to_solution();
    for unassigned in solution.unassigned() {
        seen[unassigned.job.0] += 1;
    }
    assert!(
        seen.iter().all(|&c| c == 1),
        "jobs not exactly once: {seen:?}"
    );

    let rebuilt = SearchState::new(problem, &solution, *state.cost_model());
    assert_eq!(
        rebuilt.cost(),
        state.cost(),
        "cached cost differs from a fresh one"
    );

    // The checker agrees with the cached route data.
    let report = check(problem, &solution);
    let routes: Vec<_> = state.routes().iter().filter(|r| !r.is_empty()).collect();
    assert_eq!(routes.len(), solution.routes().len());
    for (index, (cached, scheduled)) in routes.iter().zip(solution.routes()).enumerate() {
        assert_eq!(cached.distance(), scheduled.distance);
        let load = cached.load();
        assert_eq!(load.delivery(), scheduled.delivered);
        assert_eq!(load.pickup(), scheduled.picked_up);
        assert_eq!(load.peak(), scheduled.peak_load);
        let violated = report.violations.iter().any(|v| match v {
            Violation::CapacityExceeded { route, .. }
            | Violation::LateService { route, .. }
            | Violation::LateReturn { route, .. }
            | Violation::MissingSkills { route, .. }
            | Violation::WrongVehicle { route, .. }
            | Violation::RouteLimitExceeded { route, .. }
            | Violation::BackhaulOrder { route, .. } => *route == index,
            _ => false,
        });
        assert_eq!(
            violated,
            !cached.is_feasible(),
            "route {index}: checker {:?}",
            report.violations
        );
    }
    assert!(!report.violations.iter().any(|v| matches!(
        v,
        Violation::ScheduleMismatch { .. } | Violation::CostMismatch { .. }
    )));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn predicted_deltas_equal_recomputed_changes(
        problem in random_problem(true),
        moves in prop::collection::vec(raw_move(), 1..2 * common::random::max_jobs() + 15),
        time_warp in 1i64..50,
        excess_load in 1i64..50,
        vehicle_costs in any::<bool>(),
    ) {
        let start = savings(&problem, &SavingsConfig::default());
        let mut state = SearchState::new(&problem, &start, CostModel { penalties: Penalties { time_warp, excess_load, route: 0, missing_skill: 5 * time_warp }, vehicle_costs, omission_unit: 1 });
        for raw in &moves {
            let mv = concrete(&state, raw);
            let Some(delta) = mv.delta(&state) else { continue };
            // The bound prunes only moves that cannot improve, and a move
            // it keeps is costed exactly as without it.
            match mv.delta_pruned(&state) {
                None => prop_assert!(delta >= 0, "{:?} pruned with delta {}", mv, delta),
                Some(pruned) => prop_assert_eq!(pruned, delta, "{:?}", mv),
            }
            let before = state.cost();
            mv.apply(&mut state);
            prop_assert_eq!(state.cost() - before, delta, "{:?}", mv);
            assert_consistent(&problem, &state);
        }
    }

    #[test]
    fn evaluated_candidates_are_exact(
        problem in random_problem(true),
        pairs in prop::collection::vec((0usize..1000, 0usize..1000), 1..2 * common::random::max_jobs() + 15),
        time_warp in 1i64..20,
        vehicle_costs in any::<bool>(),
    ) {
        prop_assume!(problem.num_jobs() >= 2);
        let start = savings(&problem, &SavingsConfig::default());
        let mut state = SearchState::new(&problem, &start, CostModel { penalties: Penalties { time_warp, excess_load: 3 * time_warp, route: 7 * time_warp, missing_skill: 11 * time_warp }, vehicle_costs, omission_unit: 1 });
        for (u, v) in pairs {
            let (u, v) = (JobId(u % problem.num_jobs()), JobId(v % problem.num_jobs()));
            let candidates = [
                relocate::Relocate::best_for_pair(&state, u, v, 3),
                swap::Swap::best_for_pair(&state, u, v, 3),
                two_opt::TwoOpt::best_for_pair(&state, u, v, 3),
                two_opt_star::TwoOptStar::best_for_pair(&state, u, v, 3),
            ];
            if let Some(candidate) = candidates.into_iter().flatten().next() {
                prop_assert!(candidate.delta < 0);
                let before = state.cost();
                candidate.mv.apply(&mut state);
                prop_assert_eq!(state.cost() - before, candidate.delta);
                assert_consistent(&problem, &state);
            }
        }
    }
}
