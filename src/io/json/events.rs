//! Events of a day in progress as JSON (`"schema": "lastmile/events"`):
//! what a dispatch system reports, to apply to a [`Day`](crate::replan::Day)
//! in order.

use super::problem::{job_spec, JobJson};
use super::{check_header, instance_time, json_error, read_text, with_path};
use crate::error::LoadError;
use crate::problem::{JobId, LocationId, Problem, VehicleTypeId};
use crate::replan::{Event, Outcome, VehicleId};
use serde::Deserialize;
use std::path::Path;

/// Schema name of event files.
pub const EVENTS_SCHEMA: &str = "lastmile/events";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsFile {
    #[allow(dead_code)]
    schema: String,
    #[allow(dead_code)]
    version: u32,
    events: Vec<EventJson>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum EventJson {
    Dispatched {
        vehicle: usize,
        at: f64,
    },
    Visited {
        vehicle: usize,
        job: usize,
        outcome: OutcomeJson,
        at: f64,
    },
    NewOrder {
        job: JobJson,
        at: f64,
    },
    Cancelled {
        job: usize,
        at: f64,
    },
    Changed {
        job: usize,
        spec: JobJson,
        at: f64,
    },
    Delayed {
        vehicle: usize,
        by: f64,
        at: f64,
    },
    OutOfService {
        vehicle: usize,
        at: f64,
    },
    VehicleAdded {
        vehicle_type: usize,
        at: f64,
    },
    TravelTimes {
        #[serde(default)]
        profile: usize,
        #[serde(default)]
        area: Vec<usize>,
        factor: f64,
        at: f64,
    },
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum OutcomeJson {
    Served,
    Failed,
}

/// Reads events for a day of `problem` (times in its instance units), in
/// the file's order. Which jobs and vans they name is checked when they
/// are applied ([`Day::apply`](crate::replan::Day::apply)); a time that is
/// not a finite time from 0 is an error naming the event (`events[3]`).
///
/// ```
/// use lastmile::io::json::events_from_json;
/// # use lastmile::{JobSpec, ProblemBuilder, Rounding, VehicleTypeSpec};
/// # let mut b = ProblemBuilder::new(Rounding::Round);
/// # let depot = b.add_location(0.0, 0.0);
/// # let site = b.add_location(3.0, 4.0);
/// # b.add_job(JobSpec::at(site).demand(&[1]));
/// # b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]));
/// # let problem = b.build()?;
/// let text = r#"{"schema": "lastmile/events", "version": 1, "events": [
///   {"type": "dispatched", "vehicle": 0, "at": 0},
///   {"type": "visited", "vehicle": 0, "job": 0, "outcome": "failed", "at": 12.5},
///   {"type": "new_order", "job": {"location": 1, "pickup": [2]}, "at": 20}
/// ]}"#;
/// let events = events_from_json(&problem, text)?;
/// assert_eq!(events.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn events_from_json(problem: &Problem, text: &str) -> Result<Vec<Event>, LoadError> {
    check_header(text, EVENTS_SCHEMA)?;
    let file: EventsFile = serde_json::from_str(text).map_err(json_error)?;
    let mut events = Vec::with_capacity(file.events.len());
    for (index, event) in file.events.into_iter().enumerate() {
        let time = |value: f64| instance_time(problem, || format!("events[{index}]"), value);
        let outcome = |o: OutcomeJson| match o {
            OutcomeJson::Served => Outcome::Served,
            OutcomeJson::Failed => Outcome::Failed,
        };
        events.push(match event {
            EventJson::Dispatched { vehicle, at } => Event::Dispatched {
                vehicle: VehicleId(vehicle),
                at: time(at)?,
            },
            EventJson::Visited {
                vehicle,
                job,
                outcome: o,
                at,
            } => Event::Visited {
                vehicle: VehicleId(vehicle),
                job: JobId(job),
                outcome: outcome(o),
                at: time(at)?,
            },
            EventJson::NewOrder { job, at } => Event::NewOrder {
                job: job_spec(job),
                at: time(at)?,
            },
            EventJson::Cancelled { job, at } => Event::Cancelled {
                job: JobId(job),
                at: time(at)?,
            },
            EventJson::Changed { job, spec, at } => Event::Changed {
                job: JobId(job),
                spec: job_spec(spec),
                at: time(at)?,
            },
            EventJson::Delayed { vehicle, by, at } => Event::Delayed {
                vehicle: VehicleId(vehicle),
                by: time(by)?,
                at: time(at)?,
            },
            EventJson::OutOfService { vehicle, at } => Event::OutOfService {
                vehicle: VehicleId(vehicle),
                at: time(at)?,
            },
            EventJson::VehicleAdded { vehicle_type, at } => Event::VehicleAdded {
                vehicle_type: VehicleTypeId(vehicle_type),
                at: time(at)?,
            },
            EventJson::TravelTimes {
                profile,
                area,
                factor,
                at,
            } => Event::TravelTimes {
                profile,
                area: area.into_iter().map(LocationId).collect(),
                factor,
                at: time(at)?,
            },
        });
    }
    Ok(events)
}

/// Reads an event file for a day of `problem`.
pub fn read_events_json(
    problem: &Problem,
    path: impl AsRef<Path>,
) -> Result<Vec<Event>, LoadError> {
    let path = path.as_ref();
    events_from_json(problem, &read_text(path)?).map_err(|e| with_path(e, path))
}
