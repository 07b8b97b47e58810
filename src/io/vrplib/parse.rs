//! Parsing VRPLIB text into a [`VrplibInstance`], with the line of every
//! header key and section row kept so that model errors name their line.

use super::super::text::{exact_tokens, Line, Lines, Token};
use super::{VrplibFleet, VrplibInstance};
use crate::error::{Item, LoadError, ModelError, Origin, ParseError};
use crate::problem::{Problem, Rounding};

/// Where the parts of a VRPLIB file were read (1-based lines): each
/// header key and, per section, the row of every node.
#[derive(Default)]
struct VrplibLines {
    keys: Vec<(String, usize)>,
    sections: Vec<(String, Vec<usize>)>,
}

impl VrplibLines {
    fn key(&self, key: &str) -> Option<usize> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|&(_, line)| line)
    }

    fn row(&self, section: &str, node: usize) -> Option<usize> {
        let (_, rows) = self.sections.iter().find(|(s, _)| s == section)?;
        rows.get(node).copied()
    }

    /// Where the item `error` is about was read, named by its node number
    /// (jobs are the non-depot nodes in order); the line is the row of the
    /// section that holds the field in question.
    fn origin(&self, instance: &VrplibInstance, error: &ModelError) -> Option<Origin> {
        let field = error.field().unwrap_or_default();
        let node_row = |node: usize| {
            let line = if field == "coordinates" {
                self.row("NODE_COORD_SECTION", node)
            } else if field == "demand" || field == "delivery" {
                self.row("DEMAND_SECTION", node)
            } else if field == "pickup" {
                self.row("BACKHAUL_SECTION", node)
            } else if field.contains("penalty") {
                self.row("PRIZE_SECTION", node)
            } else if field.contains("time window") {
                self.row("TIME_WINDOW_SECTION", node)
            } else if field == "service time" {
                self.row("SERVICE_TIME_SECTION", node)
                    .or_else(|| self.key("SERVICE_TIME"))
            } else {
                None
            };
            let depot = if instance.depots.contains(&node) {
                " (a depot)"
            } else {
                ""
            };
            Origin {
                line,
                label: format!("node {}{depot}", node + 1),
            }
        };
        match error.item()? {
            Item::Job(job) => {
                let node = (0..instance.coordinates.len())
                    .filter(|n| !instance.depots.contains(n))
                    .nth(job)?;
                Some(node_row(node))
            }
            Item::Location(location) => Some(node_row(location)),
            Item::VehicleType(_) if field.contains("time") => {
                Some(node_row(*instance.depots.first()?))
            }
            Item::VehicleType(_) => Some(
                match self.sections.iter().find(|(s, _)| s == "CAPACITY_SECTION") {
                    Some((_, rows)) => Origin {
                        line: rows.first().copied(),
                        label: "CAPACITY_SECTION".into(),
                    },
                    None => Origin {
                        line: self.key("CAPACITY"),
                        label: "CAPACITY".into(),
                    },
                },
            ),
        }
    }
}

/// Parses VRPLIB text.
pub fn parse_vrplib_instance(text: &str) -> Result<VrplibInstance, ParseError> {
    parse_with_lines(text).map(|(instance, _)| instance)
}

fn parse_with_lines(text: &str) -> Result<(VrplibInstance, VrplibLines), ParseError> {
    let mut lines = Lines::new(text);
    let mut positions = VrplibLines::default();
    let mut instance = VrplibInstance::default();
    let mut dimension: Option<usize> = None;
    let mut capacity = None;
    let mut global_service = 0.0;
    let mut coordinates = None;
    let mut demands = None;
    let mut depots = None;
    let mut service_times = None;
    // One value for every vehicle, from a header key: (key, token line, value).
    let mut fleet_wide: Vec<(String, usize, f64)> = Vec::new();

    // Each header key and section at most once: (keyword, line).
    let mut seen: Vec<(String, usize)> = Vec::new();
    while let Some(line) = lines.next_nonblank() {
        let tokens = line.tokens();
        let keyword = tokens[0]
            .text
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        if keyword != "EOF" && keyword != "COMMENT" {
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == keyword) {
                return Err(tokens[0].error(format!(
                    "a single {keyword} (it was already given on line {first})"
                )));
            }
            seen.push((keyword.clone(), line.number));
        }
        if keyword.ends_with("_SECTION") {
            if tokens.len() > 1 {
                return Err(tokens[1].error(format!("end of line after {keyword}")));
            }
            let n =
                dimension.ok_or_else(|| tokens[0].error("DIMENSION before the first section"))?;
            let rows_from = lines.position();
            let fleet = &mut instance.fleet;
            match keyword.as_str() {
                "NODE_COORD_SECTION" => {
                    let rows = node_rows(&mut lines, n, 2, "node x y")?;
                    coordinates = Some(
                        rows.iter()
                            .map(|r| {
                                Ok((
                                    r[0].finite("an x coordinate")?,
                                    r[1].finite("a y coordinate")?,
                                ))
                            })
                            .collect::<Result<Vec<_>, ParseError>>()?,
                    );
                }
                "DEMAND_SECTION" => {
                    demands = Some(whole_numbers(&mut lines, n, "node demand", "a demand")?)
                }
                "BACKHAUL_SECTION" => {
                    instance.backhauls =
                        Some(whole_numbers(&mut lines, n, "node backhaul", "a backhaul")?)
                }
                "TIME_WINDOW_SECTION" => {
                    let rows = node_rows(&mut lines, n, 2, "node start end")?;
                    instance.time_windows = Some(
                        rows.iter()
                            .map(|r| {
                                Ok((r[0].finite("a window start")?, r[1].finite("a window end")?))
                            })
                            .collect::<Result<Vec<_>, ParseError>>()?,
                    );
                }
                "SERVICE_TIME_SECTION" => {
                    service_times = Some(numbers(
                        &mut lines,
                        n,
                        "node service time",
                        "a service time",
                    )?)
                }
                "PRIZE_SECTION" => {
                    instance.prizes = Some(numbers(&mut lines, n, "node prize", "a prize")?)
                }
                "RELEASE_TIME_SECTION" => {
                    instance.release_times = Some(numbers(
                        &mut lines,
                        n,
                        "node release time",
                        "a release time",
                    )?)
                }
                "DEPOT_SECTION" => depots = Some(depot_section(&mut lines, n)?),
                "CAPACITY_SECTION" => {
                    let v = vehicles(&instance.vehicles, &tokens[0])?;
                    fleet.capacities = Some(whole_numbers(
                        &mut lines,
                        v,
                        "vehicle capacity",
                        "a capacity",
                    )?)
                }
                "VEHICLES_DEPOT_SECTION" => {
                    let v = vehicles(&instance.vehicles, &tokens[0])?;
                    let rows = node_rows(&mut lines, v, 1, "vehicle depot")?;
                    fleet.depots = Some(
                        rows.iter()
                            .map(|r| node_number(&r[0], n))
                            .collect::<Result<Vec<_>, _>>()?,
                    );
                }
                section if fleet_numbers_key(section).is_some() => {
                    let (key, what) = fleet_numbers_key(section).expect("matched");
                    let v = vehicles(&instance.vehicles, &tokens[0])?;
                    *fleet_numbers(fleet, key) =
                        Some(numbers(&mut lines, v, "vehicle value", what)?);
                }
                "VEHICLES_MAX_RELOADS_SECTION" => {
                    let v = vehicles(&instance.vehicles, &tokens[0])?;
                    let rows = node_rows(&mut lines, v, 1, "vehicle reloads")?;
                    fleet.max_reloads = Some(
                        rows.iter()
                            .map(|r| r[0].parse::<usize>("a number of reloads"))
                            .collect::<Result<Vec<_>, _>>()?,
                    );
                }
                "VEHICLES_RELOAD_DEPOT_SECTION" => {
                    let v = vehicles(&instance.vehicles, &tokens[0])?;
                    fleet.reload_depots = Some(reload_depot_rows(&mut lines, v, n)?);
                }
                _ => {
                    return Err(tokens[0].error(
                        "a supported section (NODE_COORD, DEMAND, BACKHAUL, DEPOT, TIME_WINDOW, \
                     SERVICE_TIME, PRIZE, RELEASE_TIME, CAPACITY, VEHICLES_DEPOT, \
                     VEHICLES_FIXED_COST, VEHICLES_UNIT_DISTANCE_COST, VEHICLES_MAX_DURATION, \
                     VEHICLES_MAX_DISTANCE, VEHICLES_MAX_RELOADS, VEHICLES_RELOAD_DEPOT)",
                    ))
                }
            }
            positions.sections.push((
                keyword,
                lines.nonblank_lines_between(rows_from, lines.position()),
            ));
            continue;
        }
        if keyword == "EOF" {
            if let Some(after) = lines.next_nonblank() {
                return Err(after.error("nothing after EOF"));
            }
            break;
        }
        let (key, value) = header(&line)?;
        match key.as_str() {
            "NAME" => instance.name = value.text.to_string(),
            "TYPE" => instance.problem_type = value.text.to_string(),
            "COMMENT" => {}
            "DIMENSION" => {
                let n = value.parse::<usize>("the number of nodes (a whole number)")?;
                if n < 1 {
                    return Err(value.error("at least one node"));
                }
                dimension = Some(n);
            }
            "EDGE_WEIGHT_TYPE" => {
                if value.text != "EUC_2D" {
                    return Err(value.error("EUC_2D (the only supported edge weight type)"));
                }
            }
            "CAPACITY" => {
                capacity = Some(value.parse::<i64>("the vehicle capacity (a whole number)")?)
            }
            "VEHICLES" => instance.vehicles = Some(value.parse::<usize>("the number of vehicles")?),
            "SERVICE_TIME" => global_service = value.finite("a service time")?,
            fleet_key
                if fleet_key == "VEHICLES_MAX_RELOADS"
                    || fleet_numbers_key(fleet_key).is_some() =>
            {
                let number = if key == "VEHICLES_MAX_RELOADS" {
                    value.parse::<usize>("a number of reloads")? as f64
                } else {
                    value.finite("a number")?
                };
                fleet_wide.push((key, value.line, number));
            }
            _ => {
                return Err(line.tokens()[0]
                    .error("a known header key (NAME, TYPE, DIMENSION, CAPACITY, ...) or section"))
            }
        }
    }

    let n = dimension.ok_or_else(|| lines.end_of_file("DIMENSION"))?;
    instance.coordinates = coordinates.ok_or_else(|| lines.end_of_file("NODE_COORD_SECTION"))?;
    instance.demands = demands.ok_or_else(|| lines.end_of_file("DEMAND_SECTION"))?;
    instance.depots = depots.unwrap_or_else(|| vec![0]);
    let has_capacity_section = instance.fleet.capacities.is_some();
    instance.capacity = match capacity {
        Some(c) => c,
        None if has_capacity_section => 0,
        None => return Err(lines.end_of_file("CAPACITY")),
    };
    instance.service_times = service_times.unwrap_or_else(|| {
        let mut times = vec![global_service; n];
        for &depot in &instance.depots {
            times[depot] = 0.0;
        }
        times
    });
    let vehicle_count = instance.fleet_size();
    for (key, line, value) in fleet_wide {
        let section = format!("{key}_SECTION");
        if let Some((_, section_line)) = seen.iter().find(|(k, _)| *k == section) {
            return Err(ParseError {
                line,
                column: 1,
                expected: format!("either {key} or {section} (given on line {section_line})"),
                found: format!("'{key}'"),
            });
        }
        if vehicle_count > MAX_LISTED_VEHICLES {
            return Err(ParseError {
                line,
                column: 1,
                expected: format!(
                    "at most {MAX_LISTED_VEHICLES} vehicles (VEHICLES) with a value per vehicle"
                ),
                found: format!("{vehicle_count} vehicles and '{key}'"),
            });
        }
        let fleet = &mut instance.fleet;
        if key == "VEHICLES_MAX_RELOADS" {
            fleet.max_reloads = Some(vec![value as usize; vehicle_count]);
        } else {
            *fleet_numbers(fleet, &key) = Some(vec![value; vehicle_count]);
        }
    }
    positions.keys = seen;
    Ok((instance, positions))
}

/// The most vehicles a one-value fleet key (such as `VEHICLES_FIXED_COST`)
/// is spread over: its value is kept per vehicle.
const MAX_LISTED_VEHICLES: usize = 1 << 20;

/// The header keys of the fleet's lists of numbers, with what a value is.
const FLEET_NUMBERS: [(&str, &str); 4] = [
    ("VEHICLES_FIXED_COST", "a fixed cost"),
    ("VEHICLES_UNIT_DISTANCE_COST", "a cost per unit of distance"),
    ("VEHICLES_MAX_DURATION", "a maximum duration"),
    ("VEHICLES_MAX_DISTANCE", "a maximum distance"),
];

/// The fleet list of numbers a header key or its `_SECTION` names, as
/// (header key, what a value is).
fn fleet_numbers_key(keyword: &str) -> Option<(&'static str, &'static str)> {
    let key = keyword.strip_suffix("_SECTION").unwrap_or(keyword);
    FLEET_NUMBERS.iter().copied().find(|&(k, _)| k == key)
}

/// The fleet's list of numbers for one of [`FLEET_NUMBERS`]' keys.
fn fleet_numbers<'f>(fleet: &'f mut VrplibFleet, key: &str) -> &'f mut Option<Vec<f64>> {
    match key {
        "VEHICLES_FIXED_COST" => &mut fleet.fixed_costs,
        "VEHICLES_UNIT_DISTANCE_COST" => &mut fleet.unit_distance_costs,
        "VEHICLES_MAX_DURATION" => &mut fleet.max_durations,
        _ => &mut fleet.max_distances,
    }
}

/// `VEHICLES`, which a per-vehicle section needs before it.
fn vehicles(vehicles: &Option<usize>, section: &Token<'_>) -> Result<usize, ParseError> {
    vehicles.ok_or_else(|| section.error(format!("VEHICLES before {}", section.text)))
}

/// A node number from 1 to `n`, 0-based.
fn node_number(token: &Token<'_>, n: usize) -> Result<usize, ParseError> {
    match token.parse::<usize>("a node number") {
        Ok(id) if (1..=n).contains(&id) => Ok(id - 1),
        _ => Err(token.error(format!("a node number from 1 to {n}"))),
    }
}

/// `n` rows `id value` of whole numbers.
fn whole_numbers(
    lines: &mut Lines<'_>,
    n: usize,
    layout: &str,
    what: &str,
) -> Result<Vec<i64>, ParseError> {
    let expected = format!("{what} (a whole number)");
    node_rows(lines, n, 1, layout)?
        .iter()
        .map(|r| r[0].parse::<i64>(&expected))
        .collect()
}

/// `n` rows `id value` of finite numbers.
fn numbers(
    lines: &mut Lines<'_>,
    n: usize,
    layout: &str,
    what: &str,
) -> Result<Vec<f64>, ParseError> {
    node_rows(lines, n, 1, layout)?
        .iter()
        .map(|r| r[0].finite(what))
        .collect()
}

/// `vehicles` rows `vehicle depot…` (at least one depot node each).
fn reload_depot_rows(
    lines: &mut Lines<'_>,
    vehicles: usize,
    n: usize,
) -> Result<Vec<Vec<usize>>, ParseError> {
    let mut rows = Vec::with_capacity(vehicles.min(1 << 12));
    for expected_id in 1..=vehicles {
        let expected =
            format!("a row 'vehicle depot…' for vehicle {expected_id} (VEHICLES is {vehicles})");
        let line = lines.expect_nonblank(&expected)?;
        let tokens = line.tokens();
        if tokens[0].text.parse::<f64>().is_err() || tokens.len() < 2 {
            return Err(tokens[0].error(expected));
        }
        if tokens[0].parse::<usize>("a vehicle number")? != expected_id {
            return Err(tokens[0].error(format!("vehicle number {expected_id}")));
        }
        rows.push(
            tokens[1..]
                .iter()
                .map(|t| node_number(t, n))
                .collect::<Result<Vec<_>, _>>()?,
        );
    }
    Ok(rows)
}

/// Splits a `KEY : VALUE` header line.
fn header<'a>(line: &Line<'a>) -> Result<(String, Token<'a>), ParseError> {
    let Some(colon) = line.text.find(':') else {
        return Err(line.error("'KEY : VALUE'"));
    };
    let key = line.text[..colon].trim().to_ascii_uppercase();
    let raw = line.text[colon + 1..].trim();
    let raw = raw.trim_matches('"');
    let column = line.text[..colon + 1].chars().count() + 1 + line.text[colon + 1..].len()
        - line.text[colon + 1..].trim_start().len();
    Ok((
        key,
        Token {
            text: raw,
            line: line.number,
            column,
        },
    ))
}

/// Reads `n` rows `id v1 .. vk` with ids 1..=n in order; returns the values.
fn node_rows<'a>(
    lines: &mut Lines<'a>,
    n: usize,
    values: usize,
    layout: &str,
) -> Result<Vec<Vec<Token<'a>>>, ParseError> {
    // Rows are only allocated as they are read: DIMENSION may be absurd.
    let mut rows = Vec::with_capacity(n.min(1 << 12));
    // A layout names its rows' item first: nodes, or vehicles.
    let item = layout.split(' ').next().unwrap_or(layout);
    let count_key = if item == "vehicle" {
        "VEHICLES"
    } else {
        "DIMENSION"
    };
    for expected_id in 1..=n {
        let expected = format!("a row '{layout}' for {item} {expected_id} ({count_key} is {n})");
        let line = lines.expect_nonblank(&expected)?;
        if line.tokens()[0].text.parse::<f64>().is_err() {
            return Err(line.tokens()[0].error(expected));
        }
        let tokens = exact_tokens(&line, values + 1, layout)?;
        let id = tokens[0].parse::<usize>(&format!("a {item} number"))?;
        if id != expected_id {
            return Err(tokens[0].error(format!("{item} number {expected_id}")));
        }
        rows.push(tokens[1..].to_vec());
    }
    Ok(rows)
}

/// Reads the depot list, ended by `-1` or by the next keyword (PyVRP's
/// files have no `-1`).
fn depot_section(lines: &mut Lines<'_>, n: usize) -> Result<Vec<usize>, ParseError> {
    let mut depots: Vec<usize> = Vec::new();
    loop {
        let ends_here = lines.peek_nonblank().is_none_or(|line| {
            let first = line.tokens()[0].text;
            first.parse::<i64>().is_err()
        });
        if ends_here {
            if depots.is_empty() {
                let line = lines.expect_nonblank("a depot node number")?;
                return Err(line.tokens()[0].error("a depot node number"));
            }
            return Ok(depots);
        }
        let line = lines.expect_nonblank("a depot node number or -1")?;
        for token in line.tokens() {
            let id = token.parse::<i64>("a depot node number or -1")?;
            if id == -1 {
                if depots.is_empty() {
                    return Err(token.error("a depot node number before -1"));
                }
                return Ok(depots);
            }
            if id < 1 || id as usize > n {
                return Err(token.error(format!("a node number from 1 to {n}")));
            }
            if depots.contains(&(id as usize - 1)) {
                return Err(token.error("a depot not listed before"));
            }
            depots.push(id as usize - 1);
        }
    }
}

/// Parses VRPLIB text into a problem. Without `rounding`, the rounding of
/// the instance's family (see [`VrplibInstance::default_rounding`]).
pub fn parse_vrplib(text: &str, rounding: Option<Rounding>) -> Result<Problem, LoadError> {
    let (instance, positions) = parse_with_lines(text)?;
    instance
        .to_problem(rounding.unwrap_or(instance.default_rounding()))
        .map_err(|e| LoadError::from(e).locate(|e| positions.origin(&instance, e)))
}
