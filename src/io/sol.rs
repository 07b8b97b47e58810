//! The VRPLIB solution format:
//!
//! ```text
//! Route #1: 2 21 73 41 56 4
//! Route #2: 5 83 61 85 37 93
//! Cost 1637.7
//! ```
//!
//! Customers are numbered from 1 in job order (job `k` is customer `k + 1`);
//! the depot is implicit at both ends of every route. The format has no
//! vehicle types: reading assigns types in order (see [`SolFile::to_routes`]),
//! so a solution of a mixed fleet does not round-trip through it. Nor do
//! alternative places (slots, lockers): reading serves every job at its
//! first-choice place.

use super::text::Lines;
use crate::error::{ParseError, SolutionError};
use crate::problem::{JobId, Problem, VehicleTypeId};
use crate::solution::{Route, Solution};
use std::fmt::Write;

/// Routes (as customer numbers) and the stated cost of a `.sol` file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SolFile {
    /// One list of customer numbers per route.
    pub routes: Vec<Vec<usize>>,
    /// The `Cost` line, if present, in instance units.
    pub cost: Option<f64>,
}

impl SolFile {
    /// Parses `.sol` text.
    pub fn parse(text: &str) -> Result<SolFile, ParseError> {
        let mut lines = Lines::new(text);
        let mut file = SolFile::default();
        while let Some(line) = lines.next_nonblank() {
            let tokens = line.tokens();
            let first = tokens[0].text.to_ascii_lowercase();
            if first == "route" {
                let label = tokens.get(1).ok_or_else(|| line.error("'Route #k:'"))?;
                if !label.text.starts_with('#') || !label.text.ends_with(':') {
                    return Err(label.error("a route label '#k:'"));
                }
                label.text[1..label.text.len() - 1]
                    .parse::<usize>()
                    .map_err(|_| label.error("a route label '#k:'"))?;
                let customers = tokens[2..]
                    .iter()
                    .map(
                        |t| match t.parse::<usize>("a customer number (1 or more)") {
                            Ok(0) => Err(t.error("a customer number (1 or more)")),
                            other => other,
                        },
                    )
                    .collect::<Result<Vec<_>, _>>()?;
                file.routes.push(customers);
            } else if first == "cost" {
                let value = tokens.get(1).ok_or_else(|| line.error("'Cost X'"))?;
                if let Some(extra) = tokens.get(2) {
                    return Err(extra.error("end of line after the cost"));
                }
                file.cost = Some(value.finite("a cost (a number)")?);
            } else {
                return Err(tokens[0].error("'Route #k:' or 'Cost'"));
            }
        }
        Ok(file)
    }

    /// The file's routes for `problem`. Routes are given vehicle types in
    /// type order, as many per type as it has vehicles (the last type takes
    /// any excess, which the checker then reports).
    pub fn to_routes(&self, problem: &Problem) -> Result<Vec<Route>, SolutionError> {
        let counts: Vec<usize> = problem.vehicle_types().iter().map(|t| t.count).collect();
        let mut vehicle_type = 0;
        let mut used = 0;
        let mut routes = Vec::with_capacity(self.routes.len());
        for (index, customers) in self.routes.iter().enumerate() {
            while used >= counts[vehicle_type] && vehicle_type + 1 < counts.len() {
                vehicle_type += 1;
                used = 0;
            }
            used += 1;
            let jobs = customers
                .iter()
                .map(|&c| {
                    if c == 0 || c > problem.num_jobs() {
                        Err(SolutionError::UnknownJob {
                            route: index,
                            job: c.wrapping_sub(1),
                            count: problem.num_jobs(),
                        })
                    } else {
                        Ok(JobId(c - 1))
                    }
                })
                .collect::<Result<Vec<_>, _>>()?;
            routes.push(Route {
                places: Vec::new(),
                vehicle_type: VehicleTypeId(vehicle_type),
                jobs,
            });
        }
        Ok(routes)
    }

    /// The file's routes scheduled on `problem` (no unassigned jobs).
    pub fn to_solution(&self, problem: &Problem) -> Result<Solution, SolutionError> {
        Solution::new(problem, self.to_routes(problem)?, Vec::new())
    }

    /// The stated cost of a best-known solution, once the file is shown to
    /// describe one for `problem`: every customer served exactly once, a
    /// positive `Cost` line, and that cost equal to the distance of the
    /// routes recomputed on `problem` (to within half a unit of its last
    /// decimal). Only then is a gap against it meaningful.
    pub fn best_known_cost(&self, problem: &Problem) -> Result<f64, SolutionError> {
        let mut seen_in: Vec<Option<usize>> = vec![None; problem.num_jobs()];
        for (route, customers) in self.routes.iter().enumerate() {
            for &customer in customers {
                let Some(slot) = customer.checked_sub(1).and_then(|j| seen_in.get_mut(j)) else {
                    return Err(SolutionError::UnknownCustomer {
                        route: route + 1,
                        customer,
                        count: problem.num_jobs(),
                    });
                };
                if let Some(first) = *slot {
                    return Err(SolutionError::RepeatedCustomer {
                        customer,
                        first: first + 1,
                        again: route + 1,
                    });
                }
                *slot = Some(route);
            }
        }
        if let Some(job) = seen_in.iter().position(Option::is_none) {
            return Err(SolutionError::MissingCustomer { customer: job + 1 });
        }
        let claimed = self.cost.ok_or(SolutionError::NoCost)?;
        if claimed.is_nan() || claimed <= 0.0 {
            return Err(SolutionError::NonPositiveCost { claimed });
        }
        let solution = self.to_solution(problem)?;
        let recomputed = problem.to_instance_units(solution.cost().distance.get());
        let tolerance = 0.5 / problem.scale() as f64 + 1e-9 * claimed;
        if (recomputed - claimed).abs() > tolerance {
            return Err(SolutionError::CostMismatch {
                claimed,
                recomputed,
            });
        }
        Ok(claimed)
    }

    /// The `.sol` form of `solution`, with its distance as the cost.
    pub fn from_solution(problem: &Problem, solution: &Solution) -> SolFile {
        SolFile {
            routes: solution
                .routes()
                .iter()
                .map(|r| r.jobs().map(|j| j.0 + 1).collect())
                .collect(),
            cost: Some(problem.to_instance_units(solution.cost().distance.get())),
        }
    }

    /// The file as text; the cost is printed with as many decimals as the
    /// problem's scale has (1637.7 under DIMACS, 27591 under rounding).
    pub fn to_text(&self, problem: &Problem) -> String {
        let mut out = String::new();
        for (index, route) in self.routes.iter().enumerate() {
            let _ = write!(out, "Route #{}:", index + 1);
            for customer in route {
                let _ = write!(out, " {customer}");
            }
            out.push('\n');
        }
        if let Some(cost) = self.cost {
            let _ = writeln!(out, "Cost {}", format_in_units(problem, cost));
        }
        out
    }
}

/// A value in instance units with as many decimals as the scale implies.
pub fn format_in_units(problem: &Problem, value: f64) -> String {
    let decimals = (problem.scale() as f64).log10().round() as usize;
    format!("{value:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_routes_and_cost() {
        let file = SolFile::parse("Route #1: 2 3\nRoute #2: 1\n\nCost 12.5\n").unwrap();
        assert_eq!(file.routes, vec![vec![2, 3], vec![1]]);
        assert_eq!(file.cost, Some(12.5));
    }

    /// Three customers on a line at 1, 2 and 3 from the depot.
    fn three_on_a_line() -> Problem {
        let text = "LINE\n\nVEHICLE\nNUMBER CAPACITY\n 3 10\n\nCUSTOMER\n\
            0 0 0 0 0 100 0\n1 1 0 1 0 100 0\n2 2 0 1 0 100 0\n3 3 0 1 0 100 0\n";
        crate::io::solomon::parse_solomon(text, None).unwrap()
    }

    #[test]
    fn best_known_cost_needs_a_true_solution_of_the_problem() {
        let problem = three_on_a_line();
        let file = |text: &str| SolFile::parse(text).unwrap().best_known_cost(&problem);
        assert_eq!(file("Route #1: 1 2 3\nCost 6.0\n"), Ok(6.0));
        assert_eq!(file("Route #1: 1 2\nRoute #2: 3\nCost 10\n"), Ok(10.0));
        assert_eq!(
            file("Route #1: 1 2 3 4\nCost 6\n"),
            Err(SolutionError::UnknownCustomer {
                route: 1,
                customer: 4,
                count: 3
            })
        );
        assert_eq!(
            file("Route #1: 1 2\nRoute #2: 2 3\nCost 6\n"),
            Err(SolutionError::RepeatedCustomer {
                customer: 2,
                first: 1,
                again: 2
            })
        );
        assert_eq!(
            file("Route #1: 1 3\nCost 6\n"),
            Err(SolutionError::MissingCustomer { customer: 2 })
        );
        assert_eq!(file("Route #1: 1 2 3\n"), Err(SolutionError::NoCost));
        for cost in ["0", "-5"] {
            assert!(matches!(
                file(&format!("Route #1: 1 2 3\nCost {cost}\n")),
                Err(SolutionError::NonPositiveCost { .. })
            ));
        }
        assert_eq!(
            file("Route #1: 1 2 3\nCost 6.1\n"),
            Err(SolutionError::CostMismatch {
                claimed: 6.1,
                recomputed: 6.0
            })
        );
    }

    #[test]
    fn rejects_customer_zero_and_junk() {
        let error = SolFile::parse("Route #1: 2 0\n").unwrap_err();
        assert_eq!((error.line, error.column), (1, 13));
        let error = SolFile::parse("Route #1: 2\nTotal 5\n").unwrap_err();
        assert_eq!(error.line, 2);
        let error = SolFile::parse("Route 1: 2\n").unwrap_err();
        assert_eq!(error.expected, "a route label '#k:'");
    }
}
