//! An independent check of a day's plan against the state it was made
//! for: it shares no code with the re-planning, and walks each van from
//! where it is, from the problem data alone.

use super::day::{Day, JobStatus, VehicleId};
use super::plan::DayPlan;
use super::ReplanConfig;
use crate::problem::JobId;
use crate::units::Load;

/// One way a plan breaks the state's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DayViolation {
    /// An open job is neither planned nor unassigned, or appears more than
    /// once.
    NotAccounted {
        /// The job.
        job: JobId,
        /// How many times it appears.
        times: usize,
    },
    /// A job that is over (served, failed, cancelled, stranded) is planned
    /// or unassigned again.
    ClosedJobPlanned {
        /// The job.
        job: JobId,
    },
    /// A van out of service has stops, or the plan has no entry per van.
    VehicleMismatch {
        /// The van.
        vehicle: VehicleId,
    },
    /// The committed stops are not the van's next stops in order.
    LockBroken {
        /// The van.
        vehicle: VehicleId,
    },
    /// A committed stop was released although the van can make it in time,
    /// with room for its pickup and its parcel on board.
    NeedlessRelease {
        /// The job.
        job: JobId,
    },
    /// A stop locked to a van as a set is planned on another.
    SetLockBroken {
        /// The job.
        job: JobId,
        /// The van it is locked to.
        vehicle: VehicleId,
    },
    /// A parcel on board one van is planned on another.
    ParcelElsewhere {
        /// The job.
        job: JobId,
        /// The van carrying it.
        carrier: VehicleId,
    },
    /// A delivery whose parcel is at the depot is planned on a van that
    /// has left it.
    NotLoaded {
        /// The job.
        job: JobId,
        /// The van.
        vehicle: VehicleId,
    },
    /// The van lacks a skill the job needs, or the job is bound to
    /// another vehicle type.
    WrongVehicle {
        /// The job.
        job: JobId,
        /// The van.
        vehicle: VehicleId,
    },
    /// Service starts after the window closes, or the van is back after
    /// its shift.
    Late {
        /// The van.
        vehicle: VehicleId,
        /// The job (`None`: the return to the depot).
        job: Option<JobId>,
    },
    /// More on board than the van holds, somewhere along the plan.
    Overloaded {
        /// The van.
        vehicle: VehicleId,
        /// The job after which.
        job: JobId,
    },
    /// The van's visits over the day (made and planned) exceed its
    /// type's maximum of stops.
    TooManyStops {
        /// The van.
        vehicle: VehicleId,
        /// Visits made and planned.
        stops: usize,
        /// The maximum.
        max: usize,
    },
    /// A predicted time differs from the walk's (arrival not before the
    /// van could get there, or service before arrival or window).
    WrongTime {
        /// The job.
        job: JobId,
    },
}

/// Checks `plan` against `day` (and the `config` it was made with): every
/// open job planned once or unassigned, no closed job planned, committed
/// stops first and in order (released only when they would be late),
/// parcels on their vans, depot deliveries only on vans at the depot,
/// skills and bindings, windows, shift ends, the maximum of stops over
/// the day, capacity along each van's plan with what it carries, and
/// every predicted time.
pub fn check_plan(day: &Day, config: &ReplanConfig, plan: &DayPlan) -> Vec<DayViolation> {
    let problem = day.problem();
    let mut found = Vec::new();
    let mut times = vec![0usize; problem.num_jobs()];
    for vehicle in &plan.vehicles {
        for stop in vehicle.stops() {
            if let Some(t) = times.get_mut(stop.job.0) {
                *t += 1;
            }
        }
    }
    for u in &plan.unassigned {
        if let Some(t) = times.get_mut(u.job.0) {
            *t += 1;
        }
    }
    for (index, &status) in day.job_statuses().iter().enumerate() {
        let job = JobId(index);
        match (status, times[index]) {
            (JobStatus::Open, 1) => {}
            (JobStatus::Open, n) => found.push(DayViolation::NotAccounted { job, times: n }),
            (_, 0) => {}
            _ => found.push(DayViolation::ClosedJobPlanned { job }),
        }
    }
    if plan.vehicles.len() != day.vehicles().len() {
        found.push(DayViolation::VehicleMismatch {
            vehicle: VehicleId(plan.vehicles.len().min(day.vehicles().len())),
        });
        return found;
    }

    for (index, (state, vehicle_plan)) in day.vehicles().iter().zip(&plan.vehicles).enumerate() {
        let vehicle = VehicleId(index);
        if vehicle_plan.vehicle != vehicle
            || (!state.in_service && vehicle_plan.stops().next().is_some())
        {
            found.push(DayViolation::VehicleMismatch { vehicle });
            continue;
        }
        let stops = state.done.len() + vehicle_plan.stops().count();
        if let Some(max) = problem.vehicle_type(state.vehicle_type).max_stops {
            if stops > max && vehicle_plan.stops().next().is_some() {
                found.push(DayViolation::TooManyStops {
                    vehicle,
                    stops,
                    max,
                });
            }
        }
        // Committed: the first open stops of the van's plan, in order, up
        // to lock_first or the first released one.
        if state.dispatched {
            let expected: Vec<JobId> = state
                .planned
                .iter()
                .map(|&(job, _)| job)
                .filter(|job| day.job_statuses()[job.0] == JobStatus::Open)
                .take(config.lock_first)
                .take_while(|job| !plan.released.contains(job))
                .collect();
            let committed: Vec<JobId> = vehicle_plan.committed.iter().map(|s| s.job).collect();
            if committed != expected {
                found.push(DayViolation::LockBroken { vehicle });
            }
        } else if !vehicle_plan.committed.is_empty() {
            found.push(DayViolation::LockBroken { vehicle });
        }
        // Locked as a set: the next lock_set open stops stay with the van
        // (or are left out).
        if state.dispatched && state.in_service {
            let set = state
                .planned
                .iter()
                .map(|&(job, _)| job)
                .filter(|job| day.job_statuses()[job.0] == JobStatus::Open)
                .skip(config.lock_first)
                .take(config.lock_set);
            for job in set {
                if plan.vehicle_of(job).is_some_and(|v| v != vehicle) {
                    found.push(DayViolation::SetLockBroken { job, vehicle });
                }
            }
        }

        let vehicle_type = problem.vehicle_type(state.vehicle_type);
        // Walk: from where the van is, when it is free (not before now for
        // a van that waits for its first planned stop).
        let mut here = state.location;
        let mut clock = state.free_from;
        let on_board_now = state.load_on_board(problem);
        let mut on_board = on_board_now;
        for (position, stop) in vehicle_plan.stops().enumerate() {
            let job = problem.job(stop.job);
            if position == vehicle_plan.committed.len() {
                clock = clock.max(day.now());
            }
            if let Some(carrier) = day.carrier(stop.job) {
                if carrier != vehicle {
                    found.push(DayViolation::ParcelElsewhere {
                        job: stop.job,
                        carrier,
                    });
                }
            } else if job.demand != Load::ZERO && state.dispatched {
                found.push(DayViolation::NotLoaded {
                    job: stop.job,
                    vehicle,
                });
            } else if job.demand != Load::ZERO {
                // Loaded at the depot when the van leaves.
                on_board += job.demand;
            }
            if !vehicle_type.skills.covers(job.skills)
                || job.vehicle_type.is_some_and(|t| t != state.vehicle_type)
            {
                found.push(DayViolation::WrongVehicle {
                    job: stop.job,
                    vehicle,
                });
            }
            if stop.place >= job.num_places() {
                found.push(DayViolation::WrongTime { job: stop.job });
                continue;
            }
            let place = job.place(stop.place);
            let earliest =
                clock + problem.travel_time_for(state.vehicle_type, here, place.location, clock);
            if stop.arrival < earliest
                || stop.service_start < stop.arrival.max(place.time_window.start)
            {
                found.push(DayViolation::WrongTime { job: stop.job });
            }
            if stop.service_start > place.time_window.end {
                found.push(DayViolation::Late {
                    vehicle,
                    job: Some(stop.job),
                });
            }
            here = place.location;
            clock = stop.service_start.max(earliest) + job.service;
        }
        // Loads: everything on board at the start (what the van carries,
        // and the depot's parcels the plan gives it), then stop by stop.
        // The plan is to blame where it makes an overload worse (a van
        // can be overloaded already by what was done).
        let capacity = &vehicle_type.capacity;
        let mut excess = on_board_now.excess_over(capacity);
        if let Some(first) = vehicle_plan.stops().next() {
            if on_board.excess_over(capacity) > excess {
                found.push(DayViolation::Overloaded {
                    vehicle,
                    job: first.job,
                });
            }
        }
        excess = excess.max(on_board.excess_over(capacity));
        for stop in vehicle_plan.stops() {
            let job = problem.job(stop.job);
            on_board = on_board - job.demand + job.pickup;
            let now_excess = on_board.excess_over(capacity);
            if now_excess > excess {
                found.push(DayViolation::Overloaded {
                    vehicle,
                    job: stop.job,
                });
            }
            excess = excess.min(now_excess);
        }
        // The return is the plan's doing only when it added stops after
        // the committed ones (a van running late already is not).
        if !vehicle_plan.planned.is_empty() {
            let back = clock
                + problem.travel_time_for(state.vehicle_type, here, vehicle_type.end_depot, clock);
            if back > vehicle_type.shift.end {
                found.push(DayViolation::Late { vehicle, job: None });
            }
        }
    }

    // A release is needless when the van reaches the stop in time.
    for &job in &plan.released {
        let Some(vehicle) = day.planned_vehicle(job) else {
            continue;
        };
        let state = day.vehicle(vehicle);
        let committed = &plan.vehicles[vehicle.0].committed;
        let (here, clock) = match committed.last() {
            Some(last) => (
                problem.job(last.job).place(last.place).location,
                last.service_start + problem.job(last.job).service,
            ),
            None => (state.location, state.free_from),
        };
        let place_index = state
            .planned
            .iter()
            .find(|(j, _)| *j == job)
            .map_or(0, |&(_, p)| p);
        let data = problem.job(job);
        let place = data.place(place_index);
        let arrival =
            clock + problem.travel_time_for(state.vehicle_type, here, place.location, clock);
        // Room on board: what the van carries, less the committed
        // deliveries, plus the committed returns.
        let capacity = problem.vehicle_type(state.vehicle_type).capacity;
        let mut load = state.load_on_board(problem);
        for stop in committed {
            let done = problem.job(stop.job);
            if state.on_board.contains(&stop.job) {
                load = load - done.demand;
            }
            load += done.pickup;
        }
        let mut after = load + data.pickup;
        if state.on_board.contains(&job) {
            after = after - data.demand;
        }
        let fits = after.excess_over(&capacity) <= load.excess_over(&capacity);
        let loaded = data.demand == Load::ZERO || state.on_board.contains(&job);
        if arrival.max(place.time_window.start) <= place.time_window.end && fits && loaded {
            found.push(DayViolation::NeedlessRelease { job });
        }
    }
    found
}

impl std::fmt::Display for DayViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}
