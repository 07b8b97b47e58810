//! Problems and solutions as JSON (schema version 1), via serde.
//!
//! Every object rejects fields it does not know, and a file names its
//! schema and version first, so that a file written for another version
//! fails with a clear [`LoadError::Schema`] rather than being half read.
//! Errors carry the line and column. References (locations of jobs and
//! depots, vehicle types and jobs of routes, places of stops) are checked
//! and reported by index.
//!
//! # Problem (`"schema": "lastmile/problem"`, `"version": 1`)
//!
//! Times, distances, limits and coordinates are in instance units; the
//! `rounding` (`"precise"`, `"dimacs"`, `"round"` or `"exact"`) turns them
//! into integers (see [`Rounding`]). Matrices, when given, are rows of
//! integers in internal units (instance units under `"exact"`).
//!
//! ```json
//! {
//!   "schema": "lastmile/problem", "version": 1,
//!   "name": "demo", "rounding": "precise",
//!   "locations": [{"x": 0, "y": 0}, {"x": 3, "y": 4}, {"x": 6, "y": 0}],
//!   "vehicle_types": [{
//!     "count": 2, "capacity": [10], "start": 0, "shift": [0, 480],
//!     "costs": {"fixed": 40, "per_distance": 0.3, "per_time": 0.5}
//!   }],
//!   "jobs": [
//!     {"location": 1, "demand": [2], "service": 5, "time_windows": [[0, 60], [120, 180]]},
//!     {"location": 2, "demand": [1], "alternatives": [{"location": 0}], "penalty": 8},
//!     {"location": 2, "pickup": [3]}
//!   ]
//! }
//! ```
//!
//! Vehicle type fields: `count`, `capacity`, `start` (location index),
//! optional `end` (default: `start`) or `"open_end": true`, `shift` (`[start, end]`, `end` may be
//! `null` for none), `skills` (names), `max_distance`, `max_duration`,
//! `costs` (`fixed`, `per_distance`, `per_time`; default distance only) and
//! `co2_per_distance`, `travel_profile` (default 0: the problem's own
//! travel times) and `speed_factor` (travel-time multiplier, default 1).
//! Job fields: `location`, `demand` (delivered), `pickup` (collected and
//! brought back to the end depot), `service`,
//! `time_windows` (first choice first), `alternatives` (`location` and an
//! optional `time_window`), `skills` and `penalty` (makes the job optional).
//! Optional matrices: `distance_matrix`, `duration_matrix`, and
//! `travel_profiles` (a list of travel-time matrices that vehicle types
//! name by number with `travel_profile`, 1 for the first).
//!
//! # Solution (`"schema": "lastmile/solution"`, `"version": 1`)
//!
//! `routes` (each with `vehicle_type`, `jobs` and `places`, all indices) and
//! `unassigned` (`job` and `reason`, e.g. `"fleet_exhausted"`). Written
//! files also carry each route's `stops` with times and the load on board
//! when leaving, and a `summary` of the totals; readers ignore both and recompute them from the routes.
//!
//! ```
//! use lastmile::io::json;
//! use lastmile::Solver;
//!
//! let text = r#"{"schema": "lastmile/problem", "version": 1, "rounding": "precise",
//!   "locations": [{"x": 0, "y": 0}, {"x": 3, "y": 4}],
//!   "vehicle_types": [{"count": 1, "capacity": [5], "start": 0}],
//!   "jobs": [{"location": 1, "demand": [2]}]}"#;
//! let problem = json::problem_from_json(text)?;
//! let solution = Solver::new().iteration_limit(100).solve(&problem).solution;
//! let written = json::solution_to_json(&problem, &solution);
//! assert_eq!(json::solution_from_json(&problem, &written)?, solution);
//! # Ok::<(), lastmile::LoadError>(())
//! ```

use crate::error::{Item, LoadError, Origin};
use crate::problem::{JobId, JobSpec, LocationId, VehicleTypeId, VehicleTypeSpec};
use crate::problem::{Problem, ProblemBuilder, Rounding, TimeWindow};
use crate::solution::{Route, Solution, Unassigned, UnassignedReason};
use crate::units::Duration;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Schema name of problem files.
pub const PROBLEM_SCHEMA: &str = "lastmile/problem";
/// Schema name of solution files.
pub const SOLUTION_SCHEMA: &str = "lastmile/solution";
/// The schema version this library reads and writes.
pub const VERSION: u32 = 1;

/// A time window: start and end (`None`: no end).
type Window = (f64, Option<f64>);

#[derive(Serialize, Deserialize)]
struct Header {
    schema: String,
    version: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProblemFile {
    schema: String,
    version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    rounding: String,
    locations: Vec<Option<Point>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    distance_matrix: Option<Vec<Vec<i64>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    duration_matrix: Option<Vec<Vec<i64>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    travel_profiles: Vec<Vec<Vec<i64>>>,
    vehicle_types: Vec<VehicleTypeJson>,
    jobs: Vec<JobJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Point {
    x: f64,
    y: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VehicleTypeJson {
    count: usize,
    capacity: Vec<i64>,
    start: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    open_end: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shift: Option<Window>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_distance: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_duration: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    costs: Option<CostsJson>,
    #[serde(default, skip_serializing_if = "is_zero")]
    co2_per_distance: f64,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    speed_factor: f64,
    #[serde(default, skip_serializing_if = "is_zero_index")]
    travel_profile: usize,
}

fn is_zero_index(value: &usize) -> bool {
    *value == 0
}

fn one() -> f64 {
    1.0
}

fn is_one(value: &f64) -> bool {
    *value == 1.0
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CostsJson {
    #[serde(default)]
    fixed: f64,
    #[serde(default)]
    per_distance: f64,
    #[serde(default)]
    per_time: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JobJson {
    location: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    demand: Vec<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pickup: Vec<i64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    service: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    time_windows: Vec<Window>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    alternatives: Vec<AlternativeJson>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    penalty: Option<f64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlternativeJson {
    location: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time_window: Option<Window>,
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

fn rounding_named(name: &str) -> Option<Rounding> {
    [
        Rounding::Dimacs,
        Rounding::Round,
        Rounding::Precise,
        Rounding::Exact,
    ]
    .into_iter()
    .find(|r| r.name() == name)
}

/// Reads the header and checks schema and version.
fn check_header(text: &str, schema: &str) -> Result<(), LoadError> {
    let header: Header = serde_json::from_str(text).map_err(json_error)?;
    if header.schema != schema || header.version != VERSION {
        return Err(LoadError::Schema {
            path: None,
            found: format!("{} v{}", header.schema, header.version),
            expected: format!("{schema} v{VERSION}"),
        });
    }
    Ok(())
}

fn json_error(error: serde_json::Error) -> LoadError {
    LoadError::Json {
        path: None,
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    }
}

fn with_path(error: LoadError, file: &Path) -> LoadError {
    let path = Some(file.to_path_buf());
    match error {
        LoadError::Json {
            line,
            column,
            message,
            ..
        } => LoadError::Json {
            path,
            line,
            column,
            message,
        },
        LoadError::Schema {
            found, expected, ..
        } => LoadError::Schema {
            path,
            found,
            expected,
        },
        LoadError::Model { source, origin, .. } => LoadError::Model {
            path,
            origin,
            source,
        },
        LoadError::Solution { source, .. } => LoadError::Solution { path, source },
        other => other,
    }
}

fn read_text(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Parses a problem file.
pub fn problem_from_json(text: &str) -> Result<Problem, LoadError> {
    check_header(text, PROBLEM_SCHEMA)?;
    let file: ProblemFile = serde_json::from_str(text).map_err(json_error)?;
    let rounding = rounding_named(&file.rounding).ok_or_else(|| LoadError::Json {
        path: None,
        line: 1,
        column: 1,
        message: format!(
            "unknown rounding {:?}, expected \"precise\", \"dimacs\", \"round\" or \"exact\"",
            file.rounding
        ),
    })?;
    let mut b = ProblemBuilder::new(rounding);
    b.name(file.name);
    for point in &file.locations {
        match point {
            Some(p) => b.add_location(p.x, p.y),
            None => b.add_unplaced_location(),
        };
    }
    if let Some(rows) = file.distance_matrix {
        b.distance_matrix(rows);
    }
    if let Some(rows) = file.duration_matrix {
        b.duration_matrix(rows);
    }
    for rows in file.travel_profiles {
        b.add_travel_profile(rows);
    }
    let window = |w: Window| (w.0, w.1.unwrap_or(f64::INFINITY));
    for t in file.vehicle_types {
        let mut spec = VehicleTypeSpec::new(LocationId(t.start), t.count, &t.capacity);
        if let Some(end) = t.end {
            spec = spec.end_depot(LocationId(end));
        }
        if t.open_end {
            spec = spec.open_end();
        }
        spec = spec
            .speed_factor(t.speed_factor)
            .travel_profile(t.travel_profile);
        if let Some(shift) = t.shift.map(window) {
            spec = spec.shift(shift.0, shift.1);
        }
        if let Some(d) = t.max_distance {
            spec = spec.max_distance(d);
        }
        if let Some(d) = t.max_duration {
            spec = spec.max_duration(d);
        }
        if let Some(c) = t.costs {
            spec = spec.costs(c.fixed, c.per_distance, c.per_time);
        }
        let skills: Vec<&str> = t.skills.iter().map(String::as_str).collect();
        b.add_vehicle_type(spec.skills(&skills).co2_per_distance(t.co2_per_distance));
    }
    for j in file.jobs {
        let windows: Vec<(f64, f64)> = j.time_windows.into_iter().map(window).collect();
        let mut spec = JobSpec::at(LocationId(j.location))
            .demand(&j.demand)
            .pickup(&j.pickup)
            .service(j.service)
            .time_windows(&windows);
        for a in j.alternatives {
            spec = spec.alternative(LocationId(a.location), a.time_window.map(window));
        }
        if let Some(p) = j.penalty {
            spec = spec.optional(p);
        }
        let skills: Vec<&str> = j.skills.iter().map(String::as_str).collect();
        b.add_job(spec.skills(&skills));
    }
    b.build().map_err(|source| {
        // The file's own names: its arrays, indexed from 0.
        let origin = source.item().map(|item| Origin {
            line: None,
            label: match item {
                Item::Location(i) => format!("locations[{i}]"),
                Item::Job(i) => format!("jobs[{i}]"),
                Item::VehicleType(i) => format!("vehicle_types[{i}]"),
            },
        });
        LoadError::Model {
            path: None,
            origin,
            source,
        }
    })
}

/// Reads a problem file.
pub fn read_problem_json(path: impl AsRef<Path>) -> Result<Problem, LoadError> {
    let path = path.as_ref();
    problem_from_json(&read_text(path)?).map_err(|e| with_path(e, path))
}

/// The problem as JSON (pretty-printed); reading it back gives the same
/// problem.
pub fn problem_to_json(problem: &Problem) -> String {
    let units = |v: i64| problem.to_instance_units(v);
    let window = |w: TimeWindow| -> Option<Window> {
        if w == TimeWindow::UNBOUNDED {
            return None;
        }
        let end = (w.end < Duration::UNBOUNDED).then(|| units(w.end.get()));
        Some((units(w.start.get()), end))
    };
    // The virtual end of open routes is not written: readers add it again.
    let locations = problem.num_locations() - usize::from(problem.open_end_location().is_some());
    let rows = |m: &crate::problem::Matrix| -> Vec<Vec<i64>> {
        (0..locations)
            .map(|i| (0..locations).map(|j| m.get(i, j)).collect())
            .collect()
    };
    let dimensions = problem.dimensions();
    let amounts =
        |load: crate::units::Load| -> Vec<i64> { (0..dimensions).map(|d| load.get(d)).collect() };
    let names = |skills| {
        problem
            .skill_names(skills)
            .into_iter()
            .map(String::from)
            .collect()
    };
    let file = ProblemFile {
        schema: PROBLEM_SCHEMA.into(),
        version: VERSION,
        name: problem.name().into(),
        rounding: problem.rounding().name().into(),
        locations: (0..locations)
            .map(|l| {
                problem
                    .coordinates(LocationId(l))
                    .map(|(x, y)| Point { x, y })
            })
            .collect(),
        distance_matrix: problem
            .has_explicit_distances()
            .then(|| rows(problem.distance_matrix())),
        duration_matrix: problem.duration_matrix().map(rows),
        travel_profiles: problem.explicit_profiles().iter().map(rows).collect(),
        vehicle_types: problem
            .vehicle_types()
            .iter()
            .map(|t| VehicleTypeJson {
                count: t.count,
                capacity: amounts(t.capacity),
                start: t.start_depot.0,
                end: (t.end_depot != t.start_depot && !t.open_end).then_some(t.end_depot.0),
                open_end: t.open_end,
                shift: window(t.shift),
                skills: names(t.skills),
                max_distance: t.max_distance.map(|d| units(d.get())),
                max_duration: t.max_duration.map(|d| units(d.get())),
                costs: Some(CostsJson {
                    fixed: t.costs.fixed,
                    per_distance: t.costs.per_distance,
                    per_time: t.costs.per_time,
                }),
                co2_per_distance: t.co2_per_distance,
                speed_factor: t.speed_factor,
                travel_profile: t.travel_profile,
            })
            .collect(),
        jobs: problem
            .jobs()
            .iter()
            .map(|j| {
                let first = window(j.time_window);
                let same_place_slots = j
                    .alternatives
                    .iter()
                    .take_while(|a| a.location == j.location && first.is_some())
                    .count();
                JobJson {
                    location: j.location.0,
                    demand: if j.demand == crate::units::Load::ZERO {
                        Vec::new()
                    } else {
                        amounts(j.demand)
                    },
                    pickup: if j.pickup == crate::units::Load::ZERO {
                        Vec::new()
                    } else {
                        amounts(j.pickup)
                    },
                    service: units(j.service.get()),
                    time_windows: first
                        .into_iter()
                        .chain(
                            j.alternatives[..same_place_slots]
                                .iter()
                                .map(|a| window(a.time_window).unwrap_or((0.0, None))),
                        )
                        .collect(),
                    alternatives: j.alternatives[same_place_slots..]
                        .iter()
                        .map(|a| AlternativeJson {
                            location: a.location.0,
                            time_window: window(a.time_window),
                        })
                        .collect(),
                    skills: names(j.skills),
                    penalty: j.penalty,
                }
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).expect("problem files serialise")
}

/// Writes a problem file.
pub fn write_problem_json(path: impl AsRef<Path>, problem: &Problem) -> std::io::Result<()> {
    std::fs::write(path, problem_to_json(problem))
}

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
const REASONS: [(UnassignedReason, &str); 7] = [
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
    (UnassignedReason::FleetExhausted, "fleet_exhausted"),
    (UnassignedReason::NotWorthServing, "not_worth_serving"),
];

/// The solution as JSON (pretty-printed), with every stop's times and the
/// totals in instance units for readers.
pub fn solution_to_json(problem: &Problem, solution: &Solution) -> String {
    let units = |v: i64| problem.to_instance_units(v);
    let cost = solution.cost();
    let file = SolutionFile {
        schema: SOLUTION_SCHEMA.into(),
        version: VERSION,
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
            })
            .collect(),
        unassigned: solution
            .unassigned()
            .iter()
            .map(|u| UnassignedJson {
                job: u.job.0,
                reason: REASONS
                    .iter()
                    .find(|(r, _)| *r == u.reason)
                    .map_or("unknown", |(_, name)| name)
                    .into(),
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
