//! Solutions: routes with a full schedule per stop, the cost breakdown, the
//! jobs left unassigned and why, and an independent [`checker`].

pub mod checker;
pub mod kpi;
mod reasons;
mod schedule;

pub use checker::{check, CheckReport, Violation};
pub use kpi::{kpis, Kpis, RouteKpis};
pub use schedule::{RouteSchedule, ScheduledBreak, ScheduledReload, Stop};

use crate::error::SolutionError;
use crate::problem::{JobId, LocationId, Problem, VehicleTypeId};
use crate::units::{Cost, Distance, Duration};
use std::fmt;

/// A route as a plain sequence of jobs served by one vehicle of a type; the
/// depots at both ends are implicit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The type of the vehicle driving the route.
    pub vehicle_type: VehicleTypeId,
    /// Jobs in visiting order.
    pub jobs: Vec<JobId>,
    /// The place each job is served at ([`Job::place`]: 0 is the first
    /// choice), one per job; empty means the first choice everywhere.
    ///
    /// [`Job::place`]: crate::Job::place
    pub places: Vec<usize>,
    /// The returns to a reload depot between trips, in order (empty: one
    /// trip; see [`VehicleTypeSpec::reload_depots`](crate::VehicleTypeSpec::reload_depots)).
    pub reloads: Vec<Reload>,
}

/// A return to a reload depot inside a route: the vehicle unloads what it
/// picked up and loads the deliveries of its next trip.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reload {
    /// Jobs served before it (from 0, at the start depot, to the route's
    /// length, after the last job).
    pub after: usize,
    /// The depot it is made at.
    pub depot: LocationId,
}

impl Route {
    /// A route serving `jobs` in order, each at its first-choice place.
    pub fn new(vehicle_type: VehicleTypeId, jobs: Vec<JobId>) -> Route {
        Route {
            vehicle_type,
            jobs,
            places: Vec::new(),
            reloads: Vec::new(),
        }
    }

    /// The place of the job at `index` (0 when no places are given).
    #[inline]
    pub fn place(&self, index: usize) -> usize {
        self.places.get(index).copied().unwrap_or(0)
    }

    /// Inserts `job`, served at `place`, at `index`.
    pub(crate) fn insert(&mut self, index: usize, job: JobId, place: usize) {
        if self.places.len() != self.jobs.len() {
            self.places = vec![0; self.jobs.len()];
        }
        self.jobs.insert(index, job);
        self.places.insert(index, place);
    }
}

/// Why a job is not in any route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnassignedReason {
    /// No vehicle type with vehicles has every skill the job needs (or the
    /// job is bound to a vehicle type that lacks them or has no vehicles).
    NoVehicleWithSkills,
    /// The demand exceeds the capacity of every vehicle type (that has the
    /// job's skills).
    DemandExceedsCapacity,
    /// No vehicle can reach the job within its time window, leaving its
    /// depot within its shift, even on a route of its own.
    TimeWindowUnreachable,
    /// The window can be reached, but no vehicle could serve the job and be
    /// back at its depot before its shift ends.
    ShiftTooShort,
    /// Even on a route of its own, serving the job drives farther or takes
    /// longer than every suitable vehicle type's maximum allows.
    ExceedsRouteLimits,
    /// A vehicle could serve the job on a route of its own, but not with
    /// the breaks its driver must take (a window break that leaves too
    /// little time, or an arc longer than the driving limit).
    BreaksDoNotFit,
    /// The job could be served on its own, but the available vehicles were
    /// all used by other jobs. (Under the VRPB rule a backhaul is never
    /// served on its own: for one, no route with a linehaul had room.)
    FleetExhausted,
    /// An optional job whose service would cost more than its penalty.
    NotWorthServing,
    /// Under the VRPB rule ([`Problem::backhauls_last`](crate::Problem::backhauls_last))
    /// a backhaul rides on a route with a linehaul, and no vehicle that
    /// may take it may take any linehaul of the problem.
    NoLinehaul,
}

impl UnassignedReason {
    /// True when the job could be served by some plan (the fleet was used
    /// for other jobs, or it did not pay): the search may try it again.
    pub fn is_servable(self) -> bool {
        matches!(
            self,
            UnassignedReason::FleetExhausted | UnassignedReason::NotWorthServing
        )
    }
}

impl fmt::Display for UnassignedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnassignedReason::NoVehicleWithSkills => "no vehicle has every skill the job needs",
            UnassignedReason::DemandExceedsCapacity => {
                "demand exceeds the capacity of every vehicle"
            }
            UnassignedReason::TimeWindowUnreachable => {
                "time window cannot be reached from the depot (and back) within any shift"
            }
            UnassignedReason::ShiftTooShort => {
                "no vehicle can serve it and be back before the end of its shift"
            }
            UnassignedReason::ExceedsRouteLimits => {
                "a route serving it alone exceeds the maximum route distance or duration"
            }
            UnassignedReason::BreaksDoNotFit => {
                "a route serving it alone cannot fit the driver's breaks"
            }
            UnassignedReason::FleetExhausted => "all vehicles are used by other jobs",
            UnassignedReason::NotWorthServing => {
                "optional, and serving it costs more than its penalty"
            }
            UnassignedReason::NoLinehaul => {
                "a backhaul must ride with a linehaul, and no vehicle that may take it may take one"
            }
        })
    }
}

/// A job left out of the plan, with the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unassigned {
    /// The job.
    pub job: JobId,
    /// Why it is not served.
    pub reason: UnassignedReason,
}

/// Totals over all routes, in internal units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CostBreakdown {
    /// Total distance travelled.
    pub distance: Distance,
    /// Total route duration (from leaving the depot to coming back, with
    /// departures delayed as far as that shortens routes).
    pub duration: Duration,
    /// Number of routes with at least one job.
    pub vehicles: usize,
    /// What the routes cost by their vehicle types' fixed, distance and
    /// time costs, in cost units (see [`Problem::cost_to_currency`]).
    pub cost: Cost,
    /// Sum of the penalties of the optional jobs left out (objective
    /// units, as given to [`JobSpec::optional`](crate::JobSpec::optional)).
    pub penalties: f64,
}

/// A complete plan: scheduled routes, unassigned jobs and costs.
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    routes: Vec<RouteSchedule>,
    unassigned: Vec<Unassigned>,
    cost: CostBreakdown,
}

impl Solution {
    /// Schedules `routes` on `problem` and totals their costs. Routes
    /// without jobs are dropped. This does not check feasibility: use
    /// [`check`] for that.
    pub fn new(
        problem: &Problem,
        routes: Vec<Route>,
        unassigned: Vec<Unassigned>,
    ) -> Result<Solution, SolutionError> {
        let mut scheduled = Vec::with_capacity(routes.len());
        for (index, route) in routes
            .into_iter()
            .filter(|r| !r.jobs.is_empty())
            .enumerate()
        {
            validate_route(problem, index, &route)?;
            scheduled.push(RouteSchedule::compute(problem, &route));
        }
        if let Some(u) = unassigned.iter().find(|u| u.job.0 >= problem.num_jobs()) {
            return Err(SolutionError::UnknownUnassignedJob {
                job: u.job.0,
                count: problem.num_jobs(),
            });
        }
        let cost = CostBreakdown {
            distance: scheduled.iter().map(|r| r.distance).sum(),
            duration: scheduled.iter().map(|r| r.duration()).sum(),
            vehicles: scheduled.len(),
            cost: scheduled.iter().map(|r| r.cost(problem)).sum(),
            penalties: unassigned
                .iter()
                .filter_map(|u| problem.job(u.job).penalty)
                .sum(),
        };
        Ok(Solution {
            routes: scheduled,
            unassigned,
            cost,
        })
    }

    /// The scheduled routes (only routes with jobs).
    pub fn routes(&self) -> &[RouteSchedule] {
        &self.routes
    }

    /// Jobs not served, with reasons.
    pub fn unassigned(&self) -> &[Unassigned] {
        &self.unassigned
    }

    /// How many of the jobs not served are mandatory (not optional).
    pub fn mandatory_unassigned(&self, problem: &Problem) -> usize {
        mandatory_unassigned(problem, &self.unassigned)
    }

    /// Cost totals in internal units.
    pub fn cost(&self) -> CostBreakdown {
        self.cost
    }

    /// The routes as plain job sequences (with their places).
    pub fn to_routes(&self) -> Vec<Route> {
        self.routes
            .iter()
            .map(|r| Route {
                vehicle_type: r.vehicle_type,
                jobs: r.jobs().collect(),
                places: r.stops.iter().map(|s| s.place).collect(),
                reloads: r
                    .reloads
                    .iter()
                    .map(|r| Reload {
                        after: r.after,
                        depot: r.location,
                    })
                    .collect(),
            })
            .collect()
    }
}

fn validate_route(problem: &Problem, index: usize, route: &Route) -> Result<(), SolutionError> {
    if route.vehicle_type.0 >= problem.vehicle_types().len() {
        return Err(SolutionError::UnknownVehicleType {
            route: index,
            vehicle_type: route.vehicle_type.0,
            count: problem.vehicle_types().len(),
        });
    }
    if let Some(job) = route.jobs.iter().find(|j| j.0 >= problem.num_jobs()) {
        return Err(SolutionError::UnknownJob {
            route: index,
            job: job.0,
            count: problem.num_jobs(),
        });
    }
    if !route.places.is_empty() && route.places.len() != route.jobs.len() {
        return Err(SolutionError::PlacesLength {
            route: index,
            jobs: route.jobs.len(),
            places: route.places.len(),
        });
    }
    let mut after = 0;
    for reload in &route.reloads {
        if reload.after < after || reload.after > route.jobs.len() {
            return Err(SolutionError::ReloadOutOfOrder {
                route: index,
                after: reload.after,
                jobs: route.jobs.len(),
            });
        }
        after = reload.after;
        if reload.depot.0 >= problem.num_locations() {
            return Err(SolutionError::UnknownReloadDepot {
                route: index,
                location: reload.depot.0,
                count: problem.num_locations(),
            });
        }
    }
    for (position, &job) in route.jobs.iter().enumerate() {
        let places = problem.job(job).num_places();
        if route.place(position) >= places {
            return Err(SolutionError::UnknownPlace {
                route: index,
                job: job.0,
                place: route.place(position),
                count: places,
            });
        }
    }
    Ok(())
}

/// The mandatory (not optional) jobs in `unassigned`.
pub(crate) fn mandatory_unassigned(problem: &Problem, unassigned: &[Unassigned]) -> usize {
    unassigned
        .iter()
        .filter(|u| !problem.job(u.job).is_optional())
        .count()
}
