//! The solution being improved: cached routes, where every job is, and a
//! spare empty route per vehicle type that still has vehicles left.

use super::route::{Penalties, Piece, SearchRoute};
use crate::problem::{JobId, Problem, VehicleTypeId};
use crate::solution::{Route, Solution, Unassigned};

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
    unassigned: Vec<Unassigned>,
    route_cap: Option<usize>,
}

impl<'p> SearchState<'p> {
    /// The state of `solution`; its unassigned jobs stay unassigned.
    pub fn new(problem: &'p Problem, solution: &Solution, penalties: Penalties) -> SearchState<'p> {
        let routes = solution
            .routes()
            .iter()
            .map(|r| SearchRoute::new(problem, r.vehicle_type, r.jobs().collect(), &penalties))
            .collect();
        let mut state = SearchState {
            problem,
            penalties,
            routes,
            positions: vec![None; problem.num_jobs()],
            unassigned: solution.unassigned().to_vec(),
            route_cap: None,
        };
        for route in 0..state.routes.len() {
            state.index_positions(route);
        }
        state.ensure_spare_routes();
        state
    }

    /// The problem.
    pub fn problem(&self) -> &'p Problem {
        self.problem
    }

    /// The penalty weights.
    pub fn penalties(&self) -> &Penalties {
        &self.penalties
    }

    /// Changes the penalty weights and recosts every route.
    pub fn set_penalties(&mut self, penalties: Penalties) {
        self.penalties = penalties;
        for route in &mut self.routes {
            route.update(self.problem, &penalties);
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

    /// The route indices of empty routes, one per vehicle type at most.
    pub fn empty_routes(&self) -> impl Iterator<Item = usize> + '_ {
        let mut seen = Vec::new();
        (0..self.routes.len()).filter(move |&r| {
            let t = self.routes[r].vehicle_type();
            if self.routes[r].is_empty() && !seen.contains(&t) {
                seen.push(t);
                true
            } else {
                false
            }
        })
    }

    /// Positions `position..=end` of `route` as the tail of a route driven
    /// by the vehicle of route `target` (whose end depot and shift may
    /// differ). O(1) when both routes share ends, O(length) otherwise.
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
            .between(self.problem, position, source.len(), false)
            .then(self.problem, &end)
    }

    /// Positions `0..=position` of `route` as the head of a route driven by
    /// the vehicle of route `target`. O(1) when both share ends.
    pub fn head_for(&self, route: usize, position: usize, target: usize) -> Piece {
        let source = &self.routes[route];
        if self.same_ends(route, target) {
            return source.before(position);
        }
        let start = self.routes[target].stop(0);
        if position == 0 {
            return start;
        }
        start.then(
            self.problem,
            &source.between(self.problem, 1, position, false),
        )
    }

    fn same_ends(&self, a: usize, b: usize) -> bool {
        let (ta, tb) = (self.routes[a].vehicle_type(), self.routes[b].vehicle_type());
        if ta == tb {
            return true;
        }
        let (va, vb) = (self.problem.vehicle_type(ta), self.problem.vehicle_type(tb));
        va.start_depot == vb.start_depot && va.end_depot == vb.end_depot && va.shift == vb.shift
    }

    /// Removes `job` from its route (caches are refreshed by the caller with
    /// [`refresh`](Self::refresh)); returns the route it was in.
    pub(crate) fn take_out(&mut self, job: JobId) -> Option<usize> {
        let position = self.positions[job.0]?;
        let jobs = self.routes[position.route].jobs_mut();
        let index = jobs
            .iter()
            .position(|&j| j == job)
            .expect("job is where its position says");
        jobs.remove(index);
        self.positions[job.0] = None;
        Some(position.route)
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
        self.route_cap
            .is_some_and(|cap| self.routes.iter().filter(|r| !r.is_empty()).count() >= cap)
    }

    /// Number of jobs left unassigned.
    pub fn unassigned_count(&self) -> usize {
        self.unassigned.len()
    }

    /// Inserts `job` after `position` of `route` and refreshes that route.
    pub(crate) fn insert(&mut self, job: JobId, route: usize, position: usize) {
        self.routes[route].jobs_mut().insert(position, job);
        self.refresh(&[route]);
    }

    /// Mutable jobs of `route`; call [`refresh`](Self::refresh) afterwards.
    pub(crate) fn jobs_mut(&mut self, route: usize) -> &mut Vec<JobId> {
        self.routes[route].jobs_mut()
    }

    /// Refreshes caches and positions of the given routes, and keeps a
    /// spare empty route for every type with vehicles left.
    pub(crate) fn refresh(&mut self, routes: &[usize]) {
        for &route in routes {
            self.routes[route].update(self.problem, &self.penalties);
            self.index_positions(route);
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
            let t = VehicleTypeId(t);
            let of_type = || self.routes.iter().filter(move |r| r.vehicle_type() == t);
            let used = of_type().filter(|r| !r.is_empty()).count();
            let has_spare = of_type().any(|r| r.is_empty());
            if used < vehicle.count && !has_spare {
                self.routes.push(SearchRoute::new(
                    self.problem,
                    t,
                    Vec::new(),
                    &self.penalties,
                ));
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
            })
            .collect();
        Solution::new(self.problem, routes, self.unassigned.clone())
            .expect("search routes use valid jobs and types")
    }
}
