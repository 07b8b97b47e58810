//! What happens during the day, and how it changes the state.

use super::day::{Day, DoneStop, FailurePolicy, JobStatus, Outcome, VehicleId, VehicleState};
use crate::error::{ModelError, ReplanError};
use crate::problem::{JobId, JobSpec, LocationId, Problem, VehicleTypeId};
use crate::units::{Duration, Load};

/// Something that happened at time `at` (internal units, as the problem's
/// times: [`Problem::from_instance_units`](crate::Problem::from_instance_units)
/// converts).
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The van left its start depot with the deliveries of its plan loaded.
    Dispatched {
        /// The van.
        vehicle: VehicleId,
        /// When.
        at: Duration,
    },
    /// The van visited a stop of its plan and is free again at `at`.
    /// A van still at the depot leaves it first (see `Dispatched`).
    Visited {
        /// The van.
        vehicle: VehicleId,
        /// The job.
        job: JobId,
        /// How it went.
        outcome: Outcome,
        /// When the van was free again.
        at: Duration,
    },
    /// A new order (its location one of the problem's).
    NewOrder {
        /// The order.
        job: JobSpec,
        /// When it came in.
        at: Duration,
    },
    /// The customer cancelled. A parcel on board rides back to the depot.
    Cancelled {
        /// The job.
        job: JobId,
        /// When.
        at: Duration,
    },
    /// The customer changed the order: another slot, a parcel locker
    /// instead of the door.
    Changed {
        /// The job.
        job: JobId,
        /// What it is now.
        spec: JobSpec,
        /// When.
        at: Duration,
    },
    /// The van is late: free `by` later than the state says (traffic, a
    /// long stop).
    Delayed {
        /// The van.
        vehicle: VehicleId,
        /// How much later.
        by: Duration,
        /// When it became known.
        at: Duration,
    },
    /// The van broke down: its plan is given to others; the parcels on
    /// board cannot be delivered today.
    OutOfService {
        /// The van.
        vehicle: VehicleId,
        /// When.
        at: Duration,
    },
    /// Travel in travel-time profile `profile` (0: the problem's own
    /// times) takes `factor` times as long as the problem's traffic by hour
    /// says, from `at` on: congestion, a closed road, or a day better than
    /// forecast (factor below 1). On every arc, or only on the arcs into or
    /// out of `area` (a district). Later travel-time events on the whole
    /// profile multiply too; one on an area replaces what an earlier one
    /// said there.
    TravelTimes {
        /// The travel profile.
        profile: usize,
        /// The locations whose arcs it slows (empty: every arc).
        area: Vec<LocationId>,
        /// The factor on travel times from now on.
        factor: f64,
        /// From when.
        at: Duration,
    },
    /// A spare van of `vehicle_type` is ready at its start depot.
    VehicleAdded {
        /// Its type.
        vehicle_type: VehicleTypeId,
        /// When it is ready.
        at: Duration,
    },
}

impl Event {
    /// When it happened.
    pub fn at(&self) -> Duration {
        match self {
            Event::Dispatched { at, .. }
            | Event::Visited { at, .. }
            | Event::NewOrder { at, .. }
            | Event::Cancelled { at, .. }
            | Event::Changed { at, .. }
            | Event::Delayed { at, .. }
            | Event::OutOfService { at, .. }
            | Event::TravelTimes { at, .. }
            | Event::VehicleAdded { at, .. } => *at,
        }
    }
}

impl Day {
    /// Applies `event`; on error the state is unchanged. Returns the new
    /// job's id for [`Event::NewOrder`].
    pub fn apply(&mut self, event: Event) -> Result<Option<JobId>, ReplanError> {
        let at = event.at();
        if at < self.now {
            return Err(ReplanError::TimeWentBack {
                at: at.get(),
                now: self.now.get(),
            });
        }
        let mut added = None;
        match event {
            Event::Dispatched { vehicle, at } => {
                self.in_service(vehicle)?;
                if self.vehicles[vehicle.0].dispatched {
                    return Err(ReplanError::AlreadyDispatched { vehicle: vehicle.0 });
                }
                self.dispatch(vehicle, at);
            }
            Event::Visited {
                vehicle,
                job,
                outcome,
                at,
            } => self.visited(vehicle, job, outcome, at)?,
            Event::NewOrder { job, .. } => {
                let (problem, id) = self.problem.with_job(&job)?;
                self.problem = problem;
                self.jobs.push(JobStatus::Open);
                self.promised.push(None);
                added = Some(id);
            }
            Event::Cancelled { job, .. } => {
                self.open(job)?;
                self.jobs[job.0] = JobStatus::Cancelled;
                let demand = self.problem.job(job).demand;
                for vehicle in &mut self.vehicles {
                    vehicle.planned.retain(|&(j, _)| j != job);
                    // A parcel on board rides back.
                    if let Some(index) = vehicle.on_board.iter().position(|&j| j == job) {
                        vehicle.on_board.remove(index);
                        vehicle.carried_back += demand;
                    }
                }
            }
            Event::Changed { job, spec, .. } => {
                self.open(job)?;
                let changed = self.problem.with_job_replaced(job, &spec)?;
                let (old, new) = (self.problem.job(job), changed.job(job));
                let same_load = old.demand == new.demand && old.pickup == new.pickup;
                if !same_load && self.carrier(job).is_some() {
                    return Err(ReplanError::ParcelOnBoard { job: job.0 });
                }
                self.problem = changed;
                let places = self.problem.job(job).num_places();
                for vehicle in &mut self.vehicles {
                    for entry in vehicle.planned.iter_mut().filter(|(j, _)| *j == job) {
                        if entry.1 >= places {
                            entry.1 = 0;
                        }
                    }
                }
            }
            Event::Delayed { vehicle, by, .. } => {
                self.known_vehicle(vehicle)?;
                let state = &mut self.vehicles[vehicle.0];
                state.free_from += by.max(Duration::ZERO);
            }
            Event::OutOfService { vehicle, .. } => {
                self.in_service(vehicle)?;
                let state = &mut self.vehicles[vehicle.0];
                state.in_service = false;
                state.planned.clear();
                for job in std::mem::take(&mut state.on_board) {
                    self.jobs[job.0] = JobStatus::Stranded;
                }
            }
            Event::TravelTimes {
                profile,
                area,
                factor,
                at,
            } => {
                self.problem = slowed_from(&self.problem, profile, &area, factor, at)?;
            }
            Event::VehicleAdded { vehicle_type, at } => {
                let Some(spec) = self.problem.vehicle_types().get(vehicle_type.0) else {
                    return Err(ReplanError::UnknownVehicleType {
                        vehicle_type: vehicle_type.0,
                        count: self.problem.vehicle_types().len(),
                    });
                };
                self.vehicles.push(VehicleState::at_depot(
                    vehicle_type,
                    spec.start_depot,
                    at.max(spec.shift.start),
                ));
            }
        }
        self.now = at;
        Ok(added)
    }

    fn visited(
        &mut self,
        vehicle: VehicleId,
        job: JobId,
        outcome: Outcome,
        at: Duration,
    ) -> Result<(), ReplanError> {
        self.in_service(vehicle)?;
        self.open(job)?;
        let Some(index) = self.vehicles[vehicle.0]
            .planned
            .iter()
            .position(|&(j, _)| j == job)
        else {
            return Err(ReplanError::NotPlanned {
                vehicle: vehicle.0,
                job: job.0,
            });
        };
        let (demand, pickup) = {
            let data = self.problem.job(job);
            (data.demand, data.pickup)
        };
        let state = &self.vehicles[vehicle.0];
        let (dispatched, free_from) = (state.dispatched, state.free_from);
        if demand != Load::ZERO && dispatched && !state.on_board.contains(&job) {
            return Err(ReplanError::NotOnBoard {
                vehicle: vehicle.0,
                job: job.0,
            });
        }
        if !dispatched {
            self.dispatch(vehicle, free_from.min(at));
        }
        let state = &mut self.vehicles[vehicle.0];
        let (_, place) = state.planned.remove(index);
        state.location = self.problem.job(job).place(place).location;
        state.free_from = at;
        state.done.push(DoneStop {
            job,
            place,
            finished: at,
            outcome,
        });
        match outcome {
            Outcome::Served => {
                state.on_board.retain(|&j| j != job);
                state.carried_back += pickup;
                self.jobs[job.0] = JobStatus::Served;
            }
            Outcome::Failed => match self.failure_policy {
                FailurePolicy::ReturnToDepot => {
                    if let Some(i) = state.on_board.iter().position(|&j| j == job) {
                        state.on_board.remove(i);
                        state.carried_back += demand;
                    }
                    self.jobs[job.0] = JobStatus::Failed;
                }
                // Open again, its parcel (if any) still on board.
                FailurePolicy::Reattempt => {}
            },
        }
        Ok(())
    }

    /// The van leaves the depot at `at` with the deliveries of its plan.
    fn dispatch(&mut self, vehicle: VehicleId, at: Duration) {
        let problem = &self.problem;
        let state = &mut self.vehicles[vehicle.0];
        state.dispatched = true;
        state.free_from = state.free_from.max(at);
        let loads = state
            .planned
            .iter()
            .map(|&(job, _)| job)
            .filter(|&job| problem.job(job).demand != Load::ZERO)
            .filter(|&job| self.jobs[job.0] == JobStatus::Open);
        state.on_board.extend(loads);
    }

    fn known_vehicle(&self, vehicle: VehicleId) -> Result<(), ReplanError> {
        if vehicle.0 < self.vehicles.len() {
            Ok(())
        } else {
            Err(ReplanError::UnknownVehicle {
                vehicle: vehicle.0,
                count: self.vehicles.len(),
            })
        }
    }

    fn in_service(&self, vehicle: VehicleId) -> Result<(), ReplanError> {
        self.known_vehicle(vehicle)?;
        if self.vehicles[vehicle.0].in_service {
            Ok(())
        } else {
            Err(ReplanError::OutOfService { vehicle: vehicle.0 })
        }
    }

    fn open(&self, job: JobId) -> Result<(), ReplanError> {
        let Some(status) = self.jobs.get(job.0) else {
            return Err(ReplanError::UnknownJob {
                job: job.0,
                count: self.jobs.len(),
            });
        };
        let status = match status {
            JobStatus::Open => return Ok(()),
            JobStatus::Served => "served",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
            JobStatus::Stranded => "stranded",
        };
        Err(ReplanError::JobClosed { job: job.0, status })
    }
}

impl Day {
    /// Runs the day exactly as planned until `until`: every van makes its
    /// planned stops in order (leaving when it is free, waiting for windows
    /// to open, at the problem's travel times) and each stop whose service
    /// starts before `until` is reported served, all in time order. A van
    /// stops at the first stop it would reach after its window closes.
    /// Returns the number of stops made. For simulations and tests.
    pub fn advance_as_planned(&mut self, until: Duration) -> Result<usize, ReplanError> {
        let mut visits: Vec<(Duration, VehicleId, JobId)> = Vec::new();
        for (index, state) in self.vehicles.iter().enumerate() {
            if !state.in_service {
                continue;
            }
            let (mut here, mut clock) = (state.location, state.free_from.max(self.now));
            for &(job, place) in &state.planned {
                let data = self.problem.job(job);
                let at = data.place(place);
                let arrival = clock
                    + self
                        .problem
                        .travel_time_for(state.vehicle_type, here, at.location, clock);
                let start = arrival.max(at.time_window.start);
                if start > at.time_window.end || start >= until {
                    break;
                }
                clock = start + data.service;
                here = at.location;
                visits.push((clock, VehicleId(index), job));
            }
        }
        visits.sort();
        for &(at, vehicle, job) in &visits {
            self.apply(Event::Visited {
                vehicle,
                job,
                outcome: Outcome::Served,
                at: at.max(self.now),
            })?;
        }
        Ok(visits.len())
    }
}

/// `problem` with travel in `profile` `factor` times slower from `at` on
/// (on top of the profile's traffic by hour), on every arc or on those
/// touching `area`.
fn slowed_from(
    problem: &Problem,
    profile: usize,
    area: &[LocationId],
    factor: f64,
    at: Duration,
) -> Result<Problem, ReplanError> {
    if profile > problem.explicit_profiles().len() {
        return Err(ReplanError::TravelTimes(ModelError::InvalidTraffic {
            profile,
            period: 0,
            message: format!(
                "no such travel profile ({} added)",
                problem.explicit_profiles().len()
            ),
        }));
    }
    let traffic = problem.traffic(profile);
    let units = |time: i64| problem.to_instance_units(time);
    let mut periods: Vec<(f64, f64)> = traffic
        .periods()
        .filter(|&(start, _)| start < at.get())
        .map(|(start, f)| (units(start), f))
        .collect();
    periods.push((units(at.get()), traffic.factor_at(at.get()) * factor));
    periods.extend(
        traffic
            .periods()
            .filter(|&(start, _)| start > at.get())
            .map(|(start, f)| (units(start), f * factor)),
    );
    if area.is_empty() {
        problem.with_traffic(profile, &periods)
    } else {
        problem.with_area_traffic(profile, area, &periods)
    }
    .map_err(ReplanError::TravelTimes)
}
