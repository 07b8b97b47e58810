//! An independent feasibility and cost checker.
//!
//! It shares no code with construction or search: it walks every route from
//! the problem data alone, re-derives loads, times and distances, compares
//! them with what the solution reports, and lists every violation it finds.

use super::{reasons, RouteSchedule, Solution, UnassignedReason};
use crate::problem::{JobId, Problem, VehicleTypeId};
use crate::units::{Cost, Distance, Duration};
use std::fmt;

/// One way in which a solution breaks the problem's rules or misreports
/// its own numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    /// The load on board a route's vehicle exceeds its capacity in a
    /// dimension somewhere along the route.
    CapacityExceeded {
        /// Route index.
        route: usize,
        /// Capacity dimension.
        dimension: usize,
        /// Highest load on board.
        load: i64,
        /// Capacity of the vehicle.
        capacity: i64,
    },
    /// Service at a job starts after its window closes.
    LateService {
        /// Route index.
        route: usize,
        /// The job.
        job: JobId,
        /// Earliest possible service start.
        service_start: Duration,
        /// End of the job's window.
        window_end: Duration,
    },
    /// A vehicle leaves its depot before its shift starts.
    EarlyDeparture {
        /// Route index.
        route: usize,
        /// Reported departure.
        departure: Duration,
        /// Shift start.
        shift_start: Duration,
    },
    /// A vehicle is back at its depot after its shift ends.
    LateReturn {
        /// Route index.
        route: usize,
        /// Earliest possible return.
        arrival: Duration,
        /// Shift end.
        shift_end: Duration,
    },
    /// A reported time or total of a route differs from the recomputed one.
    ScheduleMismatch {
        /// Route index.
        route: usize,
        /// What differs (e.g. "arrival at stop 3").
        what: String,
        /// Reported value.
        reported: i64,
        /// Recomputed value.
        recomputed: i64,
    },
    /// A job is served by a vehicle that lacks skills it needs.
    MissingSkills {
        /// Route index.
        route: usize,
        /// The job.
        job: JobId,
        /// Names of the skills the vehicle lacks.
        skills: Vec<String>,
    },
    /// A route drives farther or takes longer than its vehicle type allows.
    RouteLimitExceeded {
        /// Route index.
        route: usize,
        /// "distance" or "duration".
        what: &'static str,
        /// The route's value.
        value: i64,
        /// The limit.
        limit: i64,
    },
    /// A stop names a place its job does not have, or a location that is
    /// not the place's.
    UnknownPlace {
        /// Route index.
        route: usize,
        /// The job.
        job: JobId,
        /// The place index reported.
        place: usize,
    },
    /// A job is neither in a route nor reported as unassigned.
    MissingJob {
        /// The job.
        job: JobId,
    },
    /// A job is served (or listed as unassigned) more than once.
    DuplicateJob {
        /// The job.
        job: JobId,
        /// How often it appears.
        count: usize,
    },
    /// A mandatory job is left out for a reason the checker cannot confirm
    /// from the problem data (a solver that drops jobs to save a route).
    UnconfirmedReason {
        /// The job.
        job: JobId,
        /// The reason stated.
        reason: UnassignedReason,
    },
    /// More routes use a vehicle type than it has vehicles.
    FleetExceeded {
        /// The type.
        vehicle_type: VehicleTypeId,
        /// Routes using it.
        routes: usize,
        /// Vehicles of the type.
        available: usize,
    },
    /// A reported cost total differs from the recomputed one.
    CostMismatch {
        /// Which total ("distance", "duration" or "vehicles").
        what: &'static str,
        /// Reported value.
        reported: i64,
        /// Recomputed value.
        recomputed: i64,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::CapacityExceeded { route, dimension, load, capacity } => write!(
                f,
                "route {route}: load {load} exceeds capacity {capacity} in dimension {dimension}"
            ),
            Violation::LateService { route, job, service_start, window_end } => write!(
                f,
                "route {route}: job {} starts service at {service_start}, after its window ends at {window_end}",
                job.0
            ),
            Violation::EarlyDeparture { route, departure, shift_start } => write!(
                f,
                "route {route}: leaves the depot at {departure}, before the shift starts at {shift_start}"
            ),
            Violation::LateReturn { route, arrival, shift_end } => write!(
                f,
                "route {route}: back at the depot at {arrival}, after the shift ends at {shift_end}"
            ),
            Violation::ScheduleMismatch { route, what, reported, recomputed } => write!(
                f,
                "route {route}: {what} is reported as {reported} but recomputes to {recomputed}"
            ),
            Violation::MissingSkills { route, job, skills } => write!(
                f,
                "route {route}: job {} needs skills the vehicle lacks: {}",
                job.0,
                skills.join(", ")
            ),
            Violation::RouteLimitExceeded { route, what, value, limit } => {
                write!(f, "route {route}: {what} {value} above the limit {limit}")
            }
            Violation::UnknownPlace { route, job, place } => {
                write!(f, "route {route}: job {} has no place {place} at the reported location", job.0)
            }
            Violation::MissingJob { job } => write!(f, "job {} is neither served nor unassigned", job.0),
            Violation::DuplicateJob { job, count } => write!(f, "job {} appears {count} times", job.0),
            Violation::UnconfirmedReason { job, reason } => write!(
                f,
                "job {} is mandatory and left out as \"{reason}\", which the problem data does not bear out",
                job.0
            ),
            Violation::FleetExceeded { vehicle_type, routes, available } => write!(
                f,
                "vehicle type {} drives {routes} routes but has {available} vehicles",
                vehicle_type.0
            ),
            Violation::CostMismatch { what, reported, recomputed } => {
                write!(f, "total {what} is reported as {reported} but recomputes to {recomputed}")
            }
        }
    }
}

/// The checker's verdict: every violation, and the totals it recomputed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckReport {
    /// All violations found (empty when the solution is feasible and honest).
    pub violations: Vec<Violation>,
    /// Total distance recomputed from the job sequences.
    pub distance: Distance,
    /// Total duration recomputed from the reported departures.
    pub duration: Duration,
    /// Number of routes with jobs.
    pub vehicles: usize,
    /// Vehicle costs recomputed from the routes (cost units).
    pub cost: Cost,
    /// Penalties of the optional jobs left out.
    pub penalties: f64,
}

impl CheckReport {
    /// True when no violation was found.
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks `solution` against `problem`: capacity, time windows, shifts, each
/// job exactly once, fleet size, every reported time and total, and for
/// every mandatory job left out, that its stated reason holds.
pub fn check(problem: &Problem, solution: &Solution) -> CheckReport {
    let mut report = CheckReport::default();
    let mut seen = vec![0usize; problem.num_jobs()];
    let mut routes_per_type = vec![0usize; problem.vehicle_types().len()];

    for (index, route) in solution.routes().iter().enumerate() {
        routes_per_type[route.vehicle_type.0] += 1;
        report.vehicles += 1;
        check_route(problem, index, route, &mut seen, &mut report);
    }

    for unassigned in solution.unassigned() {
        if let Some(count) = seen.get_mut(unassigned.job.0) {
            *count += 1;
            let job = problem.job(unassigned.job);
            report.penalties += job.penalty.unwrap_or(0.0);
            if !job.is_optional()
                && !reasons::confirms(problem, &routes_per_type, unassigned.job, unassigned.reason)
            {
                report.violations.push(Violation::UnconfirmedReason {
                    job: unassigned.job,
                    reason: unassigned.reason,
                });
            }
        }
    }
    for (job, &count) in seen.iter().enumerate() {
        match count {
            0 => report
                .violations
                .push(Violation::MissingJob { job: JobId(job) }),
            1 => {}
            _ => report.violations.push(Violation::DuplicateJob {
                job: JobId(job),
                count,
            }),
        }
    }
    for (index, &routes) in routes_per_type.iter().enumerate() {
        let available = problem.vehicle_types()[index].count;
        if routes > available {
            report.violations.push(Violation::FleetExceeded {
                vehicle_type: VehicleTypeId(index),
                routes,
                available,
            });
        }
    }

    let cost = solution.cost();
    for (what, reported, recomputed) in [
        ("distance", cost.distance.get(), report.distance.get()),
        ("duration", cost.duration.get(), report.duration.get()),
        ("vehicles", cost.vehicles as i64, report.vehicles as i64),
        ("vehicle costs", cost.cost.get(), report.cost.get()),
        (
            "penalties (thousandths)",
            (cost.penalties * 1000.0).round() as i64,
            (report.penalties * 1000.0).round() as i64,
        ),
    ] {
        if reported != recomputed {
            report.violations.push(Violation::CostMismatch {
                what,
                reported,
                recomputed,
            });
        }
    }
    report
}

/// Walks route `index` stop by stop from the problem data alone: loads on
/// board, times, windows, shift, skills, places, capacity and limits, and
/// every figure the route reports. Counts the jobs it serves in `seen` and
/// adds its violations and totals to `report`.
fn check_route(
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
    // Every delivery of the route is on board when it leaves the depot;
    // each stop drops its delivery and collects its pickup.
    let dimensions = problem.dimensions();
    let delivered: Vec<i64> = (0..dimensions)
        .map(|d| {
            route
                .stops
                .iter()
                .map(|s| problem.job(s.job).demand.get(d))
                .sum()
        })
        .collect();
    let mut on_board = delivered.clone();
    let mut peak = delivered.clone();
    let mut picked_up = vec![0i64; dimensions];
    let mut here = vehicle.start_depot;
    let mut clock = route.depot_departure.get();
    let mut travelled = 0i64;
    for (position, stop) in route.stops.iter().enumerate() {
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
        travelled += problem.distance(here, place.location).get();
        let arrival = clock
            + problem
                .travel_time_for(route.vehicle_type, here, place.location, Duration(clock))
                .get();
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
    travelled += problem.distance(here, vehicle.end_depot).get();
    let back = clock
        + problem
            .travel_time_for(route.vehicle_type, here, vehicle.end_depot, Duration(clock))
            .get();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Load;
    use crate::{JobSpec, ProblemBuilder, Rounding, Route, VehicleTypeSpec};

    /// One vehicle of `capacity` at a depot at 0 serving one job 10 away,
    /// shaped by `job` and `vehicle`.
    fn one_stop(
        job: impl FnOnce(JobSpec) -> JobSpec,
        capacity: &[i64],
        vehicle: impl FnOnce(VehicleTypeSpec) -> VehicleTypeSpec,
    ) -> (Problem, Solution) {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot = b.add_location(0.0, 0.0);
        let site = b.add_location(10.0, 0.0);
        b.add_job(job(JobSpec::at(site)));
        b.add_vehicle_type(vehicle(VehicleTypeSpec::new(depot, 1, capacity)));
        let problem = b.build().unwrap();
        let route = Route {
            vehicle_type: VehicleTypeId(0),
            jobs: vec![JobId(0)],
            places: Vec::new(),
        };
        let solution = Solution::new(&problem, vec![route], vec![]).unwrap();
        (problem, solution)
    }

    fn solved() -> (Problem, Solution) {
        one_stop(
            |j| j.time_window(0.0, 60.0).service(5.0),
            &[],
            |v| v.shift(20.0, 100.0),
        )
    }

    #[test]
    fn honest_solution_is_clean() {
        let (problem, solution) = solved();
        assert!(check(&problem, &solution).is_feasible());
    }

    #[test]
    fn misreported_stop_time_is_found() {
        let (problem, mut solution) = solved();
        solution.routes[0].stops[0].arrival = Duration(3);
        let found = check(&problem, &solution).violations;
        assert!(
            matches!(&found[..], [Violation::ScheduleMismatch { what, .. }] if what == "arrival at stop 0"),
            "{found:?}"
        );
    }

    #[test]
    fn misreported_load_is_found() {
        let (problem, mut solution) = one_stop(|j| j.demand(&[2]).pickup(&[3]), &[5], |v| v);
        assert!(check(&problem, &solution).is_feasible());
        assert_eq!(solution.routes[0].stops[0].load, Load::new(&[3]));
        solution.routes[0].stops[0].load = Load::new(&[1]);
        solution.routes[0].peak_load = Load::new(&[2]);
        let found = check(&problem, &solution).violations;
        let what: Vec<&str> = found
            .iter()
            .map(|v| match v {
                Violation::ScheduleMismatch { what, .. } => what.as_str(),
                _ => "other",
            })
            .collect();
        assert_eq!(
            what,
            [
                "load after stop 0 in dimension 0",
                "peak load in dimension 0"
            ]
        );
    }

    #[test]
    fn misreported_cost_and_penalty_totals_are_found() {
        let (problem, mut solution) = solved();
        solution.cost.cost = Cost(solution.cost.cost.get() + 1);
        solution.cost.penalties = 2.5;
        let whats: Vec<&str> = check(&problem, &solution)
            .violations
            .iter()
            .map(|v| match v {
                Violation::CostMismatch { what, .. } => *what,
                other => panic!("unexpected {other}"),
            })
            .collect();
        assert_eq!(whats, vec!["vehicle costs", "penalties (thousandths)"]);
    }

    #[test]
    fn stop_at_a_place_the_job_does_not_have_is_found() {
        let (problem, mut solution) = solved();
        solution.routes[0].stops[0].place = 3;
        let found = check(&problem, &solution).violations;
        assert!(
            found.contains(&Violation::UnknownPlace {
                route: 0,
                job: JobId(0),
                place: 3
            }),
            "{found:?}"
        );
        let (problem, mut solution) = solved();
        solution.routes[0].stops[0].location = crate::LocationId(0);
        let found = check(&problem, &solution).violations;
        assert!(
            found
                .iter()
                .any(|v| matches!(v, Violation::UnknownPlace { place: 0, .. })),
            "{found:?}"
        );
    }

    #[test]
    fn misreported_total_is_found() {
        let (problem, mut solution) = solved();
        solution.cost.distance = Distance(1);
        let found = check(&problem, &solution).violations;
        assert_eq!(
            found,
            vec![Violation::CostMismatch {
                what: "distance",
                reported: 1,
                recomputed: 20
            }]
        );
    }

    #[test]
    fn departure_before_shift_is_found() {
        let (problem, mut solution) = solved();
        let route = &mut solution.routes[0];
        route.depot_departure = Duration(0);
        route.stops[0].arrival = Duration(10);
        route.stops[0].service_start = Duration(10);
        route.stops[0].departure = Duration(15);
        route.depot_arrival = Duration(25);
        solution.cost.duration = Duration(25);
        let found = check(&problem, &solution).violations;
        assert_eq!(
            found,
            vec![Violation::EarlyDeparture {
                route: 0,
                departure: Duration(0),
                shift_start: Duration(20)
            }]
        );
    }

    #[test]
    fn job_on_a_vehicle_without_its_skill_is_found() {
        let (problem, solution) = one_stop(
            |j| j.skills(&["freezer", "lift"]),
            &[],
            |v| v.skills(&["lift"]),
        );
        assert_eq!(
            check(&problem, &solution).violations,
            vec![Violation::MissingSkills {
                route: 0,
                job: JobId(0),
                skills: vec!["freezer".to_string()]
            }]
        );
    }

    #[test]
    fn route_over_its_limits_is_found() {
        let (problem, solution) = one_stop(
            |j| j.service(5.0),
            &[],
            |v| v.max_distance(15.0).max_duration(30.0),
        );
        assert_eq!(
            check(&problem, &solution).violations,
            vec![Violation::RouteLimitExceeded {
                route: 0,
                what: "distance",
                value: 20,
                limit: 15
            }]
        );
    }
}
