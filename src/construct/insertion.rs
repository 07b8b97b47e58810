//! Cheapest feasible insertion of a job into existing routes, checked
//! through the evaluation layer: one O(length) pass per route builds prefix
//! and suffix [`Piece`]s, then every position is tried in O(1).

use crate::eval::{exact_route, CostModel, Piece, RouteVehicle};
use crate::problem::{JobId, Problem};
use crate::solution::Route;
use crate::units::Distance;

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
    if !problem.may_take(route.vehicle_type, job) {
        return None;
    }
    let costing = RouteVehicle::of(problem, route.vehicle_type, &CostModel::default());
    let profile = vehicle.profile as u32;
    // Stops including both depots: index 0 = start depot, last = end depot.
    let mut stops: Vec<Piece> = Vec::with_capacity(route.jobs.len() + 2);
    stops.push(Piece::start_depot(problem, route.vehicle_type));
    for (index, &j) in route.jobs.iter().enumerate() {
        stops.push(Piece::visit(problem, j, route.place(index)).in_profile(profile));
    }
    stops.push(Piece::depot(vehicle.end_depot, vehicle.shift, profile));

    let n = stops.len();
    let mut prefix = stops.clone();
    for i in 1..n {
        prefix[i] = prefix[i - 1].then(problem, &stops[i]);
    }
    let mut suffix = stops.clone();
    for i in (0..n - 1).rev() {
        // (Arcs driven when the route as it is drives them.)
        let leaving = prefix[i].time().earliest_end();
        suffix[i] = stops[i].then_leaving(problem, &suffix[i + 1], leaving);
    }

    let visit = Piece::visit(problem, job, place).in_profile(profile);
    let location = visit.first_location();
    // With traffic by hour or breaks the suffixes are estimates: the route
    // with the job after `after`, joined stop by stop from the start.
    let exact_feasible = |after: usize| {
        let stops = stops[..=after]
            .iter()
            .copied()
            .chain(std::iter::once(visit))
            .chain(stops[after + 1..].iter().copied());
        exact_route(problem, route.vehicle_type, stops).is_feasible(&costing)
    };
    let mut best: Option<(usize, Distance)> = None;
    for after in 0..n - 1 {
        let (before, next) = (
            stops[after].last_location(),
            stops[after + 1].first_location(),
        );
        let added = problem.distance(before, location) + problem.distance(location, next)
            - problem.distance(before, next);
        if best.is_some_and(|(_, b)| added >= b) {
            continue;
        }
        let full = prefix[after]
            .then(problem, &visit)
            .then(problem, &suffix[after + 1]);
        if full.is_feasible(&costing) && (!problem.joins_are_estimates() || exact_feasible(after)) {
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
