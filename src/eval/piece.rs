//! The route piece: the summary of a sequence of consecutive stops (time
//! window segment, load segment, distance, skills, end locations) that is
//! joined with another in O(1) and costed as a complete route for a
//! vehicle. Every route constraint lives here (and in the segments it
//! holds), so operators and constructions that cost routes through pieces
//! know nothing of constraints.

use super::cost::{CostModel, Penalties};
use super::load_segment::LoadSegment;
use super::segment::TimeWindowSegment;
use crate::problem::{CostWeights, JobId, LocationId, Problem, Skills, VehicleTypeId};
use crate::units::{Distance, Duration, Load, MAX_ROUTE_COST};

/// Summary of a sequence of consecutive stops: everything needed to cost the
/// sequence and to join it with another in O(1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Time-window data (see [`time`](Self::time)).
    body: TimeWindowSegment,
    /// The latest release time of the jobs in the piece (see
    /// [`Job::release`](crate::Job::release)), as `u32` to keep pieces
    /// small (release times are at most [`MAX_TIME`](crate::units::MAX_TIME)).
    release: u32,
    /// The piece starts where a trip starts: the start depot of a problem
    /// with trips ([`Problem::has_trips`]). Then joining a piece after it
    /// starts it no earlier than the release of that piece's jobs.
    starts_trip: bool,
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
    /// the piece joined after it (see [`Problem::travel_time_at`]): the
    /// profile of the route it belongs to.
    pub profile: u32,
    /// Skills the jobs in the piece need.
    pub skills: Skills,
    /// The vehicle type the jobs in the piece are bound to (see
    /// [`Job::vehicle_type`](crate::Job::vehicle_type)): [`ANY_VEHICLE`],
    /// a type's number, or [`CONFLICTING_VEHICLES`] when jobs bound to
    /// different types share the piece.
    pub vehicle_type: u32,
    /// Linehauls and backhauls in the piece, and whether a linehaul
    /// follows a backhaul (see [`Haul`]).
    pub haul: Haul,
}

/// What a piece holds for the VRPB rule (see
/// [`Problem::backhauls_last`]): linehauls (jobs that deliver),
/// backhauls (jobs that only pick up), and whether a linehaul comes after
/// a backhaul inside it. Joined in O(1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Haul(u8);

impl Haul {
    const LINEHAUL: u8 = 1;
    const BACKHAUL: u8 = 2;
    const MISORDERED: u8 = 4;

    /// The haul of one job that delivers `delivers` and picks up `picks_up`.
    #[inline]
    pub fn of_job(delivers: bool, picks_up: bool) -> Haul {
        match (delivers, picks_up) {
            (true, _) => Haul(Haul::LINEHAUL),
            (false, true) => Haul(Haul::BACKHAUL),
            (false, false) => Haul(0),
        }
    }

    /// `self` followed by `next`.
    #[inline(always)]
    pub fn then(self, next: Haul) -> Haul {
        let misordered = self.0 & Haul::BACKHAUL != 0 && next.0 & Haul::LINEHAUL != 0;
        Haul(self.0 | next.0 | if misordered { Haul::MISORDERED } else { 0 })
    }

    /// 1 when a complete route with this haul breaks the VRPB rule (a
    /// linehaul after a backhaul, or backhauls without a linehaul), else 0.
    #[inline(always)]
    pub fn violations(self) -> i64 {
        let backhauls_only = self.0 & (Haul::LINEHAUL | Haul::BACKHAUL) == Haul::BACKHAUL;
        i64::from(self.0 & Haul::MISORDERED != 0 || backhauls_only)
    }
}

/// [`Piece::vehicle_type`] of a piece whose jobs any vehicle may serve.
pub const ANY_VEHICLE: u32 = u32::MAX;
/// [`Piece::vehicle_type`] of a piece with jobs bound to different
/// vehicle types (no vehicle may serve it).
pub const CONFLICTING_VEHICLES: u32 = u32::MAX - 1;

/// The binding of two pieces joined (see [`Piece::vehicle_type`]).
#[inline(always)]
fn joined_binding(a: u32, b: u32) -> u32 {
    if a == ANY_VEHICLE || a == b {
        b
    } else if b == ANY_VEHICLE {
        a
    } else {
        CONFLICTING_VEHICLES
    }
}

impl Piece {
    /// A single job served at its first-choice place.
    pub fn job(problem: &Problem, job: JobId) -> Piece {
        Piece::visit(problem, job, 0)
    }

    /// A depot stop at `location` of a route whose vehicle works `shift`,
    /// with travel-time profile `profile`.
    #[inline]
    pub fn depot(location: LocationId, shift: crate::problem::TimeWindow, profile: u32) -> Piece {
        Piece {
            body: TimeWindowSegment::visit(shift, Duration::ZERO),
            release: 0,
            starts_trip: false,
            distance: Distance::ZERO,
            load: LoadSegment::EMPTY,
            first: location.0 as u32,
            last: location.0 as u32,
            jobs: 0,
            profile,
            skills: Skills::NONE,
            vehicle_type: ANY_VEHICLE,
            haul: Haul(0),
        }
    }

    /// A depot stop at `location` where a trip starts (the start depot of
    /// a problem with trips; see [`Problem::has_trips`]): the vehicle
    /// loads the jobs that follow once they are released. Within `window`.
    #[inline]
    pub fn trip_start(
        location: LocationId,
        window: crate::problem::TimeWindow,
        profile: u32,
    ) -> Piece {
        Piece {
            starts_trip: true,
            ..Piece::depot(location, window, profile)
        }
    }

    /// The start depot of a route of `vehicle_type`: where its first trip
    /// starts when the problem has trips, else a plain depot stop.
    #[inline]
    pub fn start_depot(problem: &Problem, vehicle_type: VehicleTypeId) -> Piece {
        let vehicle = problem.vehicle_type(vehicle_type);
        let profile = vehicle.profile as u32;
        if problem.has_trips() {
            Piece::trip_start(vehicle.start_depot, vehicle.shift, profile)
        } else {
            Piece::depot(vehicle.start_depot, vehicle.shift, profile)
        }
    }

    /// The start depot of a route of `vehicle_type` whose jobs are released
    /// by `release`. With traffic by hour the depot stop is left no
    /// earlier than that, so that every arc joined after it is driven at
    /// the hour the route drives it (joining the jobs starts the route no
    /// earlier anyway; without traffic the plain start depot).
    pub fn start_of_route(
        problem: &Problem,
        vehicle_type: VehicleTypeId,
        release: Duration,
    ) -> Piece {
        let mut start = Piece::start_depot(problem, vehicle_type);
        if problem.has_traffic() && start.starts_trip {
            start.body = start.body.gated(release);
            start.release = release.get().clamp(0, i64::from(u32::MAX)) as u32;
        }
        start
    }

    /// The time-window data of the piece: its duration, time warp and
    /// start interval.
    #[inline(always)]
    pub fn time(&self) -> TimeWindowSegment {
        self.body
    }

    /// The time-window data, to amend a complete route's figures.
    #[inline]
    pub(crate) fn time_mut(&mut self) -> &mut TimeWindowSegment {
        &mut self.body
    }

    /// The latest release time of the piece's jobs.
    #[inline(always)]
    pub fn release(&self) -> Duration {
        Duration(i64::from(self.release))
    }

    /// A driver break at `location` starting within `window` and lasting
    /// `duration` (see [`crate::eval::route_with_breaks`]): no load, no
    /// distance, no job.
    #[inline]
    pub fn pause(
        location: LocationId,
        window: crate::problem::TimeWindow,
        duration: Duration,
        profile: u32,
    ) -> Piece {
        Piece {
            body: TimeWindowSegment::visit(window, duration),
            ..Piece::depot(location, window, profile)
        }
    }

    /// `self` followed by `next`, which starts with a break taken where
    /// `self` ends (no travel or distance between them; see
    /// [`pause`](Self::pause)).
    #[inline]
    pub fn then_pausing(&self, next: &Piece) -> Piece {
        self.joined_by(next, Duration::ZERO, Distance::ZERO)
    }

    /// The same piece, with its arcs in travel-time profile `profile`.
    #[inline(always)]
    pub fn in_profile(self, profile: u32) -> Piece {
        Piece { profile, ..self }
    }

    /// A single job served at `place` (see [`Job::place`](crate::Job::place)).
    #[inline]
    pub fn visit(problem: &Problem, job: JobId, place: usize) -> Piece {
        let data = problem.job(job);
        let at = data.place(place);
        Piece {
            body: TimeWindowSegment::visit(at.time_window, data.service),
            release: data.release.get().clamp(0, i64::from(u32::MAX)) as u32,
            starts_trip: false,
            distance: Distance::ZERO,
            load: LoadSegment::visit(data.demand, data.pickup),
            first: at.location.0 as u32,
            last: at.location.0 as u32,
            jobs: 1,
            profile: 0,
            skills: data.skills,
            vehicle_type: data.vehicle_type.map_or(ANY_VEHICLE, |t| t.0 as u32),
            haul: Haul::of_job(data.demand != Load::ZERO, data.pickup != Load::ZERO),
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
    /// `self`'s travel-time profile, leaving at the earliest time `self` can
    /// end).
    #[inline(always)]
    pub fn then(&self, problem: &Problem, next: &Piece) -> Piece {
        let departure = if problem.has_traffic() {
            if self.starts_trip {
                // The trip leaves once `next`'s jobs are released too.
                self.time().gated(next.release()).earliest_end()
            } else {
                self.time().earliest_end()
            }
        } else {
            Duration::ZERO
        };
        self.then_leaving(problem, next, departure)
    }

    /// As [`then`](Self::then), with the arc between them driven from
    /// `departure` on. The same piece unless travel times depend on the
    /// hour ([`Problem::has_traffic`]); then a route's caches pass the
    /// time the vehicle leaves in the route as it is, a better guess of
    /// the hour than the earliest end of `self` alone.
    #[inline(always)]
    pub fn then_leaving(&self, problem: &Problem, next: &Piece, departure: Duration) -> Piece {
        let (from, to) = (self.last_location(), next.first_location());
        let travel = problem.travel_time_at(self.profile as usize, from, to, departure);
        let mut joined = self.joined_by(next, travel, problem.distance(from, to));
        if self.starts_trip && self.jobs > 0 && next.release > self.release && problem.has_traffic()
        {
            // The later release moves the trip's start, and with it the
            // arcs already in `self`, to hours they were not timed at:
            // the route is not known to be feasible. The shift counts as
            // time warp (a route's caches avoid this by starting from its
            // jobs' release, see `start_of_route`).
            joined.body.time_warp += next.release() - self.release();
        }
        joined
    }

    /// `self`, an arc of `travel` time and `distance`, then `next` (for
    /// callers that have read the arc already).
    #[inline(always)]
    pub(crate) fn joined_by(&self, next: &Piece, travel: Duration, distance: Distance) -> Piece {
        // A piece that starts a trip starts no earlier than the release of
        // every job joined after it (a gate at its start; see
        // `TimeWindowSegment::gated`).
        let body = if self.starts_trip {
            self.body.gated(next.release()).then(travel, &next.body)
        } else {
            self.body.then(travel, &next.body)
        };
        Piece {
            body,
            release: self.release.max(next.release),
            starts_trip: self.starts_trip,
            distance: self.distance + distance + next.distance,
            load: self.load.then(&next.load),
            first: self.first,
            last: next.last,
            jobs: self.jobs + next.jobs,
            profile: self.profile,
            skills: self.skills.union(next.skills),
            vehicle_type: joined_binding(self.vehicle_type, next.vehicle_type),
            haul: self.haul.then(next.haul),
        }
    }

    /// True when the piece, as a complete route for `vehicle`, is neither
    /// late nor overloaded, needs no skill the vehicle lacks, holds no job
    /// bound to another vehicle type and stays within its distance and
    /// duration limits.
    #[inline]
    pub fn is_feasible(&self, vehicle: &RouteVehicle) -> bool {
        self.time().time_warp == Duration::ZERO
            && self.load.fits_in(&vehicle.capacity)
            && vehicle.skills.covers(self.skills)
            && self.wrongly_bound(vehicle) == 0
            && self.limit_excess(vehicle) == 0
            && self.jobs <= vehicle.max_stops
            && self.haul_violations(vehicle) == 0
    }

    /// 1 when the piece, as a complete route, breaks the VRPB rule the
    /// vehicle's problem sets (see [`Haul::violations`]), else 0.
    #[inline(always)]
    fn haul_violations(&self, vehicle: &RouteVehicle) -> i64 {
        if vehicle.backhauls_last {
            self.haul.violations()
        } else {
            0
        }
    }

    /// 1 when the piece holds jobs bound to a vehicle type other than
    /// `vehicle`'s, else 0.
    #[inline(always)]
    fn wrongly_bound(&self, vehicle: &RouteVehicle) -> i64 {
        i64::from(self.vehicle_type != ANY_VEHICLE && self.vehicle_type != vehicle.vehicle_type)
    }

    /// How far the piece, as a complete route, exceeds the vehicle's
    /// maximum distance plus how far it exceeds its maximum duration (time
    /// worked: for a route without time warp, its duration).
    #[inline]
    fn limit_excess(&self, vehicle: &RouteVehicle) -> i64 {
        let duration = self.time().duration.get();
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
        // Time worked, not the clock: a late route whose time warp exceeds
        // its work would otherwise earn a negative time cost, and its cost
        // would fall below the distance-only bound the search prunes with.
        vehicle.weights.route(self.distance, self.time().duration)
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
        let violation = self.time().time_warp.get() + self.limit_excess(vehicle);
        // A job bound to another vehicle, a stop beyond the route's limit
        // and a break of the VRPB rule count as one more missing skill each.
        let missing_skills = i64::from(self.skills.missing_from(vehicle.skills).count())
            + self.wrongly_bound(vehicle)
            + self.haul_violations(vehicle)
            + i64::from(self.jobs.saturating_sub(vehicle.max_stops));
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

impl Piece {
    /// `self`, a whole route (start depot to end depot) joined stop by stop
    /// from its start depot `depot` (so that every arc is driven at the
    /// hour the route drives it), with the duration the schedule gives it
    /// when travel times depend on the hour: back when the piece says,
    /// having left as late as still starts the first service (`first`) at
    /// the time leaving at the start of the shift would. Joined pieces
    /// assume the times of their arcs do not change with the departure, so
    /// their duration is a guess there. Unchanged without traffic, or for a
    /// route that is empty or late.
    pub fn as_driven(self, problem: &Problem, depot: &Piece, first: Option<&Piece>) -> Piece {
        let Some(first) = first else {
            return self;
        };
        if !problem.has_traffic() || self.time().time_warp > Duration::ZERO {
            return self;
        }
        // Not before the route's jobs are released (the start depot's gate).
        let leave = depot.time().earliest_end().max(self.release());
        let profile = self.profile as usize;
        let (from, to) = (depot.first_location(), first.first_location());
        let arrival = leave + problem.travel_time_at(profile, from, to, leave);
        let service_start = arrival.max(first.time().earliest_start);
        let latest = problem
            .latest_departure_at(profile, from, to, service_start)
            .max(leave);
        let mut driven = self;
        driven.body.duration = self.body.earliest_end() - latest;
        driven
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
    /// The vehicle type's number (jobs bound to another type do not fit).
    pub vehicle_type: u32,
    /// Most jobs a route may serve (`u32::MAX`: no limit).
    pub max_stops: u32,
    /// The VRPB rule holds (see [`Problem::backhauls_last`]).
    pub backhauls_last: bool,
}

impl RouteVehicle {
    /// The costing data of vehicle type `id` under `model`.
    pub fn of(problem: &Problem, id: VehicleTypeId, model: &CostModel) -> RouteVehicle {
        let vehicle = problem.vehicle_type(id);
        RouteVehicle {
            weights: if model.vehicle_costs {
                problem.cost_weights(id)
            } else {
                CostWeights::DISTANCE
            },
            capacity: vehicle.capacity,
            skills: vehicle.skills,
            max_distance: vehicle.max_distance.map_or(i64::MAX, |d| d.get()),
            max_duration: vehicle.max_duration.map_or(i64::MAX, |d| d.get()),
            max_stops: vehicle
                .max_stops
                .map_or(u32::MAX, |s| u32::try_from(s).unwrap_or(u32::MAX)),
            vehicle_type: id.0 as u32,
            backhauls_last: problem.backhauls_last(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{JobSpec, ProblemBuilder, Rounding, VehicleTypeSpec};

    /// Pieces are copied and joined in the search's hot loop: above two
    /// cache lines they are moved by `memcpy` calls, which cost about a
    /// tenth of the search's speed when trips were first added.
    #[test]
    fn pieces_stay_within_two_cache_lines() {
        assert!(std::mem::size_of::<Piece>() <= 128);
    }

    /// A route so late that its time warp exceeds the time it works: it
    /// still costs at least its fixed and distance costs (the bound the
    /// search prunes moves with), and its time cost is never negative.
    #[test]
    fn a_very_late_route_costs_at_least_its_distance_bound() {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot = b.add_location(0.0, 0.0);
        let far = b.add_location(400.0, 0.0);
        let near = b.add_location(200.0, 0.0);
        let late = b.add_job(JobSpec::at(far).time_window(1400.0, 1400.0));
        let early = b.add_job(JobSpec::at(near).time_window(0.0, 280.0));
        b.add_vehicle_type(
            VehicleTypeSpec::new(depot, 1, &[10])
                .shift(200.0, 2000.0)
                .costs(50.0, 0.6, 0.8),
        );
        let problem = b.build().unwrap();
        let vehicle_type = VehicleTypeId(0);
        let shift = problem.vehicle_type(vehicle_type).shift;
        let route = Piece::depot(depot, shift, 0)
            .then(&problem, &Piece::job(&problem, late))
            .then(&problem, &Piece::job(&problem, early))
            .then(&problem, &Piece::depot(depot, shift, 0));
        assert!(
            route.time().time_warp > route.time().duration,
            "the case needs more warp than work: {route:?}"
        );

        let model = CostModel::for_objective(&problem, true);
        let vehicle = RouteVehicle::of(&problem, vehicle_type, &model);
        let weights = vehicle.weights;
        let bound = weights.fixed + weights.per_distance * route.distance.get();
        assert_eq!(
            route.base_cost(&vehicle),
            bound + weights.per_time * route.time().duration.get()
        );
        let penalties = Penalties {
            time_warp: 1,
            excess_load: 1,
            route: 0,
            missing_skill: 1,
        };
        assert!(route.route_cost(&vehicle, &penalties) >= bound);
    }
}
