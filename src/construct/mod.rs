//! Construction heuristics: build a first feasible solution.
//!
//! - [`savings`]: Clarke–Wright parallel savings with capacity and time
//!   windows.
//! - [`unservable_reason`]: whether a job could be served by any vehicle
//!   at all (used to report unassigned jobs with a reason).

mod insertion;
mod route_removal;
mod savings;
mod unservable;

pub(crate) use route_removal::eliminate_one_route;
pub use savings::{savings, savings_with_neighbours, SavingsConfig};
pub(crate) use unservable::place_on_idle_vehicles;
pub use unservable::{can_serve_alone, servable_place, unservable_reason};
