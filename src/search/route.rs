//! A route inside the search, with cached prefix and suffix data for every
//! position so that any route assembled from 2–4 pieces of existing routes is
//! costed in O(1) (plus O(k) for explicitly listed strings of k jobs).
//!
//! Positions include the depots: 0 is the start depot, `len + 1` the end depot.

use super::load_segment::LoadSegment;
use super::segment::TimeWindowSegment;
use crate::problem::{CostWeights, JobId, LocationId, Problem, Skills, VehicleTypeId};
use crate::units::{Distance, Duration, Load, MAX_ROUTE_COST};

/// Weights of the penalties for infeasibility, in cost units per internal unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Penalties {
    /// Per unit of time warp (lateness).
    pub time_warp: i64,
    /// Per unit of load above capacity (summed over dimensions).
    pub excess_load: i64,
    /// Fixed cost of every route that serves a job (0 by default; the
    /// vehicles-first objective sets it above any plan's total distance).
    pub route: i64,
    /// Per skill a route's jobs need and its vehicle lacks: far above any
    /// plan's cost, so that such a route is never kept.
    pub missing_skill: i64,
    /// Cost routes with their vehicle type's fixed, distance and time costs
    /// (the cost objective); otherwise by distance alone.
    pub vehicle_costs: bool,
    /// Internal cost units per objective unit, to convert the penalties of
    /// optional jobs: the problem's scale under the distance objective,
    /// [`COST_SCALE`](crate::problem::COST_SCALE) under the cost objective.
    pub omission_unit: i64,
}

/// The most a unit of excess load may weigh per unit of distance (when
/// demands are tiny against distances): enough to make overloading dearer
/// than any detour of a real plan, small enough that the product with the
/// largest excess stays far from overflow.
const MAX_LOAD_WEIGHT: i64 = 1 << 24;

/// Weight of a missing skill: above any plan's cost (i32 arcs times up to
/// 30,000 stops stay far below), far below overflow.
const MISSING_SKILL: i64 = 1 << 50;

impl Default for Penalties {
    fn default() -> Penalties {
        Penalties {
            time_warp: 100,
            excess_load: 1000,
            route: 0,
            missing_skill: MISSING_SKILL,
            vehicle_costs: false,
            omission_unit: 1,
        }
    }
}

impl Penalties {
    /// Weights scaled to `problem`: a unit of time warp costs 100 units of
    /// distance, and a unit of excess load costs 100 times the mean distance
    /// from the depot per unit of mean demand, so that overloading a route
    /// by one typical job costs far more than any saving from doing so.
    pub fn for_problem(problem: &Problem) -> Penalties {
        Penalties::for_objective(problem, false)
    }

    /// As [`for_problem`](Self::for_problem), for the cost objective when
    /// `vehicle_costs` is set: the penalty weights are then multiplied by
    /// the largest cost per unit of distance and time of any vehicle type,
    /// so that lateness and overload stay far dearer than driving.
    pub fn for_objective(problem: &Problem, vehicle_costs: bool) -> Penalties {
        let (unit, omission_unit) = if vehicle_costs {
            let unit = (0..problem.vehicle_types().len())
                .map(|t| {
                    let w = problem.cost_weights(VehicleTypeId(t));
                    w.per_distance + w.per_time
                })
                .max()
                .unwrap_or(1)
                .max(1);
            (unit, crate::problem::COST_SCALE)
        } else {
            (1, problem.scale())
        };
        let jobs = problem.jobs();
        if jobs.is_empty() {
            return Penalties {
                vehicle_costs,
                omission_unit,
                ..Penalties::default()
            };
        }
        let depot = problem.vehicle_types()[0].start_depot;
        let distance: f64 = jobs
            .iter()
            .map(|j| problem.distance(depot, j.location).get() as f64)
            .sum();
        let demand: f64 = jobs.iter().map(|j| j.total_amount() as f64).sum();
        let per_unit = if demand > 0.0 {
            (distance / demand).ceil() as i64
        } else {
            1
        };
        Penalties {
            time_warp: unit.saturating_mul(100),
            excess_load: per_unit
                .clamp(1, MAX_LOAD_WEIGHT)
                .saturating_mul(100)
                .saturating_mul(unit),
            route: 0,
            missing_skill: MISSING_SKILL,
            vehicle_costs,
            omission_unit,
        }
    }

    /// The cost of leaving out `penalty`'s job, in internal cost units.
    #[inline]
    pub fn omission(&self, penalty: f64) -> i64 {
        ((penalty * self.omission_unit as f64).round() as i64).min(MAX_ROUTE_COST)
    }

    /// Both weights divided (at least 1) by the given factors.
    pub fn scaled_down(&self, time_warp: i64, excess_load: i64) -> Penalties {
        Penalties {
            time_warp: (self.time_warp / time_warp.max(1)).max(1),
            excess_load: (self.excess_load / excess_load.max(1)).max(1),
            ..*self
        }
    }
}

/// Summary of a sequence of consecutive stops: everything needed to cost the
/// sequence and to join it with another in O(1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Time-window data.
    pub time: TimeWindowSegment,
    /// Distance driven inside the piece.
    pub distance: Distance,
    /// Deliveries, pickups and peak load of the jobs in the piece.
    pub load: LoadSegment,
    /// Location of the first stop (as `u32` to keep pieces small; see
    /// [`first_location`](Self::first_location)).
    first: u32,
    /// Location of the last stop.
    last: u32,
    /// Number of jobs (depots count zero).
    pub jobs: u32,
    /// Travel-time profile of the arcs inside the piece and of the arc to
    /// the piece joined after it (see [`Problem::travel_time_in`]): the
    /// profile of the route it belongs to.
    pub profile: u32,
    /// Skills the jobs in the piece need.
    pub skills: Skills,
}

impl Piece {
    /// A single job served at its first-choice place.
    pub fn job(problem: &Problem, job: JobId) -> Piece {
        Piece::visit(problem, job, 0)
    }

    /// A single job served at `place` (see [`Job::place`](crate::Job::place)).
    #[inline]
    pub fn visit(problem: &Problem, job: JobId, place: usize) -> Piece {
        let data = problem.job(job);
        let at = data.place(place);
        Piece {
            time: TimeWindowSegment::visit(at.time_window, data.service),
            distance: Distance::ZERO,
            load: LoadSegment::visit(data.demand, data.pickup),
            first: at.location.0 as u32,
            last: at.location.0 as u32,
            jobs: 1,
            profile: 0,
            skills: data.skills,
        }
    }

    /// Location of the first stop.
    #[inline(always)]
    pub fn first_location(&self) -> LocationId {
        LocationId(self.first as usize)
    }

    /// Location of the last stop.
    #[inline(always)]
    pub fn last_location(&self) -> LocationId {
        LocationId(self.last as usize)
    }

    /// `self` followed by `next`, joined by the arc between them (driven in
    /// `self`'s travel-time profile).
    #[inline(always)]
    pub fn then(&self, problem: &Problem, next: &Piece) -> Piece {
        let (from, to) = (self.last_location(), next.first_location());
        let travel = problem.travel_time_in(self.profile as usize, from, to);
        Piece {
            time: self.time.then(travel, &next.time),
            distance: self.distance + problem.distance(from, to) + next.distance,
            load: self.load.then(&next.load),
            first: self.first,
            last: next.last,
            jobs: self.jobs + next.jobs,
            profile: self.profile,
            skills: self.skills.union(next.skills),
        }
    }

    /// True when the piece, as a complete route for `vehicle`, is neither
    /// late nor overloaded, needs no skill the vehicle lacks and stays within
    /// its distance and duration limits.
    #[inline]
    pub fn is_feasible(&self, vehicle: &RouteVehicle) -> bool {
        self.time.time_warp == Duration::ZERO
            && self.load.fits_in(&vehicle.capacity)
            && vehicle.skills.covers(self.skills)
            && self.limit_excess(vehicle) == 0
    }

    /// How far the piece, as a complete route, exceeds the vehicle's
    /// maximum distance plus how far it exceeds its maximum duration (time
    /// warp not counted as time spent).
    #[inline]
    fn limit_excess(&self, vehicle: &RouteVehicle) -> i64 {
        let duration = (self.time.duration - self.time.time_warp).get();
        self.distance
            .get()
            .saturating_sub(vehicle.max_distance)
            .max(0)
            + duration.saturating_sub(vehicle.max_duration).max(0)
    }

    /// The cost of a complete route with jobs summarised by this piece,
    /// without penalties: its distance, or under the cost objective its
    /// vehicle's fixed cost plus its distance and duration costs.
    #[inline]
    pub fn base_cost(&self, vehicle: &RouteVehicle) -> i64 {
        let duration = self.time.duration - self.time.time_warp;
        vehicle.weights.route(self.distance, duration)
    }

    /// The penalised cost of a complete route (depot to depot) summarised by
    /// this piece, for `vehicle`; zero when it serves no job (the vehicle
    /// stays unused).
    #[inline(always)]
    pub fn route_cost(&self, vehicle: &RouteVehicle, penalties: &Penalties) -> i64 {
        if self.jobs == 0 {
            return 0;
        }
        // In 128 bits and capped at MAX_ROUTE_COST: with absurd weights or
        // violations the route is merely as bad as a route can be, and
        // sums of route costs cannot overflow.
        let wide = |weight: i64, amount: i64| i128::from(weight) * i128::from(amount);
        let violation = self.time.time_warp.get() + self.limit_excess(vehicle);
        let missing_skills = i64::from(self.skills.missing_from(vehicle.skills).count());
        let total = i128::from(self.base_cost(vehicle))
            + i128::from(penalties.route)
            + wide(penalties.time_warp, violation)
            + wide(
                penalties.excess_load,
                self.load.excess_over(&vehicle.capacity),
            )
            + wide(penalties.missing_skill, missing_skills);
        total.min(i128::from(MAX_ROUTE_COST)) as i64
    }
}

/// What the pruning bound of a move needs from a piece: its end locations,
/// the distance driven inside it, and how many jobs it serves. For strings
/// of jobs it is much cheaper to get than the piece (no time-window work).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outline {
    /// Location of the first stop.
    pub first: LocationId,
    /// Location of the last stop.
    pub last: LocationId,
    /// Distance driven inside.
    pub distance: Distance,
    /// Number of jobs.
    pub jobs: u32,
}

impl Piece {
    /// The piece's outline.
    #[inline(always)]
    pub fn outline(&self) -> Outline {
        Outline {
            first: self.first_location(),
            last: self.last_location(),
            distance: self.distance,
            jobs: self.jobs,
        }
    }
}

/// What a route's vehicle brings to its costing: capacity, skills, route
/// limits and cost weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteVehicle {
    /// Capacity per dimension.
    pub capacity: Load,
    /// Skills provided.
    pub skills: Skills,
    /// Longest route distance (`i64::MAX`: none).
    pub max_distance: i64,
    /// Longest route duration (`i64::MAX`: none).
    pub max_duration: i64,
    /// Cost weights ([`CostWeights::DISTANCE`] under the distance
    /// objective).
    pub weights: CostWeights,
}

impl RouteVehicle {
    /// The costing data of vehicle type `id` under `penalties`' objective.
    pub fn of(problem: &Problem, id: VehicleTypeId, penalties: &Penalties) -> RouteVehicle {
        let vehicle = problem.vehicle_type(id);
        RouteVehicle {
            weights: if penalties.vehicle_costs {
                problem.cost_weights(id)
            } else {
                CostWeights::DISTANCE
            },
            capacity: vehicle.capacity,
            skills: vehicle.skills,
            max_distance: vehicle.max_distance.map_or(i64::MAX, |d| d.get()),
            max_duration: vehicle.max_duration.map_or(i64::MAX, |d| d.get()),
        }
    }
}

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
    cost: i64,
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
            cost: self.cost,
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
        self.cost = source.cost;
    }
}

impl SearchRoute {
    /// A route of `vehicle_type` serving `jobs` in order, each at its place
    /// in `places` (indexed by job).
    pub fn new(
        problem: &Problem,
        vehicle_type: VehicleTypeId,
        jobs: Vec<JobId>,
        penalties: &Penalties,
        places: &[usize],
    ) -> Self {
        let mut route = SearchRoute {
            vehicle_type,
            vehicle: RouteVehicle::of(problem, vehicle_type, penalties),
            jobs,
            stops: Vec::new(),
            prefix: Vec::new(),
            suffix: Vec::new(),
            cost: 0,
        };
        route.update(problem, penalties, places);
        route
    }

    /// Recomputes every cache after `jobs` changed, each job served at its
    /// place in `places` (indexed by job). O(length).
    pub fn update(&mut self, problem: &Problem, penalties: &Penalties, places: &[usize]) {
        let vehicle = problem.vehicle_type(self.vehicle_type);
        let profile = vehicle.profile as u32;
        let depot = |location: LocationId| Piece {
            time: TimeWindowSegment::visit(vehicle.shift, Duration::ZERO),
            distance: Distance::ZERO,
            load: LoadSegment::EMPTY,
            first: location.0 as u32,
            last: location.0 as u32,
            jobs: 0,
            profile,
            skills: Skills::NONE,
        };
        self.stops.clear();
        self.stops.push(depot(vehicle.start_depot));
        self.stops.extend(self.jobs.iter().map(|&j| Piece {
            profile,
            ..Piece::visit(problem, j, places[j.0])
        }));
        self.stops.push(depot(vehicle.end_depot));

        let n = self.stops.len();
        self.prefix.clear();
        self.prefix.push(self.stops[0]);
        for i in 1..n {
            let next = self.prefix[i - 1].then(problem, &self.stops[i]);
            self.prefix.push(next);
        }
        self.suffix.clear();
        self.suffix.resize(n, self.stops[n - 1]);
        for i in (0..n - 1).rev() {
            self.suffix[i] = self.stops[i].then(problem, &self.suffix[i + 1]);
        }
        self.cost = self.prefix[n - 1].route_cost(&self.vehicle, penalties);
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
            self.prefix[self.stops.len() - 1].base_cost(&self.vehicle)
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
        self.prefix[self.stops.len() - 1].time.time_warp
    }

    /// Deliveries, pickups and peak load of the whole route.
    pub fn load(&self) -> LoadSegment {
        self.prefix[self.stops.len() - 1].load
    }

    /// True when the route breaks no window, shift, capacity or skill.
    pub fn is_feasible(&self) -> bool {
        self.prefix[self.stops.len() - 1].is_feasible(&self.vehicle)
    }

    /// Location of the stop at `position` (a depot at 0 and `len + 1`).
    #[inline]
    pub fn location(&self, position: usize) -> LocationId {
        self.stops[position].first_location()
    }

    /// Distance of the arc from `position` to `position + 1` (read from the
    /// prefix caches).
    #[inline]
    pub fn arc_distance(&self, position: usize) -> Distance {
        self.prefix[position + 1].distance - self.prefix[position].distance
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
        if reversed {
            let start = Piece {
                profile,
                ..self.stops[to]
            };
            (from..to)
                .rev()
                .fold(start, |piece, i| piece.then(problem, &self.stops[i]))
        } else {
            let start = Piece {
                profile,
                ..self.stops[from]
            };
            (from + 1..=to).fold(start, |piece, i| piece.then(problem, &self.stops[i]))
        }
    }

    /// The outline of [`between`](Self::between)`(from, to, reversed)`:
    /// O(1) in order, O(to - from) distance lookups reversed.
    #[inline]
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

/// The penalised cost of the route formed by joining `pieces` in order.
#[inline]
pub fn joined_cost(
    problem: &Problem,
    vehicle: &RouteVehicle,
    penalties: &Penalties,
    pieces: &[Piece],
) -> i64 {
    let mut whole = pieces[0];
    for piece in &pieces[1..] {
        whole = whole.then(problem, piece);
    }
    whole.route_cost(vehicle, penalties)
}
