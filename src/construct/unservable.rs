//! Which jobs no vehicle could ever serve, and why.

use crate::eval::{exact_route, Piece};
use crate::problem::{JobId, Problem, TimeWindow, VehicleTypeId};
use crate::solution::UnassignedReason;
use crate::units::{Duration, Load};

/// True when a vehicle of type `vehicle_type` can serve `job` on a route of
/// its own (at one of its places): it has the skills, the demand fits, the
/// window is reachable from the start depot with a return to the end depot
/// within the shift, and the route stays within the type's maximum distance
/// and duration.
pub fn can_serve_alone(problem: &Problem, vehicle_type: VehicleTypeId, job: JobId) -> bool {
    servable_place(problem, vehicle_type, job).is_some()
}

/// The first place of `job` (in its order of preference) at which a vehicle
/// of type `vehicle_type` can serve it on a route of its own.
pub fn servable_place(problem: &Problem, vehicle_type: VehicleTypeId, job: JobId) -> Option<usize> {
    let vehicle = problem.vehicle_type(vehicle_type);
    let job_data = problem.job(job);
    if vehicle.count == 0
        || !problem.may_take(vehicle_type, job)
        || !job_data.load_alone().fits_in(&vehicle.capacity)
    {
        return None;
    }
    (0..job_data.num_places())
        .find(|&place| alone(problem, vehicle_type, job, place) == (true, true, true))
}

/// False when `job` may not ride on a route of its own whatever the
/// vehicle: under the VRPB rule ([`Problem::backhauls_last`]) a backhaul
/// (a job that only picks up) rides with a linehaul.
pub(crate) fn rides_alone(problem: &Problem, job: JobId) -> bool {
    !(problem.backhauls_last() && is_backhaul(problem, job))
}

/// `job` picks up and delivers nothing.
pub(crate) fn is_backhaul(problem: &Problem, job: JobId) -> bool {
    let data = problem.job(job);
    data.demand == Load::ZERO && data.pickup != Load::ZERO
}

/// Under the VRPB rule: false when `job` is a backhaul (it picks up and
/// delivers nothing) and no vehicle type with vehicles that may take it
/// may take a linehaul (a job that delivers), so that it can never ride
/// on a route with one. O(jobs × types) for a backhaul.
fn can_join_a_linehaul(problem: &Problem, job: JobId) -> bool {
    if !is_backhaul(problem, job) {
        return true;
    }
    (0..problem.vehicle_types().len())
        .map(VehicleTypeId)
        .filter(|&t| problem.vehicle_type(t).count > 0 && problem.may_take(t, job))
        .any(|t| {
            problem
                .jobs()
                .iter()
                .enumerate()
                .any(|(j, other)| other.demand != Load::ZERO && problem.may_take(t, JobId(j)))
        })
}

/// For a route serving only `job` at `place` with a vehicle of
/// `vehicle_type`: whether the window is met within the shift, whether the
/// route stays within the type's maximum distance and duration, and
/// whether it still does both with the driver's breaks.
fn alone(
    problem: &Problem,
    vehicle_type: VehicleTypeId,
    job: JobId,
    place: usize,
) -> (bool, bool, bool) {
    let vehicle = problem.vehicle_type(vehicle_type);
    let fits = |with_breaks: bool| {
        let route = alone_piece(
            problem,
            vehicle_type,
            job,
            place,
            vehicle.shift.end,
            with_breaks,
        );
        (
            route.time().time_warp == Duration::ZERO,
            vehicle.within_limits(
                1,
                route.distance,
                route.time().duration - route.time().time_warp,
            ),
        )
    };
    let (window, limits) = fits(false);
    let breaks = vehicle.breaks.is_empty() || fits(true) == (true, true);
    (window, limits, breaks)
}

/// The route serving only `job` at `place`, leaving the start depot within
/// the shift and due back at the end depot by `back_by`, as one piece;
/// with the vehicle's breaks or without.
fn alone_piece(
    problem: &Problem,
    vehicle_type: VehicleTypeId,
    job: JobId,
    place: usize,
    back_by: Duration,
    with_breaks: bool,
) -> Piece {
    let vehicle = problem.vehicle_type(vehicle_type);
    let profile = vehicle.profile as u32;
    let back = TimeWindow {
        start: vehicle.shift.start,
        end: back_by,
    };
    // Leaving by `back_by` too (a job released late in the shift).
    let start = if problem.has_trips() {
        Piece::trip_start(vehicle.start_depot, back, profile)
    } else {
        Piece::depot(vehicle.start_depot, back, profile)
    };
    let visit = Piece::visit(problem, job, place).in_profile(profile);
    let end = Piece::depot(vehicle.end_depot, back, profile);
    if with_breaks {
        return exact_route(problem, vehicle_type, [start, visit, end]);
    }
    start
        .then(problem, &visit)
        .then(problem, &end)
        .as_driven(problem, &start, Some(&visit))
}

/// Why no vehicle can serve `job` even on a route of its own (at any of its
/// places), or `None` when some vehicle type can. Reasons are checked in order: skills, then
/// capacity (among the vehicles with the skills), then time: the window
/// cannot be reached from the depot within the shift, or it can but the
/// vehicle cannot be back before the shift ends, or the route limits.
pub fn unservable_reason(problem: &Problem, job: JobId) -> Option<UnassignedReason> {
    if problem.backhauls_last() && !can_join_a_linehaul(problem, job) {
        return Some(UnassignedReason::NoLinehaul);
    }
    let types = (0..problem.vehicle_types().len()).map(VehicleTypeId);
    let (mut skilled, mut capacity_fits, mut window_met) = (false, false, false);
    let (mut window_reachable, mut breaks_block) = (false, false);
    for vehicle_type in types {
        let vehicle = problem.vehicle_type(vehicle_type);
        if vehicle.count == 0 || !problem.may_take(vehicle_type, job) {
            continue;
        }
        skilled = true;
        if problem.job(job).load_alone().fits_in(&vehicle.capacity) {
            capacity_fits = true;
            for place in 0..problem.job(job).num_places() {
                match alone(problem, vehicle_type, job, place) {
                    (true, true, true) => return None,
                    (true, true, false) => breaks_block = true,
                    (true, false, _) => window_met = true,
                    _ => {}
                }
                // Would the window be met if the shift had no end?
                let open = alone_piece(
                    problem,
                    vehicle_type,
                    job,
                    place,
                    Duration::UNBOUNDED,
                    false,
                );
                window_reachable |= open.time().time_warp == Duration::ZERO;
            }
        }
    }
    Some(if !skilled {
        UnassignedReason::NoVehicleWithSkills
    } else if breaks_block {
        UnassignedReason::BreaksDoNotFit
    } else if window_met {
        UnassignedReason::ExceedsRouteLimits
    } else if window_reachable {
        UnassignedReason::ShiftTooShort
    } else if capacity_fits {
        UnassignedReason::TimeWindowUnreachable
    } else {
        UnassignedReason::DemandExceedsCapacity
    })
}

/// Puts each of `jobs` alone on an idle vehicle (one `routes` does not use)
/// of the first type that can serve it; returns the jobs that found none
/// (and those that may not ride alone, see [`rides_alone`]).
pub(crate) fn place_on_idle_vehicles(
    problem: &Problem,
    routes: &mut Vec<crate::solution::Route>,
    jobs: impl IntoIterator<Item = JobId>,
) -> Vec<JobId> {
    let types = problem.vehicle_types().len();
    let mut used = vec![0usize; types];
    for route in routes.iter().filter(|r| !r.jobs.is_empty()) {
        used[route.vehicle_type.0] += 1;
    }
    let mut still_out = Vec::new();
    for job in jobs {
        if !rides_alone(problem, job) {
            still_out.push(job);
            continue;
        }
        let idle = (0..types).map(VehicleTypeId).find_map(|t| {
            if used[t.0] >= problem.vehicle_type(t).count {
                return None;
            }
            servable_place(problem, t, job).map(|place| (t, place))
        });
        match idle {
            Some((vehicle_type, place)) => {
                used[vehicle_type.0] += 1;
                routes.push(crate::solution::Route {
                    vehicle_type,
                    jobs: vec![job],
                    places: vec![place],
                    reloads: Vec::new(),
                });
            }
            None => still_out.push(job),
        }
    }
    still_out
}
