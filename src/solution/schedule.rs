//! The schedule of a route: arrival, service start, waiting and departure at
//! every stop.

use super::Route;
use crate::eval::{latest_start, route_with_breaks, Piece, PlacedBreak};
use crate::problem::{BreakRule, JobId, LocationId, Problem, VehicleTypeId};
use crate::units::{Cost, Distance, Duration, Load};

/// One served job and its times (internal units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop {
    /// The job served.
    pub job: JobId,
    /// The place it is served at (0: first choice; see [`Job::place`]).
    ///
    /// [`Job::place`]: crate::Job::place
    pub place: usize,
    /// Where it is served.
    pub location: LocationId,
    /// When the vehicle arrives.
    pub arrival: Duration,
    /// When service starts (at the earliest, the window start).
    pub service_start: Duration,
    /// Time spent waiting for the window to open.
    pub waiting: Duration,
    /// When the vehicle leaves.
    pub departure: Duration,
    /// What is on board when the vehicle leaves: deliveries still to drop
    /// plus pickups collected so far, per dimension.
    pub load: Load,
}

/// A driver break in a route's schedule (internal units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduledBreak {
    /// The rule it follows: an index into
    /// [`VehicleType::breaks`](crate::VehicleType::breaks).
    pub rule: usize,
    /// Jobs served before it: 0 at the start depot before leaving, `i`
    /// right after the service of the `i`-th stop.
    pub after: usize,
    /// Where it is taken.
    pub location: LocationId,
    /// When it starts: when the vehicle is ready, or its window's start.
    pub start: Duration,
    /// Time spent waiting for its window to open.
    pub waiting: Duration,
    /// When it ends.
    pub end: Duration,
}

/// A return to a reload depot in a route's schedule (internal units; see
/// [`Reload`](super::Reload)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduledReload {
    /// Jobs served before it.
    pub after: usize,
    /// The depot.
    pub location: LocationId,
    /// When the vehicle arrives.
    pub arrival: Duration,
    /// When loading starts: on arrival, or once the last parcel of the
    /// next trip is released ([`Job::release`](crate::Job::release)).
    pub start: Duration,
    /// When the vehicle leaves on its next trip.
    pub departure: Duration,
    /// What is on board when it leaves: the next trip's deliveries.
    pub load: Load,
}

/// A route with its schedule and totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteSchedule {
    /// The vehicle type driving it.
    pub vehicle_type: VehicleTypeId,
    /// When the vehicle leaves its start depot (or, with a break there
    /// before leaving, when the route starts).
    pub depot_departure: Duration,
    /// The stops, in order.
    pub stops: Vec<Stop>,
    /// The driver's breaks, in the order taken (see
    /// [`VehicleTypeSpec::break_window`](crate::VehicleTypeSpec::break_window)).
    pub breaks: Vec<ScheduledBreak>,
    /// The returns to a reload depot between trips, in order.
    pub reloads: Vec<ScheduledReload>,
    /// When the vehicle is back at its end depot.
    pub depot_arrival: Duration,
    /// Distance travelled.
    pub distance: Distance,
    /// Total delivered, per dimension (on board at the start depot, or
    /// loaded trip by trip with reloads).
    pub delivered: Load,
    /// Total picked up, per dimension (brought back to the end depot, or
    /// trip by trip to the reload depots).
    pub picked_up: Load,
    /// Highest load on board anywhere along the route, per dimension.
    pub peak_load: Load,
}

impl RouteSchedule {
    /// The jobs in visiting order.
    pub fn jobs(&self) -> impl Iterator<Item = JobId> + '_ {
        self.stops.iter().map(|s| s.job)
    }

    /// Time from leaving the depot to coming back.
    pub fn duration(&self) -> Duration {
        self.depot_arrival - self.depot_departure
    }

    /// What the route costs by its vehicle type's fixed, distance and time
    /// costs (cost units; see [`Problem::cost_to_currency`]).
    pub fn cost(&self, problem: &Problem) -> Cost {
        Cost(
            problem
                .cost_weights(self.vehicle_type)
                .route(self.distance, self.duration()),
        )
    }

    /// Schedules `route`: service starts as early as possible, and the
    /// departure from the depot is delayed as far as that removes waiting
    /// without making any stop (or break, or the return) later than it may
    /// be (for a soft window, the customer's window plus the lateness
    /// accepted: the route takes the least time, and lateness is costed as
    /// scheduled). With traffic by hour, a later start can cost more travel
    /// time than the waiting it removes, so the vehicle only leaves as late
    /// as it can and still starts the first service (or break) when it
    /// would have (every later time stays as it is; the search costs
    /// routes by the same rule). The driver's breaks go where
    /// [`route_with_breaks`] puts them.
    pub(crate) fn compute(problem: &Problem, route: &Route) -> RouteSchedule {
        let vehicle = problem.vehicle_type(route.vehicle_type);
        let shift = vehicle.shift;
        let breaks = if vehicle.breaks.is_empty() || route.jobs.is_empty() {
            Vec::new()
        } else {
            let profile = vehicle.profile as u32;
            let release = trips(problem, route)[0].1;
            let stops =
                std::iter::once(Piece::start_of_route(problem, route.vehicle_type, release))
                    .chain(
                        route
                            .jobs
                            .iter()
                            .enumerate()
                            .map(|(i, &job)| Piece::visit(problem, job, route.place(i))),
                    )
                    .chain(std::iter::once(Piece::depot(
                        vehicle.end_depot,
                        shift,
                        profile,
                    )));
            route_with_breaks(problem, route.vehicle_type, stops).breaks
        };
        Self::compute_with(problem, route, &breaks)
    }

    /// As [`compute`](Self::compute), with the breaks placed already
    /// (see [`route_with_breaks`]).
    pub(crate) fn compute_with(
        problem: &Problem,
        route: &Route,
        breaks: &[PlacedBreak],
    ) -> RouteSchedule {
        let vehicle = problem.vehicle_type(route.vehicle_type);
        let shift = vehicle.shift;
        let early = Self::simulate(problem, route, breaks, shift.start);
        let departure = early.depot_departure;
        if problem.has_traffic() {
            let Some(first) = early.stops.first() else {
                return early;
            };
            let depot_breaks: Vec<BreakRule> = early
                .breaks
                .iter()
                .take_while(|b| b.after == 0)
                .map(|b| vehicle.breaks[b.rule])
                .collect();
            let latest = latest_start(
                problem,
                vehicle.profile,
                vehicle.start_depot,
                first.location,
                first.service_start,
                &depot_breaks,
            );
            return if latest <= departure {
                early
            } else {
                Self::simulate(problem, route, breaks, latest)
            };
        }
        // Waiting before each stop and break, in the order they come.
        let mut waited = Duration::ZERO;
        let mut slack = Duration::UNBOUNDED;
        let rules = &vehicle.breaks;
        let mut pauses = early.breaks.iter().peekable();
        let mut reloads = early.reloads.iter().peekable();
        for index in 0..=early.stops.len() {
            while let Some(pause) = pauses.next_if(|b| b.after == index) {
                waited += pause.waiting;
                slack = slack.min(waited + rules[pause.rule].window().end - pause.start);
            }
            while let Some(reload) = reloads.next_if(|r| r.after == index) {
                waited += reload.start - reload.arrival;
                slack = slack.min(waited + shift.end - reload.start);
            }
            if let Some(stop) = early.stops.get(index) {
                waited += stop.waiting;
                let due = problem.job(stop.job).place(stop.place).time_window.end;
                slack = slack.min(waited + due - stop.service_start);
            }
        }
        slack = slack.min(waited + shift.end - early.depot_arrival);
        let delay = waited.min(slack).max(Duration::ZERO);
        if delay == Duration::ZERO {
            early
        } else {
            Self::simulate(problem, route, breaks, departure + delay)
        }
    }

    /// The route driven from its start depot at `departure` (or later,
    /// once the parcels of its first trip are released), every service and
    /// reload as early as it may be, the breaks where `placed` puts them.
    fn simulate(
        problem: &Problem,
        route: &Route,
        placed: &[PlacedBreak],
        departure: Duration,
    ) -> RouteSchedule {
        let vehicle = problem.vehicle_type(route.vehicle_type);
        let trips = trips(problem, route);
        let mut stops = Vec::with_capacity(route.jobs.len());
        let mut breaks = Vec::with_capacity(placed.len());
        let mut reloads = Vec::with_capacity(route.reloads.len());
        let mut location = vehicle.start_depot;
        let departure = departure.max(trips[0].1);
        let mut time = departure;
        let mut distance = Distance::ZERO;
        let mut load = trips[0].0;
        let mut peak_load = load;
        let mut picked_up = Load::ZERO;
        let mut placed = placed.iter().peekable();
        let mut next_reload = route.reloads.iter().peekable();
        let mut trip = 0;
        let mut take_breaks = |served: usize, location: LocationId, time: &mut Duration| {
            while let Some(pause) = placed.next_if(|b| b.after == served) {
                let rule = &vehicle.breaks[pause.rule];
                let start = (*time).max(rule.window().start);
                breaks.push(ScheduledBreak {
                    rule: pause.rule,
                    after: served,
                    location,
                    start,
                    waiting: start - *time,
                    end: start + rule.duration(),
                });
                *time = start + rule.duration();
            }
        };
        for served in 0..=route.jobs.len() {
            take_breaks(served, location, &mut time);
            while let Some(reload) = next_reload.next_if(|r| r.after == served) {
                trip += 1;
                distance += problem.distance(location, reload.depot);
                let arrival = time
                    + problem.travel_time_for(route.vehicle_type, location, reload.depot, time);
                time = arrival.max(trips[trip].1);
                load = trips[trip].0;
                peak_load = peak_load.max_per_dimension(&load);
                location = reload.depot;
                reloads.push(ScheduledReload {
                    after: served,
                    location,
                    arrival,
                    start: time,
                    departure: time,
                    load,
                });
            }
            let Some(&job_id) = route.jobs.get(served) else {
                break;
            };
            let job = problem.job(job_id);
            let place = job.place(route.place(served));
            distance += problem.distance(location, place.location);
            let arrival =
                time + problem.travel_time_for(route.vehicle_type, location, place.location, time);
            let service_start = arrival.max(place.time_window.start);
            time = service_start + job.service;
            load = load - job.demand + job.pickup;
            peak_load = peak_load.max_per_dimension(&load);
            picked_up += job.pickup;
            stops.push(Stop {
                job: job_id,
                place: route.place(served),
                location: place.location,
                arrival,
                service_start,
                waiting: service_start - arrival,
                departure: time,
                load,
            });
            location = place.location;
        }
        distance += problem.distance(location, vehicle.end_depot);
        RouteSchedule {
            vehicle_type: route.vehicle_type,
            depot_departure: departure,
            stops,
            breaks,
            reloads,
            depot_arrival: time
                + problem.travel_time_for(route.vehicle_type, location, vehicle.end_depot, time),
            distance,
            delivered: trips.iter().map(|t| t.0).sum(),
            picked_up,
            peak_load,
        }
    }
}

/// Per trip of `route` (its jobs split at its reloads): the deliveries it
/// loads, and the latest release time of its jobs.
fn trips(problem: &Problem, route: &Route) -> Vec<(Load, Duration)> {
    let mut trips = vec![(Load::ZERO, Duration::ZERO); route.reloads.len() + 1];
    let mut trip = 0;
    for (served, &job) in route.jobs.iter().enumerate() {
        while route.reloads.get(trip).is_some_and(|r| r.after <= served) {
            trip += 1;
        }
        let job = problem.job(job);
        trips[trip].0 += job.demand;
        trips[trip].1 = trips[trip].1.max(job.release);
    }
    trips
}
