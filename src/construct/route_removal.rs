//! Route elimination: dissolve a whole route by inserting each of its jobs
//! at its cheapest feasible place in the other routes, when that shortens
//! the total distance. Local search alone cannot empty a route, since every
//! single move on the way costs more.

use super::insertion::cheapest_insertion;
use crate::problem::{JobId, Problem};
use crate::solution::Route;
use crate::units::Distance;

/// The routes without route `index`, its jobs inserted one by one (tightest
/// window first) at their cheapest feasible place in the others; `None`
/// when some job fits nowhere.
pub(crate) fn dissolve(problem: &Problem, routes: &[Route], index: usize) -> Option<Vec<Route>> {
    let mut rest = routes.to_vec();
    let removed = rest.remove(index);
    let mut jobs: Vec<(JobId, usize)> = removed
        .jobs
        .iter()
        .enumerate()
        .map(|(i, &j)| (j, removed.place(i)))
        .collect();
    jobs.sort_by_key(|&(j, place)| {
        let window = problem.job(j).place(place).time_window;
        (window.end - window.start, j)
    });
    for (job, place) in jobs {
        let insertion = cheapest_insertion(problem, &rest, job, place)?;
        rest[insertion.route].insert(insertion.position, job, place);
    }
    Some(rest)
}

/// Route indices with jobs, fewest jobs first.
pub(crate) fn smallest_first(routes: &[Route]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..routes.len())
        .filter(|&r| !routes[r].jobs.is_empty())
        .collect();
    order.sort_by_key(|&r| (routes[r].jobs.len(), r));
    order
}

/// Tries to dissolve each route (fewest jobs first); keeps the first
/// dissolution that shortens the total distance. Returns whether one was kept.
pub(crate) fn eliminate_one_route(problem: &Problem, routes: &mut Vec<Route>) -> bool {
    let total =
        |routes: &[Route]| -> Distance { routes.iter().map(|r| route_distance(problem, r)).sum() };
    let before = total(routes);
    let shorter = smallest_first(routes)
        .into_iter()
        .filter_map(|candidate| dissolve(problem, routes, candidate))
        .find(|rest| total(rest) < before);
    match shorter {
        Some(rest) => {
            *routes = rest;
            true
        }
        None => false,
    }
}

fn route_distance(problem: &Problem, route: &Route) -> Distance {
    let vehicle = problem.vehicle_type(route.vehicle_type);
    let mut here = vehicle.start_depot;
    let mut distance = Distance::ZERO;
    for (index, &job) in route.jobs.iter().enumerate() {
        let next = problem.job(job).place(route.place(index)).location;
        distance += problem.distance(here, next);
        here = next;
    }
    distance + problem.distance(here, vehicle.end_depot)
}
