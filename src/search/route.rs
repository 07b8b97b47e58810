//! A route inside the search, with cached prefix and suffix data for every
//! position so that any route assembled from 2–4 pieces of existing routes is
//! costed in O(1) (plus O(k) for explicitly listed strings of k jobs).
//!
//! Positions include the depots: 0 is the start depot, `len + 1` the end depot.

use crate::eval::LoadSegment;
use crate::eval::{lateness_in, reassignment_in, route_with_breaks_joined, PlacedBreak};
use crate::eval::{CostModel, Outline, Penalties, Piece, RouteVehicle};
use crate::problem::{JobId, LocationId, Problem, VehicleTypeId};
use crate::solution::{Route, RouteSchedule};
use crate::units::{Distance, Duration, Load};

/// A route with its caches.
#[derive(Debug)]
pub struct SearchRoute {
    vehicle_type: VehicleTypeId,
    vehicle: RouteVehicle,
    jobs: Vec<JobId>,
    /// Per position (depots included): the stop's own piece.
    stops: Vec<Piece>,
    /// `prefix[i]`: positions `0..=i`.
    prefix: Vec<Piece>,
    /// `suffix[i]`: positions `i..=len + 1`.
    suffix: Vec<Piece>,
    /// Per position: the stop's location and the distance of the arc to
    /// the next stop (0 at the end depot), packed for insertion scans.
    arcs: Vec<(LocationId, Distance)>,
    /// The whole route as driven: the last prefix, its duration the
    /// schedule's when travel times depend on the hour (see `update`),
    /// and with the vehicle's breaks.
    whole: Piece,
    cost: i64,
    /// The unit of the objective's job penalties (see
    /// [`CostModel::omission`]).
    omission_unit: i64,
    /// What its jobs cost for not being on their preferred vehicle type.
    reassigned: i64,
    /// What its jobs cost for being served after their windows (soft
    /// windows, [`Job::lateness`](crate::Job::lateness)).
    late: i64,
    /// Per position (soft windows only; empty otherwise): what a later
    /// service start there costs the stops from there on, as (cost per
    /// time unit of the soft-window stops from there on, how much later
    /// it may start before the first of them is late); see
    /// [`lateness_if_later`](Self::lateness_if_later).
    late_after: Vec<(f64, Duration)>,
    /// Scratch for `scheduled_lateness` (not copied with the route): per
    /// job, its service start from the start of the shift and the waiting
    /// up to it.
    early: Vec<(Duration, Duration)>,
}

impl Clone for SearchRoute {
    fn clone(&self) -> SearchRoute {
        SearchRoute {
            vehicle_type: self.vehicle_type,
            vehicle: self.vehicle,
            jobs: self.jobs.clone(),
            stops: self.stops.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            arcs: self.arcs.clone(),
            whole: self.whole,
            cost: self.cost,
            omission_unit: self.omission_unit,
            reassigned: self.reassigned,
            late: self.late,
            late_after: self.late_after.clone(),
            early: Vec::new(),
        }
    }

    /// Reuses `self`'s buffers (the search recycles route copies).
    fn clone_from(&mut self, source: &SearchRoute) {
        self.vehicle_type = source.vehicle_type;
        self.vehicle = source.vehicle;
        self.jobs.clone_from(&source.jobs);
        self.stops.clone_from(&source.stops);
        self.prefix.clone_from(&source.prefix);
        self.suffix.clone_from(&source.suffix);
        self.arcs.clone_from(&source.arcs);
        self.whole = source.whole;
        self.cost = source.cost;
        self.omission_unit = source.omission_unit;
        self.reassigned = source.reassigned;
        self.late = source.late;
        self.late_after.clone_from(&source.late_after);
    }
}

impl SearchRoute {
    /// A route of `vehicle_type` serving `jobs` in order, each at its place
    /// in `places` (indexed by job), costed by `model`.
    pub fn new(
        problem: &Problem,
        vehicle_type: VehicleTypeId,
        jobs: Vec<JobId>,
        model: &CostModel,
        places: &[usize],
    ) -> Self {
        let mut route = SearchRoute {
            vehicle_type,
            vehicle: RouteVehicle::of(problem, vehicle_type, model),
            jobs,
            stops: Vec::new(),
            prefix: Vec::new(),
            suffix: Vec::new(),
            arcs: Vec::new(),
            whole: Piece::depot(LocationId(0), crate::problem::TimeWindow::UNBOUNDED, 0),
            cost: 0,
            omission_unit: model.omission_unit,
            reassigned: 0,
            late: 0,
            late_after: Vec::new(),
            early: Vec::new(),
        };
        route.update(problem, &model.penalties, places);
        route
    }

    /// Recomputes every cache after `jobs` changed, each job served at its
    /// place in `places` (indexed by job). O(length).
    pub fn update(&mut self, problem: &Problem, penalties: &Penalties, places: &[usize]) {
        let vehicle = problem.vehicle_type(self.vehicle_type);
        let profile = vehicle.profile as u32;
        let depot = |location: LocationId| Piece::depot(location, vehicle.shift, profile);
        self.stops.clear();
        self.stops
            .push(Piece::start_depot(problem, self.vehicle_type));
        self.stops.extend(
            self.jobs
                .iter()
                .map(|&j| Piece::visit(problem, j, places[j.0]).in_profile(profile)),
        );
        self.stops.push(depot(vehicle.end_depot));
        if problem.has_traffic() && problem.has_trips() {
            // The route leaves once its jobs are released: its arcs are
            // driven at the hours that gives (see `Piece::start_of_route`).
            let release = self.stops.iter().map(Piece::release).max();
            self.stops[0] = Piece::start_of_route(
                problem,
                self.vehicle_type,
                release.unwrap_or(Duration::ZERO),
            );
        }

        let n = self.stops.len();
        self.prefix.clear();
        self.prefix.push(self.stops[0]);
        for i in 1..n {
            let next = self.prefix[i - 1].then(problem, &self.stops[i]);
            self.prefix.push(next);
        }
        self.suffix.clear();
        self.suffix.resize(n, self.stops[n - 1]);
        // Each arc of a suffix is driven when the route as it is drives it
        // (what the prefixes say), not at the earliest end of its first
        // stop alone: the same under static travel times, closer to the
        // truth with traffic by hour.
        for i in (0..n - 1).rev() {
            let leaving = self.prefix[i].time().earliest_end();
            self.suffix[i] = self.stops[i].then_leaving(problem, &self.suffix[i + 1], leaving);
        }
        self.arcs.clear();
        self.arcs.extend((0..n).map(|i| {
            let arc = if i + 1 < n {
                self.prefix[i + 1].distance - self.prefix[i].distance
            } else {
                Distance(0)
            };
            (self.stops[i].first_location(), arc)
        }));
        let mut breaks = Vec::new();
        self.whole = if vehicle.breaks.is_empty() {
            self.prefix[n - 1].as_driven(
                problem,
                &self.stops[0],
                self.stops.get(1).filter(|_| n > 2),
            )
        } else {
            let placed =
                route_with_breaks_joined(problem, self.vehicle_type, &self.stops, &self.prefix);
            breaks = placed.breaks;
            placed.route
        };
        self.recost(penalties);
        self.late = if problem.has_soft_windows() {
            let late = self.scheduled_lateness(problem, places);
            if vehicle.breaks.is_empty() {
                late
            } else {
                // (Breaks move the services: the schedule times them.)
                self.lateness_with_breaks(problem, places, &breaks)
            }
        } else {
            0
        };
        self.reassigned = if problem.has_preferences() {
            self.jobs
                .iter()
                .map(|&job| reassignment_in(problem, job, self.vehicle_type, self.omission_unit))
                .sum()
        } else {
            0
        };
    }

    /// Re-costs the route under new penalty weights: only the cost depends
    /// on them, the caches do not. O(1).
    pub(crate) fn recost(&mut self, penalties: &Penalties) {
        self.cost = self.whole.route_cost(&self.vehicle, penalties);
    }

    /// What the jobs cost for lateness when the route runs on the schedule
    /// `RouteSchedule::compute` gives it: service as early as possible
    /// from the start of the shift (the prefixes' times: joined stop by
    /// stop from the start), then, without traffic by hour, the departure
    /// delayed as far as removes waiting without breaking a window, which
    /// moves each stop by the delay less the waiting before it. O(length).
    /// Also fills `late_after` from the early times.
    fn scheduled_lateness(&mut self, problem: &Problem, places: &[usize]) -> i64 {
        let n = self.stops.len();
        let profile = self.profile() as usize;
        let mut starts = std::mem::take(&mut self.early);
        starts.clear();
        let mut waited = Duration::ZERO;
        let mut slack = Duration::UNBOUNDED;
        for i in 1..n - 1 {
            let leave = self.prefix[i - 1].time().earliest_end();
            let (from, to) = (self.location(i - 1), self.location(i));
            let arrival = leave + problem.travel_time_at(profile, from, to, leave);
            let start = self.prefix[i].time().earliest_end() - self.stops[i].time().duration;
            waited += (start - arrival).max(Duration::ZERO);
            slack = slack.min(waited + self.stops[i].time().latest_start - start);
            starts.push((start, waited));
        }
        let back = self.prefix[n - 1].time().earliest_end();
        let shift_end = self.stops[n - 1].time().latest_start;
        slack = slack.min(waited + shift_end - back);
        let delay = if problem.has_traffic() {
            Duration::ZERO
        } else {
            waited.min(slack).max(Duration::ZERO)
        };
        // From the last stop back: the rate of the soft-window stops from
        // position p on, and the least (slack to its due + waiting before
        // it) among them, less the waiting up to p.
        self.late_after.clear();
        self.late_after.resize(n, (0.0, Duration::UNBOUNDED));
        let (mut rate, mut reach) = (0.0, Duration::UNBOUNDED);
        for p in (1..n - 1).rev() {
            let (start, waited) = starts[p - 1];
            let job = self.jobs[p - 1];
            let data = problem.job(job);
            if let Some(lateness) = data.lateness {
                rate += lateness.cost * self.omission_unit as f64 / problem.scale() as f64;
                let slack = (data.due(places[job.0]) - start).max(Duration::ZERO);
                reach = reach.min(slack + waited);
            }
            self.late_after[p] = (rate, reach - waited);
        }
        let late = starts
            .iter()
            .zip(&self.jobs)
            .map(|(&(start, waited), &job)| {
                let start = start + (delay - waited).max(Duration::ZERO);
                lateness_in(problem, job, places[job.0], start, self.omission_unit)
            })
            .sum();
        self.early = starts;
        late
    }

    /// What the jobs cost for lateness on the schedule
    /// `RouteSchedule::compute` gives the route, breaks included. O(length).
    fn lateness_with_breaks(
        &self,
        problem: &Problem,
        places: &[usize],
        breaks: &[PlacedBreak],
    ) -> i64 {
        let route = Route {
            vehicle_type: self.vehicle_type,
            jobs: self.jobs.clone(),
            places: self.jobs.iter().map(|j| places[j.0]).collect(),
            reloads: Vec::new(),
        };
        RouteSchedule::compute_with(problem, &route, breaks)
            .stops
            .iter()
            .map(|s| lateness_in(problem, s.job, s.place, s.service_start, self.omission_unit))
            .sum()
    }

    /// An estimate of what starting the service at `position` `later`
    /// than now costs the soft-window stops from there on (internal cost
    /// units; 0 without soft windows): each as late as the delay less its
    /// slack and the waiting before it, the least of these standing for
    /// all (so it errs high).
    #[inline]
    pub fn lateness_if_later(&self, position: usize, later: Duration) -> i64 {
        match self.late_after.get(position) {
            Some(&(rate, reach)) if later > reach => {
                (rate * (later - reach).get() as f64).round() as i64
            }
            _ => 0,
        }
    }

    /// The service start at `position` (a job) as the route is now, from
    /// the start of the shift, service as early as possible.
    #[inline]
    pub fn service_start(&self, position: usize) -> Duration {
        self.prefix[position].time().earliest_end() - self.stops[position].time().duration
    }

    /// What its jobs cost for being served after their windows (see
    /// [`CostModel::lateness`]); kept up to date with the jobs.
    pub fn lateness_cost(&self) -> i64 {
        self.late
    }

    /// The whole route, start depot to end depot, as a piece (its duration
    /// the schedule's; see [`update`](Self::update)).
    pub fn whole(&self) -> Piece {
        self.whole
    }

    /// What its jobs cost for not being on their preferred vehicle type
    /// (see [`CostModel::reassignment`]); kept up to date with the jobs.
    pub fn reassignment_cost(&self) -> i64 {
        self.reassigned
    }

    /// The vehicle type.
    pub fn vehicle_type(&self) -> VehicleTypeId {
        self.vehicle_type
    }

    /// Capacity of the vehicle.
    pub fn capacity(&self) -> &Load {
        &self.vehicle.capacity
    }

    /// Capacity and skills of the vehicle.
    pub fn vehicle(&self) -> &RouteVehicle {
        &self.vehicle
    }

    /// Jobs in order.
    pub fn jobs(&self) -> &[JobId] {
        &self.jobs
    }

    /// Mutable access to the jobs; call [`update`](Self::update) afterwards.
    pub(crate) fn jobs_mut(&mut self) -> &mut Vec<JobId> {
        &mut self.jobs
    }

    /// Number of jobs.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// True when the route serves no job.
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Penalised cost (distance plus penalties), 0 for an empty route.
    pub fn cost(&self) -> i64 {
        self.cost
    }

    /// The cost without penalties (see [`Piece::base_cost`]); 0 for an
    /// empty route.
    pub fn base_cost(&self) -> i64 {
        if self.jobs.is_empty() {
            0
        } else {
            self.whole.base_cost(&self.vehicle)
        }
    }

    /// Distance of the whole route (zero when it serves no job: the
    /// vehicle stays at its depot).
    pub fn distance(&self) -> Distance {
        if self.jobs.is_empty() {
            Distance::ZERO
        } else {
            self.prefix[self.stops.len() - 1].distance
        }
    }

    /// Time warp of the whole route.
    pub fn time_warp(&self) -> Duration {
        self.whole.time().time_warp
    }

    /// Deliveries, pickups and peak load of the whole route.
    pub fn load(&self) -> LoadSegment {
        self.whole.load
    }

    /// True when the route breaks no window, shift, capacity or skill.
    pub fn is_feasible(&self) -> bool {
        self.whole.is_feasible(&self.vehicle)
    }

    /// Location of the stop at `position` (a depot at 0 and `len + 1`).
    #[inline]
    pub fn location(&self, position: usize) -> LocationId {
        self.arcs[position].0
    }

    /// Per position (depots included): the stop's location and the distance
    /// of the arc to the next stop (0 at the end depot), in one compact
    /// slice for scans over every position.
    #[inline]
    pub fn locations_and_arcs(&self) -> &[(LocationId, Distance)] {
        &self.arcs
    }

    /// Distance of the arc from `position` to `position + 1`.
    #[inline]
    pub fn arc_distance(&self, position: usize) -> Distance {
        self.arcs[position].1
    }

    /// Positions `0..=position` (start depot included).
    #[inline]
    pub fn before(&self, position: usize) -> Piece {
        self.prefix[position]
    }

    /// Positions `position..=len + 1` (end depot included).
    #[inline]
    pub fn after(&self, position: usize) -> Piece {
        self.suffix[position]
    }

    /// The stop at `position` (a depot at 0 and `len + 1`).
    #[inline]
    pub fn stop(&self, position: usize) -> Piece {
        self.stops[position]
    }

    /// Positions `from..=to` in order (`from <= to`), or reversed. O(to - from).
    pub fn between(&self, problem: &Problem, from: usize, to: usize, reversed: bool) -> Piece {
        self.between_in(problem, from, to, reversed, self.profile())
    }

    /// As [`between`](Self::between), driven in travel-time profile
    /// `profile` (a string moved to a route of another profile).
    #[inline]
    pub fn between_in(
        &self,
        problem: &Problem,
        from: usize,
        to: usize,
        reversed: bool,
        profile: u32,
    ) -> Piece {
        // Arcs driven when the route as it is serves their first stop (see
        // `update`).
        let leaving = |position: usize| self.prefix[position].time().earliest_end();
        if reversed {
            let start = self.stops[to].in_profile(profile);
            (from..to).rev().fold(start, |piece, i| {
                piece.then_leaving(problem, &self.stops[i], leaving(i + 1))
            })
        } else {
            let start = self.stops[from].in_profile(profile);
            (from + 1..=to).fold(start, |piece, i| {
                piece.then_leaving(problem, &self.stops[i], leaving(i - 1))
            })
        }
    }

    /// The outline of [`between`](Self::between)`(from, to, reversed)`:
    /// O(1) in order, O(to - from) distance lookups reversed.
    #[inline(always)]
    pub fn outline_between(
        &self,
        problem: &Problem,
        from: usize,
        to: usize,
        reversed: bool,
    ) -> Outline {
        let jobs = self.prefix[to].jobs - self.prefix[from].jobs + self.stops[from].jobs;
        let (first, last) = (self.location(from), self.location(to));
        if reversed {
            let distance = (from..to)
                .map(|i| problem.distance(self.location(i + 1), self.location(i)))
                .sum();
            Outline {
                first: last,
                last: first,
                distance,
                jobs,
            }
        } else {
            Outline {
                first,
                last,
                distance: self.prefix[to].distance - self.prefix[from].distance,
                jobs,
            }
        }
    }

    /// The travel-time profile of the route's vehicle.
    #[inline]
    pub fn profile(&self) -> u32 {
        self.stops[0].profile
    }
}
