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
//! into integers (see [`Rounding`](crate::Rounding)). Matrices, when given, are rows of
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
//! optional `time_window`), `skills`, `penalty` (makes the job optional)
//! `vehicle_type` (the index of the only vehicle type that may serve it)
//! and `preferred_vehicle_type` (`[type, penalty]`: serving it with
//! another type costs the penalty).
//! Optional matrices: `distance_matrix`, `duration_matrix`, and
//! `travel_profiles` (a list of travel-time matrices that vehicle types
//! name by number with `travel_profile`, 1 for the first).
//!
//! # Day in progress (`"schema": "lastmile/day"`, `"version": 1`)
//!
//! The state of a [`Day`](crate::replan::Day), read against the day's
//! problem: `now`, `failure_policy` (`"return_to_depot"` or
//! `"reattempt"`), `jobs` (a status per job: `"open"`, `"served"`,
//! `"failed"`, `"cancelled"`, `"stranded"`), `promised` (an arrival or
//! `null` per job), and `vehicles`, each with `vehicle_type`, `in_service`,
//! `dispatched`, `location`, `free_from`, `done` (`job`, `place`,
//! `finished`, `outcome`), `on_board` (jobs), `carried_back` (amounts) and
//! `planned` (`[job, place]` pairs). Times in instance units. A reference
//! the problem lacks is a [`LoadError::Reference`] naming the entry.
//!
//! # Events (`"schema": "lastmile/events"`, `"version": 1`)
//!
//! `events`, each with a `type` and its fields: `dispatched` (`vehicle`,
//! `at`), `visited` (`vehicle`, `job`, `outcome`: `"served"` or
//! `"failed"`, `at`), `new_order` (`job`: a job as in problem files, `at`),
//! `cancelled` (`job`, `at`), `changed` (`job`, `spec`: a job, `at`),
//! `delayed` (`vehicle`, `by`, `at`), `out_of_service` (`vehicle`, `at`),
//! `vehicle_added` (`vehicle_type`, `at`). See [`events_from_json`].
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

mod day;
mod events;
mod problem;
mod solution;

pub use day::{day_from_json, day_to_json, read_day_json, write_day_json, DAY_SCHEMA};
pub use events::{events_from_json, read_events_json, EVENTS_SCHEMA};
pub use problem::{problem_from_json, problem_to_json, read_problem_json, write_problem_json};
pub(crate) use solution::reason_name;
pub use solution::{read_solution_json, solution_from_json, solution_to_json, write_solution_json};

use crate::error::LoadError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Schema name of problem files.
pub const PROBLEM_SCHEMA: &str = "lastmile/problem";
/// Schema name of solution files.
pub const SOLUTION_SCHEMA: &str = "lastmile/solution";
/// The newest schema version this library reads: files of every version
/// from [`FIRST_VERSION`] on are read. Each file is written with the first
/// version that holds what it says (problem files with traffic by hour or
/// a maximum of stops per route are version 2; everything else is
/// version 1).
pub const VERSION: u32 = 2;
/// The first schema version.
pub const FIRST_VERSION: u32 = 1;

/// A time window: start and end (`None`: no end).
type Window = (f64, Option<f64>);

#[derive(Serialize, Deserialize)]
struct Header {
    schema: String,
    version: u32,
}

/// Reads the header and checks schema and version; returns the version.
fn check_header(text: &str, schema: &str) -> Result<u32, LoadError> {
    let header: Header = serde_json::from_str(text).map_err(json_error)?;
    if header.schema != schema || !(FIRST_VERSION..=VERSION).contains(&header.version) {
        return Err(LoadError::Schema {
            path: None,
            found: format!("{} v{}", header.schema, header.version),
            expected: format!("{schema} v{FIRST_VERSION} to v{VERSION}"),
        });
    }
    Ok(header.version)
}

/// A time of `problem` read at entry `at` of a file (instance units): a
/// finite time from 0, or a [`LoadError::Reference`] naming the entry.
fn instance_time(
    problem: &crate::problem::Problem,
    at: impl FnOnce() -> String,
    value: f64,
) -> Result<crate::units::Duration, LoadError> {
    if !value.is_finite() || value < 0.0 {
        return Err(LoadError::Reference {
            path: None,
            at: at(),
            message: format!("time {value} is not a finite time from 0"),
        });
    }
    Ok(crate::units::Duration(problem.from_instance_units(value)))
}

pub(crate) fn json_error(error: serde_json::Error) -> LoadError {
    LoadError::Json {
        path: None,
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    }
}

pub(crate) fn with_path(error: LoadError, file: &Path) -> LoadError {
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
        LoadError::Reference { at, message, .. } => LoadError::Reference { path, at, message },
        LoadError::Unsupported { at, message, .. } => LoadError::Unsupported { path, at, message },
        other => other,
    }
}

pub(crate) fn read_text(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })
}
