//! The solution being improved: cached routes, where every job is, and a
//! spare empty route per vehicle type that still has vehicles left.

use super::route::SearchRoute;
use crate::eval::{Outline, Penalties, Piece};
use crate::problem::{JobId, Problem, VehicleTypeId};
use crate::solution::{Route, Solution, Unassigned};
use std::collections::BTreeSet;

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
    penalties: Penalties,
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

/// Which routes serve jobs, kept up to date route by route so that the
/// route cap and the spare routes cost O(types), not O(routes).
#[derive(Clone, Debug, Default)]
struct FleetUse {
    /// Emptiness of every route as last counted.
    empty: Vec<bool>,
    /// Routes that serve jobs.
    used: usize,
    /// Per vehicle type: routes that serve jobs, and the empty ones.
    used_of_type: Vec<usize>,
    empty_of_type: Vec<BTreeSet<usize>>,
}

impl FleetUse {
    fn new(types: usize) -> FleetUse {
        FleetUse {
            used_of_type: vec![0; types],
            empty_of_type: vec![BTreeSet::new(); types],
            ..FleetUse::default()
        }
    }

    /// Counts route `index` (of type `t`) as it is now.
    fn count(&mut self, index: usize, t: VehicleTypeId, empty: bool) {
        if index == self.empty.len() {
            self.empty.push(empty);
            if empty {
                self.empty_of_type[t.0].insert(index);
            } else {
                self.used += 1;
                self.used_of_type[t.0] += 1;
            }
            return;
        }
        if self.empty[index] == empty {
            return;
        }
        self.empty[index] = empty;
        if empty {
            self.used -= 1;
            self.used_of_type[t.0] -= 1;
            self.empty_of_type[t.0].insert(index);
        } else {
            self.used += 1;
            self.used_of_type[t.0] += 1;
            self.empty_of_type[t.0].remove(&index);
        }
    }

    /// Forgets the last route (of type `t`).
    fn pop(&mut self, t: VehicleTypeId) {
        let index = self.empty.len() - 1;
        if self.empty.pop() == Some(true) {
            self.empty_of_type[t.0].remove(&index);
        } else {
            self.used -= 1;
            self.used_of_type[t.0] -= 1;
        }
    }
}

/// A copy of the routes and unassigned jobs of a [`SearchState`] at some
/// point, updated in time proportional to the routes changed since (see
/// [`SearchState::save_snapshot`]).
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Per route index: vehicle type, jobs and their places.
    routes: Vec<Route>,
    unassigned: Vec<Unassigned>,
}

impl Snapshot {
    /// The saved plan as a [`Solution`] (empty routes dropped).
    pub fn to_solution(&self, problem: &Problem) -> Solution {
        let routes = self
            .routes
            .iter()
            .filter(|r| !r.jobs.is_empty())
            .cloned()
            .collect();
        Solution::new(problem, routes, self.unassigned.clone())
            .expect("search routes use valid jobs and types")
    }
}

/// What a tentative change overwrote, so that it can be undone without
/// copying the whole state (see [`SearchState::begin`]). Route copies are
/// recycled through `pool`: a steady search allocates nothing.
#[derive(Clone, Debug, Default)]
struct Journal {
    active: bool,
    /// (route index, its content before the first change).
    saved: Vec<(usize, SearchRoute)>,
    route_count: usize,
    unassigned: Vec<Unassigned>,
    /// (job, place before the change), in the order of the changes.
    places: Vec<(JobId, usize)>,
    pool: Vec<SearchRoute>,
    /// Scratch: the routes a rollback restored.
    saved_indices: Vec<usize>,
}

impl<'p> SearchState<'p> {
    /// The state of `solution`; its unassigned jobs stay unassigned.
    pub fn new(problem: &'p Problem, solution: &Solution, penalties: Penalties) -> SearchState<'p> {
        let mut places = vec![0; problem.num_jobs()];
        for stop in solution.routes().iter().flat_map(|r| &r.stops) {
            places[stop.job.0] = stop.place;
        }
        let routes = solution
            .routes()
            .iter()
            .map(|r| {
                SearchRoute::new(
                    problem,
                    r.vehicle_type,
                    r.jobs().collect(),
                    &penalties,
                    &places,
                )
            })
            .collect();
        let mut state = SearchState {
            problem,
            penalties,
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

    /// Counts route `index` as it is now (used or empty).
    fn count_route(&mut self, index: usize) {
        let route = &self.routes[index];
        self.fleet
            .count(index, route.vehicle_type(), route.is_empty());
    }

    /// Flags route `index` as changed since the last snapshot.
    fn mark_changed(&mut self, index: usize) {
        if self.changed.len() <= index {
            self.changed.resize(index + 1, false);
        }
        if !self.changed[index] {
            self.changed[index] = true;
            self.changed_list.push(index);
        }
    }

    /// Makes `snapshot` a copy of this state's routes and unassigned jobs.
    /// Only the routes changed by committed changes since the last call
    /// are copied (the first call copies all): this keeps the best plan of
    /// a long search without copying the whole plan at every improvement.
    /// Use one snapshot per state.
    pub fn save_snapshot(&mut self, snapshot: &mut Snapshot) {
        debug_assert!(!self.journal.active, "snapshot inside a tentative change");
        if snapshot.routes.is_empty() {
            self.changed_list.clear();
            self.changed_list.extend(0..self.routes.len());
        }
        snapshot.routes.truncate(self.routes.len());
        for index in self.changed_list.drain(..) {
            if index >= self.routes.len() {
                continue;
            }
            let route = &self.routes[index];
            let places = route.jobs().iter().map(|j| self.places[j.0]);
            if index >= snapshot.routes.len() {
                snapshot.routes.resize(
                    index + 1,
                    Route {
                        vehicle_type: route.vehicle_type(),
                        jobs: Vec::new(),
                        places: Vec::new(),
                    },
                );
            }
            let saved = &mut snapshot.routes[index];
            saved.vehicle_type = route.vehicle_type();
            saved.jobs.clear();
            saved.jobs.extend_from_slice(route.jobs());
            saved.places.clear();
            saved.places.extend(places);
        }
        self.changed.iter_mut().for_each(|c| *c = false);
        snapshot.unassigned.clone_from(&self.unassigned);
    }

    /// The problem.
    pub fn problem(&self) -> &'p Problem {
        self.problem
    }

    /// The penalty weights.
    pub fn penalties(&self) -> &Penalties {
        &self.penalties
    }

    /// Changes the penalty weights and recosts every route. The objective
    /// (`vehicle_costs`) stays that of the state.
    pub fn set_penalties(&mut self, penalties: Penalties) {
        debug_assert!(
            !self.journal.active,
            "penalties change inside a tentative change"
        );
        debug_assert_eq!(
            penalties.vehicle_costs, self.penalties.vehicle_costs,
            "the objective of a state is fixed (routes keep their cost weights)"
        );
        self.penalties = penalties;
        for route in &mut self.routes {
            route.update(self.problem, &penalties, &self.places);
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

    /// Sum of the penalised route costs.
    pub fn cost(&self) -> i64 {
        self.routes.iter().map(|r| r.cost()).sum()
    }

    /// True when every route is feasible.
    pub fn is_feasible(&self) -> bool {
        self.routes.iter().all(|r| r.is_empty() || r.is_feasible())
    }

    /// The route indices of empty routes, one per vehicle type at most
    /// (the first of each type), in index order. O(types).
    pub fn empty_routes(&self) -> impl Iterator<Item = usize> + '_ {
        let mut firsts: Vec<usize> = self
            .fleet
            .empty_of_type
            .iter()
            .filter_map(|set| set.first().copied())
            .collect();
        firsts.sort_unstable();
        firsts.into_iter()
    }

    /// Total distance and vehicle costs (fixed, distance and time costs by
    /// each type's rates, whatever the objective) of the routes. O(routes).
    pub fn distance_and_cost(&self) -> (crate::units::Distance, crate::units::Cost) {
        let mut distance = 0;
        let mut cost = 0;
        for route in self.routes.iter().filter(|r| !r.is_empty()) {
            let whole = route.before(route.len() + 1);
            let weights = self.problem.cost_weights(route.vehicle_type());
            distance += whole.distance.get();
            cost = weights
                .route(whole.distance, whole.time.duration - whole.time.time_warp)
                .saturating_add(cost);
        }
        (crate::units::Distance(distance), crate::units::Cost(cost))
    }

    /// Number of routes that serve jobs. O(1).
    pub fn used_routes(&self) -> usize {
        self.fleet.used
    }

    /// Number of jobs in routes. O(1) outside a ruin and recreate.
    pub fn routed_count(&self) -> usize {
        self.problem.num_jobs() - self.unassigned.len()
    }

    /// Positions `position..=end` of `route` as the tail of a route driven
    /// by the vehicle of route `target` (whose end depot, shift and
    /// travel-time profile may differ). O(1) when both routes share ends
    /// and profile, O(length) otherwise.
    pub fn tail_for(&self, route: usize, position: usize, target: usize) -> Piece {
        let source = &self.routes[route];
        if self.same_ends(route, target) {
            return source.after(position);
        }
        let end = self.routes[target].stop(self.routes[target].len() + 1);
        if position > source.len() {
            return end;
        }
        source
            .between_in(
                self.problem,
                position,
                source.len(),
                false,
                self.routes[target].profile(),
            )
            .then(self.problem, &end)
    }

    /// The outline of [`tail_for`](Self::tail_for): O(1).
    pub fn tail_outline_for(&self, route: usize, position: usize, target: usize) -> Outline {
        let source = &self.routes[route];
        if self.same_ends(route, target) {
            return source.after(position).outline();
        }
        let target = &self.routes[target];
        let end = target.stop(target.len() + 1).outline();
        if position > source.len() {
            return end;
        }
        let inner = source.outline_between(self.problem, position, source.len(), false);
        Outline {
            last: end.last,
            distance: inner.distance + self.problem.distance(inner.last, end.first),
            ..inner
        }
    }

    /// True when routes `a` and `b` begin and end the same way: the same
    /// vehicle type, or depot stops that are equal as pieces (location,
    /// shift, travel profile, and whatever a depot piece comes to hold), so
    /// that a piece of one is costed the same in the other.
    fn same_ends(&self, a: usize, b: usize) -> bool {
        let (ra, rb) = (&self.routes[a], &self.routes[b]);
        ra.vehicle_type() == rb.vehicle_type()
            || (ra.stop(0) == rb.stop(0) && ra.stop(ra.len() + 1) == rb.stop(rb.len() + 1))
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

    /// Starts a tentative change: until [`commit`](Self::commit) or
    /// [`rollback`](Self::rollback), every route is saved before its first
    /// change, so that the change can be undone in time proportional to the
    /// routes it touched.
    pub(crate) fn begin(&mut self) {
        debug_assert!(!self.journal.active, "nested tentative change");
        self.journal.active = true;
        self.journal.route_count = self.routes.len();
        self.journal.unassigned.clone_from(&self.unassigned);
    }

    /// Keeps the tentative change.
    pub(crate) fn commit(&mut self) {
        for i in 0..self.journal.saved.len() {
            let index = self.journal.saved[i].0;
            self.mark_changed(index);
        }
        for index in self.journal.route_count..self.routes.len() {
            self.mark_changed(index);
        }
        let journal = &mut self.journal;
        journal.active = false;
        journal.places.clear();
        journal
            .pool
            .extend(journal.saved.drain(..).map(|(_, route)| route));
    }

    /// Undoes the tentative change: routes, positions and unassigned jobs
    /// are as they were at [`begin`](Self::begin).
    pub(crate) fn rollback(&mut self) {
        let journal = &mut self.journal;
        journal.active = false;
        for (job, place) in journal.places.drain(..).rev() {
            self.places[job.0] = place;
        }
        for (index, _) in &journal.saved {
            for job in self.routes[*index].jobs() {
                self.positions[job.0] = None;
            }
        }
        journal.saved_indices.clear();
        for (index, mut route) in journal.saved.drain(..) {
            journal.saved_indices.push(index);
            std::mem::swap(&mut self.routes[index], &mut route);
            journal.pool.push(route);
            if index < journal.route_count {
                for (i, &job) in self.routes[index].jobs().iter().enumerate() {
                    self.positions[job.0] = Some(Position {
                        route: index,
                        position: i + 1,
                    });
                }
            }
        }
        while self.routes.len() > journal.route_count {
            let route = self.routes.pop().expect("appended route");
            self.fleet.pop(route.vehicle_type());
            journal.pool.push(route);
        }
        std::mem::swap(&mut self.unassigned, &mut journal.unassigned);
        for i in 0..self.journal.saved_indices.len() {
            let index = self.journal.saved_indices[i];
            if index < self.routes.len() {
                self.count_route(index);
            }
        }
        self.journal.saved_indices.clear();
    }

    /// Saves `route` before its first change inside a tentative change.
    fn touch(&mut self, route: usize) {
        let journal = &mut self.journal;
        if !journal.active || journal.saved.iter().any(|(i, _)| *i == route) {
            return;
        }
        let copy = match journal.pool.pop() {
            Some(mut copy) => {
                copy.clone_from(&self.routes[route]);
                copy
            }
            None => self.routes[route].clone(),
        };
        journal.saved.push((route, copy));
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

    /// Caps the number of routes with jobs (on top of the fleet): at the
    /// cap no empty route is offered for insertion.
    pub fn set_route_cap(&mut self, cap: Option<usize>) {
        self.route_cap = cap;
        self.ensure_spare_routes();
    }

    /// True when no further route may be opened.
    pub fn at_route_cap(&self) -> bool {
        self.route_cap.is_some_and(|cap| self.fleet.used >= cap)
    }

    /// Number of jobs left unassigned.
    pub fn unassigned_count(&self) -> usize {
        self.unassigned.len()
    }

    /// Number of mandatory (not optional) jobs left unassigned.
    pub fn mandatory_unassigned_count(&self) -> usize {
        crate::solution::mandatory_unassigned(self.problem, &self.unassigned)
    }

    /// The penalties of the optional jobs left unassigned, in cost units.
    pub fn omitted_cost(&self) -> i64 {
        crate::objective::omitted_cost(self.problem, &self.unassigned, &self.penalties)
    }

    /// The penalised cost plus the penalties of optional jobs left out:
    /// what the annealing minimises.
    pub fn total_cost(&self) -> i64 {
        self.cost() + self.omitted_cost()
    }

    /// The cost without penalties of the routes plus the penalties of
    /// optional jobs left out: the objective value of a feasible state.
    pub fn objective_value(&self) -> i64 {
        self.routes.iter().map(|r| r.base_cost()).sum::<i64>() + self.omitted_cost()
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

    /// The place `job` is (or was last) served at.
    #[inline]
    pub fn place(&self, job: JobId) -> usize {
        self.places[job.0]
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
            self.routes[route].update(self.problem, &self.penalties, &self.places);
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

    fn ensure_spare_routes(&mut self) {
        if self.at_route_cap() {
            return;
        }
        for (t, vehicle) in self.problem.vehicle_types().iter().enumerate() {
            let used = self.fleet.used_of_type[t];
            let has_spare = !self.fleet.empty_of_type[t].is_empty();
            if used < vehicle.count && !has_spare {
                self.routes.push(SearchRoute::new(
                    self.problem,
                    VehicleTypeId(t),
                    Vec::new(),
                    &self.penalties,
                    &self.places,
                ));
                self.count_route(self.routes.len() - 1);
            }
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
        let mut state = SearchState::new(&problem, &start, Penalties::for_problem(&problem));
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
                copy = SearchState::new(&problem, &state.to_solution(), *state.penalties());
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
