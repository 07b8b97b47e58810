//! The local search: first-improvement descent over granular
//! neighbourhoods with all operators, until no improving move is left.
//!
//! Jobs are visited in a seeded random order. For a job `u` and each of its
//! neighbours `v`, the operators are tried in turn and the best improving move
//! of the first operator that has one is applied. A pair is skipped when
//! neither route changed since `u` was last scanned. In debug builds every
//! applied move's predicted delta is checked against the recomputed cost.

use super::operators::two_opt_star::TwoOptStar;
use super::operators::{Candidate, Move, OPERATORS};
use super::state::SearchState;
use crate::deadline::Deadline;
use crate::eval::Penalties;
use crate::objective::{value, Objective};
use crate::problem::Neighbours;
use crate::problem::{JobId, Problem};
use crate::solution::{Solution, Unassigned, UnassignedReason};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::sync::Arc;

/// Parameters of the local search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalSearchConfig {
    /// Size of each job's granular neighbourhood.
    pub neighbours: usize,
    /// Longest string moved by relocate / exchanged by swap.
    pub max_string: usize,
    /// What the descent minimises (distance by default).
    pub objective: Objective,
    /// Penalty weights for time warp and excess load at the end of the
    /// descent; `None` derives them from the problem and the objective
    /// ([`Objective::cost_model`]).
    pub penalties: Option<Penalties>,
    /// The descent starts with the final time-warp weight divided by this
    /// factor and multiplies it by ten per round until it reaches the final
    /// one, so that it can pass through infeasible solutions. 1 disables it.
    pub time_warp_ramp: i64,
    /// The same for the excess-load weight. Kept small: with a low load
    /// weight the search merges routes into a few giant ones.
    pub load_ramp: i64,
    /// Seed of the visiting order.
    pub seed: u64,
}

impl Default for LocalSearchConfig {
    fn default() -> LocalSearchConfig {
        LocalSearchConfig {
            neighbours: 30,
            max_string: 3,
            objective: Objective::Distance,
            penalties: None,
            time_warp_ramp: 100,
            load_ramp: 10,
            seed: 1,
        }
    }
}

/// What a local search run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LocalSearchStats {
    /// Moves applied.
    pub moves: u64,
    /// Full passes over all jobs.
    pub passes: u64,
    /// Move evaluations (operator calls on a pair).
    pub evaluations: u64,
    /// Moves found improving by their estimated delta but not when their
    /// routes were costed from scratch (only with traffic by hour), and
    /// so not applied.
    pub rejected: u64,
}

/// A reusable local search for one problem (neighbour lists are computed
/// once and shared by its copies).
#[derive(Clone)]
pub struct LocalSearch {
    neighbours: Arc<Neighbours>,
    config: LocalSearchConfig,
    heartbeat: Option<Heartbeat>,
}

/// Called now and then during a descent (see [`LocalSearch::with_heartbeat`]).
pub type Heartbeat = Arc<dyn Fn() + Send + Sync>;

/// Jobs scanned between two heartbeats.
const HEARTBEAT_JOBS: usize = 256;

impl std::fmt::Debug for LocalSearch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalSearch")
            .field("neighbours", &self.neighbours)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl LocalSearch {
    /// Prepares the search for `problem`.
    pub fn new(problem: &Problem, config: LocalSearchConfig) -> LocalSearch {
        LocalSearch {
            neighbours: Arc::new(Neighbours::new(problem, config.neighbours)),
            config,
            heartbeat: None,
        }
    }

    /// The same search, calling `heartbeat` every few hundred jobs scanned
    /// (e.g. to show that a long descent is alive).
    pub fn with_heartbeat(mut self, heartbeat: Heartbeat) -> LocalSearch {
        self.heartbeat = Some(heartbeat);
        self
    }

    /// A search that uses the first `config.neighbours` entries of the
    /// given lists (computed once for several phases).
    pub fn with_neighbours(neighbours: Arc<Neighbours>, config: LocalSearchConfig) -> LocalSearch {
        LocalSearch {
            neighbours,
            config,
            heartbeat: None,
        }
    }

    /// The same search (sharing nothing mutable) with another seed.
    pub fn with_seed(&self, seed: u64) -> LocalSearch {
        LocalSearch {
            neighbours: Arc::clone(&self.neighbours),
            config: LocalSearchConfig {
                seed,
                ..self.config.clone()
            },
            heartbeat: self.heartbeat.clone(),
        }
    }

    /// The granular neighbourhood of `job` used by this search.
    #[inline]
    fn neighbours_of(&self, job: JobId) -> &[JobId] {
        let list = self.neighbours.of(job);
        &list[..self.config.neighbours.min(list.len())]
    }

    /// The configuration.
    pub fn config(&self) -> &LocalSearchConfig {
        &self.config
    }

    /// The neighbour lists.
    pub fn neighbours(&self) -> &Neighbours {
        &self.neighbours
    }

    /// Improves `solution` to a local optimum. Returns the result, or the
    /// input when the input was feasible and the result is not.
    pub fn improve(&self, problem: &Problem, solution: &Solution) -> (Solution, LocalSearchStats) {
        self.improve_until(problem, solution, &Deadline::none())
    }

    /// As [`improve`](Self::improve), stopping early when `deadline` is
    /// reached (checked before every job is scanned). A descent cut short
    /// returns its state when that is feasible and no worse, the input
    /// otherwise.
    pub fn improve_until(
        &self,
        problem: &Problem,
        solution: &Solution,
        deadline: &Deadline,
    ) -> (Solution, LocalSearchStats) {
        let (mut best, mut stats) = self.descend_until(problem, solution, deadline);
        // A vehicle the descent set free takes a job the fleet could not
        // (a plan that serves more is better whatever it drives).
        while !deadline.reached() {
            let Some(more) = serve_on_idle_vehicles(problem, &best) else {
                break;
            };
            let (next, round) = self.descend_until(problem, &more, deadline);
            stats.moves += round.moves + 1;
            stats.passes += round.passes;
            stats.evaluations += round.evaluations;
            best = next;
        }
        (best, stats)
    }

    /// The descent of [`improve_until`](Self::improve_until), without
    /// placing jobs on vehicles it sets free.
    fn descend_until(
        &self,
        problem: &Problem,
        solution: &Solution,
        deadline: &Deadline,
    ) -> (Solution, LocalSearchStats) {
        let model = self.config.objective.cost_model(problem);
        let last = self.config.penalties.unwrap_or(model.penalties);
        let (mut time_warp_factor, mut load_factor) = (
            self.config.time_warp_ramp.max(1),
            self.config.load_ramp.max(1),
        );
        let mut state = SearchState::new(
            problem,
            solution,
            model.with_penalties(last.scaled_down(time_warp_factor, load_factor)),
        );
        let mut stats = LocalSearchStats::default();
        let mut extra_raises = 0;
        loop {
            let round = self.run_until(&mut state, self.config.seed, deadline);
            stats.moves += round.moves;
            stats.passes += round.passes;
            stats.evaluations += round.evaluations;
            if deadline.reached() {
                break;
            }
            // Past the final weights, raise them up to three more times
            // while the state is infeasible.
            let ramped = time_warp_factor == 1 && load_factor == 1;
            if ramped && (state.is_feasible() || extra_raises == 3) {
                break;
            }
            if !ramped {
                time_warp_factor = (time_warp_factor / 10).max(1);
                load_factor = (load_factor / 10).max(1);
                state.set_penalties(last.scaled_down(time_warp_factor, load_factor));
            } else {
                extra_raises += 1;
                let current = *state.penalties();
                state.set_penalties(Penalties {
                    time_warp: current.time_warp * 10,
                    excess_load: current.excess_load * 10,
                    ..current
                });
            }
        }
        let improved = state.to_solution();
        // Never return something worse than the input: the ramp may end in an
        // infeasible state, or a feasible one longer than the input.
        // (Feasible routes: a reason the input states for a job it leaves
        // out is not the descent's concern.)
        let input_feasible = crate::check(problem, solution)
            .violations
            .iter()
            .all(|v| matches!(v, crate::Violation::UnconfirmedReason { .. }));
        let (new, old) = (
            value(problem, &improved, &model),
            value(problem, solution, &model),
        );
        let worse = !state.is_feasible()
            || new > old
            || (new == old && improved.cost().vehicles > solution.cost().vehicles);
        if input_feasible && worse {
            return (solution.clone(), stats);
        }
        (improved, stats)
    }

    /// Local search alternated with route elimination: after each descent,
    /// one route is dissolved into the others if that shortens the plan, and
    /// the descent runs again, until neither helps (or, under the cost
    /// objective, the result is no cheaper). Keeps feasibility.
    pub fn improve_with_route_elimination(
        &self,
        problem: &Problem,
        solution: &Solution,
    ) -> (Solution, LocalSearchStats) {
        self.improve_with_route_elimination_until(problem, solution, &Deadline::none())
    }

    /// As [`improve_with_route_elimination`](Self::improve_with_route_elimination),
    /// stopping when `deadline` is reached with the best plan so far.
    pub fn improve_with_route_elimination_until(
        &self,
        problem: &Problem,
        solution: &Solution,
        deadline: &Deadline,
    ) -> (Solution, LocalSearchStats) {
        let (mut best, mut stats) = self.improve_until(problem, solution, deadline);
        let model = self.config.objective.cost_model(problem);
        loop {
            if deadline.reached() {
                return (best, stats);
            }
            let mut routes = best.to_routes();
            if !crate::construct::eliminate_one_route(problem, &mut routes) {
                return (best, stats);
            }
            let reduced = Solution::new(problem, routes, best.unassigned().to_vec())
                .expect("same jobs and types");
            let (next, more) = self.improve_until(problem, &reduced, deadline);
            stats.moves += more.moves + 1;
            stats.passes += more.passes;
            stats.evaluations += more.evaluations;
            // `improve` never returns worse than `reduced`, which is shorter
            // than `best` (and may serve more, on the vehicle set free):
            // under the distance objective the plan gets strictly better.
            // Under the cost one it may not (time costs): stop.
            // With traffic by hour, route elimination's insertions are
            // estimates: a plan the descent could not make feasible again
            // is not kept.
            let rank = |s: &Solution| self.config.objective.rank_of(problem, s, &model);
            let kept = !problem.joins_are_estimates()
                || SearchState::new(problem, &next, model).is_feasible();
            if !kept || rank(&next) >= rank(&best) {
                // (Lateness, under soft windows, may also grow.)
                debug_assert!(
                    self.config.objective.uses_vehicle_costs()
                        || deadline.reached()
                        || problem.estimates_moves()
                );
                return (best, stats);
            }
            best = next;
        }
    }

    /// Runs the descent on `state` until no improving move is left.
    pub fn run(&self, state: &mut SearchState<'_>, seed: u64) -> LocalSearchStats {
        self.run_until(state, seed, &Deadline::none())
    }

    /// As [`run`](Self::run), stopping when `deadline` is reached (checked
    /// before each job is scanned; the state is consistent at every stop).
    pub fn run_until(
        &self,
        state: &mut SearchState<'_>,
        seed: u64,
        deadline: &Deadline,
    ) -> LocalSearchStats {
        let problem = state.problem();
        let mut order: Vec<JobId> = (0..problem.num_jobs()).map(JobId).collect();
        order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
        let mut stats = LocalSearchStats::default();
        // Stamps: when each route last changed, and when each job was last scanned.
        let mut route_changed: Vec<u64> = vec![0; state.routes().len()];
        let mut scanned: Vec<Option<u64>> = vec![None; problem.num_jobs()];
        let mut clock: u64 = 1;

        loop {
            stats.passes += 1;
            let mut improved = false;
            for (scanned_jobs, &u) in order.iter().enumerate() {
                if deadline.reached() {
                    return stats;
                }
                if let Some(heartbeat) = &self.heartbeat {
                    if scanned_jobs % HEARTBEAT_JOBS == HEARTBEAT_JOBS - 1 {
                        heartbeat();
                    }
                }
                let Some(pu) = state.position(u) else {
                    continue;
                };
                let started = clock;
                let mut route_u = pu.route;
                for &v in self.neighbours_of(u) {
                    let Some(pv) = state.position(v) else {
                        continue;
                    };
                    if let Some(last) = scanned[u.0] {
                        if route_changed[route_u] < last && route_changed[pv.route] < last {
                            continue;
                        }
                    }
                    if let Some(candidate) = self.best_move(state, u, v, &mut stats) {
                        if !self.apply(state, candidate, &mut route_changed, &mut clock, &mut stats)
                        {
                            continue;
                        }
                        improved = true;
                        match state.position(u) {
                            Some(p) => route_u = p.route,
                            None => break,
                        }
                    }
                }
                if let Some(candidate) = self.best_empty_route_move(state, u, &mut stats) {
                    improved |=
                        self.apply(state, candidate, &mut route_changed, &mut clock, &mut stats);
                }
                scanned[u.0] = Some(started.max(clock));
                clock += 1;
            }
            if !improved && !deadline.reached() {
                improved = self.exchange_routes(state, &mut route_changed, &mut clock, &mut stats);
            }
            if !improved {
                return stats;
            }
        }
    }

    /// Evaluates every operator on every job and each of its neighbours
    /// (and the moves into empty routes) without applying anything; returns
    /// how many pairs have an improving move. One full neighbourhood sweep.
    pub fn sweep(&self, state: &SearchState<'_>) -> usize {
        let k = self.config.max_string;
        let mut improving = 0;
        for u in (0..state.problem().num_jobs()).map(JobId) {
            for &v in self.neighbours_of(u) {
                improving += usize::from(Move::any_improving(state, u, v, k));
            }
            let mut stats = LocalSearchStats::default();
            improving += usize::from(self.best_empty_route_move(state, u, &mut stats).is_some());
        }
        improving
    }

    /// The first operator (in a fixed order) with an improving move for the pair.
    fn best_move(
        &self,
        state: &SearchState<'_>,
        u: JobId,
        v: JobId,
        stats: &mut LocalSearchStats,
    ) -> Option<Candidate> {
        stats.evaluations += OPERATORS as u64;
        Move::first_improving(state, u, v, self.config.max_string)
    }

    fn best_empty_route_move(
        &self,
        state: &SearchState<'_>,
        u: JobId,
        stats: &mut LocalSearchStats,
    ) -> Option<Candidate> {
        let mut best: Option<Candidate> = None;
        for empty in state.empty_routes().collect::<Vec<_>>() {
            stats.evaluations += 1;
            if let Some(c) = Move::best_into_empty(state, u, empty, self.config.max_string) {
                if best.is_none_or(|b| c.delta < b.delta) {
                    best = Some(c);
                }
            }
        }
        best
    }

    /// With several vehicle types: for each route with jobs, the best
    /// improving exchange of its jobs with those of a route of another type
    /// (one with jobs, or an empty spare: then the route changes its
    /// vehicle type), as a 2-opt* that keeps no job in place. Applies the
    /// improving ones; returns whether any was applied. O(routes²) moves,
    /// each O(length).
    fn exchange_routes(
        &self,
        state: &mut SearchState<'_>,
        route_changed: &mut Vec<u64>,
        clock: &mut u64,
        stats: &mut LocalSearchStats,
    ) -> bool {
        if state.problem().vehicle_types().len() < 2 {
            return false;
        }
        let mut improved = false;
        for a in 0..state.routes().len() {
            if state.route(a).is_empty() {
                continue;
            }
            let type_a = state.route(a).vehicle_type();
            let others: Vec<usize> = (0..state.routes().len())
                .filter(|&b| !state.route(b).is_empty() && state.route(b).vehicle_type() != type_a)
                .chain(
                    state
                        .empty_routes()
                        .filter(|&b| state.route(b).vehicle_type() != type_a),
                )
                .collect();
            let mut best: Option<Candidate> = None;
            for b in others {
                stats.evaluations += 1;
                let exchange = TwoOptStar {
                    a,
                    keep_a: 0,
                    b,
                    keep_b: 0,
                };
                Candidate::keep_best(&mut best, state, exchange);
            }
            if let Some(candidate) = best {
                improved |= self.apply(state, candidate, route_changed, clock, stats);
            }
        }
        improved
    }

    /// Applies the move; returns false (and changes nothing) when, with
    /// traffic by hour or soft windows, the move's routes costed from
    /// scratch (lateness included) turn out not
    /// to improve (its delta was an estimate).
    fn apply(
        &self,
        state: &mut SearchState<'_>,
        candidate: Candidate,
        route_changed: &mut Vec<u64>,
        clock: &mut u64,
        stats: &mut LocalSearchStats,
    ) -> bool {
        // (With estimated moves, lateness counts too: operators do not see
        // it, so a move is kept only if it does not make it dearer.)
        let estimated = state.problem().estimates_moves();
        let cost = |state: &SearchState<'_>| {
            state.cost() + if estimated { state.lateness_cost() } else { 0 }
        };
        let before = cost(state);
        if estimated {
            state.begin();
            candidate.mv.apply(state);
            if cost(state) >= before {
                state.rollback();
                stats.rejected += 1;
                return false;
            }
            state.commit();
        } else {
            candidate.mv.apply(state);
            debug_assert_eq!(
                state.cost() - before,
                candidate.delta,
                "predicted delta of {:?} differs from the recomputed change",
                candidate.mv
            );
        }
        *clock += 1;
        route_changed.resize(state.routes().len(), 0);
        for route in candidate.mv.routes() {
            route_changed[route] = *clock;
        }
        stats.moves += 1;
        true
    }
}

/// `solution` with the mandatory jobs it leaves out for want of a vehicle
/// placed alone on vehicles no route uses (of a type that can serve them),
/// or `None` when there is no such job or vehicle. (Whether an optional
/// job pays for a route of its own is the search's to weigh.)
fn serve_on_idle_vehicles(problem: &Problem, solution: &Solution) -> Option<Solution> {
    let (exhausted, mut unassigned): (Vec<Unassigned>, Vec<Unassigned>) =
        solution.unassigned().iter().copied().partition(|u| {
            u.reason == UnassignedReason::FleetExhausted && !problem.job(u.job).is_optional()
        });
    if exhausted.is_empty() {
        return None;
    }
    let mut routes = solution.to_routes();
    let still_out = crate::construct::place_on_idle_vehicles(
        problem,
        &mut routes,
        exhausted.iter().map(|u| u.job),
    );
    if still_out.len() == exhausted.len() {
        return None;
    }
    unassigned.extend(still_out.into_iter().map(|job| Unassigned {
        job,
        reason: UnassignedReason::FleetExhausted,
    }));
    Some(Solution::new(problem, routes, unassigned).expect("same jobs and types"))
}
