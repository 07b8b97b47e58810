//! The walk of one route, stop by stop, from the problem data alone.

use super::{CheckReport, Violation};
use crate::problem::Problem;
use crate::solution::RouteSchedule;
use crate::units::{Cost, Distance, Duration};

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
        (
            "stops",
            route.stops.len() as i64,
            vehicle.max_stops.map(|s| s as i64),
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
