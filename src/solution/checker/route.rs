//! The walk of one route, stop by stop, from the problem data alone.

use super::{CheckReport, Violation};
use crate::problem::{BreakRule, JobId, LocationId, Problem, VehicleType};
use crate::solution::RouteSchedule;
use crate::units::{Cost, Distance, Duration, Load};

/// Walks route `index` stop by stop from the problem data alone: loads on
/// board, times, windows, shift, skills, places, capacity and limits, and
/// every figure the route reports. Counts the jobs it serves in `seen` and
/// adds its violations and totals to `report`.
pub(super) fn check_route(
    problem: &Problem,
    index: usize,
    route: &RouteSchedule,
    seen: &mut [usize],
    report: &mut CheckReport,
) {
    let vehicle = problem.vehicle_type(route.vehicle_type);

    let mut mismatch = |what: String, reported: i64, recomputed: i64| {
        if reported != recomputed {
            report.violations.push(Violation::ScheduleMismatch {
                route: index,
                what,
                reported,
                recomputed,
            });
        }
    };

    let mut at_stops = Vec::new();
    if problem.backhauls_last() {
        check_backhaul_order(problem, index, route, &mut at_stops);
    }
    // A trip's deliveries are on board when it leaves its depot (the
    // start depot, or a reload); each stop drops its delivery and collects
    // its pickup, and a reload unloads the pickups.
    let dimensions = problem.dimensions();
    let trips = Trips::of(problem, route);
    let delivered: Vec<i64> = (0..dimensions)
        .map(|d| trips.delivery.iter().map(|load| load.get(d)).sum())
        .collect();
    let mut on_board: Vec<i64> = (0..dimensions).map(|d| trips.delivery[0].get(d)).collect();
    let mut peak = on_board.clone();
    let mut picked_up = vec![0i64; dimensions];
    let mut here = vehicle.start_depot;
    let mut clock = route.depot_departure.get();
    if let Some((job, release)) = trips.release[0] {
        if route.depot_departure < release {
            at_stops.push(Violation::NotYetReleased {
                route: index,
                job,
                loading: route.depot_departure,
                release,
            });
        }
    }
    let mut travelled = 0i64;
    let mut breaks = BreakWalk::new(index, vehicle);
    let mut reloads = 0;
    for position in 0..=route.stops.len() {
        breaks.take(route, position, here, &mut clock);
        while let Some(reload) = route.reloads.get(reloads).filter(|r| r.after == position) {
            reloads += 1;
            if !vehicle.reload_depots.contains(&reload.location) {
                at_stops.push(Violation::InvalidReload {
                    route: index,
                    reload: reloads - 1,
                    location: reload.location,
                });
            }
            let arrival = breaks.arc(problem, route, (here, reload.location), clock);
            travelled += problem.distance(here, reload.location).get();
            let release = trips.release[reloads].map_or(0, |(_, r)| r.get());
            clock = arrival.max(release);
            here = reload.location;
            for dimension in 0..dimensions {
                on_board[dimension] = trips.delivery[reloads].get(dimension);
                peak[dimension] = peak[dimension].max(on_board[dimension]);
                mismatch(
                    format!("load after reload {} in dimension {dimension}", reloads - 1),
                    reload.load.get(dimension),
                    on_board[dimension],
                );
            }
            let figures = [
                ("arrival", reload.arrival.get(), arrival),
                ("start", reload.start.get(), clock),
                ("departure", reload.departure.get(), clock),
            ];
            for (what, reported, recomputed) in figures {
                mismatch(
                    format!("{what} of reload {}", reloads - 1),
                    reported,
                    recomputed,
                );
            }
        }
        let Some(stop) = route.stops.get(position) else {
            break;
        };
        seen[stop.job.0] += 1;
        let job = problem.job(stop.job);
        if !vehicle.skills.covers(job.skills) {
            let missing = job.skills.missing_from(vehicle.skills);
            at_stops.push(Violation::MissingSkills {
                route: index,
                job: stop.job,
                skills: problem
                    .skill_names(missing)
                    .into_iter()
                    .map(String::from)
                    .collect(),
            });
        }
        if let Some(bound_to) = job.vehicle_type {
            if bound_to != route.vehicle_type {
                at_stops.push(Violation::WrongVehicle {
                    route: index,
                    job: stop.job,
                    bound_to,
                    served_by: route.vehicle_type,
                });
            }
        }
        for dimension in 0..dimensions {
            on_board[dimension] += job.pickup.get(dimension) - job.demand.get(dimension);
            picked_up[dimension] += job.pickup.get(dimension);
            peak[dimension] = peak[dimension].max(on_board[dimension]);
            mismatch(
                format!("load after stop {position} in dimension {dimension}"),
                stop.load.get(dimension),
                on_board[dimension],
            );
        }
        if stop.place >= job.num_places() || stop.location != job.place(stop.place).location {
            at_stops.push(Violation::UnknownPlace {
                route: index,
                job: stop.job,
                place: stop.place,
            });
            continue;
        }
        let place = job.place(stop.place);
        let arrival = breaks.arc(problem, route, (here, place.location), clock);
        travelled += problem.distance(here, place.location).get();
        let start = arrival.max(place.time_window.start.get());
        if start > place.time_window.end.get() {
            at_stops.push(Violation::LateService {
                route: index,
                job: stop.job,
                service_start: Duration(start),
                window_end: place.time_window.end,
            });
        }
        clock = start + job.service.get();
        mismatch(
            format!("arrival at stop {position}"),
            stop.arrival.get(),
            arrival,
        );
        mismatch(
            format!("service start at stop {position}"),
            stop.service_start.get(),
            start,
        );
        mismatch(
            format!("waiting at stop {position}"),
            stop.waiting.get(),
            start - arrival,
        );
        mismatch(
            format!("departure from stop {position}"),
            stop.departure.get(),
            clock,
        );
        here = place.location;
    }
    for reload in reloads..route.reloads.len() {
        at_stops.push(Violation::InvalidReload {
            route: index,
            reload,
            location: route.reloads[reload].location,
        });
    }
    let back = breaks.arc(problem, route, (here, vehicle.end_depot), clock);
    travelled += problem.distance(here, vehicle.end_depot).get();
    mismatch(
        "return to the depot".into(),
        route.depot_arrival.get(),
        back,
    );
    mismatch("distance".into(), route.distance.get(), travelled);
    for dimension in 0..dimensions {
        let totals = [
            ("delivered", route.delivered, delivered[dimension]),
            ("picked up", route.picked_up, picked_up[dimension]),
            ("peak load", route.peak_load, peak[dimension]),
        ];
        for (what, reported, recomputed) in totals {
            mismatch(
                format!("{what} in dimension {dimension}"),
                reported.get(dimension),
                recomputed,
            );
        }
    }

    report.violations.extend(at_stops);
    report
        .violations
        .extend(breaks.finish(route, !route.stops.is_empty(), back));
    if route.depot_departure < vehicle.shift.start {
        report.violations.push(Violation::EarlyDeparture {
            route: index,
            departure: route.depot_departure,
            shift_start: vehicle.shift.start,
        });
    }
    if back > vehicle.shift.end.get() {
        report.violations.push(Violation::LateReturn {
            route: index,
            arrival: Duration(back),
            shift_end: vehicle.shift.end,
        });
    }
    for (dimension, &amount) in peak.iter().enumerate() {
        let capacity = vehicle.capacity.get(dimension);
        if amount > capacity {
            report.violations.push(Violation::CapacityExceeded {
                route: index,
                dimension,
                load: amount,
                capacity,
            });
        }
    }
    let duration = back - route.depot_departure.get();
    let limits = [
        ("distance", travelled, vehicle.max_distance.map(|d| d.get())),
        ("duration", duration, vehicle.max_duration.map(|d| d.get())),
        (
            "stops",
            route.stops.len() as i64,
            vehicle.max_stops.map(|s| s as i64),
        ),
        (
            "reloads",
            route.reloads.len() as i64,
            vehicle.max_reloads.map(|r| r as i64),
        ),
    ];
    for (what, value, limit) in limits {
        if let Some(limit) = limit.filter(|&limit| value > limit) {
            report.violations.push(Violation::RouteLimitExceeded {
                route: index,
                what,
                value,
                limit,
            });
        }
    }
    report.distance += Distance(travelled);
    report.duration += Duration(back - route.depot_departure.get());
    report.cost += Cost(
        problem
            .cost_weights(route.vehicle_type)
            .route(Distance(travelled), Duration(duration)),
    );
}

/// A route's trips (its stops split at its reloads): what each loads at
/// its depot, and its job released last, if any is released after 0.
struct Trips {
    delivery: Vec<Load>,
    release: Vec<Option<(JobId, Duration)>>,
}

impl Trips {
    fn of(problem: &Problem, route: &RouteSchedule) -> Trips {
        let count = route.reloads.len() + 1;
        let mut trips = Trips {
            delivery: vec![Load::ZERO; count],
            release: vec![None; count],
        };
        let mut trip = 0;
        for (position, stop) in route.stops.iter().enumerate() {
            while route.reloads.get(trip).is_some_and(|r| r.after <= position) {
                trip += 1;
            }
            let job = problem.job(stop.job);
            trips.delivery[trip] += job.demand;
            let latest = trips.release[trip].map_or(Duration::ZERO, |(_, r)| r);
            if job.release > latest {
                trips.release[trip] = Some((stop.job, job.release));
            }
        }
        trips
    }
}

/// The walk of a route's breaks, alongside its stops: each break where the
/// route says it is taken, its times, the windows it must start in, the
/// window breaks every route that works into their windows takes, and the
/// driving between breaks.
struct BreakWalk<'a> {
    route: usize,
    rules: &'a [BreakRule],
    /// The next break of the route to take.
    next: usize,
    /// Per rule: how many breaks of it the route takes.
    taken: Vec<usize>,
    /// The driving limit and the least break that resets it.
    limit: Option<(i64, i64)>,
    driving: i64,
    longest_driving: i64,
    violations: Vec<Violation>,
}

impl<'a> BreakWalk<'a> {
    fn new(route: usize, vehicle: &'a VehicleType) -> BreakWalk<'a> {
        let limit = vehicle.breaks.iter().find_map(|rule| match *rule {
            BreakRule::Driving {
                max_driving,
                duration,
            } => Some((max_driving.get(), duration.get())),
            BreakRule::Window { .. } => None,
        });
        BreakWalk {
            route,
            rules: &vehicle.breaks,
            next: 0,
            taken: vec![0; vehicle.breaks.len()],
            limit,
            driving: 0,
            longest_driving: 0,
            violations: Vec::new(),
        }
    }

    /// Takes the breaks the schedule puts after `served` stops, at `here`,
    /// moving the `clock` on.
    fn take(&mut self, schedule: &RouteSchedule, served: usize, here: LocationId, clock: &mut i64) {
        while let Some(pause) = schedule.breaks.get(self.next).filter(|b| b.after == served) {
            self.next += 1;
            let Some(rule) = self.rules.get(pause.rule) else {
                self.violations.push(Violation::UnknownBreak {
                    route: self.route,
                    rule: pause.rule,
                });
                continue;
            };
            self.taken[pause.rule] += 1;
            let window = rule.window();
            let start = (*clock).max(window.start.get());
            if start > window.end.get() {
                self.violations.push(Violation::LateBreak {
                    route: self.route,
                    rule: pause.rule,
                    start: Duration(start),
                    window_end: window.end,
                });
            }
            let end = start + rule.duration().get();
            let which = self.next - 1;
            let figures = [
                ("location", pause.location.0 as i64, here.0 as i64),
                ("start", pause.start.get(), start),
                ("waiting", pause.waiting.get(), start - *clock),
                ("end", pause.end.get(), end),
            ];
            for (what, reported, recomputed) in figures {
                if reported != recomputed {
                    self.violations.push(Violation::ScheduleMismatch {
                        route: self.route,
                        what: format!("{what} of break {which}"),
                        reported,
                        recomputed,
                    });
                }
            }
            *clock = end;
            if self
                .limit
                .is_some_and(|(_, rest)| rule.duration().get() >= rest)
            {
                self.driving = 0;
            }
        }
    }

    /// Drives the arc `from -> to` leaving at `clock`: the arrival.
    fn arc(
        &mut self,
        problem: &Problem,
        schedule: &RouteSchedule,
        (from, to): (LocationId, LocationId),
        clock: i64,
    ) -> i64 {
        let time = problem
            .travel_time_for(schedule.vehicle_type, from, to, Duration(clock))
            .get();
        self.driving += time;
        self.longest_driving = self.longest_driving.max(self.driving);
        clock + time
    }

    /// The violations found, once the route is back at `back`.
    fn finish(mut self, schedule: &RouteSchedule, serves_jobs: bool, back: i64) -> Vec<Violation> {
        // Breaks out of order, or after a stop the route does not have.
        for pause in &schedule.breaks[self.next..] {
            self.violations.push(Violation::UnknownBreak {
                route: self.route,
                rule: pause.rule,
            });
        }
        for (rule, data) in self.rules.iter().enumerate() {
            let BreakRule::Window { window, .. } = data else {
                continue;
            };
            match self.taken[rule] {
                0 if serves_jobs && back > window.start.get() => {
                    self.violations.push(Violation::MissingBreak {
                        route: self.route,
                        rule,
                    })
                }
                0 | 1 => {}
                _ => self.violations.push(Violation::UnknownBreak {
                    route: self.route,
                    rule,
                }),
            }
        }
        if let Some((limit, _)) = self
            .limit
            .filter(|&(limit, _)| self.longest_driving > limit)
        {
            self.violations.push(Violation::DrivingLimitExceeded {
                route: self.route,
                driving: Duration(self.longest_driving),
                limit: Duration(limit),
            });
        }
        self.violations
    }
}

/// The VRPB rule on route `index`: no linehaul (a job that delivers)
/// after a backhaul (a job that only picks up), and not backhauls alone.
fn check_backhaul_order(
    problem: &Problem,
    index: usize,
    route: &RouteSchedule,
    found: &mut Vec<Violation>,
) {
    let delivers = |job| problem.job(job).demand != Load::ZERO;
    let picks_up = |job| problem.job(job).pickup != Load::ZERO;
    let mut backhaul_seen = None;
    let mut linehaul_seen = false;
    for stop in &route.stops {
        if delivers(stop.job) {
            linehaul_seen = true;
            if backhaul_seen.is_some() {
                found.push(Violation::BackhaulOrder {
                    route: index,
                    job: stop.job,
                    backhauls_only: false,
                });
            }
        } else if picks_up(stop.job) && backhaul_seen.is_none() {
            backhaul_seen = Some(stop.job);
        }
    }
    if let (Some(job), false) = (backhaul_seen, linehaul_seen) {
        found.push(Violation::BackhaulOrder {
            route: index,
            job,
            backhauls_only: true,
        });
    }
}
