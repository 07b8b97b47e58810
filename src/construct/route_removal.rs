//! Route elimination: dissolve a whole route by inserting each of its jobs
//! at its cheapest feasible place in the other routes, when that shortens
//! the total distance. Local search alone cannot empty a route, since every
//! single move on the way costs more.

use super::insertion::cheapest_insertion;
use crate::problem::Problem;
use crate::solution::Route;
use crate::units::Distance;

/// Tries to dissolve each route (fewest jobs first); keeps the first
/// dissolution that shortens the total distance. Returns whether one was kept.
pub(crate) fn eliminate_one_route(problem: &Problem, routes: &mut Vec<Route>) -> bool {
    let total =
        |routes: &[Route]| -> Distance { routes.iter().map(|r| route_distance(problem, r)).sum() };
    let before = total(routes);
    let mut order: Vec<usize> = (0..routes.len())
        .filter(|&r| !routes[r].jobs.is_empty())
        .collect();
    order.sort_by_key(|&r| (routes[r].jobs.len(), r));
    for candidate in order {
        let mut rest = routes.clone();
        let removed = rest.remove(candidate);
        let mut jobs = removed.jobs;
        jobs.sort_by_key(|&j| {
            let window = problem.job(j).time_window;
            (window.end - window.start, j)
        });
        let placed = jobs
            .into_iter()
            .all(|job| match cheapest_insertion(problem, &rest, job) {
                Some(insertion) => {
                    rest[insertion.route].jobs.insert(insertion.position, job);
                    true
                }
                None => false,
            });
        if placed && total(&rest) < before {
            *routes = rest;
            return true;
        }
    }
    false
}

fn route_distance(problem: &Problem, route: &Route) -> Distance {
    let vehicle = problem.vehicle_type(route.vehicle_type);
    let mut here = vehicle.start_depot;
    let mut distance = Distance::ZERO;
    for &job in &route.jobs {
        let next = problem.job(job).location;
        distance += problem.distance(here, next);
        here = next;
    }
    distance + problem.distance(here, vehicle.end_depot)
}
