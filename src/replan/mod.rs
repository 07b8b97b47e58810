//! Re-planning a day in progress: vans on the road, new and cancelled
//! orders, delays, failed deliveries and breakdowns.
//!
//! A [`Day`] is the state of the day: the problem (every job known so far),
//! each van's position, the time it is free, what it did, carries and is
//! to do next, and what became of each job. [`Event`]s change it (checked:
//! an event that does not fit the state is a [`ReplanError`] and changes
//! nothing). [`replan`] makes a [`DayPlan`] for the rest of the day,
//! warm-started from the plan the vans drive, with each van's committed
//! stops first, ETAs, and the customers whose ETA moved;
//! [`Day::adopt`] makes it the plan the vans drive. [`check_plan`] verifies
//! a plan against the state on its own.
//!
//! ```
//! use lastmile::replan::{check_plan, replan, Day, Event, Outcome, ReplanConfig, VehicleId};
//! use lastmile::{JobId, JobSpec, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};
//! use lastmile::units::Duration;
//!
//! let mut b = ProblemBuilder::new(Rounding::Round);
//! let depot = b.add_location(0.0, 0.0);
//! let sites: Vec<_> = (1..=4).map(|i| b.add_location(10.0 * i as f64, 0.0)).collect();
//! for &site in &sites[..3] {
//!     b.add_job(JobSpec::at(site).demand(&[1]).time_window(0.0, 200.0));
//! }
//! b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[5]).shift(0.0, 300.0));
//! let problem = b.build()?;
//! let solver = Solver::new().iteration_limit(200);
//! let morning = solver.solve(&problem).solution;
//!
//! let mut day = Day::start(&problem, &morning);
//! let van = VehicleId(0);
//! let first = day.vehicle(van).planned[0].0;
//! day.apply(Event::Dispatched { vehicle: van, at: Duration(0) })?;
//! day.apply(Event::Visited { vehicle: van, job: first, outcome: Outcome::Served, at: Duration(40) })?;
//! // A return to collect comes in at the fourth site.
//! let order = JobSpec::at(sites[3]).pickup(&[1]).time_window(0.0, 250.0);
//! day.apply(Event::NewOrder { job: order, at: Duration(45) })?;
//!
//! let config = ReplanConfig::default();
//! let plan = replan(&day, &solver, &config);
//! assert!(check_plan(&day, &config, &plan).is_empty());
//! assert!(plan.unassigned.is_empty());
//! day.adopt(&plan);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod check;
mod day;
mod event;
mod plan;
mod reduce;

pub use crate::error::ReplanError;
pub use check::{check_plan, DayViolation};
pub use day::{Day, DoneStop, FailurePolicy, JobStatus, Outcome, VehicleId, VehicleState};
pub use event::Event;
pub use plan::{replan, DayPlan, EtaChange, PlannedStop, VehiclePlan};

use crate::units::Duration;

/// How to re-plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplanConfig {
    /// How many of the next stops of a van that has left the depot are
    /// committed (made first, in order, whatever the new plan): 1 by
    /// default, the stop it is driving to.
    pub lock_first: usize,
    /// How many stops after those stay with the van as a set (in any
    /// order, or left out with a reason when the van cannot make them):
    /// 0 by default.
    pub lock_set: usize,
    /// A customer is listed in [`DayPlan::eta_changes`] when the predicted
    /// arrival moved by more than this (internal units; 0 by default:
    /// every change).
    pub eta_threshold: Duration,
    /// Keep every van's plan as it is and only insert the jobs it lacks
    /// (new orders, a broken-down van's stops) where they cost least: no
    /// re-optimisation, the fewest changes. Off by default.
    pub insert_only: bool,
    /// Start the search from the plan the vans drive (default). Off: solve
    /// the rest of the day from scratch (for comparison; committed stops,
    /// parcels on board and the depot rule hold either way).
    pub warm_start: bool,
    /// The stability cost: what moving a planned job to another van costs
    /// (objective units: distance under the distance objective, currency
    /// under the cost objective). 0 by default; above 0, a re-plan moves a
    /// job only when that saves more than this.
    pub stability: f64,
    /// The stability cost of ETAs: what each time unit (instance units)
    /// that a customer's service would start later than promised costs,
    /// past [`eta_threshold`](Self::eta_threshold) (objective units, as
    /// [`stability`](Self::stability)). 0 by default; above 0, a re-plan
    /// delays a promised stop only when that saves more. The promise is
    /// the arrival the adopted plan predicted (or the window's opening, if
    /// later). A job with its own soft window keeps it instead.
    pub eta_stability: f64,
}

impl Default for ReplanConfig {
    fn default() -> ReplanConfig {
        ReplanConfig {
            lock_first: 1,
            lock_set: 0,
            eta_threshold: Duration::ZERO,
            insert_only: false,
            warm_start: true,
            stability: 0.0,
            eta_stability: 0.0,
        }
    }
}
