//! The state of a day as a problem the solver knows: the open jobs, and
//! one vehicle type per van in service that starts where the van will be
//! once its committed stops are made, when it will be free, with the room
//! left on board.

use super::day::{Day, JobStatus, VehicleId};
use super::ReplanConfig;
use crate::problem::{Job, JobId, LocationId, Problem, Skills, VehicleType, VehicleTypeId};
use crate::solution::Route;
use crate::units::{Duration, Load};

/// Name of the skill a van still at its depot has: deliveries whose parcels
/// are at the depot need it.
const AT_DEPOT: &str = "lastmile:at-depot";

/// A stop a van is committed to, as the state's clock sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Committed {
    pub job: JobId,
    pub place: usize,
    pub arrival: Duration,
    pub service_start: Duration,
}

/// The day as a problem, and how to read its answer back.
pub(crate) struct Reduced {
    /// The problem to solve (`None` when no van is in service).
    pub problem: Option<Problem>,
    /// The day's job of each of its jobs.
    pub jobs: Vec<JobId>,
    /// The day's van of each of its vehicle types.
    pub vehicles: Vec<VehicleId>,
    /// The current plan's remaining routes, in its ids (the warm start).
    pub routes: Vec<Route>,
    /// Per van of the day: the committed stops made first.
    pub committed: Vec<Vec<Committed>>,
    /// Committed stops whose window will have closed when the van gets
    /// there: released, to be planned again.
    pub released: Vec<JobId>,
    /// Open jobs outside the problem because no van is in service.
    pub without_fleet: Vec<JobId>,
    /// Per job of the day, the van whose current plan holds it.
    pub planned_on: Vec<Option<VehicleId>>,
}

/// Where a van starts in the reduced problem: where it is after its
/// committed stops, and when.
struct Start {
    location: LocationId,
    free_from: Duration,
    committed: Vec<Committed>,
    /// What the committed stops put on board (returns).
    picked_up: Load,
}

/// The day as a problem; the parcels of `riding_back` (on board, not to
/// be delivered today) are left out and take room on their vans.
pub(crate) fn reduce(day: &Day, config: &ReplanConfig, riding_back: &[JobId]) -> Reduced {
    let problem = &day.problem;
    let mut committed = vec![Vec::new(); day.vehicles.len()];
    let mut released = Vec::new();
    let mut folded = vec![false; problem.num_jobs()];

    // Skills: the problem's, the depot's, and one per original vehicle
    // type that some open job is bound to.
    let mut skill_names: Vec<String> = (0..Skills::MAX)
        .map_while(|i| problem.skill_name(i).map(String::from))
        .collect();
    let mut new_skill = |name: String| {
        let index = skill_names
            .iter()
            .position(|n| *n == name)
            .unwrap_or_else(|| {
                skill_names.push(name);
                skill_names.len() - 1
            });
        // Past 64 names the extra skill is not enforced (bit 63 reused).
        Skills(1 << index.min(Skills::MAX - 1))
    };
    let at_depot = new_skill(AT_DEPOT.to_string());
    let mut type_skill = vec![None; problem.vehicle_types().len()];
    for (index, job) in problem.jobs().iter().enumerate() {
        if let (JobStatus::Open, Some(bound)) = (day.jobs[index], job.vehicle_type) {
            if type_skill[bound.0].is_none() {
                type_skill[bound.0] = Some(new_skill(format!("lastmile:type-{}", bound.0)));
            }
        }
    }

    let mut vehicle_types = Vec::new();
    let mut vehicles = Vec::new();
    let mut sub_type = vec![None; day.vehicles.len()];
    for (index, state) in day.vehicles.iter().enumerate() {
        if !state.in_service {
            continue;
        }
        let original = problem.vehicle_type(state.vehicle_type);
        let start = fold_committed(day, VehicleId(index), config, &mut released);
        for stop in &start.committed {
            folded[stop.job.0] = true;
        }
        let mut skills = original.skills;
        if !state.dispatched {
            skills = skills.union(at_depot);
        }
        if let Some(skill) = type_skill[state.vehicle_type.0] {
            skills = skills.union(skill);
        }
        // The deliveries still on board are jobs of the problem (bound to
        // this van); everything else on board takes room.
        let staying: Load = riding_back
            .iter()
            .filter(|job| state.on_board.contains(job))
            .map(|&job| problem.job(job).demand)
            .sum();
        let carried_elsewhere: Load = state.carried_back + start.picked_up + staying;
        // The room left, never below zero.
        let capacity = (original.capacity - carried_elsewhere).max_per_dimension(&Load::ZERO);
        sub_type[index] = Some(VehicleTypeId(vehicle_types.len()));
        vehicles.push(VehicleId(index));
        vehicle_types.push(VehicleType {
            count: 1,
            capacity,
            start_depot: start.location,
            skills,
            shift: crate::problem::TimeWindow {
                // After the shift end for a van that ran late: nothing fits.
                start: start.free_from.max(day.now),
                end: original.shift.end,
            },
            // The stops left of the day's limit, after those made and
            // those committed.
            max_stops: original
                .max_stops
                .map(|max| max.saturating_sub(state.done.len() + start.committed.len())),
            ..original.clone()
        });
        committed[index] = start.committed;
    }

    // Which van carries each parcel, and which van's plan holds each job.
    let mut carrier = vec![None; problem.num_jobs()];
    let mut planned_on: Vec<Option<VehicleId>> = vec![None; problem.num_jobs()];
    let mut planned_place = vec![0; problem.num_jobs()];
    for (index, state) in day.vehicles.iter().enumerate() {
        for &job in &state.on_board {
            carrier[job.0] = Some(VehicleId(index));
        }
        for &(job, place) in &state.planned {
            planned_on[job.0] = Some(VehicleId(index));
            planned_place[job.0] = place;
        }
    }
    // The stops locked to their van as a set: after the first lock_first
    // open stops of a van on the road, the next lock_set.
    let mut set_locked = vec![None; problem.num_jobs()];
    for (index, state) in day.vehicles.iter().enumerate() {
        if !state.in_service || !state.dispatched {
            continue;
        }
        let open = state
            .planned
            .iter()
            .filter(|(job, _)| day.jobs[job.0] == JobStatus::Open);
        for &(job, _) in open.skip(config.lock_first).take(config.lock_set) {
            set_locked[job.0] = Some(VehicleId(index));
        }
    }
    let mut jobs = Vec::new();
    let mut sub_jobs: Vec<Job> = Vec::new();
    let mut sub_id = vec![None; problem.num_jobs()];
    let mut without_fleet = Vec::new();
    for (index, job) in problem.jobs().iter().enumerate() {
        if day.jobs[index] != JobStatus::Open
            || folded[index]
            || riding_back.contains(&JobId(index))
        {
            continue;
        }
        if vehicle_types.is_empty() {
            without_fleet.push(JobId(index));
            continue;
        }
        let mut sub = job.clone();
        sub.vehicle_type = None;
        if let Some(bound) = job.vehicle_type {
            sub.skills = sub
                .skills
                .union(type_skill[bound.0].unwrap_or(Skills::NONE));
        }
        sub.preferred_vehicle_type = None;
        if config.stability > 0.0 {
            let van = planned_on[index].and_then(|v| sub_type[v.0]);
            sub.preferred_vehicle_type = van.map(|t| (t, config.stability));
        }
        if let Some(van) = set_locked[index] {
            sub.vehicle_type = sub_type[van.0];
        }
        if config.eta_stability > 0.0 && job.lateness.is_none() {
            sub.lateness = promise_kept(day, config, JobId(index), planned_place[index]);
        }
        match carrier[index] {
            Some(carrier) => sub.vehicle_type = sub_type[carrier.0],
            None if job.demand != Load::ZERO => sub.skills = sub.skills.union(at_depot),
            None => {}
        }
        sub_id[index] = Some(JobId(sub_jobs.len()));
        jobs.push(JobId(index));
        sub_jobs.push(sub);
    }

    let routes = day
        .vehicles
        .iter()
        .enumerate()
        .filter_map(|(index, state)| {
            let vehicle_type = sub_type[index]?;
            let mut route = Route::new(vehicle_type, Vec::new());
            for &(job, place) in &state.planned {
                if let Some(id) = sub_id[job.0] {
                    route.insert(route.jobs.len(), id, place);
                }
            }
            Some(route)
        })
        .collect();

    let sub_problem = if vehicle_types.is_empty() {
        None
    } else {
        Some(
            problem
                .with_jobs_and_fleet(sub_jobs, vehicle_types, skill_names)
                .expect("the day's jobs and vans, already validated"),
        )
    };
    Reduced {
        problem: sub_problem,
        jobs,
        vehicles,
        routes,
        committed,
        released,
        without_fleet,
        planned_on,
    }
}

/// The van's start after its committed stops (the first
/// [`ReplanConfig::lock_first`] open stops of its plan, once it has left
/// the depot), stopping at the first whose window will have closed, whose
/// pickup does not fit, or whose parcel is not on board (that one is
/// released).
fn fold_committed(
    day: &Day,
    vehicle: VehicleId,
    config: &ReplanConfig,
    released: &mut Vec<JobId>,
) -> Start {
    let problem = &day.problem;
    let state = &day.vehicles[vehicle.0];
    let mut start = Start {
        location: state.location,
        free_from: state.free_from,
        committed: Vec::new(),
        picked_up: Load::ZERO,
    };
    if !state.dispatched {
        return start;
    }
    let capacity = problem.vehicle_type(state.vehicle_type).capacity;
    let mut load = state.load_on_board(problem);
    let locked = state
        .planned
        .iter()
        .filter(|(job, _)| day.jobs[job.0] == JobStatus::Open)
        .take(config.lock_first);
    for &(job, place) in locked {
        let data = problem.job(job);
        let at = data.place(place);
        let arrival = start.free_from
            + problem.travel_time_for(
                state.vehicle_type,
                start.location,
                at.location,
                start.free_from,
            );
        let service_start = arrival.max(at.time_window.start);
        let mut after = load + data.pickup;
        if state.on_board.contains(&job) {
            after = after - data.demand;
        }
        let overloads = after.excess_over(&capacity) > load.excess_over(&capacity);
        // A delivery whose parcel is at the depot (the order changed).
        let not_loaded = data.demand != Load::ZERO && !state.on_board.contains(&job);
        if service_start > at.time_window.end || overloads || not_loaded {
            released.push(job);
            break;
        }
        load = after;
        start.committed.push(Committed {
            job,
            place,
            arrival,
            service_start,
        });
        start.location = at.location;
        start.free_from = service_start + data.service;
        start.picked_up += data.pickup;
    }
    start
}

/// The promise made to `job`'s customer as a soft window (see
/// [`ReplanConfig::eta_stability`]): service later than the promised
/// arrival (or the window's opening, if later) plus the threshold costs,
/// up to the end of the window at `place`, the place it was planned at
/// (its other places shift by the same amount). `None` without a promise,
/// or when the window ends before the promise can be missed.
fn promise_kept(
    day: &Day,
    config: &ReplanConfig,
    job: JobId,
    place: usize,
) -> Option<crate::problem::Lateness> {
    let promised = day.promised[job.0]?;
    let data = day.problem.job(job);
    let window = data.place(place.min(data.num_places() - 1)).time_window;
    let due = promised.max(window.start) + config.eta_threshold;
    if window.end >= Duration::UNBOUNDED || due >= window.end {
        return None;
    }
    Some(crate::problem::Lateness {
        max: window.end - due,
        cost: config.eta_stability,
    })
}
