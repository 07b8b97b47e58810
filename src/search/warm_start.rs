//! A feasible start from a plan the user already has (yesterday's routes,
//! the plan a day in progress is driving): its routes, cut where they break
//! a rule, with the jobs it lacks inserted.

use super::recreate::{recreate, RecreateConfig};
use super::state::SearchState;
use crate::construct::unservable_reason;
use crate::eval::{exact_route, CostModel, Piece, RouteVehicle};
use crate::problem::{JobId, Problem};
use crate::solution::{Route, Solution, Unassigned, UnassignedReason};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// A feasible plan as close to `routes` as the rules allow: each route
/// keeps, in order, every job that it can still serve after the ones kept
/// before it (through the evaluation layer: windows, capacity, skills,
/// bindings and route limits); the jobs dropped, and every job `routes`
/// does not serve, are inserted at their cheapest feasible positions
/// (nearest-first with `nearest`); a job that fits nowhere is left out
/// with its reason. Routes of a type beyond its vehicle count, and jobs
/// unknown to `problem` or served twice, are dropped first.
pub fn warm_start(
    problem: &Problem,
    routes: &[Route],
    nearest: &[Vec<JobId>],
    model: CostModel,
    seed: u64,
) -> Solution {
    let mut routed = vec![false; problem.num_jobs()];
    let mut used = vec![0usize; problem.vehicle_types().len()];
    let mut kept = Vec::with_capacity(routes.len());
    for route in routes {
        let Some(vehicle) = problem.vehicle_types().get(route.vehicle_type.0) else {
            continue;
        };
        if used[route.vehicle_type.0] >= vehicle.count {
            continue;
        }
        used[route.vehicle_type.0] += 1;
        let costing = RouteVehicle::of(problem, route.vehicle_type, &model);
        let profile = vehicle.profile as u32;
        let end = Piece::depot(vehicle.end_depot, vehicle.shift, profile);
        let start = Piece::start_depot(problem, route.vehicle_type);
        let mut prefix = start;
        let mut cut = Route::new(route.vehicle_type, Vec::new());
        for (index, &job) in route.jobs.iter().enumerate() {
            let place = route.place(index);
            let known = job.0 < problem.num_jobs() && place < problem.job(job).num_places();
            if !known || routed[job.0] {
                continue;
            }
            let visit = Piece::visit(problem, job, place);
            // (The exact route: joined stop by stop, with traffic by hour
            // or breaks; see `exact_route`.)
            let feasible = if problem.joins_are_estimates() {
                let kept_stops = cut
                    .jobs
                    .iter()
                    .enumerate()
                    .map(|(i, &j)| Piece::visit(problem, j, cut.place(i)));
                let stops = std::iter::once(start).chain(kept_stops).chain([visit, end]);
                exact_route(problem, route.vehicle_type, stops).is_feasible(&costing)
            } else {
                prefix
                    .then(problem, &visit.in_profile(profile))
                    .then(problem, &end)
                    .is_feasible(&costing)
            };
            if feasible {
                prefix = prefix.then(problem, &visit.in_profile(profile));
                cut.insert(cut.jobs.len(), job, place);
                routed[job.0] = true;
            }
        }
        kept.push(cut);
    }

    // Out for good with the reason, or out for now (servable).
    let unassigned: Vec<Unassigned> = (0..problem.num_jobs())
        .map(JobId)
        .filter(|j| !routed[j.0])
        .map(|job| Unassigned {
            job,
            reason: unservable_reason(problem, job).unwrap_or(UnassignedReason::FleetExhausted),
        })
        .collect();
    let start = Solution::new(problem, kept, unassigned)
        .expect("routes of known types with known jobs, each once");
    let mut state = SearchState::new(problem, &start, model);
    let to_insert = state.take_unassigned();
    if to_insert.is_empty() {
        return start;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let config = RecreateConfig {
        blink_rate: 0.0,
        feasible_only: true,
    };
    recreate(&mut state, to_insert, nearest, &config, &mut rng);
    state.to_solution()
}
