//! The solution format (`"schema": "lastmile/solution"`): writing with
//! schedules and totals, reading routes and reasons back for a problem.

use super::{check_header, json_error, read_text, with_path, FIRST_VERSION, SOLUTION_SCHEMA};
use crate::error::LoadError;
use crate::problem::{JobId, LocationId, Problem, VehicleTypeId};
use crate::solution::{Reload, Route, Solution, Unassigned, UnassignedReason};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SolutionFile {
    schema: String,
    version: u32,
    routes: Vec<RouteJson>,
    #[serde(default)]
    unassigned: Vec<UnassignedJson>,
    /// Written for readers; ignored (recomputed) when read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    summary: Option<SummaryJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteJson {
    vehicle_type: usize,
    jobs: Vec<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    places: Vec<usize>,
    /// Written for readers; ignored (recomputed) when read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    stops: Vec<StopJson>,
    /// The driver's breaks (version 2); written for readers, recomputed
    /// when read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    breaks: Vec<BreakJson>,
    /// The returns to a reload depot between trips (version 2): read as
    /// given; their times are written for readers and recomputed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reloads: Vec<ReloadJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReloadJson {
    /// Jobs served before it.
    after: usize,
    /// The depot's location index.
    location: usize,
    #[serde(default)]
    arrival: f64,
    #[serde(default)]
    departure: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BreakJson {
    /// The vehicle type's break rule.
    rule: usize,
    /// Stops served before it.
    after: usize,
    location: usize,
    start: f64,
    end: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StopJson {
    job: usize,
    location: usize,
    arrival: f64,
    service_start: f64,
    departure: f64,
    #[serde(default)]
    load: Vec<i64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnassignedJson {
    job: usize,
    reason: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SummaryJson {
    distance: f64,
    duration: f64,
    vehicles: usize,
    cost: f64,
    penalties: f64,
}

/// The names of the unassigned reasons in solution files.
const REASONS: [(UnassignedReason, &str); 9] = [
    (
        UnassignedReason::NoVehicleWithSkills,
        "no_vehicle_with_skills",
    ),
    (
        UnassignedReason::DemandExceedsCapacity,
        "demand_exceeds_capacity",
    ),
    (
        UnassignedReason::TimeWindowUnreachable,
        "time_window_unreachable",
    ),
    (UnassignedReason::ShiftTooShort, "shift_too_short"),
    (UnassignedReason::ExceedsRouteLimits, "exceeds_route_limits"),
    (UnassignedReason::BreaksDoNotFit, "breaks_do_not_fit"),
    (UnassignedReason::FleetExhausted, "fleet_exhausted"),
    (UnassignedReason::NotWorthServing, "not_worth_serving"),
    (UnassignedReason::NoLinehaul, "no_linehaul"),
];

/// The name of `reason` in solution files (`"fleet_exhausted"`).
pub(crate) fn reason_name(reason: UnassignedReason) -> &'static str {
    REASONS
        .iter()
        .find(|(r, _)| *r == reason)
        .map_or("unknown", |(_, name)| name)
}

/// The solution as JSON (pretty-printed), with every stop's times and the
/// totals in instance units for readers.
pub fn solution_to_json(problem: &Problem, solution: &Solution) -> String {
    let units = |v: i64| problem.to_instance_units(v);
    let cost = solution.cost();
    let file = SolutionFile {
        schema: SOLUTION_SCHEMA.into(),
        // The first version that holds what the file says (breaks: 2).
        version: if solution
            .routes()
            .iter()
            .all(|r| r.breaks.is_empty() && r.reloads.is_empty())
        {
            FIRST_VERSION
        } else {
            super::VERSION
        },
        routes: solution
            .routes()
            .iter()
            .map(|r| RouteJson {
                vehicle_type: r.vehicle_type.0,
                jobs: r.stops.iter().map(|s| s.job.0).collect(),
                places: if r.stops.iter().all(|s| s.place == 0) {
                    Vec::new()
                } else {
                    r.stops.iter().map(|s| s.place).collect()
                },
                stops: r
                    .stops
                    .iter()
                    .map(|s| StopJson {
                        job: s.job.0,
                        location: s.location.0,
                        arrival: units(s.arrival.get()),
                        service_start: units(s.service_start.get()),
                        departure: units(s.departure.get()),
                        load: (0..problem.dimensions()).map(|d| s.load.get(d)).collect(),
                    })
                    .collect(),
                breaks: r
                    .breaks
                    .iter()
                    .map(|b| BreakJson {
                        rule: b.rule,
                        after: b.after,
                        location: b.location.0,
                        start: units(b.start.get()),
                        end: units(b.end.get()),
                    })
                    .collect(),
                reloads: r
                    .reloads
                    .iter()
                    .map(|x| ReloadJson {
                        after: x.after,
                        location: x.location.0,
                        arrival: units(x.arrival.get()),
                        departure: units(x.departure.get()),
                    })
                    .collect(),
            })
            .collect(),
        unassigned: solution
            .unassigned()
            .iter()
            .map(|u| UnassignedJson {
                job: u.job.0,
                reason: reason_name(u.reason).into(),
            })
            .collect(),
        summary: Some(SummaryJson {
            distance: units(cost.distance.get()),
            duration: units(cost.duration.get()),
            vehicles: cost.vehicles,
            cost: problem.cost_to_currency(cost.cost),
            penalties: cost.penalties,
        }),
    };
    serde_json::to_string_pretty(&file).expect("solution files serialise")
}

/// Parses a solution file for `problem`: routes and unassigned jobs are
/// checked against it, stops and totals recomputed.
pub fn solution_from_json(problem: &Problem, text: &str) -> Result<Solution, LoadError> {
    check_header(text, SOLUTION_SCHEMA)?;
    let file: SolutionFile = serde_json::from_str(text).map_err(json_error)?;
    let routes = file
        .routes
        .into_iter()
        .map(|r| Route {
            vehicle_type: VehicleTypeId(r.vehicle_type),
            jobs: r.jobs.into_iter().map(JobId).collect(),
            places: r.places,
            reloads: r
                .reloads
                .iter()
                .map(|x| Reload {
                    after: x.after,
                    depot: LocationId(x.location),
                })
                .collect(),
        })
        .collect();
    let unassigned = file
        .unassigned
        .into_iter()
        .map(|u| {
            let reason = REASONS
                .iter()
                .find(|(_, name)| *name == u.reason)
                .map(|(r, _)| *r)
                .ok_or_else(|| LoadError::Json {
                    path: None,
                    line: 1,
                    column: 1,
                    message: format!(
                        "unassigned job {}: unknown reason {:?}, expected one of {}",
                        u.job,
                        u.reason,
                        REASONS.map(|(_, n)| n).join(", ")
                    ),
                })?;
            Ok(Unassigned {
                job: JobId(u.job),
                reason,
            })
        })
        .collect::<Result<Vec<_>, LoadError>>()?;
    Solution::new(problem, routes, unassigned)
        .map_err(|source| LoadError::Solution { path: None, source })
}

/// Reads a solution file for `problem`.
pub fn read_solution_json(
    problem: &Problem,
    path: impl AsRef<Path>,
) -> Result<Solution, LoadError> {
    let path = path.as_ref();
    solution_from_json(problem, &read_text(path)?).map_err(|e| with_path(e, path))
}

/// Writes a solution file.
pub fn write_solution_json(
    path: impl AsRef<Path>,
    problem: &Problem,
    solution: &Solution,
) -> std::io::Result<()> {
    std::fs::write(path, solution_to_json(problem, solution))
}
