//! Cheapest feasible insertion of a job into existing routes, checked with
//! [`TimeWindowSegment`]s: one O(length) pass per route builds prefix and
//! suffix segments, then every position is tried in O(1).

use crate::eval::{LoadSegment, TimeWindowSegment};
use crate::problem::{JobId, LocationId, Problem};
use crate::solution::Route;
use crate::units::{Distance, Duration};

/// Where a job would go and what it would add to the distance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Insertion {
    pub route: usize,
    pub position: usize,
    pub added_distance: Distance,
}

/// The cheapest position (by added distance) at which `job`, served at
/// `place`, can be inserted into one of `routes` without breaking skills,
/// capacity, time windows or route limits.
pub(crate) fn cheapest_insertion(
    problem: &Problem,
    routes: &[Route],
    job: JobId,
    place: usize,
) -> Option<Insertion> {
    let mut best: Option<Insertion> = None;
    for (index, route) in routes.iter().enumerate() {
        if let Some((position, added)) = best_position(problem, route, job, place) {
            if best.is_none_or(|b| added < b.added_distance) {
                best = Some(Insertion {
                    route: index,
                    position,
                    added_distance: added,
                });
            }
        }
    }
    best
}

fn best_position(
    problem: &Problem,
    route: &Route,
    job: JobId,
    place: usize,
) -> Option<(usize, Distance)> {
    let vehicle = problem.vehicle_type(route.vehicle_type);
    let new = problem.job(job);
    let new_place = new.place(place);
    let travel = |from, to| problem.travel_time_for(route.vehicle_type, from, to);
    if !vehicle.skills.covers(new.skills) {
        return None;
    }
    let depot = TimeWindowSegment::visit(vehicle.shift, Duration::ZERO);
    // Stops including both depots: index 0 = start depot, last = end depot.
    // Loads are kept per stop too: with pickups, whether the job fits
    // depends on where it goes.
    let mut locations: Vec<LocationId> = Vec::with_capacity(route.jobs.len() + 2);
    let mut segments = Vec::with_capacity(route.jobs.len() + 2);
    let mut loads = Vec::with_capacity(route.jobs.len() + 2);
    locations.push(vehicle.start_depot);
    segments.push(depot);
    loads.push(LoadSegment::EMPTY);
    for (index, &j) in route.jobs.iter().enumerate() {
        let data = problem.job(j);
        let at = data.place(route.place(index));
        locations.push(at.location);
        segments.push(TimeWindowSegment::visit(at.time_window, data.service));
        loads.push(LoadSegment::visit(data.demand, data.pickup));
    }
    locations.push(vehicle.end_depot);
    segments.push(depot);
    loads.push(LoadSegment::EMPTY);

    let stops = segments.len();
    let (mut prefix, mut load_prefix) = (segments.clone(), loads.clone());
    for i in 1..stops {
        prefix[i] = prefix[i - 1].then(travel(locations[i - 1], locations[i]), &segments[i]);
        load_prefix[i] = load_prefix[i - 1].then(&loads[i]);
    }
    let (mut suffix, mut load_suffix) = (segments.clone(), loads.clone());
    for i in (0..stops - 1).rev() {
        suffix[i] = segments[i].then(travel(locations[i], locations[i + 1]), &suffix[i + 1]);
        load_suffix[i] = loads[i].then(&load_suffix[i + 1]);
    }

    let distance: Distance = locations
        .windows(2)
        .map(|w| problem.distance(w[0], w[1]))
        .sum();
    let visit = TimeWindowSegment::visit(new_place.time_window, new.service);
    let new_load = LoadSegment::visit(new.demand, new.pickup);
    let location = new_place.location;
    let mut best: Option<(usize, Distance)> = None;
    for after in 0..stops - 1 {
        let (before, next) = (locations[after], locations[after + 1]);
        let added = problem.distance(before, location) + problem.distance(location, next)
            - problem.distance(before, next);
        if best.is_some_and(|(_, b)| added >= b)
            || !load_prefix[after]
                .then(&new_load)
                .then(&load_suffix[after + 1])
                .fits_in(&vehicle.capacity)
        {
            continue;
        }
        let full = prefix[after]
            .then(travel(before, location), &visit)
            .then(travel(location, next), &suffix[after + 1]);
        if full.time_warp == Duration::ZERO
            && vehicle.within_limits(distance + added, full.duration)
        {
            best = Some((after, added));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{JobSpec, ProblemBuilder, Rounding, VehicleTypeId, VehicleTypeSpec};

    #[test]
    fn inserts_between_neighbours_and_respects_windows() {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot = b.add_location(0.0, 0.0);
        for (x, window) in [
            (10.0, (0.0, 100.0)),
            (30.0, (0.0, 100.0)),
            (20.0, (0.0, 100.0)),
            (20.0, (0.0, 5.0)),
        ] {
            let site = b.add_location(x, 0.0);
            b.add_job(
                JobSpec::at(site)
                    .demand(&[1])
                    .time_window(window.0, window.1),
            );
        }
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
        let problem = b.build().unwrap();
        let routes = vec![Route::new(VehicleTypeId(0), vec![JobId(0), JobId(1)])];
        let insertion = cheapest_insertion(&problem, &routes, JobId(2), 0).unwrap();
        assert_eq!(
            (insertion.position, insertion.added_distance),
            (1, Distance(0))
        );
        // Job 3 must be served by time 5 but lies 20 away.
        assert_eq!(cheapest_insertion(&problem, &routes, JobId(3), 0), None);
    }
}
