//! Reader and writer for the Solomon VRPTW format.
//!
//! ```text
//! R101
//!
//! VEHICLE
//! NUMBER     CAPACITY
//!   25         200
//!
//! CUSTOMER
//! CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME
//!
//!     0      35         35          0          0        230          0
//!     1      41         49         10        161        171         10
//! ```
//!
//! Row 0 is the depot; its window is the vehicles' shift. Customer numbers
//! must run 0, 1, 2, ... in order (they are the job numbers of `.sol` files).
//! Travel time equals distance.

use super::text::{exact_tokens, Lines};
use crate::error::{Item, LoadError, ModelError, Origin, ParseError};
use crate::problem::{JobSpec, Problem, ProblemBuilder, Rounding, VehicleTypeSpec};
use std::fmt::Write;

/// One customer row of a Solomon file, in instance units.
#[derive(Clone, Debug, PartialEq)]
pub struct SolomonCustomer {
    /// X coordinate.
    pub x: f64,
    /// Y coordinate.
    pub y: f64,
    /// Demand.
    pub demand: i64,
    /// Ready time (window start).
    pub ready: f64,
    /// Due date (window end).
    pub due: f64,
    /// Service time.
    pub service: f64,
}

/// The contents of a Solomon file.
#[derive(Clone, Debug, PartialEq)]
pub struct SolomonInstance {
    /// Instance name (first line).
    pub name: String,
    /// Number of vehicles.
    pub vehicles: usize,
    /// Capacity of each vehicle.
    pub capacity: i64,
    /// The depot (row 0) followed by the customers.
    pub customers: Vec<SolomonCustomer>,
}

impl SolomonInstance {
    /// The problem this instance describes, under `rounding`.
    pub fn to_problem(&self, rounding: Rounding) -> Result<Problem, crate::ModelError> {
        let mut builder = ProblemBuilder::new(rounding);
        builder.name(self.name.clone());
        let Some((depot_row, customers)) = self.customers.split_first() else {
            return Err(crate::ModelError::InconsistentInstance {
                what: "no depot row (customer 0)".into(),
            });
        };
        let depot = builder.add_location(depot_row.x, depot_row.y);
        builder.add_vehicle_type(
            VehicleTypeSpec::new(depot, self.vehicles, &[self.capacity])
                .shift(depot_row.ready, depot_row.due),
        );
        for c in customers {
            let site = builder.add_location(c.x, c.y);
            builder.add_job(
                JobSpec::at(site)
                    .demand(&[c.demand])
                    .time_window(c.ready, c.due)
                    .service(c.service),
            );
        }
        builder.build()
    }

    /// The same instance in VRPLIB form (type `VRPTW`, Gehring–Homberger layout).
    pub fn to_vrplib(&self) -> super::vrplib::VrplibInstance {
        super::vrplib::VrplibInstance {
            name: self.name.clone(),
            problem_type: "VRPTW".into(),
            capacity: self.capacity,
            vehicles: Some(self.vehicles),
            coordinates: self.customers.iter().map(|c| (c.x, c.y)).collect(),
            demands: self.customers.iter().map(|c| c.demand).collect(),
            depots: vec![0],
            time_windows: Some(self.customers.iter().map(|c| (c.ready, c.due)).collect()),
            service_times: self.customers.iter().map(|c| c.service).collect(),
            ..Default::default()
        }
    }

    /// The instance in Solomon format.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}\n\nVEHICLE\nNUMBER     CAPACITY\n{:>5}{:>12}\n",
            self.name, self.vehicles, self.capacity
        );
        out.push_str("CUSTOMER\nCUST NO.  XCOORD.    YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME\n\n");
        for (i, c) in self.customers.iter().enumerate() {
            let _ = writeln!(
                out,
                "{:>5}{:>11}{:>11}{:>11}{:>11}{:>11}{:>11}",
                i, c.x, c.y, c.demand, c.ready, c.due, c.service
            );
        }
        out
    }
}

/// Where the parts of a Solomon file were read (1-based lines).
struct SolomonLines {
    /// The `NUMBER CAPACITY` values.
    fleet: usize,
    /// Customer row `k` (the depot is row 0).
    rows: Vec<usize>,
}

impl SolomonLines {
    /// Where the item `error` is about was read, named as the file names
    /// it: the depot row holds the shift, the fleet line the capacity.
    fn origin(&self, error: &ModelError) -> Option<Origin> {
        let row = |k: usize| Origin {
            line: self.rows.get(k).copied(),
            label: if k == 0 {
                "customer 0 (the depot)".into()
            } else {
                format!("customer {k}")
            },
        };
        match error.item()? {
            Item::Job(job) => Some(row(job + 1)),
            Item::Location(location) => Some(row(location)),
            Item::VehicleType(_) if error.field().is_some_and(|f| f.contains("time")) => {
                Some(row(0))
            }
            Item::VehicleType(_) => Some(Origin {
                line: Some(self.fleet),
                label: "the vehicles (NUMBER CAPACITY)".into(),
            }),
        }
    }
}

/// Parses Solomon-format text.
pub fn parse_solomon_instance(text: &str) -> Result<SolomonInstance, ParseError> {
    parse_with_lines(text).map(|(instance, _)| instance)
}

fn parse_with_lines(text: &str) -> Result<(SolomonInstance, SolomonLines), ParseError> {
    let mut lines = Lines::new(text);
    let name = lines
        .expect_nonblank("the instance name")?
        .text
        .trim()
        .to_string();

    let vehicle = lines.expect_nonblank("'VEHICLE'")?;
    if !vehicle.text.trim().eq_ignore_ascii_case("VEHICLE") {
        return Err(vehicle.error("'VEHICLE'"));
    }
    let mut fleet = lines.expect_nonblank("the vehicle number and capacity")?;
    if fleet
        .text
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("NUMBER")
    {
        fleet = lines.expect_nonblank("the vehicle number and capacity")?;
    }
    let fleet_tokens = exact_tokens(&fleet, 2, "NUMBER CAPACITY")?;
    let vehicles = fleet_tokens[0].parse::<usize>("the number of vehicles (a whole number)")?;
    let capacity = fleet_tokens[1].parse::<i64>("the vehicle capacity (a whole number)")?;

    let customer = lines.expect_nonblank("'CUSTOMER'")?;
    if !customer.text.trim().eq_ignore_ascii_case("CUSTOMER") {
        return Err(customer.error("'CUSTOMER'"));
    }
    if let Some(header) = lines.peek_nonblank() {
        let first = header.tokens()[0].text;
        if first.parse::<f64>().is_err() {
            lines.next_nonblank();
        }
    }

    let mut customers = Vec::new();
    let mut rows = Vec::new();
    while let Some(line) = lines.next_nonblank() {
        rows.push(line.number);
        const FIELDS: &str = "CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME";
        let t = exact_tokens(&line, 7, FIELDS)?;
        let number = t[0].parse::<usize>("a customer number")?;
        if number != customers.len() {
            return Err(t[0].error(format!("customer number {}", customers.len())));
        }
        customers.push(SolomonCustomer {
            x: t[1].finite("an x coordinate")?,
            y: t[2].finite("a y coordinate")?,
            demand: t[3].parse("a demand (a whole number)")?,
            ready: t[4].finite("a ready time")?,
            due: t[5].finite("a due date")?,
            service: t[6].finite("a service time")?,
        });
    }
    if customers.is_empty() {
        return Err(lines.end_of_file("the depot row (customer 0)"));
    }
    Ok((
        SolomonInstance {
            name,
            vehicles,
            capacity,
            customers,
        },
        SolomonLines {
            fleet: fleet.number,
            rows,
        },
    ))
}

/// Parses Solomon-format text into a problem; `rounding` defaults to
/// [`Rounding::Dimacs`], the convention of the published best-known costs.
pub fn parse_solomon(text: &str, rounding: Option<Rounding>) -> Result<Problem, LoadError> {
    let (instance, lines) = parse_with_lines(text)?;
    instance
        .to_problem(rounding.unwrap_or(Rounding::Dimacs))
        .map_err(|e| LoadError::from(e).locate(|e| lines.origin(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "TINY\n\nVEHICLE\nNUMBER     CAPACITY\n  2         10\n\nCUSTOMER\nCUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME\n\n    0   0   0   0   0  100   0\n    1   3   4   5  10   20   2\n    2   6   8   5   0   50   2\n";

    #[test]
    fn parses_and_builds() {
        let problem = parse_solomon(SMALL, None).unwrap();
        assert_eq!(problem.name(), "TINY");
        assert_eq!(problem.num_jobs(), 2);
        assert_eq!(problem.fleet_size(), 2);
        assert_eq!(problem.jobs()[0].time_window.start.get(), 100);
        assert_eq!(
            problem
                .distance(crate::LocationId(0), crate::LocationId(1))
                .get(),
            50
        );
    }

    #[test]
    fn round_trips_through_text() {
        let instance = parse_solomon_instance(SMALL).unwrap();
        assert_eq!(
            parse_solomon_instance(&instance.to_text()).unwrap(),
            instance
        );
    }

    #[test]
    fn names_line_of_bad_field() {
        let bad = SMALL.replace("  10   20   2", "  10   xx   2");
        let error = parse_solomon_instance(&bad).unwrap_err();
        assert_eq!(error.line, 11);
        assert_eq!(error.expected, "a due date");
        assert_eq!(error.found, "'xx'");
    }

    #[test]
    fn model_errors_name_the_customer_and_line() {
        let bad = SMALL.replace("    2   6   8   5", "    2   6   8  -5");
        let error = parse_solomon(&bad, None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 12: customer 2: demand -5 in dimension 0 is negative"
        );
        let bad = SMALL.replace("  0  100   0", "  0   -1   0");
        let message = parse_solomon(&bad, None).unwrap_err().to_string();
        assert!(
            message.starts_with("line 10: customer 0 (the depot): "),
            "{message}"
        );
        let bad = SMALL.replace("  2         10", "  2        -10");
        let message = parse_solomon(&bad, None).unwrap_err().to_string();
        assert!(message.starts_with("line 5: the vehicles"), "{message}");
    }

    #[test]
    fn rejects_out_of_order_customers() {
        let bad = SMALL.replace("    2   6", "    7   6");
        let error = parse_solomon_instance(&bad).unwrap_err();
        assert_eq!(
            (error.line, error.expected.as_str()),
            (12, "customer number 2")
        );
    }
}
