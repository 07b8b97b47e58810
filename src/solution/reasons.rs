//! The checker's own account of why a job cannot be served: derived from
//! the problem data alone, stop by stop, sharing no code with construction
//! or search, so that a reason a solver states can be confirmed (or not).

use super::UnassignedReason;
use crate::problem::{BreakRule, JobId, Place, Problem, VehicleTypeId};
use crate::units::Duration;

/// How far a vehicle type gets with `job` on a route of its own, from
/// worst to best.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Alone {
    /// It lacks a skill the job needs, has no vehicles, or the job is
    /// bound to another type.
    Unskilled,
    /// It has the skills, but the job's load does not fit.
    TooHeavy,
    /// It fits, but reaches no window in time, whenever it leaves.
    Late,
    /// It reaches a window, but is back after its shift ends.
    BackLate,
    /// It is back in time, but drives or works longer than it may.
    OverLimits,
    /// It could serve the job, but not with its driver's breaks.
    BreaksBlock,
    /// It can serve the job.
    Serves,
}

/// How far a vehicle of `vehicle_type` gets serving only `job` (at its
/// best place): leaving the start depot as late as it usefully can within
/// its shift, waiting at the place for its window, returning to the end
/// depot.
fn alone(problem: &Problem, vehicle_type: VehicleTypeId, job: JobId) -> Alone {
    let vehicle = problem.vehicle_type(vehicle_type);
    let data = problem.job(job);
    let bound_elsewhere = data.vehicle_type.is_some_and(|t| t != vehicle_type);
    if vehicle.count == 0 || !vehicle.skills.covers(data.skills) || bound_elsewhere {
        return Alone::Unskilled;
    }
    let load = data.demand.max_per_dimension(&data.pickup);
    if !load.fits_in(&vehicle.capacity) {
        return Alone::TooHeavy;
    }
    let (shift_start, shift_end) = (vehicle.shift.start.get(), vehicle.shift.end.get());
    // The vehicle loads the job once it is released.
    let earliest = shift_start.max(data.release.get());
    let mut best = Alone::Late;
    for place in (0..data.num_places()).map(|p| data.place(p)) {
        // Leaving at the earliest arrives earliest (travel times are
        // first-in first-out), and so serves as early as any departure.
        let out = problem
            .travel_time_for(
                vehicle_type,
                vehicle.start_depot,
                place.location,
                Duration(earliest),
            )
            .get();
        let (open, close) = (place.time_window.start.get(), place.time_window.end.get());
        // Leave as late as is useful (no waiting) but within the shift:
        // with travel times by hour, the latest departure that still
        // arrives by the time leaving at the start would serve (a
        // bisection over departures, as arrival never falls with them).
        let service_start = (earliest + out).max(open);
        let arrives = |leave: i64| {
            leave
                + problem
                    .travel_time_for(
                        vehicle_type,
                        vehicle.start_depot,
                        place.location,
                        Duration(leave),
                    )
                    .get()
        };
        let (mut fits, mut late) = (earliest, service_start.max(earliest) + 1);
        while late - fits > 1 {
            let middle = fits + (late - fits) / 2;
            if arrives(middle) <= service_start {
                fits = middle;
            } else {
                late = middle;
            }
        }
        let leave = fits.min(earliest.max(shift_end));
        if service_start > close {
            continue;
        }
        let service_end = service_start + data.service.get();
        let back = problem
            .travel_time_for(
                vehicle_type,
                place.location,
                vehicle.end_depot,
                Duration(service_end),
            )
            .get();
        let home = service_end + back;
        if home > shift_end {
            best = best.max(Alone::BackLate);
            continue;
        }
        let distance = problem.distance(vehicle.start_depot, place.location)
            + problem.distance(place.location, vehicle.end_depot);
        let duration = crate::units::Duration(home - leave);
        if vehicle.within_limits(1, distance, duration) {
            if breaks_fit(problem, vehicle_type, job, &place) {
                return Alone::Serves;
            }
            best = best.max(Alone::BreaksBlock);
            continue;
        }
        best = best.max(Alone::OverLimits);
    }
    best
}

/// Whether a vehicle of `vehicle_type` serving only `job` at `place` can
/// take its driver's breaks: some choice of where each break goes (a
/// window break at the start depot before leaving, after the job, or
/// nowhere when the route is back by its window's start; a driving break
/// after the job or nowhere) meets every
/// window, the shift, the driving limit and the route limits.
fn breaks_fit(problem: &Problem, vehicle_type: VehicleTypeId, job: JobId, place: &Place) -> bool {
    let vehicle = problem.vehicle_type(vehicle_type);
    let rules = &vehicle.breaks;
    let orders = permutations(rules.len());
    // Each rule: 0 nowhere, 1 at the depot, 2 after the job; breaks at one
    // place in every order.
    (0..3usize.pow(rules.len() as u32)).any(|code| {
        let at: Vec<usize> = (0..rules.len())
            .map(|r| code / 3usize.pow(r as u32) % 3)
            .collect();
        // (A driving break is taken after driving, not before leaving.)
        let driving_at_depot =
            (0..rules.len()).any(|r| at[r] == 1 && matches!(rules[r], BreakRule::Driving { .. }));
        !driving_at_depot
            && orders
                .iter()
                .any(|order| walk_alone(problem, vehicle_type, job, place, &at, order))
    })
}

/// Every order of `0..n` (the checker's own, like everything it uses).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut all = Vec::new();
    for shorter in permutations(n - 1) {
        for slot in 0..=shorter.len() {
            let mut order = shorter.clone();
            order.insert(slot, n - 1);
            all.push(order);
        }
    }
    all
}

/// One choice of [`breaks_fit`]: `at[r]` says where rule `r`'s break goes,
/// and those at one place are taken in `order`.
/// The route leaves by the schedule's rule: as late as it can and still
/// be back when leaving at the start of the shift would bring it back
/// (removing waiting), or with traffic by hour (where a later start may
/// cost more travel than the waiting it removes) still serve the job when
/// it would.
fn walk_alone(
    problem: &Problem,
    vehicle_type: VehicleTypeId,
    job: JobId,
    place: &Place,
    at: &[usize],
    order: &[usize],
) -> bool {
    let vehicle = problem.vehicle_type(vehicle_type);
    let rules = &vehicle.breaks;
    // The vehicle loads the job once it is released.
    let shift_start = vehicle
        .shift
        .start
        .get()
        .max(problem.job(job).release.get());
    let Some(early) = walk_from(problem, vehicle_type, job, place, (at, order), shift_start) else {
        return false;
    };
    // Arrival never falls with the departure: the departures that serve
    // (or are back) as early form an interval from the shift's start.
    let traffic = problem.has_traffic();
    let as_early = |w: &AloneWalk| {
        if traffic {
            w.service_start == early.service_start
        } else {
            w.home == early.home
        }
    };
    let (mut fits, mut late) = (shift_start, early.home + 1);
    while late - fits > 1 {
        let middle = fits + (late - fits) / 2;
        let same = walk_from(problem, vehicle_type, job, place, (at, order), middle)
            .is_some_and(|w| as_early(&w));
        if same {
            fits = middle;
        } else {
            late = middle;
        }
    }
    let walk = walk_from(problem, vehicle_type, job, place, (at, order), fits).unwrap_or(early);
    for (r, rule) in rules.iter().enumerate() {
        match *rule {
            BreakRule::Window { window, .. } => {
                if at[r] == 0 && walk.home > window.start.get() {
                    return false;
                }
            }
            BreakRule::Driving {
                max_driving,
                duration,
            } => {
                let rested =
                    (0..rules.len()).any(|b| at[b] == 2 && rules[b].duration() >= duration);
                let limit = max_driving.get();
                let (out, back) = (walk.out, walk.back);
                if out > limit || back > limit || (out + back > limit && !rested) {
                    return false;
                }
            }
        }
    }
    let distance = problem.distance(vehicle.start_depot, place.location)
        + problem.distance(place.location, vehicle.end_depot);
    vehicle.within_limits(1, distance, Duration(walk.home - fits))
}

/// The times of a route serving only one job, with its breaks.
#[derive(Clone, Copy)]
struct AloneWalk {
    /// The job's service starts.
    service_start: i64,
    /// Back at the end depot.
    home: i64,
    /// Driving out and back.
    out: i64,
    back: i64,
}

/// [`walk_alone`]'s route leaving at `departure`: `None` when a break, the
/// job or the return is late.
fn walk_from(
    problem: &Problem,
    vehicle_type: VehicleTypeId,
    job: JobId,
    place: &Place,
    (at, order): (&[usize], &[usize]),
    departure: i64,
) -> Option<AloneWalk> {
    let vehicle = problem.vehicle_type(vehicle_type);
    let rules = &vehicle.breaks;
    // The breaks taken at `position`, in `order`; false when one starts
    // too late.
    let take = |position: usize, clock: &mut i64| {
        let here: Vec<&BreakRule> = order
            .iter()
            .filter(|&&r| at[r] == position)
            .map(|&r| &rules[r])
            .collect();
        here.iter().all(|rule| {
            let start = (*clock).max(rule.window().start.get());
            *clock = start + rule.duration().get();
            start <= rule.window().end.get()
        })
    };
    let mut clock = departure;
    if !take(1, &mut clock) {
        return None;
    }
    let out = problem
        .travel_time_for(
            vehicle_type,
            vehicle.start_depot,
            place.location,
            Duration(clock),
        )
        .get();
    let service_start = (clock + out).max(place.time_window.start.get());
    if service_start > place.time_window.end.get() {
        return None;
    }
    clock = service_start + problem.job(job).service.get();
    if !take(2, &mut clock) {
        return None;
    }
    let back = problem
        .travel_time_for(
            vehicle_type,
            place.location,
            vehicle.end_depot,
            Duration(clock),
        )
        .get();
    let home = clock + back;
    (home <= vehicle.shift.end.get()).then_some(AloneWalk {
        service_start,
        home,
        out,
        back,
    })
}

/// Whether the checker can confirm that `job` is out of `routes_per_type`
/// (routes per vehicle type in the plan) for `reason`.
pub(super) fn confirms(
    problem: &Problem,
    routes_per_type: &[usize],
    job: JobId,
    reason: UnassignedReason,
) -> bool {
    let types = (0..problem.vehicle_types().len()).map(VehicleTypeId);
    let best = types.clone().map(|t| alone(problem, t, job)).max();
    let Some(best) = best else {
        return false;
    };
    match reason {
        UnassignedReason::NoVehicleWithSkills => best == Alone::Unskilled,
        UnassignedReason::DemandExceedsCapacity => best == Alone::TooHeavy,
        UnassignedReason::TimeWindowUnreachable => best == Alone::Late,
        UnassignedReason::ShiftTooShort => best == Alone::BackLate,
        UnassignedReason::ExceedsRouteLimits => best == Alone::OverLimits,
        UnassignedReason::BreaksDoNotFit => best == Alone::BreaksBlock,
        // Every vehicle that could serve it drives a route already; a
        // backhaul under the VRPB rule, which no vehicle serves alone,
        // needs a route with a linehaul and room, which a plan may lack
        // with vehicles to spare.
        UnassignedReason::FleetExhausted => {
            best == Alone::Serves
                && (rides_with_a_linehaul(problem, job)
                    || types
                        .filter(|&t| alone(problem, t, job) == Alone::Serves)
                        .all(|t| routes_per_type[t.0] >= problem.vehicle_type(t).count))
        }
        // Only an optional job may be left out because it does not pay.
        UnassignedReason::NotWorthServing => problem.job(job).is_optional(),
        UnassignedReason::NoLinehaul => lonely_backhaul(problem, job),
    }
}

/// Under the VRPB rule, `job` only picks up (so rides only on a route
/// with a job that delivers).
fn rides_with_a_linehaul(problem: &Problem, job: JobId) -> bool {
    use crate::units::Load;
    let backhaul = problem.job(job);
    problem.backhauls_last() && backhaul.demand == Load::ZERO && backhaul.pickup != Load::ZERO
}

/// Under the VRPB rule, `job` only picks up and no vehicle type with
/// vehicles that may take it may take a job that delivers.
fn lonely_backhaul(problem: &Problem, job: JobId) -> bool {
    use crate::units::Load;
    if !rides_with_a_linehaul(problem, job) {
        return false;
    }
    let types = (0..problem.vehicle_types().len()).map(VehicleTypeId);
    !types
        .filter(|&t| problem.vehicle_type(t).count > 0 && problem.may_take(t, job))
        .any(|t| {
            (0..problem.num_jobs())
                .map(JobId)
                .any(|j| problem.job(j).demand != Load::ZERO && problem.may_take(t, j))
        })
}
