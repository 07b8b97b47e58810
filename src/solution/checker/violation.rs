//! What the checker reports: the kinds of violation.

use crate::problem::{JobId, LocationId, VehicleTypeId};
use crate::solution::UnassignedReason;
use crate::units::Duration;
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
    /// A job bound to one vehicle type is served by a vehicle of another.
    WrongVehicle {
        /// Route index.
        route: usize,
        /// The job.
        job: JobId,
        /// The type the job is bound to.
        bound_to: VehicleTypeId,
        /// The type of the route's vehicle.
        served_by: VehicleTypeId,
    },
    /// Under the VRPB rule ([`Problem::backhauls_last`](crate::Problem::backhauls_last)),
    /// a linehaul served after a backhaul, or a route of backhauls only
    /// (`job` is then its first backhaul).
    BackhaulOrder {
        /// Route index.
        route: usize,
        /// The linehaul served too late, or the first backhaul of a route
        /// without linehauls.
        job: JobId,
        /// True for a route of backhauls only.
        backhauls_only: bool,
    },
    /// A trip starts loading at its depot (the start depot or a reload)
    /// before a parcel it carries is released ([`Job::release`](crate::Job::release)).
    NotYetReleased {
        /// Route index.
        route: usize,
        /// The job with the latest release of the trip.
        job: JobId,
        /// When the trip starts loading.
        loading: Duration,
        /// The job's release time.
        release: Duration,
    },
    /// A route reloads where its vehicle type may not: not one of its
    /// reload depots, or not after a stop the route has.
    InvalidReload {
        /// Route index.
        route: usize,
        /// The reload's index in the route.
        reload: usize,
        /// The location it is made at.
        location: LocationId,
    },
    /// A route drives farther or takes longer than its vehicle type allows.
    RouteLimitExceeded {
        /// Route index.
        route: usize,
        /// "distance", "duration", "stops" or "reloads".
        what: &'static str,
        /// The route's value.
        value: i64,
        /// The limit.
        limit: i64,
    },
    /// A route does not take a window break its driver must take: it is
    /// back at its depot after the break's window opens.
    MissingBreak {
        /// Route index.
        route: usize,
        /// The break rule (an index into the vehicle type's breaks).
        rule: usize,
    },
    /// A break starts after its window closes.
    LateBreak {
        /// Route index.
        route: usize,
        /// The break rule.
        rule: usize,
        /// Earliest possible start.
        start: Duration,
        /// End of the break's window.
        window_end: Duration,
    },
    /// A break the vehicle type has no rule for, a window break taken
    /// twice, or one placed after a stop the route does not have.
    UnknownBreak {
        /// Route index.
        route: usize,
        /// The break rule named.
        rule: usize,
    },
    /// A driver drives longer than the driving limit without a break long
    /// enough.
    DrivingLimitExceeded {
        /// Route index.
        route: usize,
        /// The longest driving without such a break.
        driving: Duration,
        /// The limit.
        limit: Duration,
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
            Violation::WrongVehicle {
                route,
                job,
                bound_to,
                served_by,
            } => write!(
                f,
                "route {route}: job {} is bound to vehicle type {} but served by type {}",
                job.0, bound_to.0, served_by.0
            ),
            Violation::MissingSkills { route, job, skills } => write!(
                f,
                "route {route}: job {} needs skills the vehicle lacks: {}",
                job.0,
                skills.join(", ")
            ),
            Violation::BackhaulOrder {
                route,
                job,
                backhauls_only: false,
            } => write!(
                f,
                "route {route}: linehaul job {} is served after a backhaul",
                job.0
            ),
            Violation::BackhaulOrder { route, job, .. } => write!(
                f,
                "route {route}: serves backhauls only (job {} first) but must start with a linehaul",
                job.0
            ),
            Violation::NotYetReleased { route, job, loading, release } => write!(
                f,
                "route {route}: the trip with job {} starts loading at {loading}, before the job is released at {release}",
                job.0
            ),
            Violation::InvalidReload { route, reload, location } => write!(
                f,
                "route {route}: reload {reload} at location {} is not at a reload depot of its vehicle type, or not after a stop of the route",
                location.0
            ),
            Violation::RouteLimitExceeded { route, what, value, limit } => {
                write!(f, "route {route}: {what} {value} above the limit {limit}")
            }
            Violation::MissingBreak { route, rule } => {
                write!(f, "route {route}: break {rule} is not taken, though the route is back after its window opens")
            }
            Violation::LateBreak { route, rule, start, window_end } => write!(
                f,
                "route {route}: break {rule} starts at {} after its window ends at {}",
                start.get(),
                window_end.get()
            ),
            Violation::UnknownBreak { route, rule } => {
                write!(f, "route {route}: break {rule} is not one its vehicle type takes there")
            }
            Violation::DrivingLimitExceeded { route, driving, limit } => write!(
                f,
                "route {route}: {} of driving without a break, above the limit {}",
                driving.get(),
                limit.get()
            ),
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
