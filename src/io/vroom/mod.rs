//! VROOM's JSON problem and solution formats (the optimiser behind
//! openrouteservice and pgRouting's vrprouting), so that a team using VROOM
//! can try lastmile on the files it already has.
//!
//! # What is read
//!
//! - `jobs`: `id`, `description`, `location`, `location_index`, `service`,
//!   `delivery`, `pickup` (and the deprecated `amount`, a delivery),
//!   `skills`, `priority` (the same for every job: all jobs are served when
//!   they can be) and `time_windows` (one or more; service starts in one).
//! - `vehicles`: `id`, `profile`, `description`, `start`/`start_index`,
//!   `end`/`end_index` (without an end the route ends at its last stop),
//!   `capacity`, `skills`, `time_window`, `breaks` (one time window each, or
//!   none for "any time"), `costs` (`fixed`, `per_hour`), `max_tasks`,
//!   `max_travel_time`, `speed_factor` 1, `type`.
//! - `matrices`: per profile, `durations` (required: lastmile does not call a
//!   routing engine) and `distances` (reported, not optimised); the
//!   deprecated `matrix` is the `car` profile's durations.
//!
//! As in VROOM, the objective is travel time: the problem's distance
//! *and* travel time are the `durations` matrix, and a vehicle's
//! `costs.per_hour` becomes its cost per second of it (under
//! [`Objective::Cost`]). VROOM's `distances` are only summed for the
//! output.
//!
//! Fields VROOM has and lastmile does not support yet (`shipments`,
//! `setup`, `*_per_type`, different priorities, `steps`, `max_distance`,
//! `costs.per_km`, `costs.per_task_hour`, cost matrices, a `speed_factor`
//! other than 1, break `max_load`, several vehicle profiles with different
//! matrices) are refused with [`LoadError::Unsupported`] naming the field,
//! never silently ignored. Fields VROOM does not have are a
//! [`LoadError::Json`] with line and column.
//!
//! # What is written
//!
//! VROOM's solution: `code`, `summary` (`cost`, `routes`, `unassigned`,
//! `setup`, `service`, `duration`, `waiting_time`, `priority`,
//! `violations`, `delivery`, `pickup`, and `distance` when the problem gave
//! distances), `unassigned` (`id`, `type`, `location_index`, ...) and
//! `routes` with `steps` (`start`, `job`, `break`, `end`; `arrival`,
//! cumulated travel `duration`, `service`, `waiting_time`, `load` after the
//! step, `distance`).
//!
//! ```
//! use lastmile::io::vroom::{vroom_problem_from_json, vroom_solution_to_json};
//! use lastmile::Solver;
//! let input = r#"{
//!   "vehicles": [{"id": 7, "start_index": 0, "end_index": 0, "capacity": [4]}],
//!   "jobs": [{"id": 1414, "location_index": 1, "delivery": [1]},
//!            {"id": 1515, "location_index": 2, "delivery": [2], "service": 300}],
//!   "matrices": {"car": {"durations": [[0, 2104, 197], [2103, 0, 2255], [197, 2256, 0]]}}
//! }"#;
//! let vroom = vroom_problem_from_json(input)?;
//! let plan = Solver::new().iteration_limit(100).solve(vroom.problem()).solution;
//! let output: serde_json::Value = serde_json::from_str(&vroom_solution_to_json(&vroom, &plan)).unwrap();
//! assert_eq!(output["summary"]["cost"], 2104 + 2255 + 197);
//! assert_eq!(output["routes"][0]["vehicle"], 7);
//! # Ok::<(), lastmile::LoadError>(())
//! ```

mod problem;
mod solution;

pub use problem::{read_vroom_problem, vroom_problem_from_json};
pub use solution::{read_vroom_solution, vroom_solution_from_json, vroom_solution_to_json};

use crate::error::LoadError;
use crate::objective::Objective;
use crate::problem::{JobId, Problem};
use serde::Deserialize;
use serde_json::Value;

/// VROOM's default vehicle profile.
const DEFAULT_PROFILE: &str = "car";

/// VROOM's default travel cost: 3600 per hour, one per second.
const DEFAULT_PER_HOUR: i64 = 3600;

/// A job as the VROOM file names it.
#[derive(Clone, Debug)]
struct JobRef {
    id: u64,
    description: Option<String>,
    location: Option<[f64; 2]>,
    location_index: usize,
    priority: u32,
}

/// A vehicle as the VROOM file names it, and what its route costs.
#[derive(Clone, Debug)]
struct VehicleRef {
    id: u64,
    description: Option<String>,
    start: (usize, Option<[f64; 2]>),
    end: Option<(usize, Option<[f64; 2]>)>,
    fixed: i64,
    per_hour: i64,
    /// Break ids and descriptions, in the order of the vehicle type's
    /// break rules.
    breaks: Vec<(u64, Option<String>)>,
}

/// A problem read from a VROOM file, with the file's identifiers: what
/// [`vroom_solution_to_json`] needs to answer in VROOM's terms.
#[derive(Clone, Debug)]
pub struct VroomProblem {
    problem: Problem,
    jobs: Vec<JobRef>,
    vehicles: Vec<VehicleRef>,
    /// Per vehicle type, its vehicles (indices into `vehicles`).
    vehicles_of_type: Vec<Vec<usize>>,
    /// VROOM's `distances`, reported in the output when given.
    distances: Option<Vec<Vec<i64>>>,
}

impl VroomProblem {
    /// The problem to solve.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// What VROOM minimises for this file: [`Objective::Cost`] when some
    /// vehicle has a fixed cost or a cost per hour other than the default,
    /// travel time ([`Objective::Distance`], the problem's distance being
    /// VROOM's durations) otherwise.
    pub fn objective(&self) -> Objective {
        if self
            .vehicles
            .iter()
            .any(|v| v.fixed != 0 || v.per_hour != DEFAULT_PER_HOUR)
        {
            Objective::Cost
        } else {
            Objective::Distance
        }
    }

    /// The VROOM id of `job`.
    pub fn job_id(&self, job: JobId) -> u64 {
        self.jobs[job.0].id
    }
}

/// True when `text` looks like a VROOM problem rather than a lastmile
/// file: a JSON object with `vehicles` and no `schema`.
pub fn is_vroom_problem(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        schema: Option<Value>,
        #[serde(default)]
        vehicles: Option<Value>,
    }
    serde_json::from_str::<Probe>(text)
        .is_ok_and(|probe| probe.schema.is_none() && probe.vehicles.is_some())
}

fn unsupported(at: String, message: impl Into<String>) -> LoadError {
    LoadError::Unsupported {
        path: None,
        at,
        message: message.into(),
    }
}

fn reference(at: String, message: impl Into<String>) -> LoadError {
    LoadError::Reference {
        path: None,
        at,
        message: message.into(),
    }
}
