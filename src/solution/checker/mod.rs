//! An independent feasibility and cost checker.
//!
//! It shares no code with construction or search: it walks every route from
//! the problem data alone, re-derives loads, times and distances, compares
//! them with what the solution reports, and lists every violation it finds.

mod route;
mod violation;

pub use violation::Violation;

use super::{reasons, Solution};
use crate::problem::{JobId, Problem, VehicleTypeId};
use crate::units::{Cost, Distance, Duration};
use route::check_route;

/// The checker's verdict: every violation, and the totals it recomputed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckReport {
    /// All violations found (empty when the solution is feasible and honest).
    pub violations: Vec<Violation>,
    /// Total distance recomputed from the job sequences.
    pub distance: Distance,
    /// Total duration recomputed from the reported departures.
    pub duration: Duration,
    /// Number of routes with jobs.
    pub vehicles: usize,
    /// Vehicle costs recomputed from the routes (cost units).
    pub cost: Cost,
    /// Penalties of the optional jobs left out.
    pub penalties: f64,
}

impl CheckReport {
    /// True when no violation was found.
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks `solution` against `problem`: capacity, time windows, shifts, each
/// job exactly once, fleet size, every reported time and total, and for
/// every mandatory job left out, that its stated reason holds.
pub fn check(problem: &Problem, solution: &Solution) -> CheckReport {
    let mut report = CheckReport::default();
    let mut seen = vec![0usize; problem.num_jobs()];
    let mut routes_per_type = vec![0usize; problem.vehicle_types().len()];

    for (index, route) in solution.routes().iter().enumerate() {
        routes_per_type[route.vehicle_type.0] += 1;
        report.vehicles += 1;
        check_route(problem, index, route, &mut seen, &mut report);
    }

    for unassigned in solution.unassigned() {
        if let Some(count) = seen.get_mut(unassigned.job.0) {
            *count += 1;
            let job = problem.job(unassigned.job);
            report.penalties += job.penalty.unwrap_or(0.0);
            if !job.is_optional()
                && !reasons::confirms(problem, &routes_per_type, unassigned.job, unassigned.reason)
            {
                report.violations.push(Violation::UnconfirmedReason {
                    job: unassigned.job,
                    reason: unassigned.reason,
                });
            }
        }
    }
    for (job, &count) in seen.iter().enumerate() {
        match count {
            0 => report
                .violations
                .push(Violation::MissingJob { job: JobId(job) }),
            1 => {}
            _ => report.violations.push(Violation::DuplicateJob {
                job: JobId(job),
                count,
            }),
        }
    }
    for (index, &routes) in routes_per_type.iter().enumerate() {
        let available = problem.vehicle_types()[index].count;
        if routes > available {
            report.violations.push(Violation::FleetExceeded {
                vehicle_type: VehicleTypeId(index),
                routes,
                available,
            });
        }
    }

    let cost = solution.cost();
    for (what, reported, recomputed) in [
        ("distance", cost.distance.get(), report.distance.get()),
        ("duration", cost.duration.get(), report.duration.get()),
        ("vehicles", cost.vehicles as i64, report.vehicles as i64),
        ("vehicle costs", cost.cost.get(), report.cost.get()),
        (
            "penalties (thousandths)",
            (cost.penalties * 1000.0).round() as i64,
            (report.penalties * 1000.0).round() as i64,
        ),
    ] {
        if reported != recomputed {
            report.violations.push(Violation::CostMismatch {
                what,
                reported,
                recomputed,
            });
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Load;
    use crate::{JobSpec, ProblemBuilder, Rounding, Route, VehicleTypeSpec};

    /// One vehicle of `capacity` at a depot at 0 serving one job 10 away,
    /// shaped by `job` and `vehicle`.
    fn one_stop(
        job: impl FnOnce(JobSpec) -> JobSpec,
        capacity: &[i64],
        vehicle: impl FnOnce(VehicleTypeSpec) -> VehicleTypeSpec,
    ) -> (Problem, Solution) {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot = b.add_location(0.0, 0.0);
        let site = b.add_location(10.0, 0.0);
        b.add_job(job(JobSpec::at(site)));
        b.add_vehicle_type(vehicle(VehicleTypeSpec::new(depot, 1, capacity)));
        let problem = b.build().unwrap();
        let route = Route {
            vehicle_type: VehicleTypeId(0),
            jobs: vec![JobId(0)],
            places: Vec::new(),
            reloads: Vec::new(),
        };
        let solution = Solution::new(&problem, vec![route], vec![]).unwrap();
        (problem, solution)
    }

    fn solved() -> (Problem, Solution) {
        one_stop(
            |j| j.time_window(0.0, 60.0).service(5.0),
            &[],
            |v| v.shift(20.0, 100.0),
        )
    }

    #[test]
    fn honest_solution_is_clean() {
        let (problem, solution) = solved();
        assert!(check(&problem, &solution).is_feasible());
    }

    #[test]
    fn misreported_stop_time_is_found() {
        let (problem, mut solution) = solved();
        solution.routes[0].stops[0].arrival = Duration(3);
        let found = check(&problem, &solution).violations;
        assert!(
            matches!(&found[..], [Violation::ScheduleMismatch { what, .. }] if what == "arrival at stop 0"),
            "{found:?}"
        );
    }

    #[test]
    fn a_trip_leaving_before_its_parcels_is_found() {
        let (problem, mut solution) = one_stop(|j| j.release_time(50.0), &[], |v| v);
        assert!(check(&problem, &solution).is_feasible());
        assert_eq!(solution.routes[0].depot_departure, Duration(50));
        solution.routes[0].depot_departure = Duration(10);
        let found = check(&problem, &solution).violations;
        assert!(
            found.contains(&Violation::NotYetReleased {
                route: 0,
                job: JobId(0),
                loading: Duration(10),
                release: Duration(50),
            }),
            "{found:?}"
        );
    }

    #[test]
    fn misreported_load_is_found() {
        let (problem, mut solution) = one_stop(|j| j.demand(&[2]).pickup(&[3]), &[5], |v| v);
        assert!(check(&problem, &solution).is_feasible());
        assert_eq!(solution.routes[0].stops[0].load, Load::new(&[3]));
        solution.routes[0].stops[0].load = Load::new(&[1]);
        solution.routes[0].peak_load = Load::new(&[2]);
        let found = check(&problem, &solution).violations;
        let what: Vec<&str> = found
            .iter()
            .map(|v| match v {
                Violation::ScheduleMismatch { what, .. } => what.as_str(),
                _ => "other",
            })
            .collect();
        assert_eq!(
            what,
            [
                "load after stop 0 in dimension 0",
                "peak load in dimension 0"
            ]
        );
    }

    #[test]
    fn misreported_cost_and_penalty_totals_are_found() {
        let (problem, mut solution) = solved();
        solution.cost.cost = Cost(solution.cost.cost.get() + 1);
        solution.cost.penalties = 2.5;
        let whats: Vec<&str> = check(&problem, &solution)
            .violations
            .iter()
            .map(|v| match v {
                Violation::CostMismatch { what, .. } => *what,
                other => panic!("unexpected {other}"),
            })
            .collect();
        assert_eq!(whats, vec!["vehicle costs", "penalties (thousandths)"]);
    }

    #[test]
    fn stop_at_a_place_the_job_does_not_have_is_found() {
        let (problem, mut solution) = solved();
        solution.routes[0].stops[0].place = 3;
        let found = check(&problem, &solution).violations;
        assert!(
            found.contains(&Violation::UnknownPlace {
                route: 0,
                job: JobId(0),
                place: 3
            }),
            "{found:?}"
        );
        let (problem, mut solution) = solved();
        solution.routes[0].stops[0].location = crate::LocationId(0);
        let found = check(&problem, &solution).violations;
        assert!(
            found
                .iter()
                .any(|v| matches!(v, Violation::UnknownPlace { place: 0, .. })),
            "{found:?}"
        );
    }

    #[test]
    fn misreported_total_is_found() {
        let (problem, mut solution) = solved();
        solution.cost.distance = Distance(1);
        let found = check(&problem, &solution).violations;
        assert_eq!(
            found,
            vec![Violation::CostMismatch {
                what: "distance",
                reported: 1,
                recomputed: 20
            }]
        );
    }

    #[test]
    fn departure_before_shift_is_found() {
        let (problem, mut solution) = solved();
        let route = &mut solution.routes[0];
        route.depot_departure = Duration(0);
        route.stops[0].arrival = Duration(10);
        route.stops[0].service_start = Duration(10);
        route.stops[0].departure = Duration(15);
        route.depot_arrival = Duration(25);
        solution.cost.duration = Duration(25);
        let found = check(&problem, &solution).violations;
        assert_eq!(
            found,
            vec![Violation::EarlyDeparture {
                route: 0,
                departure: Duration(0),
                shift_start: Duration(20)
            }]
        );
    }

    #[test]
    fn job_on_a_vehicle_without_its_skill_is_found() {
        let (problem, solution) = one_stop(
            |j| j.skills(&["freezer", "lift"]),
            &[],
            |v| v.skills(&["lift"]),
        );
        assert_eq!(
            check(&problem, &solution).violations,
            vec![Violation::MissingSkills {
                route: 0,
                job: JobId(0),
                skills: vec!["freezer".to_string()]
            }]
        );
    }

    #[test]
    fn route_over_its_limits_is_found() {
        let (problem, solution) = one_stop(
            |j| j.service(5.0),
            &[],
            |v| v.max_distance(15.0).max_duration(30.0),
        );
        assert_eq!(
            check(&problem, &solution).violations,
            vec![Violation::RouteLimitExceeded {
                route: 0,
                what: "distance",
                value: 20,
                limit: 15
            }]
        );
    }
}
