//! The problem format (`"schema": "lastmile/problem"`): reading, with
//! errors placed by line and the file's own indices, and writing.

use super::{
    check_header, json_error, read_text, with_path, Window, FIRST_VERSION, PROBLEM_SCHEMA,
};
use crate::error::ModelError;

/// The problem schema version in which `traffic`, `max_stops`, `lateness`,
/// `overtime`, `breaks`, `release_time`, `reload_depots` and `max_reloads`
/// appeared.
const TRAFFIC_VERSION: u32 = 2;
use crate::error::{Item, LoadError, Origin};
use crate::problem::{JobSpec, LocationId, VehicleTypeId, VehicleTypeSpec};
use crate::problem::{Problem, ProblemBuilder, Rounding, TimeWindow};
use crate::units::Duration;
use serde::{Deserialize, Serialize};
use std::path::Path;

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
    /// Travel times by hour (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    traffic: Vec<TrafficJson>,
    vehicle_types: Vec<VehicleTypeJson>,
    jobs: Vec<JobJson>,
    /// The VRPB rule (version 2; see [`ProblemBuilder::backhauls_last`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    backhauls_last: bool,
}

/// The traffic of one travel profile: periods with a factor on its
/// travel times (see [`ProblemBuilder::traffic`]).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrafficJson {
    #[serde(default, skip_serializing_if = "is_zero_index")]
    profile: usize,
    /// Only on the arcs into or out of these locations (empty: every arc;
    /// see [`Problem::with_area_traffic`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    area: Vec<usize>,
    periods: Vec<PeriodJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodJson {
    start: f64,
    factor: f64,
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
    max_stops: Option<usize>,
    /// Driver breaks (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    breaks: Vec<BreakJson>,
    /// Depots (location indices) to reload at between trips (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reload_depots: Vec<usize>,
    /// Most reloads per route (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_reloads: Option<usize>,
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
    /// Workload balance (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    overtime: Option<OvertimeJson>,
}

/// A driver break: a `window` to start in, or a `max_driving` between
/// breaks; a `duration` either way.
#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct BreakJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    window: Option<Window>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_driving: Option<f64>,
    duration: f64,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct OvertimeJson {
    after: f64,
    cost: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct JobJson {
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vehicle_type: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    preferred_vehicle_type: Option<(usize, f64)>,
    /// Soft windows (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lateness: Option<LatenessJson>,
    /// When the parcel is at the depot (version 2).
    #[serde(default, skip_serializing_if = "is_zero")]
    release_time: f64,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub(super) struct LatenessJson {
    max: f64,
    cost: f64,
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

/// Parses a problem file.
pub fn problem_from_json(text: &str) -> Result<Problem, LoadError> {
    let version = check_header(text, PROBLEM_SCHEMA)?;
    let file: ProblemFile = serde_json::from_str(text).map_err(json_error)?;
    let max_stops = file.vehicle_types.iter().any(|t| {
        t.max_stops.is_some()
            || !t.breaks.is_empty()
            || !t.reload_depots.is_empty()
            || t.max_reloads.is_some()
    });
    let lateness = file
        .jobs
        .iter()
        .any(|j| j.lateness.is_some() || j.release_time != 0.0)
        || file
            .vehicle_types
            .iter()
            .any(|t| t.costs.as_ref().is_some_and(|c| c.overtime.is_some()));
    if version < TRAFFIC_VERSION && (!file.traffic.is_empty() || max_stops || lateness) {
        return Err(LoadError::Schema {
            path: None,
            found: format!(
                "{PROBLEM_SCHEMA} v{version} with traffic, max_stops, breaks, lateness, overtime, release times or reloads"
            ),
            expected: format!(
                "{PROBLEM_SCHEMA} v{TRAFFIC_VERSION} (traffic, max_stops, breaks, lateness, overtime, release_time, reload_depots and max_reloads are new in it)"
            ),
        });
    }
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
    b.backhauls_last(file.backhauls_last);
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
    let periods_of = |traffic: &TrafficJson| -> Vec<(f64, f64)> {
        traffic
            .periods
            .iter()
            .map(|p| (p.start, p.factor))
            .collect()
    };
    for traffic in file.traffic.iter().filter(|t| t.area.is_empty()) {
        b.traffic(traffic.profile, &periods_of(traffic));
    }
    let window = |w: Window| (w.0, w.1.unwrap_or(f64::INFINITY));
    for (vehicle, t) in file.vehicle_types.into_iter().enumerate() {
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
        if let Some(stops) = t.max_stops {
            spec = spec.max_stops(stops);
        }
        let reload_depots: Vec<LocationId> =
            t.reload_depots.iter().map(|&d| LocationId(d)).collect();
        spec = spec.reload_depots(&reload_depots);
        if let Some(reloads) = t.max_reloads {
            spec = spec.max_reloads(reloads);
        }
        for (index, pause) in t.breaks.iter().enumerate() {
            spec = match (pause.window, pause.max_driving) {
                (Some(w), None) => {
                    spec.break_window(w.0, w.1.unwrap_or(f64::INFINITY), pause.duration)
                }
                (None, Some(most)) => spec.driving_break(most, pause.duration),
                _ => {
                    return Err(LoadError::Model {
                        path: None,
                        origin: Some(Origin {
                            line: None,
                            label: format!("vehicle_types[{vehicle}].breaks[{index}]"),
                        }),
                        source: ModelError::InvalidBreak {
                            item: Item::VehicleType(vehicle),
                            index,
                            message: "give either a window or a max_driving".into(),
                        },
                    })
                }
            };
        }
        if let Some(c) = t.costs {
            spec = spec.costs(c.fixed, c.per_distance, c.per_time);
            if let Some(o) = c.overtime {
                spec = spec.overtime(o.after, o.cost);
            }
        }
        let skills: Vec<&str> = t.skills.iter().map(String::as_str).collect();
        b.add_vehicle_type(spec.skills(&skills).co2_per_distance(t.co2_per_distance));
    }
    for j in file.jobs {
        b.add_job(job_spec(j));
    }
    let traffic_error = |entry: Option<usize>, source: ModelError| {
        let period = match &source {
            ModelError::InvalidTraffic { period, .. } => *period,
            _ => 0,
        };
        LoadError::Model {
            path: None,
            origin: entry.map(|entry| Origin {
                line: None,
                label: format!("traffic[{entry}].periods[{period}]"),
            }),
            source,
        }
    };
    let mut problem = b.build().map_err(|source| {
        // The file's own names: its arrays, indexed from 0.
        if let ModelError::InvalidTraffic {
            profile, period, ..
        } = &source
        {
            let entry = file
                .traffic
                .iter()
                .rposition(|t| t.profile == *profile && t.area.is_empty());
            return LoadError::Model {
                path: None,
                origin: entry.map(|entry| Origin {
                    line: None,
                    label: format!("traffic[{entry}].periods[{period}]"),
                }),
                source,
            };
        }
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
    })?;
    // Traffic on areas: over the built problem, in the file's order.
    for (entry, traffic) in file.traffic.iter().enumerate() {
        if traffic.area.is_empty() {
            continue;
        }
        let area: Vec<LocationId> = traffic.area.iter().map(|&l| LocationId(l)).collect();
        problem = problem
            .with_area_traffic(traffic.profile, &area, &periods_of(traffic))
            .map_err(|source| traffic_error(Some(entry), source))?;
    }
    Ok(problem)
}

/// The builder's spec of a job as a file gives it.
pub(super) fn job_spec(j: JobJson) -> JobSpec {
    let window = |w: Window| (w.0, w.1.unwrap_or(f64::INFINITY));
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
    if let Some(t) = j.vehicle_type {
        spec = spec.vehicle_type(VehicleTypeId(t));
    }
    if let Some((t, penalty)) = j.preferred_vehicle_type {
        spec = spec.prefer_vehicle_type(VehicleTypeId(t), penalty);
    }
    if let Some(late) = j.lateness {
        spec = spec.lateness(late.max, late.cost);
    }
    if j.release_time != 0.0 {
        spec = spec.release_time(j.release_time);
    }
    let skills: Vec<&str> = j.skills.iter().map(String::as_str).collect();
    spec.skills(&skills)
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
    let periods = |traffic: &crate::problem::Traffic| -> Vec<PeriodJson> {
        traffic
            .periods()
            .map(|(start, factor)| PeriodJson {
                start: units(start),
                factor,
            })
            .collect()
    };
    let traffic: Vec<TrafficJson> = (0..=problem.explicit_profiles().len())
        .filter(|&profile| !problem.traffic(profile).is_static())
        .map(|profile| TrafficJson {
            profile,
            area: Vec::new(),
            periods: periods(problem.traffic(profile)),
        })
        .chain(
            problem
                .area_traffic()
                .map(|(profile, area, traffic)| TrafficJson {
                    profile,
                    area: area.iter().map(|l| l.0).collect(),
                    periods: periods(traffic),
                }),
        )
        .collect();
    let file = ProblemFile {
        schema: PROBLEM_SCHEMA.into(),
        // The first version that holds what the file says.
        version: if traffic.is_empty()
            && problem
                .vehicle_types()
                .iter()
                .all(|t| t.max_stops.is_none() && t.costs.overtime.is_none() && t.breaks.is_empty())
            && !problem.has_soft_windows()
            && !problem.has_trips()
            && !problem.backhauls_last()
        {
            FIRST_VERSION
        } else {
            TRAFFIC_VERSION
        },
        traffic,
        backhauls_last: problem.backhauls_last(),
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
                max_stops: t.max_stops,
                reload_depots: t.reload_depots.iter().map(|d| d.0).collect(),
                max_reloads: t.max_reloads,
                breaks: t
                    .breaks
                    .iter()
                    .map(|rule| match *rule {
                        crate::problem::BreakRule::Window {
                            window: w,
                            duration,
                        } => BreakJson {
                            window: Some((
                                units(w.start.get()),
                                (w.end < Duration::UNBOUNDED).then(|| units(w.end.get())),
                            )),
                            max_driving: None,
                            duration: units(duration.get()),
                        },
                        crate::problem::BreakRule::Driving {
                            max_driving,
                            duration,
                        } => BreakJson {
                            window: None,
                            max_driving: Some(units(max_driving.get())),
                            duration: units(duration.get()),
                        },
                    })
                    .collect(),
                costs: Some(CostsJson {
                    fixed: t.costs.fixed,
                    per_distance: t.costs.per_distance,
                    per_time: t.costs.per_time,
                    overtime: t
                        .costs
                        .overtime
                        .map(|(after, cost)| OvertimeJson { after, cost }),
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
                // The customer's windows: the model's end less the
                // lateness accepted.
                let window = |w: TimeWindow| match j.lateness {
                    Some(late) if w.end < Duration::UNBOUNDED => window(TimeWindow {
                        end: w.end - late.max,
                        ..w
                    }),
                    _ => window(w),
                };
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
                    vehicle_type: j.vehicle_type.map(|t| t.0),
                    preferred_vehicle_type: j.preferred_vehicle_type.map(|(t, p)| (t.0, p)),
                    lateness: j.lateness.map(|late| LatenessJson {
                        max: units(late.max.get()),
                        cost: late.cost,
                    }),
                    release_time: units(j.release.get()),
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
