//! Reading VROOM's problem format.

use super::{reference, unsupported, JobRef, VehicleRef, VroomProblem};
use super::{DEFAULT_PER_HOUR, DEFAULT_PROFILE};
use crate::error::{Item, LoadError, Origin};
use crate::io::json::{json_error, read_text, with_path};
use crate::problem::{JobSpec, LocationId, ProblemBuilder, Rounding, VehicleTypeSpec};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

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
    let mut input: Input = serde_json::from_str(text).map_err(json_error)?;
    if !input.shipments.is_empty() {
        return Err(unsupported(
            "shipments".into(),
            "pickup-and-delivery shipments are not supported yet; give jobs with delivery or pickup amounts",
        ));
    }
    if input.vehicles.is_empty() {
        return Err(reference("vehicles".into(), "no vehicles"));
    }
    // The matrices move out of the file's data (no copy: they are the
    // largest part of it).
    let profile = travel_profile(&input)?;
    let mut matrices = input.matrices.remove(&profile);
    let durations = matrices
        .as_mut()
        .and_then(|m| m.durations.take())
        .or_else(|| input.matrix.take())
        .expect("travel_profile checked that the profile has durations");
    let distances = matrices.and_then(|m| m.distances);
    let size = durations.len();
    if let Some(d) = &distances {
        if d.len() != size || d.iter().any(|row| row.len() != size) {
            return Err(reference(
                format!("matrices.{profile}.distances"),
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
    // VROOM's durations are the problem's distances, and with no matrix of
    // their own the travel times are the distances too.
    builder.distance_matrix(durations);
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

/// The profile whose travel-time matrix the vehicles use:
/// `matrices.P.durations` (or the deprecated `matrix` for `car`), checked
/// square. Several profiles in use must share it.
fn travel_profile(input: &Input) -> Result<String, LoadError> {
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
    Ok(profile.to_owned())
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
