//! The state of a delivery day at a moment: where each van is, what it has
//! done, carries and is committed to, and what became of each job.

use crate::problem::{JobId, LocationId, Problem, VehicleTypeId};
use crate::solution::Solution;
use crate::units::{Duration, Load};

/// One van of the day's fleet: vehicles are numbered type by type (the
/// `count` vehicles of type 0 first), then the vans added during the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VehicleId(pub usize);

/// How a visit went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Delivered or collected.
    Served,
    /// Attempted, nobody there.
    Failed,
}

/// A visit that happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DoneStop {
    /// The job.
    pub job: JobId,
    /// The place it was visited at ([`Job::place`](crate::Job::place)).
    pub place: usize,
    /// When the van was free again (service over).
    pub finished: Duration,
    /// How it went.
    pub outcome: Outcome,
}

/// What happens to a job whose delivery failed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailurePolicy {
    /// The parcel rides back to the depot; the job is over (failed).
    #[default]
    ReturnToDepot,
    /// The job is open again: the same van tries once more later the
    /// same day (the parcel is on board it).
    Reattempt,
}

/// What became of a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobStatus {
    /// Still to be served (planned or not).
    Open,
    /// Served.
    Served,
    /// Attempted and failed, not to be tried again today.
    Failed,
    /// Cancelled by the customer.
    Cancelled,
    /// On board a van that went out of service: it cannot be delivered
    /// today.
    Stranded,
}

/// One van at the moment of the state.
#[derive(Clone, Debug, PartialEq)]
pub struct VehicleState {
    /// Its type (capacity, shift, costs, end depot).
    pub vehicle_type: VehicleTypeId,
    /// False once it broke down: it takes no more jobs.
    pub in_service: bool,
    /// True once it has left the start depot with its parcels loaded:
    /// deliveries not on board can no longer be given to it.
    pub dispatched: bool,
    /// Where it is (the depot, or the last place it served).
    pub location: LocationId,
    /// When it is free to drive on from there.
    pub free_from: Duration,
    /// The visits it made, in order.
    pub done: Vec<DoneStop>,
    /// Deliveries loaded at the depot and not yet delivered.
    pub on_board: Vec<JobId>,
    /// What it carries back to the depot, per dimension: returns collected
    /// and parcels it failed to deliver.
    pub carried_back: Load,
    /// The stops it is to make next, in order, with their places: the
    /// plan it drives.
    pub planned: Vec<(JobId, usize)>,
}

/// The state of the day: the problem (every job known so far), the time,
/// the vans and the jobs.
#[derive(Clone, Debug)]
pub struct Day {
    pub(crate) problem: Problem,
    pub(crate) now: Duration,
    pub(crate) vehicles: Vec<VehicleState>,
    pub(crate) jobs: Vec<JobStatus>,
    pub(crate) failure_policy: FailurePolicy,
    /// The arrival each stop was last promised (by the last adopted plan).
    pub(crate) promised: Vec<Option<Duration>>,
}

impl Day {
    /// The start of a day: every van at its start depot, free from its
    /// shift start, driving the routes of `plan` (the morning plan; its
    /// routes go to the vehicles of their type in order). Jobs `plan`
    /// leaves out are open.
    pub fn start(problem: &Problem, plan: &Solution) -> Day {
        let mut vehicles: Vec<VehicleState> = Vec::new();
        let mut first_of_type = Vec::new();
        for (index, vehicle_type) in problem.vehicle_types().iter().enumerate() {
            first_of_type.push(vehicles.len());
            for _ in 0..vehicle_type.count {
                vehicles.push(VehicleState::at_depot(
                    VehicleTypeId(index),
                    vehicle_type.start_depot,
                    vehicle_type.shift.start,
                ));
            }
        }
        let mut taken = vec![0usize; problem.vehicle_types().len()];
        let mut promised = vec![None; problem.num_jobs()];
        for route in plan.routes() {
            let t = route.vehicle_type.0;
            let Some(vehicle) = vehicles.get_mut(first_of_type[t] + taken[t]) else {
                continue;
            };
            taken[t] += 1;
            vehicle.planned = route.stops.iter().map(|s| (s.job, s.place)).collect();
            for stop in &route.stops {
                promised[stop.job.0] = Some(stop.arrival);
            }
        }
        Day {
            problem: problem.clone(),
            now: Duration::ZERO,
            vehicles,
            jobs: vec![JobStatus::Open; problem.num_jobs()],
            failure_policy: FailurePolicy::default(),
            promised,
        }
    }

    /// The same day with another policy for failed deliveries.
    pub fn with_failure_policy(mut self, policy: FailurePolicy) -> Day {
        self.failure_policy = policy;
        self
    }

    /// The problem: every job known so far (orders added during the day
    /// included).
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The time of the state (of the last event).
    pub fn now(&self) -> Duration {
        self.now
    }

    /// The vans, by [`VehicleId`].
    pub fn vehicles(&self) -> &[VehicleState] {
        &self.vehicles
    }

    /// One van.
    pub fn vehicle(&self, id: VehicleId) -> &VehicleState {
        &self.vehicles[id.0]
    }

    /// What became of each job, by [`JobId`].
    pub fn job_statuses(&self) -> &[JobStatus] {
        &self.jobs
    }

    /// The arrival last promised for `job` (by the morning plan or the last
    /// plan adopted), if it was planned.
    pub fn promised_arrival(&self, job: JobId) -> Option<Duration> {
        self.promised.get(job.0).copied().flatten()
    }

    /// The van carrying `job`'s parcel, if one does.
    pub fn carrier(&self, job: JobId) -> Option<VehicleId> {
        self.vehicles
            .iter()
            .position(|v| v.on_board.contains(&job))
            .map(VehicleId)
    }

    /// The van whose plan holds `job`, if one does.
    pub fn planned_vehicle(&self, job: JobId) -> Option<VehicleId> {
        self.vehicles
            .iter()
            .position(|v| v.planned.iter().any(|&(j, _)| j == job))
            .map(VehicleId)
    }
}

impl VehicleState {
    /// Everything on board now: the parcels to deliver and what it carries
    /// back.
    pub fn load_on_board(&self, problem: &Problem) -> Load {
        self.on_board
            .iter()
            .map(|&job| problem.job(job).demand)
            .sum::<Load>()
            + self.carried_back
    }

    /// A van of `vehicle_type` waiting at `depot` from `free_from`, empty.
    pub(crate) fn at_depot(
        vehicle_type: VehicleTypeId,
        depot: LocationId,
        free_from: Duration,
    ) -> VehicleState {
        VehicleState {
            vehicle_type,
            in_service: true,
            dispatched: false,
            location: depot,
            free_from,
            done: Vec::new(),
            on_board: Vec::new(),
            carried_back: Load::ZERO,
            planned: Vec::new(),
        }
    }
}
