//! Writing VROOM's solution format, and reading it back.

use super::{reference, unsupported, VehicleRef, VroomProblem};
use crate::error::LoadError;
use crate::io::json::{json_error, read_text, reason_name, with_path};
use crate::problem::{JobId, LocationId, VehicleTypeId};
use crate::solution::{Route, Solution, UnassignedReason};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::Path;

#[derive(Serialize)]
struct Output {
    code: u32,
    summary: Summary,
    unassigned: Vec<UnassignedOut>,
    routes: Vec<RouteOut>,
}

#[derive(Serialize, Default)]
struct Summary {
    cost: i64,
    routes: usize,
    unassigned: usize,
    setup: i64,
    service: i64,
    duration: i64,
    waiting_time: i64,
    priority: u64,
    violations: Vec<Value>,
    delivery: Vec<i64>,
    pickup: Vec<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distance: Option<i64>,
}

#[derive(Serialize)]
struct UnassignedOut {
    id: u64,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<[f64; 2]>,
    location_index: usize,
    /// lastmile's reason (not in VROOM's format; VROOM readers ignore it).
    reason: String,
}

#[derive(Serialize)]
struct RouteOut {
    vehicle: u64,
    cost: i64,
    setup: i64,
    service: i64,
    duration: i64,
    waiting_time: i64,
    priority: u64,
    steps: Vec<StepOut>,
    violations: Vec<Value>,
    delivery: Vec<i64>,
    pickup: Vec<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distance: Option<i64>,
}

#[derive(Serialize)]
struct StepOut {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location_index: Option<usize>,
    arrival: i64,
    duration: i64,
    setup: i64,
    service: i64,
    waiting_time: i64,
    violations: Vec<Value>,
    load: Vec<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distance: Option<i64>,
}

/// Writes `solution` of `vroom`'s problem in VROOM's solution format,
/// with the file's job and vehicle ids. Routes of vehicles that were
/// given alike take those vehicles' ids in the order of the file.
pub fn vroom_solution_to_json(vroom: &VroomProblem, solution: &Solution) -> String {
    let problem = &vroom.problem;
    let dimensions = problem.dimensions().max(1);
    let amounts =
        |load: crate::units::Load| -> Vec<i64> { (0..dimensions).map(|d| load.get(d)).collect() };
    let mut summary = Summary {
        delivery: vec![0; dimensions],
        pickup: vec![0; dimensions],
        distance: vroom.distances.as_ref().map(|_| 0),
        ..Summary::default()
    };
    let mut next_vehicle = vec![0usize; vroom.vehicles_of_type.len()];
    let mut routes = Vec::with_capacity(solution.routes().len());
    for route in solution.routes() {
        let t = route.vehicle_type.0;
        let vehicle_index =
            vroom.vehicles_of_type[t][next_vehicle[t].min(vroom.vehicles_of_type[t].len() - 1)];
        next_vehicle[t] += 1;
        let vehicle = &vroom.vehicles[vehicle_index];
        let out = route_out(vroom, route, vehicle, &amounts);
        summary.cost += out.cost;
        summary.service += out.service;
        summary.duration += out.duration;
        summary.waiting_time += out.waiting_time;
        summary.priority += out.priority;
        for d in 0..dimensions {
            summary.delivery[d] += out.delivery[d];
            summary.pickup[d] += out.pickup[d];
        }
        if let (Some(total), Some(d)) = (summary.distance.as_mut(), out.distance) {
            *total += d;
        }
        routes.push(out);
    }
    summary.routes = routes.len();
    summary.unassigned = solution.unassigned().len();
    let unassigned = solution
        .unassigned()
        .iter()
        .map(|u| {
            let job = &vroom.jobs[u.job.0];
            UnassignedOut {
                id: job.id,
                kind: "job",
                description: job.description.clone(),
                location: job.location,
                location_index: job.location_index,
                reason: reason_name(u.reason).to_owned(),
            }
        })
        .collect();
    let output = Output {
        code: 0,
        summary,
        unassigned,
        routes,
    };
    serde_json::to_string_pretty(&output).expect("plain data serialises")
}

fn route_out(
    vroom: &VroomProblem,
    route: &crate::solution::RouteSchedule,
    vehicle: &VehicleRef,
    amounts: &dyn Fn(crate::units::Load) -> Vec<i64>,
) -> RouteOut {
    let problem = &vroom.problem;
    let vehicle_type = route.vehicle_type;
    let arc_distance = |from: usize, to: usize| vroom.distances.as_ref().map(|d| d[from][to]);
    let mut steps = Vec::with_capacity(route.stops.len() + route.breaks.len() + 2);
    let (start, start_location) = vehicle.start;
    steps.push(StepOut {
        kind: "start",
        id: None,
        description: None,
        location: start_location,
        location_index: Some(start),
        arrival: route.depot_departure.get(),
        duration: 0,
        setup: 0,
        service: 0,
        waiting_time: 0,
        violations: Vec::new(),
        load: amounts(route.delivered),
        distance: vroom.distances.as_ref().map(|_| 0),
    });
    let mut travel = 0i64;
    let mut distance = vroom.distances.as_ref().map(|_| 0i64);
    let mut at = start;
    let mut leave = route.depot_departure;
    // The breaks taken after the `after`-th stop (0: at the start), with
    // the load on board then.
    let break_steps = |after: usize, travel: i64, distance: Option<i64>| {
        let load = after
            .checked_sub(1)
            .map_or(route.delivered, |i| route.stops[i].load);
        route
            .breaks
            .iter()
            .filter(move |b| b.after == after)
            .map(move |b| StepOut {
                kind: "break",
                id: vehicle.breaks.get(b.rule).map(|r| r.0),
                description: vehicle.breaks.get(b.rule).and_then(|r| r.1.clone()),
                location: None,
                location_index: None,
                arrival: (b.start - b.waiting).get(),
                duration: travel,
                setup: 0,
                service: (b.end - b.start).get(),
                waiting_time: b.waiting.get(),
                violations: Vec::new(),
                load: amounts(load),
                distance,
            })
    };
    steps.extend(break_steps(0, 0, distance));
    for (i, stop) in route.stops.iter().enumerate() {
        let to = stop.location.0;
        travel += problem
            .travel_time_for(vehicle_type, LocationId(at), stop.location, leave)
            .get();
        if let (Some(total), Some(d)) = (distance.as_mut(), arc_distance(at, to)) {
            *total += d;
        }
        let job = &vroom.jobs[stop.job.0];
        steps.push(StepOut {
            kind: "job",
            id: Some(job.id),
            description: job.description.clone(),
            location: job.location,
            location_index: Some(to),
            arrival: stop.arrival.get(),
            duration: travel,
            setup: 0,
            service: problem.job(stop.job).service.get(),
            waiting_time: stop.waiting.get(),
            violations: Vec::new(),
            load: amounts(stop.load),
            distance,
        });
        steps.extend(break_steps(i + 1, travel, distance));
        at = to;
        leave = stop.departure;
    }
    let end = vehicle.end.map(|(index, location)| {
        travel += problem
            .travel_time_for(vehicle_type, LocationId(at), LocationId(index), leave)
            .get();
        if let (Some(total), Some(d)) = (distance.as_mut(), arc_distance(at, index)) {
            *total += d;
        }
        (index, location)
    });
    steps.push(StepOut {
        kind: "end",
        id: None,
        description: None,
        location: end.and_then(|e| e.1),
        location_index: Some(end.map_or(at, |e| e.0)),
        arrival: route.depot_arrival.get(),
        duration: travel,
        setup: 0,
        service: 0,
        waiting_time: 0,
        violations: Vec::new(),
        load: amounts(route.picked_up),
        distance,
    });
    // Service and waiting at stops and breaks.
    let service = steps.iter().map(|s| s.service).sum();
    let waiting = steps.iter().map(|s| s.waiting_time).sum();
    let priority = route
        .stops
        .iter()
        .map(|s| u64::from(vroom.jobs[s.job.0].priority))
        .sum();
    RouteOut {
        vehicle: vehicle.id,
        cost: vehicle.fixed + (vehicle.per_hour * travel + 1800) / 3600,
        setup: 0,
        service,
        duration: travel,
        waiting_time: waiting,
        priority,
        steps,
        violations: Vec::new(),
        delivery: amounts(route.delivered),
        pickup: amounts(route.picked_up),
        description: vehicle.description.clone(),
        distance,
    }
}

#[derive(Deserialize)]
struct SolutionIn {
    #[serde(default)]
    routes: Vec<RouteIn>,
}

#[derive(Deserialize)]
struct RouteIn {
    vehicle: u64,
    #[serde(default)]
    steps: Vec<StepIn>,
}

#[derive(Deserialize)]
struct StepIn {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    job: Option<u64>,
}

/// Reads a VROOM solution of `vroom`'s problem (VROOM's own output or
/// [`vroom_solution_to_json`]'s): the routes' vehicles and job steps; the
/// times are recomputed. Jobs in no route are unassigned.
pub fn vroom_solution_from_json(vroom: &VroomProblem, text: &str) -> Result<Solution, LoadError> {
    let input: SolutionIn = serde_json::from_str(text).map_err(json_error)?;
    let job_of: std::collections::HashMap<u64, JobId> = vroom
        .jobs
        .iter()
        .enumerate()
        .map(|(i, j)| (j.id, JobId(i)))
        .collect();
    let type_of = |vehicle: usize| {
        vroom
            .vehicles_of_type
            .iter()
            .position(|vs| vs.contains(&vehicle))
            .expect("every vehicle has a type")
    };
    let mut served = vec![false; vroom.jobs.len()];
    let mut routes = Vec::with_capacity(input.routes.len());
    for (r, route) in input.routes.iter().enumerate() {
        let vehicle = vroom
            .vehicles
            .iter()
            .position(|v| v.id == route.vehicle)
            .ok_or_else(|| {
                reference(
                    format!("routes[{r}].vehicle"),
                    format!("no vehicle has id {}", route.vehicle),
                )
            })?;
        let mut jobs = Vec::new();
        for (s, step) in route.steps.iter().enumerate() {
            match step.kind.as_str() {
                "job" => {
                    let id = step.id.or(step.job).ok_or_else(|| {
                        reference(format!("routes[{r}].steps[{s}]"), "a job step without id")
                    })?;
                    let job = *job_of.get(&id).ok_or_else(|| {
                        reference(
                            format!("routes[{r}].steps[{s}].id"),
                            format!("no job has id {id}"),
                        )
                    })?;
                    if std::mem::replace(&mut served[job.0], true) {
                        return Err(reference(
                            format!("routes[{r}].steps[{s}].id"),
                            format!("job {id} is served twice"),
                        ));
                    }
                    jobs.push(job);
                }
                "start" | "end" | "break" => {}
                other => {
                    return Err(unsupported(
                        format!("routes[{r}].steps[{s}].type"),
                        format!("step type {other:?} is not supported (shipments are not)"),
                    ))
                }
            }
        }
        routes.push(Route::new(VehicleTypeId(type_of(vehicle)), jobs));
    }
    let unassigned = served
        .iter()
        .enumerate()
        .filter(|(_, &s)| !s)
        .map(|(j, _)| crate::solution::Unassigned {
            job: JobId(j),
            reason: UnassignedReason::FleetExhausted,
        })
        .collect();
    Solution::new(&vroom.problem, routes, unassigned)
        .map_err(|source| LoadError::Solution { path: None, source })
}

/// Reads a VROOM solution file of `vroom`'s problem.
pub fn read_vroom_solution(
    vroom: &VroomProblem,
    path: impl AsRef<Path>,
) -> Result<Solution, LoadError> {
    let path = path.as_ref();
    vroom_solution_from_json(vroom, &read_text(path)?).map_err(|e| with_path(e, path))
}
