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

use super::json::{json_error, read_text, reason_name, with_path};
use crate::error::{Item, LoadError, Origin};
use crate::objective::Objective;
use crate::problem::{JobId, JobSpec, LocationId, Problem, ProblemBuilder, Rounding};
use crate::problem::{VehicleTypeId, VehicleTypeSpec};
use crate::solution::{Route, Solution, UnassignedReason};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// VROOM's default vehicle profile.
const DEFAULT_PROFILE: &str = "car";

/// VROOM's default travel cost: 3600 per hour, one per second.
const DEFAULT_PER_HOUR: i64 = 3600;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    #[serde(default)]
    jobs: Vec<JobIn>,
    #[serde(default)]
    shipments: Vec<Value>,
    #[serde(default)]
    vehicles: Vec<VehicleIn>,
    #[serde(default)]
    matrices: BTreeMap<String, MatricesIn>,
    #[serde(default)]
    matrix: Option<Vec<Vec<i64>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JobIn {
    id: u64,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    location: Option<[f64; 2]>,
    #[serde(default)]
    location_index: Option<usize>,
    #[serde(default)]
    setup: i64,
    #[serde(default)]
    service: i64,
    #[serde(default)]
    setup_per_type: Option<Value>,
    #[serde(default)]
    service_per_type: Option<Value>,
    #[serde(default)]
    amount: Option<Vec<i64>>,
    #[serde(default)]
    delivery: Option<Vec<i64>>,
    #[serde(default)]
    pickup: Option<Vec<i64>>,
    #[serde(default)]
    skills: Vec<u64>,
    #[serde(default)]
    priority: u32,
    #[serde(default)]
    time_windows: Vec<[i64; 2]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VehicleIn {
    id: u64,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    start: Option<[f64; 2]>,
    #[serde(default)]
    start_index: Option<usize>,
    #[serde(default)]
    end: Option<[f64; 2]>,
    #[serde(default)]
    end_index: Option<usize>,
    #[serde(default)]
    capacity: Option<Vec<i64>>,
    #[serde(default)]
    costs: Option<CostsIn>,
    #[serde(default)]
    skills: Vec<u64>,
    /// Only matters with `*_per_type` times, which are refused.
    #[serde(default, rename = "type")]
    _kind: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    time_window: Option<[i64; 2]>,
    #[serde(default)]
    breaks: Vec<BreakIn>,
    #[serde(default)]
    speed_factor: Option<f64>,
    #[serde(default)]
    max_tasks: Option<usize>,
    #[serde(default)]
    max_travel_time: Option<i64>,
    #[serde(default)]
    max_distance: Option<i64>,
    #[serde(default)]
    steps: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CostsIn {
    #[serde(default)]
    fixed: i64,
    #[serde(default)]
    per_hour: Option<i64>,
    #[serde(default)]
    per_task_hour: i64,
    #[serde(default)]
    per_km: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BreakIn {
    id: u64,
    #[serde(default)]
    time_windows: Vec<[i64; 2]>,
    #[serde(default)]
    service: i64,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    max_load: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MatricesIn {
    #[serde(default)]
    durations: Option<Vec<Vec<i64>>>,
    #[serde(default)]
    distances: Option<Vec<Vec<i64>>>,
    #[serde(default)]
    costs: Option<Value>,
}

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

/// The vehicle types VROOM's vehicles fall into: vehicles equal in every
/// field but `id` and `description` share one type (the search then
/// treats them as interchangeable).
#[derive(Clone, PartialEq)]
struct TypeKey {
    start: usize,
    end: Option<usize>,
    capacity: Vec<i64>,
    skills: Vec<u64>,
    shift: Option<[i64; 2]>,
    breaks: Vec<(Option<[i64; 2]>, i64)>,
    max_tasks: Option<usize>,
    max_travel_time: Option<i64>,
    fixed: i64,
    per_hour: i64,
}

/// Parses a VROOM problem.
pub fn vroom_problem_from_json(text: &str) -> Result<VroomProblem, LoadError> {
    let input: Input = serde_json::from_str(text).map_err(json_error)?;
    if !input.shipments.is_empty() {
        return Err(unsupported(
            "shipments".into(),
            "pickup-and-delivery shipments are not supported yet; give jobs with delivery or pickup amounts",
        ));
    }
    if input.vehicles.is_empty() {
        return Err(reference("vehicles".into(), "no vehicles"));
    }
    let durations = travel_durations(&input)?;
    let size = durations.len();
    let distances = input
        .matrices
        .get(profile_of(&input.vehicles[0]))
        .and_then(|m| m.distances.clone());
    if let Some(d) = &distances {
        if d.len() != size || d.iter().any(|row| row.len() != size) {
            return Err(reference(
                format!("matrices.{}.distances", profile_of(&input.vehicles[0])),
                format!("not a {size} x {size} matrix like the durations"),
            ));
        }
    }

    // Where things are: every matrix index is a location; coordinates
    // where the file gives them.
    let mut coordinates: Vec<Option<[f64; 2]>> = vec![None; size];
    let index_of = |at: String,
                    index: Option<usize>,
                    location: Option<[f64; 2]>,
                    coordinates: &mut Vec<Option<[f64; 2]>>|
     -> Result<usize, LoadError> {
        let index = index.ok_or_else(|| {
            reference(
                at.clone(),
                "no location index: lastmile does not call a routing engine, so every task and vehicle end needs a `*_index` into `matrices`",
            )
        })?;
        if index >= size {
            return Err(reference(
                at,
                format!("location index {index} is outside the {size} x {size} matrix"),
            ));
        }
        if location.is_some() {
            coordinates[index] = location;
        }
        Ok(index)
    };

    let mut jobs = Vec::with_capacity(input.jobs.len());
    let mut specs = Vec::with_capacity(input.jobs.len());
    let dimensions = dimensions(&input);
    let mut totals = vec![0i64; dimensions];
    let mut seen = std::collections::HashSet::new();
    let first_priority = input.jobs.first().map_or(0, |j| j.priority);
    for (i, job) in input.jobs.iter().enumerate() {
        let at = |field: &str| format!("jobs[{i}] (id {}){field}", job.id);
        if !seen.insert(job.id) {
            return Err(reference(at(""), "two jobs have this id"));
        }
        if job.setup != 0 {
            return Err(unsupported(
                at(".setup"),
                "setup times are not supported yet; add them to the service time",
            ));
        }
        if job.setup_per_type.is_some() || job.service_per_type.is_some() {
            let field = if job.setup_per_type.is_some() {
                ".setup_per_type"
            } else {
                ".service_per_type"
            };
            return Err(unsupported(
                at(field),
                "times per vehicle type are not supported yet",
            ));
        }
        if job.priority != first_priority {
            return Err(unsupported(
                at(".priority"),
                format!(
                    "priority {} differs from jobs[0]'s {first_priority}: priorities are not supported yet (every job is served when it can be)",
                    job.priority
                ),
            ));
        }
        if job.amount.is_some() && job.delivery.is_some() {
            return Err(reference(
                at(".amount"),
                "give delivery (amount is its deprecated name), not both",
            ));
        }
        let location = index_of(at(""), job.location_index, job.location, &mut coordinates)?;
        let delivery = job.delivery.clone().or_else(|| job.amount.clone());
        let amounts = |values: &Option<Vec<i64>>, field: &str| -> Result<Vec<i64>, LoadError> {
            match values {
                None => Ok(vec![0; dimensions]),
                Some(v) if v.len() == dimensions => Ok(v.clone()),
                Some(v) => Err(reference(
                    at(field),
                    format!(
                        "{} amounts where the vehicles' capacity has {dimensions}",
                        v.len()
                    ),
                )),
            }
        };
        let delivery = amounts(&delivery, ".delivery")?;
        let pickup = amounts(&job.pickup, ".pickup")?;
        for d in 0..dimensions {
            totals[d] = totals[d].saturating_add(delivery[d].max(0) + pickup[d].max(0));
        }
        let windows = windows(&job.time_windows, || at(".time_windows"))?;
        let skills: Vec<String> = job.skills.iter().map(u64::to_string).collect();
        let skills: Vec<&str> = skills.iter().map(String::as_str).collect();
        specs.push(
            JobSpec::at(LocationId(location))
                .demand(&delivery)
                .pickup(&pickup)
                .service(job.service as f64)
                .time_windows(&windows)
                .skills(&skills),
        );
        jobs.push(JobRef {
            id: job.id,
            description: job.description.clone(),
            location: job.location,
            location_index: location,
            priority: job.priority,
        });
    }

    let mut vehicles = Vec::with_capacity(input.vehicles.len());
    let mut keys: Vec<TypeKey> = Vec::new();
    let mut vehicles_of_type: Vec<Vec<usize>> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, v) in input.vehicles.iter().enumerate() {
        let at = |field: &str| format!("vehicles[{i}] (id {}){field}", v.id);
        if !seen.insert(v.id) {
            return Err(reference(at(""), "two vehicles have this id"));
        }
        refuse_vehicle_fields(v, &at)?;
        if v.start.is_none() && v.start_index.is_none() {
            return Err(unsupported(
                at(".start_index"),
                "routes that start at their first task are not supported yet; give a start",
            ));
        }
        let start = index_of(at(".start"), v.start_index, v.start, &mut coordinates)?;
        let end = if v.end.is_some() || v.end_index.is_some() {
            Some(index_of(at(".end"), v.end_index, v.end, &mut coordinates)?)
        } else {
            None
        };
        let capacity = match &v.capacity {
            Some(c) if c.len() == dimensions => c.clone(),
            Some(c) => {
                return Err(reference(
                    at(".capacity"),
                    format!(
                        "{} dimensions where the first vehicle has {dimensions}",
                        c.len()
                    ),
                ))
            }
            // No capacity: nothing the jobs carry can fill it.
            None => totals.clone(),
        };
        let (fixed, per_hour) = v.costs.as_ref().map_or((0, DEFAULT_PER_HOUR), |c| {
            (c.fixed, c.per_hour.unwrap_or(DEFAULT_PER_HOUR))
        });
        let mut breaks = Vec::new();
        for (b, pause) in v.breaks.iter().enumerate() {
            let at = |field: &str| at(&format!(".breaks[{b}] (id {}){field}", pause.id));
            if pause.max_load.is_some() {
                return Err(unsupported(
                    at(".max_load"),
                    "a load limit on breaks is not supported yet",
                ));
            }
            let window = match pause.time_windows.as_slice() {
                [] => None,
                [w] => Some(*w),
                _ => {
                    return Err(unsupported(
                        at(".time_windows"),
                        "breaks with more than one time window are not supported yet",
                    ))
                }
            };
            breaks.push((window, pause.service));
        }
        let key = TypeKey {
            start,
            end,
            capacity,
            skills: {
                let mut s = v.skills.clone();
                s.sort_unstable();
                s
            },
            shift: v.time_window,
            breaks,
            max_tasks: v.max_tasks,
            max_travel_time: v.max_travel_time,
            fixed,
            per_hour,
        };
        let vehicle_type = match keys.iter().position(|k| *k == key) {
            Some(t) => t,
            None => {
                keys.push(key);
                vehicles_of_type.push(Vec::new());
                keys.len() - 1
            }
        };
        vehicles_of_type[vehicle_type].push(i);
        vehicles.push(VehicleRef {
            id: v.id,
            description: v.description.clone(),
            start: (start, v.start),
            end: end.map(|e| (e, v.end)),
            fixed,
            per_hour,
            breaks: v
                .breaks
                .iter()
                .map(|b| (b.id, b.description.clone()))
                .collect(),
        });
    }

    let mut builder = ProblemBuilder::new(Rounding::Exact);
    for point in &coordinates {
        match point {
            Some([lon, lat]) => builder.add_location(*lon, *lat),
            None => builder.add_unplaced_location(),
        };
    }
    builder.distance_matrix(durations.clone());
    builder.duration_matrix(durations.clone());
    for (t, key) in keys.iter().enumerate() {
        let count = vehicles_of_type[t].len();
        let mut spec = VehicleTypeSpec::new(LocationId(key.start), count, &key.capacity);
        spec = match key.end {
            Some(end) => spec.end_depot(LocationId(end)),
            None => spec.open_end(),
        };
        if let Some([start, end]) = key.shift {
            spec = spec.shift(start as f64, end as f64);
        }
        for &(window, duration) in &key.breaks {
            let (start, end) = window.map_or((0.0, f64::INFINITY), |[s, e]| (s as f64, e as f64));
            spec = spec.break_window(start, end, duration as f64);
        }
        if let Some(tasks) = key.max_tasks {
            spec = spec.max_stops(tasks);
        }
        if let Some(limit) = key.max_travel_time {
            // The problem's distance is VROOM's travel time.
            spec = spec.max_distance(limit as f64);
        }
        let skills: Vec<String> = key.skills.iter().map(u64::to_string).collect();
        let skills: Vec<&str> = skills.iter().map(String::as_str).collect();
        spec = spec
            .skills(&skills)
            .costs(key.fixed as f64, key.per_hour as f64 / 3600.0, 0.0);
        builder.add_vehicle_type(spec);
    }
    for spec in specs {
        builder.add_job(spec);
    }
    let problem = builder.build().map_err(|source| {
        let origin = source.item().map(|item| Origin {
            line: None,
            label: match item {
                Item::Location(i) => format!("location index {i}"),
                Item::Job(i) => format!("jobs[{i}] (id {})", jobs[i].id),
                Item::VehicleType(t) => {
                    let v = vehicles_of_type[t][0];
                    format!("vehicles[{v}] (id {})", vehicles[v].id)
                }
            },
        });
        LoadError::Model {
            path: None,
            origin,
            source,
        }
    })?;
    Ok(VroomProblem {
        problem,
        jobs,
        vehicles,
        vehicles_of_type,
        distances,
    })
}

/// VROOM's vehicle fields lastmile does not support yet.
fn refuse_vehicle_fields(v: &VehicleIn, at: &dyn Fn(&str) -> String) -> Result<(), LoadError> {
    if v.steps.is_some() {
        return Err(unsupported(
            at(".steps"),
            "custom routes (steps) are not supported yet",
        ));
    }
    if v.max_distance.is_some() {
        return Err(unsupported(
            at(".max_distance"),
            "a distance limit is not supported yet for VROOM files (max_travel_time is)",
        ));
    }
    if v.speed_factor.is_some_and(|f| f != 1.0) {
        return Err(unsupported(
            at(".speed_factor"),
            "speed factors other than 1 are not supported yet for VROOM files; scale the durations",
        ));
    }
    if let Some(costs) = &v.costs {
        if costs.per_km != 0 {
            return Err(unsupported(
                at(".costs.per_km"),
                "costs per km are not supported yet (VROOM files are optimised for travel time)",
            ));
        }
        if costs.per_task_hour != 0 {
            return Err(unsupported(
                at(".costs.per_task_hour"),
                "costs per task hour are not supported yet",
            ));
        }
    }
    Ok(())
}

fn profile_of(vehicle: &VehicleIn) -> &str {
    vehicle.profile.as_deref().unwrap_or(DEFAULT_PROFILE)
}

/// The travel-time matrix of the vehicles' profile: `matrices.P.durations`
/// (or the deprecated `matrix`). Several profiles in use must share it.
fn travel_durations(input: &Input) -> Result<Vec<Vec<i64>>, LoadError> {
    let mut chosen: Option<(&str, &Vec<Vec<i64>>)> = None;
    for (i, vehicle) in input.vehicles.iter().enumerate() {
        let profile = profile_of(vehicle);
        let at = format!("matrices.{profile}");
        let matrices = input.matrices.get(profile);
        if matrices.is_some_and(|m| m.costs.is_some()) {
            return Err(unsupported(
                format!("{at}.costs"),
                "cost matrices are not supported yet; lastmile minimises the durations",
            ));
        }
        let durations = match (matrices.and_then(|m| m.durations.as_ref()), &input.matrix) {
            (Some(d), _) => d,
            (None, Some(d)) if profile == DEFAULT_PROFILE => d,
            _ => {
                return Err(unsupported(
                    format!("{at}.durations"),
                    format!(
                        "vehicles[{i}] (id {}) uses profile {profile:?}, which has no durations matrix; lastmile does not call a routing engine, so give `matrices` with `durations` (e.g. from OSRM's table service) and `location_index` for every task",
                        vehicle.id
                    ),
                ));
            }
        };
        match chosen {
            None => chosen = Some((profile, durations)),
            Some((first, matrix)) if first != profile && matrix != durations => {
                return Err(unsupported(
                    format!("vehicles[{i}] (id {}).profile", vehicle.id),
                    format!(
                        "profiles {first:?} and {profile:?} have different durations: several travel profiles are not supported yet for VROOM files"
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    let (profile, matrix) = chosen.expect("at least one vehicle");
    let size = matrix.len();
    if let Some(row) = matrix.iter().position(|row| row.len() != size) {
        return Err(reference(
            format!("matrices.{profile}.durations[{row}]"),
            format!("{} values in a matrix of {size} rows", matrix[row].len()),
        ));
    }
    Ok(matrix.clone())
}

/// The number of capacity dimensions: the first vehicle's capacity's, or
/// the first job's amounts' when no vehicle has a capacity.
fn dimensions(input: &Input) -> usize {
    let from_vehicles = input
        .vehicles
        .iter()
        .find_map(|v| v.capacity.as_ref().map(Vec::len));
    let from_jobs = input.jobs.iter().find_map(|j| {
        j.delivery
            .as_ref()
            .or(j.amount.as_ref())
            .or(j.pickup.as_ref())
            .map(Vec::len)
    });
    from_vehicles.or(from_jobs).unwrap_or(0).max(1)
}

/// Time windows as the builder takes them (a job with none may be served
/// at any time).
fn windows(windows: &[[i64; 2]], at: impl Fn() -> String) -> Result<Vec<(f64, f64)>, LoadError> {
    windows
        .iter()
        .map(|&[start, end]| {
            if start > end {
                Err(reference(
                    at(),
                    format!("window [{start}, {end}] ends before it starts"),
                ))
            } else {
                Ok((start as f64, end as f64))
            }
        })
        .collect()
}

/// Reads a VROOM problem file.
pub fn read_vroom_problem(path: impl AsRef<Path>) -> Result<VroomProblem, LoadError> {
    let path = path.as_ref();
    vroom_problem_from_json(&read_text(path)?).map_err(|e| with_path(e, path))
}

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
    let mut load = route.delivered;
    let mut service = 0;
    let mut waiting = 0;
    let break_steps =
        |after: usize, travel: i64, distance: Option<i64>, load: crate::units::Load| {
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
                .collect::<Vec<_>>()
        };
    let mut breaks_total = break_steps(0, 0, distance, load);
    for b in &breaks_total {
        service += b.service;
        waiting += b.waiting_time;
    }
    steps.append(&mut breaks_total);
    for (i, stop) in route.stops.iter().enumerate() {
        let to = stop.location.0;
        travel += problem
            .travel_time_for(vehicle_type, LocationId(at), stop.location, leave)
            .get();
        if let (Some(total), Some(d)) = (distance.as_mut(), arc_distance(at, to)) {
            *total += d;
        }
        let job = &vroom.jobs[stop.job.0];
        let service_time = problem.job(stop.job).service.get();
        service += service_time;
        waiting += stop.waiting.get();
        load = stop.load;
        steps.push(StepOut {
            kind: "job",
            id: Some(job.id),
            description: job.description.clone(),
            location: job.location,
            location_index: Some(to),
            arrival: stop.arrival.get(),
            duration: travel,
            setup: 0,
            service: service_time,
            waiting_time: stop.waiting.get(),
            violations: Vec::new(),
            load: amounts(stop.load),
            distance,
        });
        let mut pauses = break_steps(i + 1, travel, distance, load);
        for b in &pauses {
            service += b.service;
            waiting += b.waiting_time;
        }
        steps.append(&mut pauses);
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
