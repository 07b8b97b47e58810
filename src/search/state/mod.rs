//! The solution being improved: cached routes, where every job is and the
//! place it is served at. Its other concerns live in submodules: the undo
//! journal, fleet use (route cap, spare routes), snapshots and objective
//! accounting.

mod accounting;
mod fleet;
mod journal;
mod snapshot;

pub use snapshot::Snapshot;

use super::route::SearchRoute;
use crate::eval::{CostModel, Penalties};
use crate::problem::{JobId, Problem};
use crate::solution::{Route, Solution, Unassigned};
use fleet::FleetUse;
use journal::Journal;

/// Where a job is: route index and position (1-based; 0 is the depot).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Route index.
    pub route: usize,
    /// Position in the route (1 = first job).
    pub position: usize,
}

/// Routes under search with O(1) lookups.
#[derive(Clone, Debug)]
pub struct SearchState<'p> {
    problem: &'p Problem,
    /// How routes are costed; its penalty weights change with
    /// [`set_penalties`](Self::set_penalties), the rest is fixed.
    model: CostModel,
    routes: Vec<SearchRoute>,
    positions: Vec<Option<Position>>,
    /// The place every job is served at (see [`crate::Job::place`]).
    places: Vec<usize>,
    unassigned: Vec<Unassigned>,
    route_cap: Option<usize>,
    journal: Journal,
    fleet: FleetUse,
    /// Routes changed by committed changes since the last
    /// [`save_snapshot`](Self::save_snapshot) (flags by route index, and
    /// the list of flagged routes).
    changed: Vec<bool>,
    changed_list: Vec<usize>,
}

impl<'p> SearchState<'p> {
    /// The state of `solution`, costed by `model`; its unassigned jobs stay
    /// unassigned.
    pub fn new(problem: &'p Problem, solution: &Solution, model: CostModel) -> SearchState<'p> {
        let mut places = vec![0; problem.num_jobs()];
        for stop in solution.routes().iter().flat_map(|r| &r.stops) {
            places[stop.job.0] = stop.place;
        }
        let routes = solution
            .routes()
            .iter()
            .map(|r| SearchRoute::new(problem, r.vehicle_type, r.jobs().collect(), &model, &places))
            .collect();
        let mut state = SearchState {
            problem,
            model,
            routes,
            positions: vec![None; problem.num_jobs()],
            places,
            unassigned: solution.unassigned().to_vec(),
            route_cap: None,
            journal: Journal::default(),
            fleet: FleetUse::new(problem.vehicle_types().len()),
            changed: Vec::new(),
            changed_list: Vec::new(),
        };
        for route in 0..state.routes.len() {
            state.index_positions(route);
            state.count_route(route);
        }
        state.ensure_spare_routes();
        state
    }

    /// The problem.
    pub fn problem(&self) -> &'p Problem {
        self.problem
    }

    /// The current penalty weights.
    #[inline]
    pub fn penalties(&self) -> &Penalties {
        &self.model.penalties
    }

    /// The cost model (route costing, omission unit and current weights).
    pub fn cost_model(&self) -> &CostModel {
        &self.model
    }

    /// Changes the penalty weights and recosts every route (O(routes): the
    /// routes' caches do not depend on the weights). How routes are costed
    /// (the objective) stays that of the state.
    pub fn set_penalties(&mut self, penalties: Penalties) {
        debug_assert!(
            !self.journal.active,
            "penalties change inside a tentative change"
        );
        self.model.penalties = penalties;
        for route in &mut self.routes {
            route.recost(&penalties);
        }
    }

    /// All routes, including empty spares.
    pub fn routes(&self) -> &[SearchRoute] {
        &self.routes
    }

    /// One route.
    pub fn route(&self, index: usize) -> &SearchRoute {
        &self.routes[index]
    }

    /// Where `job` is, or `None` when it is unassigned.
    #[inline]
    pub fn position(&self, job: JobId) -> Option<Position> {
        self.positions[job.0]
    }

    /// The place `job` is (or was last) served at.
    #[inline]
    pub fn place(&self, job: JobId) -> usize {
        self.places[job.0]
    }

    /// Number of jobs in routes. O(1) outside a ruin and recreate.
    pub fn routed_count(&self) -> usize {
        self.problem.num_jobs() - self.unassigned.len()
    }

    /// Removes `job` from its route (caches are refreshed by the caller with
    /// [`refresh`](Self::refresh)); returns the route it was in.
    pub(crate) fn take_out(&mut self, job: JobId) -> Option<usize> {
        let position = self.positions[job.0]?;
        self.touch(position.route);
        let jobs = self.routes[position.route].jobs_mut();
        let index = jobs
            .iter()
            .position(|&j| j == job)
            .expect("job is where its position says");
        jobs.remove(index);
        self.positions[job.0] = None;
        Some(position.route)
    }

    /// Takes every job the search may still serve
    /// ([`UnassignedReason::is_servable`]) off the unassigned list (to be
    /// inserted again or marked unassigned again).
    ///
    /// [`UnassignedReason::is_servable`]: crate::UnassignedReason::is_servable
    pub(crate) fn take_unassigned(&mut self) -> Vec<JobId> {
        let mut taken = Vec::new();
        self.unassigned.retain(|u| {
            let servable = u.reason.is_servable();
            if servable {
                taken.push(u.job);
            }
            !servable
        });
        taken
    }

    /// The unassigned jobs.
    pub fn unassigned(&self) -> &[Unassigned] {
        &self.unassigned
    }

    /// Records `job` (not in any route) as unassigned.
    pub(crate) fn mark_unassigned(
        &mut self,
        job: JobId,
        reason: crate::solution::UnassignedReason,
    ) {
        debug_assert!(self.positions[job.0].is_none());
        self.unassigned.push(Unassigned { job, reason });
    }

    /// Takes `job` off the unassigned list when it is there for a reason
    /// the search may overcome ([`UnassignedReason::is_servable`]); true
    /// when it was taken (to be inserted or marked unassigned again).
    ///
    /// [`UnassignedReason::is_servable`]: crate::UnassignedReason::is_servable
    pub(crate) fn take_unassigned_job(&mut self, job: JobId) -> bool {
        match self
            .unassigned
            .iter()
            .position(|u| u.job == job && u.reason.is_servable())
        {
            Some(index) => {
                self.unassigned.swap_remove(index);
                true
            }
            None => false,
        }
    }

    /// Inserts `job`, served at `place`, after `position` of `route` and
    /// refreshes that route.
    pub(crate) fn insert(&mut self, job: JobId, place: usize, route: usize, position: usize) {
        if self.places[job.0] != place {
            if self.journal.active {
                self.journal.places.push((job, self.places[job.0]));
            }
            self.places[job.0] = place;
        }
        self.touch(route);
        self.routes[route].jobs_mut().insert(position, job);
        self.refresh(&[route]);
    }

    /// Mutable jobs of `route`; call [`refresh`](Self::refresh) afterwards.
    pub(crate) fn jobs_mut(&mut self, route: usize) -> &mut Vec<JobId> {
        self.touch(route);
        self.routes[route].jobs_mut()
    }

    /// Refreshes caches and positions of the given routes, and keeps a
    /// spare empty route for every type with vehicles left.
    pub(crate) fn refresh(&mut self, routes: &[usize]) {
        for &route in routes {
            self.routes[route].update(self.problem, &self.model.penalties, &self.places);
            self.index_positions(route);
            self.count_route(route);
        }
        self.ensure_spare_routes();
    }

    fn index_positions(&mut self, route: usize) {
        for (i, &job) in self.routes[route].jobs().iter().enumerate() {
            self.positions[job.0] = Some(Position {
                route,
                position: i + 1,
            });
        }
    }

    /// Debug check: every job is in exactly one route or unassigned.
    pub(crate) fn debug_assert_complete(&self, after: &str) {
        if cfg!(debug_assertions) {
            let mut seen = vec![0usize; self.problem.num_jobs()];
            for route in &self.routes {
                for job in route.jobs() {
                    seen[job.0] += 1;
                }
            }
            for u in &self.unassigned {
                seen[u.job.0] += 1;
            }
            assert!(
                seen.iter().all(|&c| c == 1),
                "after {after}: job counts {seen:?}"
            );
        }
    }

    /// The current routes as a [`Solution`] (empty routes dropped).
    pub fn to_solution(&self) -> Solution {
        let routes = self
            .routes
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| Route {
                vehicle_type: r.vehicle_type(),
                jobs: r.jobs().to_vec(),
                places: r.jobs().iter().map(|j| self.places[j.0]).collect(),
                reloads: Vec::new(),
            })
            .collect();
        Solution::new(self.problem, routes, self.unassigned.clone())
            .expect("search routes use valid jobs and types")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GeneratorConfig, Layout};
    use crate::search::recreate::{recreate, RecreateConfig};
    use crate::search::ruin::{ruin, RuinConfig};
    use crate::search::Neighbours;
    use crate::{savings, Rounding, SavingsConfig};
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn snapshot(state: &SearchState<'_>) -> (Vec<Vec<JobId>>, Vec<Option<Position>>, usize, i64) {
        (
            state.routes().iter().map(|r| r.jobs().to_vec()).collect(),
            state.positions.clone(),
            state.unassigned_count(),
            state.cost(),
        )
    }

    #[test]
    fn rollback_restores_and_commit_keeps_tentative_changes() {
        let config = GeneratorConfig::new(Layout::Mixed, 60, 3);
        let problem = generate(&config).to_problem(Rounding::Dimacs).unwrap();
        let start = savings(&problem, &SavingsConfig::default());
        let nearest = Neighbours::new(&problem, 20);
        let mut state = SearchState::new(&problem, &start, CostModel::for_problem(&problem));
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut kept = Snapshot::default();
        state.save_snapshot(&mut kept);
        let mut saved = state.to_solution();
        for round in 0..300 {
            let before = snapshot(&state);
            let mut copy = state.clone();
            state.begin();
            let removed = ruin(
                &mut state,
                nearest.lists(),
                &RuinConfig::default(),
                &mut rng,
            );
            recreate(
                &mut state,
                removed,
                nearest.lists(),
                &RecreateConfig::default(),
                &mut rng,
            );
            let changed = snapshot(&state);
            if round % 2 == 0 {
                state.rollback();
                assert_eq!(snapshot(&state), before, "round {round}");
            } else {
                state.commit();
                assert_eq!(snapshot(&state), changed, "round {round}");
                // The same jobs in fresh routes cost the same as the caches say.
                copy = SearchState::new(&problem, &state.to_solution(), *state.cost_model());
                assert_eq!(copy.cost(), state.cost(), "round {round}");
            }
            drop(copy);
            state.debug_assert_complete("journal test");
            // The counters agree with a count from scratch.
            let used = state.routes().iter().filter(|r| !r.is_empty()).count();
            assert_eq!(state.used_routes(), used, "round {round}");
            let mut firsts = Vec::new();
            let mut seen = Vec::new();
            for (index, route) in state.routes().iter().enumerate() {
                if route.is_empty() && !seen.contains(&route.vehicle_type()) {
                    seen.push(route.vehicle_type());
                    firsts.push(index);
                }
            }
            assert_eq!(state.empty_routes().collect::<Vec<_>>(), firsts);
            // A snapshot holds the plan of its last save, whatever changed
            // (and was committed or rolled back) since.
            assert_eq!(kept.to_solution(&problem), saved, "round {round}");
            if round % 7 == 3 {
                state.save_snapshot(&mut kept);
                saved = state.to_solution();
            }
        }
    }
}
