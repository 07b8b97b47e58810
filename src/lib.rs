//! # lastmile
//!
//! A pure-Rust vehicle routing solver for last-mile delivery. It models the
//! capacitated vehicle routing problem with time windows (CVRPTW): depots,
//! jobs with demands, time windows and service times, and a fleet of vehicle
//! types with capacities and shifts.
//!
//! ```
//! use lastmile::{check, savings, JobSpec, ProblemBuilder, Rounding, SavingsConfig, VehicleTypeSpec};
//!
//! let mut builder = ProblemBuilder::new(Rounding::Precise);
//! let depot = builder.add_location(0.0, 0.0);
//! for (x, y) in [(10.0, 0.0), (10.0, 5.0), (-4.0, 3.0)] {
//!     let site = builder.add_location(x, y);
//!     builder.add_job(JobSpec::at(site).demand(&[1]).time_window(0.0, 100.0).service(2.0));
//! }
//! builder.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[2]).shift(0.0, 200.0));
//! let problem = builder.build()?;
//!
//! let solution = savings(&problem, &SavingsConfig::default());
//! assert!(check(&problem, &solution).is_feasible());
//! assert_eq!(solution.routes().len(), 2);
//! # Ok::<(), lastmile::ModelError>(())
//! ```
//!
//! Modules: [`problem`] (model, builder, matrices), [`io`] (Solomon, VRPLIB
//! and `.sol` files), [`solution`] (schedules, costs, the checker),
//! [`construct`] (Clarke–Wright savings), [`search`] (segment data for O(1)
//! move evaluation), [`generate`] (seeded Solomon-like instances).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod construct;
pub mod deadline;
pub mod error;
pub mod eval;
pub mod generate;
pub mod io;
pub mod network;
pub mod objective;
pub mod problem;
pub mod replan;
pub mod search;
pub mod solution;
pub mod solver;
pub mod units;

pub use construct::{savings, savings_with_neighbours, SavingsConfig};
pub use deadline::Deadline;
pub use error::{Item, LoadError, ModelError, Origin, ParseError, SolutionError};
pub use objective::Objective;
pub use problem::{
    BreakRule, Job, JobId, JobSpec, Lateness, LocationId, Problem, ProblemBuilder, Rounding,
    Skills, TimeWindow, Traffic, VehicleType, VehicleTypeId, VehicleTypeSpec,
};
pub use search::annealing::StopReason;
pub use solution::{
    check, kpis, CheckReport, CostBreakdown, Kpis, Reload, Route, RouteKpis, RouteSchedule,
    ScheduledBreak, ScheduledReload, Solution, Stop, Unassigned, UnassignedReason, Violation,
};
pub use solver::{Phase, Progress, ProgressEvent, SolveResult, SolveStats, Solver, SolverConfig};
pub use units::{Cost, Distance, Duration, Load, MAX_DIMENSIONS};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
