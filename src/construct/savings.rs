//! Clarke–Wright parallel savings with capacity and time windows.
//!
//! Every job starts on a route of its own. For each ordered pair `(i, j)` the
//! saving of driving `i -> j` instead of `i -> depot` and `depot -> j` is
//! `d(i, depot) + d(depot, j) - shape * d(i, j)`. Savings are taken in
//! decreasing order; the route ending in `i` and the route starting with `j`
//! are joined when the result respects capacity and every time window, which
//! is checked in O(1) with route [`Piece`]s.
//!
//! Jobs are grouped by the first vehicle type (in the order types were added)
//! that can serve them alone; each group is merged separately. If a group ends
//! with more routes than its type has vehicles, merges with non-positive
//! savings are allowed too; then routes are dissolved, fewest jobs first,
//! whenever each of their jobs fits into another route (cheapest feasible
//! insertion). Only when that fails too are the smallest routes' jobs
//! reported unassigned with [`UnassignedReason::FleetExhausted`].
//!
//! Under the VRPB rule ([`Problem::backhauls_last`]) merges keep the rule,
//! so a backhaul that joined no linehaul is left on a route of backhauls
//! only, which breaks it: such routes are dissolved into the others, and a
//! backhaul that fits nowhere is left out (after the idle vehicles took
//! the linehauls their own fleet could not).

use super::insertion::cheapest_insertion;
use super::route_removal::{dissolve, smallest_first};
use super::unservable::{
    is_backhaul, place_on_idle_vehicles, rides_alone, servable_place, unservable_reason,
};
use crate::eval::{exact_route, CostModel, Piece, RouteVehicle};
use crate::problem::Neighbours;
use crate::problem::{JobId, Problem, VehicleTypeId};
use crate::solution::{Route, Solution, Unassigned, UnassignedReason};
use crate::units::Load;

/// Parameters of the savings construction.
#[derive(Clone, Debug, PartialEq)]
pub struct SavingsConfig {
    /// Weight of the joining arc in the saving (Clarke–Wright: 1.0). Values
    /// above 1 favour joining close jobs over far-out ones.
    pub shape: f64,
    /// Consider only pairs `(i, j)` where `j` is among the `k` nearest jobs
    /// of `i`; `None` uses all pairs up to [`SavingsConfig::ALL_PAIRS_LIMIT`]
    /// jobs and the 100 nearest beyond.
    pub neighbours: Option<usize>,
    /// Merge every job this vehicle type can serve alone on its routes
    /// (the others as by default: on the first type that can serve them).
    /// `None`: each job goes with the first type, in the order types were
    /// added. With a mixed fleet the search then moves routes to cheaper
    /// types; merging on the largest type gives it the fewest, fullest
    /// routes to start from.
    pub merge_type: Option<VehicleTypeId>,
}

impl SavingsConfig {
    /// Up to this many jobs, all pairs are considered by default.
    pub const ALL_PAIRS_LIMIT: usize = 2000;
}

impl Default for SavingsConfig {
    fn default() -> SavingsConfig {
        SavingsConfig {
            shape: 1.0,
            neighbours: None,
            merge_type: None,
        }
    }
}

/// Builds a solution with the parallel savings heuristic. Deterministic.
/// Jobs no vehicle can serve are returned as unassigned with their reason.
pub fn savings(problem: &Problem, config: &SavingsConfig) -> Solution {
    savings_from(problem, config, None)
}

/// As [`savings`]; a group of more than [`SavingsConfig::ALL_PAIRS_LIMIT`]
/// jobs (and no `config.neighbours`) takes its candidate pairs from the
/// given granular neighbour lists instead of computing the nearest jobs by
/// distance: O(n k) instead of O(n²).
pub fn savings_with_neighbours(
    problem: &Problem,
    config: &SavingsConfig,
    neighbours: &Neighbours,
) -> Solution {
    savings_from(problem, config, Some(neighbours))
}

fn savings_from(problem: &Problem, config: &SavingsConfig, lists: Option<&Neighbours>) -> Solution {
    let mut unassigned = Vec::new();
    let types = problem.vehicle_types().len();
    let mut groups: Vec<Vec<JobId>> = vec![Vec::new(); types];
    let mut places = vec![0; problem.num_jobs()];
    for job in (0..problem.num_jobs()).map(JobId) {
        if let Some(reason) = unservable_reason(problem, job) {
            unassigned.push(Unassigned { job, reason });
            continue;
        }
        let preferred = config.merge_type.filter(|t| t.0 < types).map(|t| t.0);
        let (vehicle_type, place) = preferred
            .into_iter()
            .chain(0..types)
            .find_map(|t| servable_place(problem, VehicleTypeId(t), job).map(|p| (t, p)))
            .expect("a servable job has a vehicle type that serves it alone");
        groups[vehicle_type].push(job);
        places[job.0] = place;
    }

    let mut routes = Vec::new();
    let mut left_out = Vec::new();
    for (vehicle_type, jobs) in groups.into_iter().enumerate() {
        if jobs.is_empty() {
            continue;
        }
        let mut merger = Merger::new(problem, VehicleTypeId(vehicle_type), &jobs, &places, config);
        if config.neighbours.is_none() && jobs.len() > SavingsConfig::ALL_PAIRS_LIMIT {
            merger.lists = lists;
        }
        let (group_routes, group_left_out) = merger.run();
        routes.extend(group_routes);
        left_out.extend(group_left_out);
    }
    left_out.extend(dissolve_backhauls_only(problem, &mut routes));
    // A job its group's fleet could not take goes alone on an idle vehicle
    // of another type that can serve it; only when there is none is the
    // fleet exhausted for it. A backhaul (which may not go alone) is
    // inserted where it fits once the linehauls have their vehicles.
    let mut still_out = place_on_idle_vehicles(problem, &mut routes, left_out);
    still_out
        .retain(|&job| rides_alone(problem, job) || !insert_cheapest(problem, &mut routes, job));
    for job in still_out {
        unassigned.push(Unassigned {
            job,
            reason: UnassignedReason::FleetExhausted,
        });
    }
    Solution::new(problem, routes, unassigned)
        .expect("savings only uses jobs and types of the problem")
}

/// A partial route during merging; `jobs` are linked through `next`.
#[derive(Clone, Debug)]
struct PartialRoute {
    first: usize,
    last: usize,
    len: usize,
    /// The jobs from the first to the last, as one piece (without depots).
    piece: Piece,
    alive: bool,
}

/// Merging state for the jobs of one vehicle type. Job positions are local
/// indices into `jobs`.
struct Merger<'a> {
    problem: &'a Problem,
    vehicle_type: VehicleTypeId,
    jobs: &'a [JobId],
    /// The place of every job of the problem (by job index).
    places: &'a [usize],
    shape_milli: i64,
    neighbours: Option<usize>,
    /// Granular neighbour lists to take candidate pairs from.
    lists: Option<&'a Neighbours>,
    routes: Vec<PartialRoute>,
    /// Routes still alive.
    alive: usize,
    route_of: Vec<usize>,
    next: Vec<Option<usize>>,
    /// The start and end depot stops of the type's routes.
    depots: (Piece, Piece),
    /// The type's capacity, skills and limits.
    costing: RouteVehicle,
}

impl<'a> Merger<'a> {
    fn new(
        problem: &'a Problem,
        vehicle_type: VehicleTypeId,
        jobs: &'a [JobId],
        places: &'a [usize],
        config: &SavingsConfig,
    ) -> Self {
        let vehicle = problem.vehicle_type(vehicle_type);
        let profile = vehicle.profile as u32;
        let routes: Vec<PartialRoute> = jobs
            .iter()
            .enumerate()
            .map(|(local, &job)| PartialRoute {
                first: local,
                last: local,
                len: 1,
                piece: Piece::visit(problem, job, places[job.0]).in_profile(profile),
                alive: true,
            })
            .collect();
        let neighbours = match config.neighbours {
            Some(k) => Some(k),
            None if jobs.len() > SavingsConfig::ALL_PAIRS_LIMIT => Some(100),
            None => None,
        };
        Merger {
            problem,
            vehicle_type,
            jobs,
            places,
            shape_milli: (config.shape * 1000.0).round() as i64,
            neighbours,
            lists: None,
            alive: routes.len(),
            routes,
            route_of: (0..jobs.len()).collect(),
            next: vec![None; jobs.len()],
            depots: (
                Piece::start_depot(problem, vehicle_type),
                Piece::depot(vehicle.end_depot, vehicle.shift, profile),
            ),
            costing: RouteVehicle::of(problem, vehicle_type, &CostModel::default()),
        }
    }

    fn location(&self, local: usize) -> crate::problem::LocationId {
        let job = self.jobs[local];
        self.problem.job(job).place(self.places[job.0]).location
    }

    /// Savings (scaled by 1000) of all candidate pairs, best first.
    fn candidate_pairs(&self) -> Vec<(i64, u32, u32)> {
        let vehicle = self.problem.vehicle_type(self.vehicle_type);
        let n = self.jobs.len();
        let saving = |i: usize, j: usize| {
            let (li, lj) = (self.location(i), self.location(j));
            1000 * (self.problem.distance(li, vehicle.end_depot)
                + self.problem.distance(vehicle.start_depot, lj))
            .get()
                - self.shape_milli * self.problem.distance(li, lj).get()
        };
        let mut pairs = Vec::new();
        if let Some(lists) = self.lists {
            let mut local_of = vec![u32::MAX; self.problem.num_jobs()];
            for (local, job) in self.jobs.iter().enumerate() {
                local_of[job.0] = local as u32;
            }
            for (i, job) in self.jobs.iter().enumerate() {
                for other in lists.of(*job) {
                    let j = local_of[other.0];
                    if j != u32::MAX {
                        pairs.push((saving(i, j as usize), i as u32, j));
                        pairs.push((saving(j as usize, i), j, i as u32));
                    }
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            return pairs;
        }
        match self.neighbours {
            None => {
                pairs.reserve(n * n.saturating_sub(1));
                for i in 0..n {
                    for j in (0..n).filter(|&j| j != i) {
                        pairs.push((saving(i, j), i as u32, j as u32));
                    }
                }
            }
            Some(k) => {
                let mut order: Vec<usize> = Vec::with_capacity(n);
                for i in 0..n {
                    order.clear();
                    order.extend((0..n).filter(|&j| j != i));
                    let li = self.location(i);
                    let key = |&j: &usize| (self.problem.distance(li, self.location(j)), j);
                    let k = k.min(order.len());
                    if k < order.len() {
                        order.select_nth_unstable_by_key(k, key);
                    }
                    for &j in &order[..k] {
                        pairs.push((saving(i, j), i as u32, j as u32));
                        pairs.push((saving(j, i), j as u32, i as u32));
                    }
                }
                pairs.sort_unstable();
                pairs.dedup();
            }
        }
        pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        pairs
    }

    /// The jobs of `a` followed by those of `b`, if the route they form
    /// is feasible.
    fn joined(&self, a: &PartialRoute, b: &PartialRoute) -> Option<Piece> {
        let inner = a.piece.then(self.problem, &b.piece);
        let (start, end) = &self.depots;
        let full = start.then(self.problem, &inner).then(self.problem, end);
        let feasible = full.is_feasible(&self.costing)
            && (!self.problem.joins_are_estimates()
                || self.driven(a, b).is_feasible(&self.costing));
        feasible.then_some(inner)
    }

    /// The route of `a`'s jobs then `b`'s, start depot to end depot, joined
    /// stop by stop from the start: every arc driven at the hour the route
    /// drives it (joined pieces guess the hour of the arcs inside `b`),
    /// with its breaks (see `exact_route`).
    fn driven(&self, a: &PartialRoute, b: &PartialRoute) -> Piece {
        let (start, end) = &self.depots;
        let stop = |local: usize| {
            let job = self.jobs[local];
            Piece::visit(self.problem, job, self.places[job.0]).in_profile(start.profile)
        };
        // A partial route's jobs, first to last, by their links.
        let jobs_of = |part: &PartialRoute| {
            let last = part.last;
            std::iter::successors(Some(part.first), move |&local| {
                (local != last).then(|| self.next[local]).flatten()
            })
        };
        let stops = std::iter::once(*start)
            .chain(jobs_of(a).chain(jobs_of(b)).map(stop))
            .chain(std::iter::once(*end));
        exact_route(self.problem, self.vehicle_type, stops)
    }

    /// Joins the route ending in `i` with the route starting with `j`, when
    /// both are route ends, distinct, and the result is feasible.
    fn try_merge(&mut self, i: usize, j: usize) -> bool {
        let (ra, rb) = (self.route_of[i], self.route_of[j]);
        if ra == rb || self.routes[ra].last != i || self.routes[rb].first != j {
            return false;
        }
        let Some(piece) = self.joined(&self.routes[ra], &self.routes[rb]) else {
            return false;
        };
        self.next[i] = Some(j);
        let (a, b) = (self.routes[ra].clone(), self.routes[rb].clone());
        // Relabel the shorter route's jobs so that merging stays O(n log n).
        let (keep, drop) = if a.len >= b.len { (ra, rb) } else { (rb, ra) };
        let mut cursor = Some(self.routes[drop].first);
        while let Some(job) = cursor {
            self.route_of[job] = keep;
            cursor = self.next[job];
            if job == self.routes[drop].last {
                break;
            }
        }
        self.routes[keep] = PartialRoute {
            first: a.first,
            last: b.last,
            len: a.len + b.len,
            piece,
            alive: true,
        };
        self.routes[drop].alive = false;
        self.alive -= 1;
        true
    }

    fn alive_routes(&self) -> usize {
        self.alive
    }

    fn run(mut self) -> (Vec<Route>, Vec<JobId>) {
        let pairs = self.candidate_pairs();
        for &(saving, i, j) in &pairs {
            if saving <= 0 {
                break;
            }
            self.try_merge(i as usize, j as usize);
        }
        let available = self.problem.vehicle_type(self.vehicle_type).count;
        if self.alive_routes() > available {
            for &(_, i, j) in &pairs {
                if self.try_merge(i as usize, j as usize) && self.alive_routes() <= available {
                    break;
                }
            }
        }

        let mut routes: Vec<Vec<JobId>> = Vec::new();
        for route in self.routes.iter().filter(|r| r.alive) {
            let mut jobs = Vec::with_capacity(route.len);
            let mut cursor = Some(route.first);
            while let Some(local) = cursor {
                jobs.push(self.jobs[local]);
                cursor = self.next[local];
            }
            routes.push(jobs);
        }
        let mut routes: Vec<Route> = routes
            .into_iter()
            .map(|jobs| Route {
                vehicle_type: self.vehicle_type,
                places: jobs.iter().map(|j| self.places[j.0]).collect(),
                jobs,
                reloads: Vec::new(),
            })
            .collect();
        dissolve_excess_routes(self.problem, &mut routes, available);
        let mut left_out = Vec::new();
        if routes.len() > available {
            // Keep the routes serving the most jobs; report the rest.
            routes.sort_by_key(|route| std::cmp::Reverse(route.jobs.len()));
            for route in routes.drain(available..) {
                left_out.extend(route.jobs);
            }
            left_out.sort();
        }
        (routes, left_out)
    }
}

/// Under the VRPB rule, dissolves every route with a backhaul and no
/// linehaul into the other routes; returns the jobs of those that could
/// not be dissolved (their routes are removed).
fn dissolve_backhauls_only(problem: &Problem, routes: &mut Vec<Route>) -> Vec<JobId> {
    let mut left_out = Vec::new();
    if !problem.backhauls_last() {
        return left_out;
    }
    let breaks_rule = |route: &Route| {
        route.jobs.iter().any(|&j| is_backhaul(problem, j))
            && route
                .jobs
                .iter()
                .all(|&j| problem.job(j).demand == Load::ZERO)
    };
    while let Some(index) = routes.iter().position(breaks_rule) {
        match dissolve(problem, routes, index) {
            Some(rest) => *routes = rest,
            None => left_out.extend(routes.remove(index).jobs),
        }
    }
    left_out
}

/// Inserts `job` (at its first place that fits) at its cheapest feasible
/// position in `routes`; false when it fits nowhere.
fn insert_cheapest(problem: &Problem, routes: &mut [Route], job: JobId) -> bool {
    let found = (0..problem.job(job).num_places())
        .find_map(|place| cheapest_insertion(problem, routes, job, place).map(|i| (i, place)));
    match found {
        Some((insertion, place)) => {
            routes[insertion.route].insert(insertion.position, job, place);
            true
        }
        None => false,
    }
}

/// While there are more routes than `available` vehicles, removes the route
/// with the fewest jobs whose jobs can all be inserted into the others.
fn dissolve_excess_routes(problem: &Problem, routes: &mut Vec<Route>, available: usize) {
    while routes.len() > available {
        let dissolved = smallest_first(routes)
            .into_iter()
            .find_map(|candidate| dissolve(problem, routes, candidate));
        match dissolved {
            Some(rest) => *routes = rest,
            None => return,
        }
    }
}
