//! The plan for the rest of the day: what each van does next and when it
//! gets there, what changed since the last plan, and what is left out.

use super::day::{Day, VehicleId};
use super::reduce::{reduce, Reduced};
use super::ReplanConfig;
use crate::construct::unservable_reason;
use crate::problem::{JobId, Neighbours, Problem};
use crate::search::warm_start;
use crate::solution::{Route, Solution, Unassigned, UnassignedReason};
use crate::solver::{SolveStats, Solver};
use crate::units::Duration;

/// Full solves made at most because a parcel on board could not be
/// delivered (it then rides back, taking room, and the day is planned
/// again).
const MAX_RESOLVES: usize = 2;

/// Neighbours per job an insertion-only re-plan tries first.
const INSERTION_NEIGHBOURS: usize = 20;

/// A stop still to make, with its predicted times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlannedStop {
    /// The job.
    pub job: JobId,
    /// Where it is served ([`Job::place`](crate::Job::place)).
    pub place: usize,
    /// Predicted arrival (the ETA to tell the customer).
    pub arrival: Duration,
    /// Predicted start of service (arrival, or the window's opening).
    pub service_start: Duration,
}

/// What one van does for the rest of the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VehiclePlan {
    /// The van.
    pub vehicle: VehicleId,
    /// The stops it is committed to, made first and in this order.
    pub committed: Vec<PlannedStop>,
    /// The stops planned after them.
    pub planned: Vec<PlannedStop>,
}

impl VehiclePlan {
    /// Committed then planned stops.
    pub fn stops(&self) -> impl Iterator<Item = &PlannedStop> {
        self.committed.iter().chain(&self.planned)
    }
}

/// A customer whose predicted arrival moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EtaChange {
    /// The job.
    pub job: JobId,
    /// The arrival promised before.
    pub before: Duration,
    /// The arrival predicted now.
    pub after: Duration,
}

/// The plan for the rest of the day, as [`replan`] makes it.
#[derive(Clone, Debug, PartialEq)]
pub struct DayPlan {
    /// The state's time.
    pub now: Duration,
    /// One per van of the day, by [`VehicleId`] (empty for vans out of
    /// service).
    pub vehicles: Vec<VehiclePlan>,
    /// Open jobs no van can take, each with its reason.
    pub unassigned: Vec<Unassigned>,
    /// Committed stops released because their window will have closed when
    /// the van gets there (planned again or left out like any open job).
    pub released: Vec<JobId>,
    /// Jobs the last plan had on one van and this one on another.
    pub moved: Vec<JobId>,
    /// Customers whose arrival moved by more than
    /// [`ReplanConfig::eta_threshold`] from what they were told.
    pub eta_changes: Vec<EtaChange>,
    /// The solve's statistics (`None` when no van is in service, or with
    /// [`ReplanConfig::insert_only`]).
    pub stats: Option<SolveStats>,
}

impl DayPlan {
    /// The van that serves `job` in this plan, if one does.
    pub fn vehicle_of(&self, job: JobId) -> Option<VehicleId> {
        self.vehicles
            .iter()
            .find(|v| v.stops().any(|s| s.job == job))
            .map(|v| v.vehicle)
    }
}

/// A new plan for the rest of `day`: committed stops first (the next
/// [`ReplanConfig::lock_first`] stops of each van that has left the depot,
/// as they are), then the open jobs planned by `solver` (its limits,
/// objective, threads and progress), warm-started from the plan the vans
/// drive now. Parcels on board stay on their van; deliveries whose parcels
/// are at the depot go only to vans that have not left it.
///
/// The solver's time limit bounds the whole re-plan: when parcels on
/// board turn out undeliverable and the day is planned again, the second
/// solve has what the first left.
///
/// Adopt the plan with [`Day::adopt`] to make it the one the vans drive.
pub fn replan(day: &Day, solver: &Solver, config: &ReplanConfig) -> DayPlan {
    // Parcels on board their van cannot deliver (alone, or in the plan
    // found) ride back and take room: leave them out and plan again.
    let mut riding_back: Vec<Unassigned> = Vec::new();
    let mut reduced = reduce(day, config, &[]);
    let mut solved = None;
    // After MAX_RESOLVES full solves, only the warm start and a descent:
    // each round leaves out more parcels, so the loop ends.
    let quick = solver.clone().iteration_limit(0);
    let started = std::time::Instant::now();
    for attempt in 0.. {
        let Some(problem) = &reduced.problem else {
            break;
        };
        let stuck: Vec<Unassigned> = if attempt == 0 {
            // Before solving: the ones their van cannot serve even alone.
            (0..problem.num_jobs())
                .map(JobId)
                .filter(|&j| problem.job(j).vehicle_type.is_some())
                .filter_map(|j| {
                    unservable_reason(problem, j).map(|reason| Unassigned {
                        job: reduced.jobs[j.0],
                        reason,
                    })
                })
                .collect()
        } else {
            // Re-solves share the solver's time limit with the first.
            let limited;
            let chosen = match solver.config().limits.time {
                _ if attempt > MAX_RESOLVES => &quick,
                Some(limit) if attempt > 1 => {
                    limited = solver
                        .clone()
                        .time_limit(limit.saturating_sub(started.elapsed()));
                    &limited
                }
                _ => solver,
            };
            let result = solve(chosen, config, problem, &reduced.routes);
            let stuck = result
                .0
                .unassigned()
                .iter()
                .filter(|u| problem.job(u.job).vehicle_type.is_some())
                .map(|u| Unassigned {
                    job: reduced.jobs[u.job.0],
                    reason: u.reason,
                })
                .collect();
            solved = Some(result);
            stuck
        };
        if attempt > 0 && stuck.is_empty() {
            break;
        }
        if !stuck.is_empty() {
            riding_back.extend(stuck);
            let jobs: Vec<JobId> = riding_back.iter().map(|u| u.job).collect();
            reduced = reduce(day, config, &jobs);
            solved = None;
        }
    }
    let mut vehicles: Vec<VehiclePlan> = (0..day.vehicles.len())
        .map(|index| VehiclePlan {
            vehicle: VehicleId(index),
            committed: reduced.committed[index]
                .iter()
                .map(|c| PlannedStop {
                    job: c.job,
                    place: c.place,
                    arrival: c.arrival,
                    service_start: c.service_start,
                })
                .collect(),
            planned: Vec::new(),
        })
        .collect();
    let mut unassigned: Vec<Unassigned> = reduced
        .without_fleet
        .iter()
        .map(|&job| Unassigned {
            job,
            reason: UnassignedReason::FleetExhausted,
        })
        .collect();
    unassigned.extend(riding_back);
    // The loop ends on a solve whenever there is a problem to solve.
    let stats = match solved {
        Some((solution, stats)) => {
            read_back(&reduced, &solution, &mut vehicles, &mut unassigned);
            stats
        }
        None => None,
    };
    unassigned.sort_by_key(|u| u.job);

    let mut plan = DayPlan {
        now: day.now,
        vehicles,
        unassigned,
        released: reduced.released,
        moved: Vec::new(),
        eta_changes: Vec::new(),
        stats,
    };
    for vehicle in &plan.vehicles {
        for stop in vehicle.stops() {
            let before = reduced.planned_on[stop.job.0];
            if before.is_some_and(|before| before != vehicle.vehicle) {
                plan.moved.push(stop.job);
            }
            if let Some(before) = day.promised_arrival(stop.job) {
                if (stop.arrival - before).get().abs() > config.eta_threshold.get() {
                    plan.eta_changes.push(EtaChange {
                        job: stop.job,
                        before,
                        after: stop.arrival,
                    });
                }
            }
        }
    }
    plan.moved.sort();
    plan.eta_changes.sort_by_key(|c| c.job);
    plan
}

/// The plan for the reduced problem: `solver`'s, warm-started from
/// `routes`, or with [`ReplanConfig::insert_only`] the routes as they are
/// with the jobs they lack inserted (no statistics then).
fn solve(
    solver: &Solver,
    config: &ReplanConfig,
    problem: &Problem,
    routes: &[Route],
) -> (Solution, Option<SolveStats>) {
    if !config.warm_start {
        let result = solver.solve(problem);
        (result.solution, Some(result.stats))
    } else if config.insert_only {
        let neighbours = Neighbours::compute(problem, INSERTION_NEIGHBOURS, 1);
        let model = solver.config().objective.cost_model(problem);
        let seed = solver.config().seed;
        let plan = warm_start(problem, routes, neighbours.lists(), model, seed);
        (plan, None)
    } else {
        let result = solver.solve_from(problem, routes);
        (result.solution, Some(result.stats))
    }
}

/// The reduced problem's solution in the day's terms.
fn read_back(
    reduced: &Reduced,
    solution: &Solution,
    vehicles: &mut [VehiclePlan],
    unassigned: &mut Vec<Unassigned>,
) {
    for route in solution.routes() {
        let vehicle = reduced.vehicles[route.vehicle_type.0];
        vehicles[vehicle.0].planned = route
            .stops
            .iter()
            .map(|s| PlannedStop {
                job: reduced.jobs[s.job.0],
                place: s.place,
                arrival: s.arrival,
                service_start: s.service_start,
            })
            .collect();
    }
    unassigned.extend(solution.unassigned().iter().map(|u| Unassigned {
        job: reduced.jobs[u.job.0],
        reason: u.reason,
    }));
}

impl Day {
    /// Makes `plan` the one the vans drive: each van's plan becomes its
    /// committed and planned stops, and the arrivals it predicts become the
    /// ones promised (to compare the next plan with).
    pub fn adopt(&mut self, plan: &DayPlan) {
        for vehicle in &mut self.vehicles {
            vehicle.planned.clear();
        }
        for vehicle_plan in &plan.vehicles {
            let Some(state) = self.vehicles.get_mut(vehicle_plan.vehicle.0) else {
                continue;
            };
            for stop in vehicle_plan.stops() {
                state.planned.push((stop.job, stop.place));
                if let Some(promised) = self.promised.get_mut(stop.job.0) {
                    *promised = Some(stop.arrival);
                }
            }
        }
    }
}
