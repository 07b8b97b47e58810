//! Recreate: greedy insertion with blinks (SISR).
//!
//! Removed jobs are sorted (randomly, by demand, by distance from the depot
//! far first or near first) and inserted one by one at the position with the
//! least increase of the penalised cost; each position is skipped with a
//! small probability (a "blink"), which diversifies the search. A position is
//! costed in O(1) from the route's cached pieces.

use super::route::{joined_cost, Piece};
use super::state::SearchState;
use crate::problem::JobId;
use crate::solution::UnassignedReason;
use rand::seq::SliceRandom;
use rand::{Rng, RngExt};

/// Parameters of the insertion.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecreateConfig {
    /// Probability of skipping a position (SISR's β, default 0.01).
    pub blink_rate: f64,
}

impl Default for RecreateConfig {
    fn default() -> RecreateConfig {
        RecreateConfig { blink_rate: 0.01 }
    }
}

/// Inserts every job of `jobs` into `state`. A job whose every position
/// blinked is placed without blinks; one that has no route at all to go to
/// is recorded as unassigned ([`UnassignedReason::FleetExhausted`]).
pub fn recreate(
    state: &mut SearchState<'_>,
    mut jobs: Vec<JobId>,
    config: &RecreateConfig,
    rng: &mut impl Rng,
) {
    order(state, &mut jobs, rng);
    let no_blinks = RecreateConfig { blink_rate: 0.0 };
    for job in jobs {
        let position = best_position(state, job, config, rng)
            .or_else(|| best_position(state, job, &no_blinks, rng));
        match position {
            Some((route, after)) => state.insert(job, route, after),
            None => state.mark_unassigned(job, UnassignedReason::FleetExhausted),
        }
    }
}

/// SISR's orders with weights 4 (random), 4 (demand), 2 (far), 1 (close).
fn order(state: &SearchState<'_>, jobs: &mut [JobId], rng: &mut impl Rng) {
    let problem = state.problem();
    let depot = problem.vehicle_types()[0].start_depot;
    let far = |j: &JobId| problem.distance(depot, problem.job(*j).location);
    jobs.shuffle(rng);
    match rng.random_range(0..11) {
        0..=3 => {}
        4..=7 => jobs.sort_by_key(|j| {
            std::cmp::Reverse(problem.job(*j).demand.as_array().iter().sum::<i64>())
        }),
        8..=9 => jobs.sort_by_key(|j| std::cmp::Reverse(far(j))),
        _ => jobs.sort_by_key(far),
    }
}

/// The cheapest non-blinked position (route, insert after) for `job`.
fn best_position(
    state: &SearchState<'_>,
    job: JobId,
    config: &RecreateConfig,
    rng: &mut impl Rng,
) -> Option<(usize, usize)> {
    let problem = state.problem();
    let piece = Piece::job(problem, job);
    let mut best: Option<(i64, usize, usize)> = None;
    let mut tried_empty = Vec::new();
    let at_cap = state.at_route_cap();
    for (index, route) in state.routes().iter().enumerate() {
        if route.is_empty() {
            // One empty route per vehicle type is enough, and none at the cap.
            if at_cap || tried_empty.contains(&route.vehicle_type()) {
                continue;
            }
            tried_empty.push(route.vehicle_type());
        }
        for after in 0..=route.len() {
            if config.blink_rate > 0.0 && rng.random_bool(config.blink_rate) {
                continue;
            }
            let cost = joined_cost(
                problem,
                route.capacity(),
                state.penalties(),
                &[route.before(after), piece, route.after(after + 1)],
            ) - route.cost();
            if best.is_none_or(|(b, _, _)| cost < b) {
                best = Some((cost, index, after));
            }
        }
    }
    best.map(|(_, route, after)| (route, after))
}
