//! The state of a day in progress as JSON (`"schema": "lastmile/day"`), to
//! keep it between re-plans. Read against the day's problem (write it with
//! `problem_to_json(day.problem())`, orders added during the day included).

use super::{check_header, instance_time, json_error, read_text, with_path, FIRST_VERSION};
use crate::error::LoadError;
use crate::problem::{JobId, LocationId, Problem, VehicleTypeId};
use crate::replan::{Day, DoneStop, FailurePolicy, JobStatus, Outcome, VehicleState};
use crate::units::{Duration, Load};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Schema name of day files.
pub const DAY_SCHEMA: &str = "lastmile/day";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DayFile {
    schema: String,
    version: u32,
    now: f64,
    #[serde(default)]
    failure_policy: PolicyJson,
    vehicles: Vec<VehicleJson>,
    jobs: Vec<StatusJson>,
    #[serde(default)]
    promised: Vec<Option<f64>>,
}

#[derive(Serialize, Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum PolicyJson {
    #[default]
    ReturnToDepot,
    Reattempt,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum StatusJson {
    Open,
    Served,
    Failed,
    Cancelled,
    Stranded,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum OutcomeJson {
    Served,
    Failed,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VehicleJson {
    vehicle_type: usize,
    #[serde(default = "yes")]
    in_service: bool,
    #[serde(default)]
    dispatched: bool,
    location: usize,
    free_from: f64,
    #[serde(default)]
    done: Vec<DoneJson>,
    #[serde(default)]
    on_board: Vec<usize>,
    #[serde(default)]
    carried_back: Vec<i64>,
    /// (job, place) pairs, in order.
    #[serde(default)]
    planned: Vec<(usize, usize)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DoneJson {
    job: usize,
    #[serde(default)]
    place: usize,
    finished: f64,
    outcome: OutcomeJson,
}

fn yes() -> bool {
    true
}

/// The day's state as JSON (times in instance units, as in problem files).
pub fn day_to_json(day: &Day) -> String {
    let problem = day.problem();
    let time = |d: Duration| problem.to_instance_units(d.get());
    let file = DayFile {
        schema: DAY_SCHEMA.to_string(),
        version: FIRST_VERSION,
        now: time(day.now()),
        failure_policy: match day.failure_policy {
            FailurePolicy::ReturnToDepot => PolicyJson::ReturnToDepot,
            FailurePolicy::Reattempt => PolicyJson::Reattempt,
        },
        vehicles: day
            .vehicles()
            .iter()
            .map(|v| VehicleJson {
                vehicle_type: v.vehicle_type.0,
                in_service: v.in_service,
                dispatched: v.dispatched,
                location: v.location.0,
                free_from: time(v.free_from),
                done: v
                    .done
                    .iter()
                    .map(|d| DoneJson {
                        job: d.job.0,
                        place: d.place,
                        finished: time(d.finished),
                        outcome: match d.outcome {
                            Outcome::Served => OutcomeJson::Served,
                            Outcome::Failed => OutcomeJson::Failed,
                        },
                    })
                    .collect(),
                on_board: v.on_board.iter().map(|j| j.0).collect(),
                carried_back: v.carried_back.as_array()[..problem.dimensions()].to_vec(),
                planned: v.planned.iter().map(|&(j, p)| (j.0, p)).collect(),
            })
            .collect(),
        jobs: day
            .job_statuses()
            .iter()
            .map(|s| match s {
                JobStatus::Open => StatusJson::Open,
                JobStatus::Served => StatusJson::Served,
                JobStatus::Failed => StatusJson::Failed,
                JobStatus::Cancelled => StatusJson::Cancelled,
                JobStatus::Stranded => StatusJson::Stranded,
            })
            .collect(),
        promised: day.promised.iter().map(|p| p.map(time)).collect(),
    };
    serde_json::to_string_pretty(&file).expect("day files serialise")
}

/// Reads a day's state for `problem` (the day's problem). Every job,
/// place, location and vehicle type it names must exist, and it must give
/// a status per job: an error names the entry (`vehicles[2].on_board[0]`).
pub fn day_from_json(problem: &Problem, text: &str) -> Result<Day, LoadError> {
    check_header(text, DAY_SCHEMA)?;
    let file: DayFile = serde_json::from_str(text).map_err(json_error)?;
    let dangling = |at: String, message: String| LoadError::Reference {
        path: None,
        at,
        message,
    };
    let time = |at: &str, value: f64| instance_time(problem, || at.to_string(), value);
    let job = |at: String, index: usize| -> Result<JobId, LoadError> {
        if index < problem.num_jobs() {
            Ok(JobId(index))
        } else {
            Err(dangling(
                at,
                format!("job {index} does not exist ({} jobs)", problem.num_jobs()),
            ))
        }
    };
    let place = |at: String, job: JobId, place: usize| -> Result<usize, LoadError> {
        let places = problem.job(job).num_places();
        if place < places {
            Ok(place)
        } else {
            Err(dangling(
                at,
                format!("job {} has no place {place} ({places} places)", job.0),
            ))
        }
    };
    if file.jobs.len() != problem.num_jobs() {
        return Err(dangling(
            "jobs".to_string(),
            format!(
                "{} statuses for {} jobs",
                file.jobs.len(),
                problem.num_jobs()
            ),
        ));
    }
    if !file.promised.is_empty() && file.promised.len() != problem.num_jobs() {
        return Err(dangling(
            "promised".to_string(),
            format!(
                "{} arrivals for {} jobs",
                file.promised.len(),
                problem.num_jobs()
            ),
        ));
    }
    let mut vehicles = Vec::with_capacity(file.vehicles.len());
    for (index, v) in file.vehicles.into_iter().enumerate() {
        let here = format!("vehicles[{index}]");
        if v.vehicle_type >= problem.vehicle_types().len() {
            return Err(dangling(
                format!("{here}.vehicle_type"),
                format!(
                    "vehicle type {} does not exist ({} types)",
                    v.vehicle_type,
                    problem.vehicle_types().len()
                ),
            ));
        }
        if v.location >= problem.num_locations() {
            return Err(dangling(
                format!("{here}.location"),
                format!(
                    "location {} does not exist ({} locations)",
                    v.location,
                    problem.num_locations()
                ),
            ));
        }
        if v.carried_back.len() > problem.dimensions() || v.carried_back.iter().any(|&a| a < 0) {
            return Err(dangling(
                format!("{here}.carried_back"),
                format!(
                    "{:?} is not up to {} amounts of at least 0",
                    v.carried_back,
                    problem.dimensions()
                ),
            ));
        }
        let mut done = Vec::with_capacity(v.done.len());
        for (i, d) in v.done.into_iter().enumerate() {
            let at = format!("{here}.done[{i}]");
            let id = job(at.clone(), d.job)?;
            done.push(DoneStop {
                job: id,
                // History: the job may have changed its places since.
                place: d.place,
                finished: time(&at, d.finished)?,
                outcome: match d.outcome {
                    OutcomeJson::Served => Outcome::Served,
                    OutcomeJson::Failed => Outcome::Failed,
                },
            });
        }
        let on_board = v
            .on_board
            .into_iter()
            .enumerate()
            .map(|(i, j)| job(format!("{here}.on_board[{i}]"), j))
            .collect::<Result<Vec<_>, _>>()?;
        let mut planned = Vec::with_capacity(v.planned.len());
        for (i, (j, p)) in v.planned.into_iter().enumerate() {
            let at = format!("{here}.planned[{i}]");
            let id = job(at.clone(), j)?;
            planned.push((id, place(at, id, p)?));
        }
        vehicles.push(VehicleState {
            vehicle_type: VehicleTypeId(v.vehicle_type),
            in_service: v.in_service,
            dispatched: v.dispatched,
            location: LocationId(v.location),
            free_from: time(&format!("{here}.free_from"), v.free_from)?,
            done,
            on_board,
            carried_back: Load::new(&v.carried_back),
            planned,
        });
    }
    let promised = if file.promised.is_empty() {
        vec![None; problem.num_jobs()]
    } else {
        file.promised
            .iter()
            .enumerate()
            .map(|(i, p)| p.map(|t| time(&format!("promised[{i}]"), t)).transpose())
            .collect::<Result<Vec<_>, _>>()?
    };
    Ok(Day {
        problem: problem.clone(),
        now: time("now", file.now)?,
        vehicles,
        jobs: file
            .jobs
            .iter()
            .map(|s| match s {
                StatusJson::Open => JobStatus::Open,
                StatusJson::Served => JobStatus::Served,
                StatusJson::Failed => JobStatus::Failed,
                StatusJson::Cancelled => JobStatus::Cancelled,
                StatusJson::Stranded => JobStatus::Stranded,
            })
            .collect(),
        failure_policy: match file.failure_policy {
            PolicyJson::ReturnToDepot => FailurePolicy::ReturnToDepot,
            PolicyJson::Reattempt => FailurePolicy::Reattempt,
        },
        promised,
    })
}

/// Reads a day file for `problem`.
pub fn read_day_json(problem: &Problem, path: impl AsRef<Path>) -> Result<Day, LoadError> {
    let path = path.as_ref();
    day_from_json(problem, &read_text(path)?).map_err(|e| with_path(e, path))
}

/// Writes a day file.
pub fn write_day_json(path: impl AsRef<Path>, day: &Day) -> std::io::Result<()> {
    std::fs::write(path, day_to_json(day))
}
