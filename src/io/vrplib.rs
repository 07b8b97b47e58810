//! Reader for VRPLIB `.vrp` files: CVRP (CVRPLIB X) and VRPTW (the
//! Gehring–Homberger layout with `TIME_WINDOW_SECTION` and
//! `SERVICE_TIME_SECTION`).
//!
//! Supported header keys: `NAME`, `COMMENT`, `TYPE`, `DIMENSION`,
//! `EDGE_WEIGHT_TYPE` (`EUC_2D` only), `CAPACITY`, `VEHICLES`, `SERVICE_TIME`
//! (one value for every customer). Sections: `NODE_COORD_SECTION`,
//! `DEMAND_SECTION`, `DEPOT_SECTION` (one depot), `TIME_WINDOW_SECTION`,
//! `SERVICE_TIME_SECTION`, `EOF`. Nodes are numbered `1..=DIMENSION`; the
//! non-depot nodes become jobs in node order. Without `VEHICLES` the fleet is
//! unlimited (one vehicle per job).

use super::text::{exact_tokens, Line, Lines, Token};
use crate::error::{Item, LoadError, ModelError, Origin, ParseError};
use crate::problem::{JobSpec, Problem, ProblemBuilder, Rounding, VehicleTypeSpec};

/// The contents of a VRPLIB file, in instance units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VrplibInstance {
    /// `NAME`.
    pub name: String,
    /// `TYPE` (e.g. `CVRP`, `VRPTW`).
    pub problem_type: String,
    /// Vehicle capacity.
    pub capacity: i64,
    /// `VEHICLES`, if given.
    pub vehicles: Option<usize>,
    /// Coordinates per node (index 0 = node 1).
    pub coordinates: Vec<(f64, f64)>,
    /// Demand per node.
    pub demands: Vec<i64>,
    /// Index of the depot node (0-based).
    pub depot: usize,
    /// Time window per node, if the file has them.
    pub time_windows: Option<Vec<(f64, f64)>>,
    /// Service time per node.
    pub service_times: Vec<f64>,
}

impl VrplibInstance {
    /// True when the instance has time windows.
    pub fn has_time_windows(&self) -> bool {
        self.time_windows.is_some()
    }

    /// The problem this instance describes, under `rounding`.
    pub fn to_problem(&self, rounding: Rounding) -> Result<Problem, crate::ModelError> {
        self.check_shape()?;
        let mut builder = ProblemBuilder::new(rounding);
        builder.name(self.name.clone());
        let locations: Vec<_> = self
            .coordinates
            .iter()
            .map(|&(x, y)| builder.add_location(x, y))
            .collect();
        let depot = locations[self.depot];
        let customers = self.coordinates.len() - 1;
        let mut vehicles = VehicleTypeSpec::new(
            depot,
            self.vehicles.unwrap_or(customers.max(1)),
            &[self.capacity],
        );
        if let Some(windows) = &self.time_windows {
            vehicles = vehicles.shift(windows[self.depot].0, windows[self.depot].1);
        }
        builder.add_vehicle_type(vehicles);
        for node in (0..self.coordinates.len()).filter(|&n| n != self.depot) {
            let mut job = JobSpec::at(locations[node])
                .demand(&[self.demands[node]])
                .service(self.service_times[node]);
            if let Some(windows) = &self.time_windows {
                job = job.time_window(windows[node].0, windows[node].1);
            }
            builder.add_job(job);
        }
        builder.build()
    }
}

impl VrplibInstance {
    /// The instance in VRPLIB form (`TIME_WINDOW_SECTION` and
    /// `SERVICE_TIME_SECTION` when it has time windows).
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let n = self.coordinates.len();
        let _ = writeln!(out, "NAME : {}", self.name);
        let _ = writeln!(out, "TYPE : {}", self.problem_type);
        let _ = writeln!(out, "DIMENSION : {n}");
        if let Some(vehicles) = self.vehicles {
            let _ = writeln!(out, "VEHICLES : {vehicles}");
        }
        let _ = writeln!(out, "CAPACITY : {}", self.capacity);
        out.push_str("EDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n");
        for (i, (x, y)) in self.coordinates.iter().enumerate() {
            let _ = writeln!(out, "{} {x} {y}", i + 1);
        }
        out.push_str("DEMAND_SECTION\n");
        for (i, d) in self.demands.iter().enumerate() {
            let _ = writeln!(out, "{} {d}", i + 1);
        }
        let _ = writeln!(out, "DEPOT_SECTION\n{}\n-1", self.depot + 1);
        if let Some(windows) = &self.time_windows {
            out.push_str("SERVICE_TIME_SECTION\n");
            for (i, s) in self.service_times.iter().enumerate() {
                let _ = writeln!(out, "{} {s}", i + 1);
            }
            out.push_str("TIME_WINDOW_SECTION\n");
            for (i, (start, end)) in windows.iter().enumerate() {
                let _ = writeln!(out, "{} {start} {end}", i + 1);
            }
        }
        out.push_str("EOF\n");
        out
    }

    fn check_shape(&self) -> Result<(), crate::ModelError> {
        let n = self.coordinates.len();
        let inconsistent = |what: String| Err(crate::ModelError::InconsistentInstance { what });
        if self.depot >= n {
            return inconsistent(format!("depot node {} of {n} nodes", self.depot + 1));
        }
        if self.demands.len() != n || self.service_times.len() != n {
            return inconsistent(format!(
                "{n} nodes but {} demands and {} service times",
                self.demands.len(),
                self.service_times.len()
            ));
        }
        match &self.time_windows {
            Some(w) if w.len() != n => {
                inconsistent(format!("{n} nodes but {} time windows", w.len()))
            }
            _ => Ok(()),
        }
    }
}

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
            } else if field == "demand" {
                self.row("DEMAND_SECTION", node)
            } else if field.contains("time window") {
                self.row("TIME_WINDOW_SECTION", node)
            } else if field == "service time" {
                self.row("SERVICE_TIME_SECTION", node)
                    .or_else(|| self.key("SERVICE_TIME"))
            } else {
                None
            };
            let depot = if node == instance.depot {
                " (the depot)"
            } else {
                ""
            };
            Origin {
                line,
                label: format!("node {}{depot}", node + 1),
            }
        };
        match error.item()? {
            Item::Job(job) => Some(node_row(if job < instance.depot { job } else { job + 1 })),
            Item::Location(location) => Some(node_row(location)),
            Item::VehicleType(_) if field.contains("time") => Some(node_row(instance.depot)),
            Item::VehicleType(_) => Some(Origin {
                line: self.key("CAPACITY"),
                label: "CAPACITY".into(),
            }),
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
    let mut depot = None;
    let mut service_times = None;

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
                    let rows = node_rows(&mut lines, n, 1, "node demand")?;
                    demands = Some(
                        rows.iter()
                            .map(|r| r[0].parse::<i64>("a demand (a whole number)"))
                            .collect::<Result<Vec<_>, _>>()?,
                    );
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
                    let rows = node_rows(&mut lines, n, 1, "node service time")?;
                    service_times = Some(
                        rows.iter()
                            .map(|r| r[0].finite("a service time"))
                            .collect::<Result<Vec<_>, _>>()?,
                    );
                }
                "DEPOT_SECTION" => depot = Some(depot_section(&mut lines, n)?),
                _ => return Err(tokens[0].error(
                    "a supported section (NODE_COORD, DEMAND, DEPOT, TIME_WINDOW, SERVICE_TIME)",
                )),
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
            _ => {
                return Err(line.tokens()[0]
                    .error("a known header key (NAME, TYPE, DIMENSION, CAPACITY, ...) or section"))
            }
        }
    }

    let n = dimension.ok_or_else(|| lines.end_of_file("DIMENSION"))?;
    instance.coordinates = coordinates.ok_or_else(|| lines.end_of_file("NODE_COORD_SECTION"))?;
    instance.demands = demands.ok_or_else(|| lines.end_of_file("DEMAND_SECTION"))?;
    instance.capacity = capacity.ok_or_else(|| lines.end_of_file("CAPACITY"))?;
    instance.depot = depot.unwrap_or(0);
    instance.service_times = service_times.unwrap_or_else(|| {
        let mut times = vec![global_service; n];
        times[instance.depot] = 0.0;
        times
    });
    positions.keys = seen;
    Ok((instance, positions))
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
    for expected_id in 1..=n {
        let expected = format!("a row '{layout}' for node {expected_id} (DIMENSION is {n})");
        let line = lines.expect_nonblank(&expected)?;
        if line.tokens()[0].text.parse::<f64>().is_err() {
            return Err(line.tokens()[0].error(expected));
        }
        let tokens = exact_tokens(&line, values + 1, layout)?;
        let id = tokens[0].parse::<usize>("a node number")?;
        if id != expected_id {
            return Err(tokens[0].error(format!("node number {expected_id}")));
        }
        rows.push(tokens[1..].to_vec());
    }
    Ok(rows)
}

/// Reads the depot list up to `-1`; exactly one depot is supported.
fn depot_section(lines: &mut Lines<'_>, n: usize) -> Result<usize, ParseError> {
    let mut depots = Vec::new();
    loop {
        let line = lines.expect_nonblank("a depot node number or -1")?;
        for token in line.tokens() {
            let id = token.parse::<i64>("a depot node number or -1")?;
            if id == -1 {
                return match depots.as_slice() {
                    [depot] => Ok(*depot),
                    [] => Err(token.error("a depot node number before -1")),
                    _ => Err(token.error("a single depot (several depots are not supported yet)")),
                };
            }
            if id < 1 || id as usize > n {
                return Err(token.error(format!("a node number from 1 to {n}")));
            }
            depots.push(id as usize - 1);
        }
    }
}

/// Parses VRPLIB text into a problem. Without `rounding`, instances with time
/// windows use [`Rounding::Dimacs`] and others [`Rounding::Round`] (the
/// CVRPLIB convention).
pub fn parse_vrplib(text: &str, rounding: Option<Rounding>) -> Result<Problem, LoadError> {
    let (instance, positions) = parse_with_lines(text)?;
    let default = if instance.has_time_windows() {
        Rounding::Dimacs
    } else {
        Rounding::Round
    };
    instance
        .to_problem(rounding.unwrap_or(default))
        .map_err(|e| LoadError::from(e).locate(|e| positions.origin(&instance, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CVRP: &str = "NAME : \tT3\t\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\nDEMAND_SECTION\n1 0\n2 4\n3 5\nDEPOT_SECTION\n 1\n -1\nEOF\n";

    #[test]
    fn parses_cvrp() {
        let problem = parse_vrplib(CVRP, None).unwrap();
        assert_eq!(problem.name(), "T3");
        assert_eq!(problem.num_jobs(), 2);
        assert_eq!(problem.fleet_size(), 2);
        assert_eq!(problem.rounding(), Rounding::Round);
        assert_eq!(
            problem
                .distance(crate::LocationId(0), crate::LocationId(2))
                .get(),
            10
        );
    }

    #[test]
    fn parses_time_windows_and_service_times() {
        let text = CVRP.replace("EOF\n", "TIME_WINDOW_SECTION\n1 0 100\n2 5 10\n3 0 50\nSERVICE_TIME_SECTION\n1 0\n2 3\n3 3\nEOF\n")
            .replace("CAPACITY : 10", "CAPACITY : 10\nVEHICLES : 4");
        let problem = parse_vrplib(&text, None).unwrap();
        assert_eq!(problem.rounding(), Rounding::Dimacs);
        assert_eq!(problem.fleet_size(), 4);
        assert_eq!(problem.jobs()[0].time_window.end.get(), 100);
        assert_eq!(problem.jobs()[1].service.get(), 30);
        assert_eq!(problem.vehicle_types()[0].shift.end.get(), 1000);
    }

    #[test]
    fn reports_position_of_bad_row() {
        let error = parse_vrplib_instance(&CVRP.replace("2 3 4", "2 3 four")).unwrap_err();
        assert_eq!((error.line, error.column), (8, 5));
        assert_eq!(error.expected, "a y coordinate");
        let error = parse_vrplib_instance(&CVRP.replace("3 6 8", "4 6 8")).unwrap_err();
        assert_eq!(error.expected, "node number 3");
    }

    #[test]
    fn absurd_dimension_is_a_parse_error_not_an_abort() {
        let error = parse_vrplib_instance(&CVRP.replace("DIMENSION : 3", "DIMENSION : 4000000000"))
            .unwrap_err();
        assert_eq!(
            error.expected,
            "a row 'node x y' for node 4 (DIMENSION is 4000000000)"
        );
        assert_eq!((error.line, error.found.as_str()), (10, "'DEMAND_SECTION'"));
    }

    #[test]
    fn model_errors_name_the_node_and_line() {
        let error = parse_vrplib(&CVRP.replace("2 4\n", "2 -4\n"), None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 12: node 2: demand -4 in dimension 0 is negative"
        );
        let windows = CVRP.replace(
            "EOF\n",
            "TIME_WINDOW_SECTION\n1 0 100\n2 5 10\n3 50 0\nEOF\n",
        );
        let message = parse_vrplib(&windows, None).unwrap_err().to_string();
        assert!(
            message.starts_with("line 20: node 3: time window"),
            "{message}"
        );
    }

    #[test]
    fn rejects_repeated_sections_and_text_after_eof() {
        let twice = CVRP.replace(
            "DEPOT_SECTION",
            "DEMAND_SECTION\n1 0\n2 4\n3 5\nDEPOT_SECTION",
        );
        let error = parse_vrplib_instance(&twice).unwrap_err();
        assert_eq!(error.line, 14);
        assert!(
            error.expected.contains("already given on line 10"),
            "{}",
            error.expected
        );
        let error = parse_vrplib_instance(&format!("{CVRP}NAME : again\n")).unwrap_err();
        assert_eq!(
            (error.line, error.expected.as_str()),
            (18, "nothing after EOF")
        );
        let error =
            parse_vrplib_instance(&CVRP.replace("TYPE : CVRP", "TYPE : CVRP\nCAPACITY : 5"))
                .unwrap_err();
        assert_eq!(error.line, 6);
    }

    #[test]
    fn rejects_unsupported_edge_weights() {
        let error = parse_vrplib_instance(&CVRP.replace("EUC_2D", "GEO")).unwrap_err();
        assert_eq!(error.line, 4);
        assert!(error.expected.contains("EUC_2D"));
    }
}
