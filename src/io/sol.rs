//! The VRPLIB solution format:
//!
//! ```text
//! Route #1: 2 21 73 41 56 4
//! Route #2: 5 83 61 85 37 93
//! Cost 1637.7
//! ```
//!
//! Numbers are locations in the order of the instance file's nodes, from 0:
//! the depots come first (one depot: number 0), then the customers in job
//! order, so with one depot job `k` is customer `k + 1` and with `D`
//! depots (PyVRP's dialect) customer `k + D`. The depots are implicit at
//! both ends of every route. Routes are aligned with vehicles: the
//! vehicle types' vehicles are numbered in type order, and route `k`
//! (empty lines included) is driven by vehicle `k` (see
//! [`SolFile::to_routes`]). Alternative places (slots, lockers) do not
//! round-trip: reading serves every job at its first-choice place. Lines
//! `Key: value` other than `Cost` (`Optimal: True`, `Time: 12`) are
//! metadata and skipped.

use super::text::Lines;
use crate::error::{ParseError, SolutionError};
use crate::problem::{JobId, LocationId, Problem, VehicleTypeId};
use crate::solution::{Reload, Route, Solution, Unassigned, UnassignedReason};
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
                    .map(|t| t.parse::<usize>("a customer number"))
                    .collect::<Result<Vec<_>, _>>()?;
                file.routes.push(customers);
            } else if first == "cost" || first == "cost:" {
                let value = tokens.get(1).ok_or_else(|| line.error("'Cost X'"))?;
                if let Some(extra) = tokens.get(2) {
                    return Err(extra.error("end of line after the cost"));
                }
                file.cost = Some(value.finite("a cost (a number)")?);
            } else if !first.ends_with(':') {
                return Err(tokens[0].error("'Route #k:', 'Cost' or a 'Key: value' line"));
            }
        }
        Ok(file)
    }

    /// The file's routes for `problem` (empty routes dropped). Route `k`
    /// is driven by vehicle `k`: the first type's vehicles come first,
    /// then the next type's (the last type takes any excess, which the
    /// checker then reports).
    pub fn to_routes(&self, problem: &Problem) -> Result<Vec<Route>, SolutionError> {
        let counts: Vec<usize> = problem.vehicle_types().iter().map(|t| t.count).collect();
        let depots = depot_numbers(problem);
        let reloading = reloads_anywhere(problem);
        let mut vehicle_type = 0;
        let mut used = 0;
        let mut routes = Vec::with_capacity(self.routes.len());
        for (index, customers) in self.routes.iter().enumerate() {
            while used >= counts[vehicle_type] && vehicle_type + 1 < counts.len() {
                vehicle_type += 1;
                used = 0;
            }
            used += 1;
            if customers.is_empty() {
                continue;
            }
            let mut jobs = Vec::with_capacity(customers.len());
            let mut reloads = Vec::new();
            for &c in customers {
                if c < depots {
                    if !reloading {
                        return Err(SolutionError::DepotInRoute {
                            route: index + 1,
                            depot: c,
                        });
                    }
                    reloads.push(Reload {
                        after: jobs.len(),
                        depot: LocationId(c),
                    });
                } else if c - depots >= problem.num_jobs() {
                    return Err(SolutionError::UnknownCustomer {
                        route: index + 1,
                        customer: c,
                        first: depots,
                        last: depots + problem.num_jobs() - 1,
                    });
                } else {
                    jobs.push(JobId(c - depots));
                }
            }
            routes.push(Route {
                places: Vec::new(),
                reloads,
                vehicle_type: VehicleTypeId(vehicle_type),
                jobs,
            });
        }
        Ok(routes)
    }

    /// The file's routes scheduled on `problem`; optional jobs in no route
    /// are left out ([`UnassignedReason::NotWorthServing`]), mandatory
    /// ones stay missing (which the checker reports).
    pub fn to_solution(&self, problem: &Problem) -> Result<Solution, SolutionError> {
        let routes = self.to_routes(problem)?;
        let mut served = vec![false; problem.num_jobs()];
        for job in routes.iter().flat_map(|r| &r.jobs) {
            served[job.0] = true;
        }
        let left_out = (0..problem.num_jobs())
            .filter(|&j| !served[j] && problem.job(JobId(j)).is_optional())
            .map(|j| Unassigned {
                job: JobId(j),
                reason: UnassignedReason::NotWorthServing,
            })
            .collect();
        Solution::new(problem, routes, left_out)
    }

    /// The stated cost of a best-known solution, once the file is shown to
    /// describe one for `problem`: every customer served exactly once, a
    /// positive `Cost` line, and that cost equal to the distance of the
    /// routes recomputed on `problem` (to within half a unit of its last
    /// decimal). Only then is a gap against it meaningful.
    pub fn best_known_cost(&self, problem: &Problem) -> Result<f64, SolutionError> {
        let mut seen_in: Vec<Option<usize>> = vec![None; problem.num_jobs()];
        let depots = depot_numbers(problem);
        let reloading = reloads_anywhere(problem);
        for (route, customers) in self.routes.iter().enumerate() {
            for &customer in customers {
                if reloading && customer < depots {
                    continue;
                }
                let job = customer.checked_sub(depots);
                let Some(slot) = job.and_then(|j| seen_in.get_mut(j)) else {
                    return Err(SolutionError::UnknownCustomer {
                        route: route + 1,
                        customer,
                        first: depots,
                        last: depots + problem.num_jobs() - 1,
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
            return Err(SolutionError::MissingCustomer {
                customer: job + depots,
            });
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

    /// The `.sol` form of `solution`, with its distance as the cost. With
    /// one vehicle type the routes are listed as they are; with several,
    /// aligned with the vehicles (each type's routes in its vehicles'
    /// slots, unused vehicles as empty routes; the last empty ones left
    /// out), so that reading gives every route its type back.
    pub fn from_solution(problem: &Problem, solution: &Solution) -> SolFile {
        let depots = depot_numbers(problem);
        let numbers = |r: &crate::solution::RouteSchedule| -> Vec<usize> {
            let mut numbers = Vec::with_capacity(r.stops.len() + r.reloads.len());
            let mut reloads = r.reloads.iter().peekable();
            for (served, stop) in r.stops.iter().enumerate() {
                while let Some(reload) = reloads.next_if(|x| x.after == served) {
                    numbers.push(reload.location.0);
                }
                numbers.push(stop.job.0 + depots);
            }
            numbers.extend(reloads.map(|x| x.location.0));
            numbers
        };
        let types = problem.vehicle_types();
        let of_type = |t: usize| {
            solution
                .routes()
                .iter()
                .filter(move |r| r.vehicle_type.0 == t)
        };
        let overfull = (0..types.len()).any(|t| of_type(t).count() > types[t].count);
        let routes = if types.len() <= 1 || overfull {
            // (An infeasible plan with more routes than vehicles is listed
            // in type order; the checker says what is wrong with it.)
            (0..types.len()).flat_map(of_type).map(numbers).collect()
        } else {
            let mut slots: Vec<Vec<usize>> = Vec::new();
            let mut first = 0;
            for (t, vehicle_type) in types.iter().enumerate() {
                for (k, route) in of_type(t).enumerate() {
                    slots.resize(slots.len().max(first + k + 1), Vec::new());
                    slots[first + k] = numbers(route);
                }
                first += vehicle_type.count;
            }
            slots
        };
        SolFile {
            routes,
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

/// The number of the first customer in `.sol` files of `problem`: the
/// number of depots that are the problem's first locations (the start and
/// end depots of its vehicle types at locations `0..D`), at least 1.
/// True when some vehicle type of `problem` may reload: then depot
/// numbers inside a route are its reloads.
fn reloads_anywhere(problem: &Problem) -> bool {
    problem
        .vehicle_types()
        .iter()
        .any(|t| !t.reload_depots.is_empty())
}

fn depot_numbers(problem: &Problem) -> usize {
    let is_depot = |location: usize| {
        problem.vehicle_types().iter().any(|t| {
            t.start_depot.0 == location
                || (!t.open_end && t.end_depot.0 == location)
                || t.reload_depots.contains(&LocationId(location))
        })
    };
    (0..problem.num_locations())
        .take_while(|&l| is_depot(l))
        .count()
        .max(1)
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
                first: 1,
                last: 3
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
    fn rejects_junk_and_depots_inside_routes() {
        let error = SolFile::parse("Route #1: 2 x\n").unwrap_err();
        assert_eq!((error.line, error.column), (1, 13));
        let error = SolFile::parse("Route #1: 2\nTotal 5\n").unwrap_err();
        assert_eq!(error.line, 2);
        let error = SolFile::parse("Route 1: 2\n").unwrap_err();
        assert_eq!(error.expected, "a route label '#k:'");
        let file = SolFile::parse("Route #1: 2 0 1\n").unwrap();
        assert_eq!(
            file.to_routes(&three_on_a_line()),
            Err(SolutionError::DepotInRoute { route: 1, depot: 0 })
        );
    }

    #[test]
    fn reads_pyvrp_metadata_and_empty_routes() {
        let file =
            SolFile::parse("Route #1: 3\nRoute #2: \nRoute #3: 1 2\nCost: 8\nOptimal: True\n")
                .unwrap();
        assert_eq!(file.cost, Some(8.0));
        let routes = file.to_routes(&three_on_a_line()).unwrap();
        assert_eq!(routes.len(), 2, "the empty route is dropped");
        assert_eq!(routes[1].jobs, vec![JobId(0), JobId(1)]);
    }
}
