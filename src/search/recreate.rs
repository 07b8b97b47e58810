//! Recreate: greedy insertion with blinks (SISR).
//!
//! Removed jobs are sorted (randomly, by demand, by distance from the depot
//! far first or near first) and inserted one by one at the position with the
//! least increase of the penalised cost; each position is skipped with a
//! small probability (a "blink"), which diversifies the search. A position is
//! costed in O(1) from the route's cached pieces.

use super::route::SearchRoute;
use super::state::SearchState;
use crate::eval::{exact_route, Piece};
use crate::problem::JobId;
use crate::solution::UnassignedReason;
use crate::units::{Distance, Duration};
use rand::seq::SliceRandom;
use rand::{Rng, RngExt};

/// Routed neighbours whose adjacent positions are costed before the scan.
const SEED_NEIGHBOURS: usize = 3;

/// Plans with at most this many routes are scanned whole (as cheap as
/// collecting the neighbours' routes, and every position stays reachable);
/// larger ones only in the routes of a job's neighbours.
const ALL_ROUTES_UP_TO: usize = 64;

/// Parameters of the insertion.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecreateConfig {
    /// Probability of skipping a position (SISR's β, default 0.01).
    pub blink_rate: f64,
    /// Only positions that keep the route feasible (no lateness, no
    /// overload); a job without one stays unassigned. Off by default: jobs
    /// go to the cheapest penalised position.
    pub feasible_only: bool,
}

impl Default for RecreateConfig {
    fn default() -> RecreateConfig {
        RecreateConfig {
            blink_rate: 0.01,
            feasible_only: false,
        }
    }
}

/// Inserts every job of `jobs` into `state`. `nearest` lists, per job,
/// other jobs nearest first: a job is inserted into a route that serves
/// one of them, or into an empty route; positions next to the nearest are
/// tried first. A job with no such position (every position blinked, or
/// none feasible) is tried in every route without blinks; one that has
/// no route at all to go to (or, with `feasible_only`, no feasible
/// position) is recorded as unassigned ([`UnassignedReason::FleetExhausted`]),
/// and an optional job whose cheapest insertion costs more than its penalty
/// is left out ([`UnassignedReason::NotWorthServing`]).
pub fn recreate(
    state: &mut SearchState<'_>,
    mut jobs: Vec<JobId>,
    nearest: &[Vec<JobId>],
    config: &RecreateConfig,
    rng: &mut impl Rng,
) {
    order(state, &mut jobs, rng);
    let no_blinks = RecreateConfig {
        blink_rate: 0.0,
        ..*config
    };
    for job in jobs {
        let position = best_position(state, job, &nearest[job.0], config, rng)
            .or_else(|| best_position(state, job, &[], &no_blinks, rng));
        let omission = state
            .problem()
            .job(job)
            .penalty
            .map(|p| state.cost_model().omission(p));
        match position {
            Some(best) if omission.is_some_and(|o| o < best.cost) => {
                state.mark_unassigned(job, UnassignedReason::NotWorthServing)
            }
            Some(best) => state.insert(job, best.place, best.route, best.after),
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
        4..=7 => jobs.sort_by_key(|j| std::cmp::Reverse(problem.job(*j).total_amount())),
        8..=9 => jobs.sort_by_key(|j| std::cmp::Reverse(far(j))),
        _ => jobs.sort_by_key(far),
    }
}

/// The cheapest non-blinked position for `job` over all its places, in
/// the routes that serve a job of `nearest` (and an empty route per vehicle
/// type), or in every route when `nearest` is empty or the plan small.
///
/// A position is skipped without the O(1) costing when its detour alone
/// (the distance added, times the vehicle's cost per distance) already
/// reaches the best cost found: time costs and penalties for
/// lateness and overload never fall when a job is added (on matrices that
/// obey the triangle inequality), so the detour bounds the cost from below.
/// The positions next to the few nearest routed jobs in `nearest` are
/// costed first (without blinks), which makes that bound bite early.
fn best_position(
    state: &SearchState<'_>,
    job: JobId,
    nearest: &[JobId],
    config: &RecreateConfig,
    rng: &mut impl Rng,
) -> Option<Best> {
    let mut best = None;
    for place in 0..state.problem().job(job).num_places() {
        best_at_place(state, job, place, nearest, config, rng, &mut best);
    }
    best
}

/// The cheapest insertion found: added cost, route, insert after, and the
/// job's place.
#[derive(Clone, Copy, Debug)]
struct Best {
    cost: i64,
    route: usize,
    after: usize,
    place: usize,
}

/// Improves `best` with the positions for `job` served at `place` (ties
/// keep the earlier place, the customer's preference).
#[inline(always)]
fn best_at_place(
    state: &SearchState<'_>,
    job: JobId,
    place: usize,
    nearest: &[JobId],
    config: &RecreateConfig,
    rng: &mut impl Rng,
    best: &mut Option<Best>,
) {
    let problem = state.problem();
    let piece = Piece::visit(problem, job, place);
    let location = piece.first_location();
    // With traffic by hour or breaks the suffix is an estimate: when only
    // feasible positions count, the route with the job after `after` is
    // joined stop by stop from the start.
    let exact_feasible = |route: &SearchRoute, after: usize| {
        let stops = (0..=after)
            .map(|i| route.stop(i))
            .chain(std::iter::once(piece))
            .chain((after + 1..=route.len() + 1).map(|i| route.stop(i)));
        exact_route(problem, route.vehicle_type(), stops).is_feasible(route.vehicle())
    };
    // The added cost, or `None` for an infeasible position when only
    // feasible ones count.
    let soft_windows = problem.has_soft_windows();
    //
    // `arcs` are the distances into and out of the job at this position,
    // given when the caller has read them already and they are the travel
    // times too (two matrix reads fewer, in rows the scan does not
    // otherwise touch).
    let cost_at = |route: &SearchRoute, after: usize, arcs: Option<(i64, i64)>| {
        let (head, joined) = match arcs {
            Some((into, out)) => {
                let head = route
                    .before(after)
                    .joined_by(&piece, Duration(into), Distance(into));
                let tail = route.after(after + 1);
                (head, head.joined_by(&tail, Duration(out), Distance(out)))
            }
            _ => {
                let head = route.before(after).then(problem, &piece);
                (head, head.then(problem, &route.after(after + 1)))
            }
        };
        if config.feasible_only
            && !(joined.is_feasible(route.vehicle())
                && (!problem.joins_are_estimates() || exact_feasible(route, after)))
        {
            return None;
        }
        let moved = state
            .cost_model()
            .reassignment(problem, job, route.vehicle_type());
        // Soft windows: what the job itself costs for being late there
        // (how much later the stops after it get is left to the
        // acceptance, which costs the whole route).
        let late = if soft_windows {
            let start = head.time().earliest_end() - piece.time().duration;
            let own = state.cost_model().lateness(problem, job, place, start);
            // The stops after it start later by as much as the next does.
            let next = after + 1;
            let after_it = if next <= route.len() {
                let leave = head.time().earliest_end();
                let to = route.stop(next);
                let arrival = leave
                    + problem.travel_time_at(
                        route.profile() as usize,
                        location,
                        to.first_location(),
                        leave,
                    );
                let later = arrival.max(to.time().earliest_start) - route.service_start(next);
                route.lateness_if_later(next, later)
            } else {
                0
            };
            own + after_it
        } else {
            0
        };
        Some(joined.route_cost(route.vehicle(), state.penalties()) - route.cost() + moved + late)
    };
    let consider = |best: &mut Option<Best>, cost: i64, route: usize, after: usize| {
        if best.is_none_or(|b| cost < b.cost) {
            *best = Some(Best {
                cost,
                route,
                after,
                place,
            });
        }
    };
    let seeds = nearest
        .iter()
        .filter_map(|&other| state.position(other))
        .take(SEED_NEIGHBOURS);
    for seed in seeds {
        let route = state.route(seed.route);
        for after in [seed.position - 1, seed.position] {
            if let Some(cost) = cost_at(route, after, None) {
                consider(best, cost, seed.route, after);
            }
        }
    }
    let mut until_blink = positions_until_blink(config.blink_rate, rng);
    // With symmetric distances the arc into `location` from the next stop
    // is the arc out of it to that stop: one lookup per position.
    let symmetric = problem.has_symmetric_distances();
    let mut scan = |best: &mut Option<Best>, index: usize, route: &SearchRoute| {
        let mut carried: Option<i64> = None;
        let per_distance = route.vehicle().weights.per_distance;
        let arcs_are_times = problem.times_are_distances(route.profile() as usize);
        let arcs = route.locations_and_arcs();
        for (after, pair) in arcs.windows(2).enumerate() {
            if until_blink == 0 {
                until_blink = positions_until_blink(config.blink_rate, rng);
                carried = None;
                continue;
            }
            until_blink -= 1;
            let ((previous, arc), (next, _)) = (pair[0], pair[1]);
            let into = carried
                .take()
                .unwrap_or_else(|| problem.distance(previous, location).get());
            let out = problem.distance(location, next).get();
            if symmetric {
                carried = Some(out);
            }
            let detour = per_distance * (into + out - arc.get());
            if best.is_some_and(|b| detour >= b.cost) {
                continue;
            }
            if let Some(cost) = cost_at(route, after, arcs_are_times.then_some((into, out))) {
                consider(best, cost, index, after);
            }
        }
    };
    if nearest.is_empty() || state.routes().len() <= ALL_ROUTES_UP_TO {
        // Every route, and one empty route per vehicle type (none at the cap).
        let mut tried_empty = Vec::new();
        let at_cap = state.at_route_cap();
        for (index, route) in state.routes().iter().enumerate() {
            if route.is_empty() {
                if at_cap || tried_empty.contains(&route.vehicle_type()) {
                    continue;
                }
                tried_empty.push(route.vehicle_type());
            }
            scan(best, index, route);
        }
        return;
    }
    // The routes that serve the job's neighbours, and one empty route per
    // vehicle type (none at the cap), in index order: O(neighbours)
    // routes whatever the size of the plan.
    let mut candidates: Vec<usize> = nearest
        .iter()
        .filter_map(|&other| state.position(other).map(|p| p.route))
        .collect();
    if !state.at_route_cap() {
        candidates.extend(state.empty_routes());
    }
    candidates.sort_unstable();
    candidates.dedup();
    for index in candidates {
        scan(best, index, state.route(index));
    }
}

/// How many positions are tried before the next blink: geometric with
/// success probability `rate`, so that one random draw serves ~1/rate
/// positions instead of one draw per position.
fn positions_until_blink(rate: f64, rng: &mut impl Rng) -> u64 {
    if rate <= 0.0 {
        return u64::MAX;
    }
    if rate >= 1.0 {
        return 0;
    }
    let u: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let skip = u.ln() / (1.0 - rate).ln();
    if skip >= u64::MAX as f64 {
        u64::MAX
    } else {
        skip as u64
    }
}
