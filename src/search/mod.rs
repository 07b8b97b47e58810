//! Local search.
//!
//! - [`TimeWindowSegment`], [`LoadSegment`] and [`Piece`]: O(1)
//!   concatenation of time-window, distance and load data (they live in
//!   [`crate::eval`] and are re-exported here).
//! - [`SearchRoute`] / [`SearchState`]: routes with prefix and suffix caches.
//! - [`operators`]: relocate / or-opt, swap, 2-opt, 2-opt*; evaluate with
//!   `&`, apply with `&mut`.
//! - [`Neighbours`]: granular, time-window-aware neighbour lists.
//! - [`LocalSearch`]: first-improvement descent to a local optimum.
//! - [`improve_from_savings`]: several savings starts improved in parallel.
//! - [`annealing`]: ruin & recreate (SISR) with simulated annealing.

pub mod annealing;
pub mod fleet_minimisation;
mod local_search;
pub(crate) mod multi_start;
pub mod operators;
pub mod recreate;
pub mod route;
pub mod ruin;
mod state;
mod warm_start;

pub use crate::eval::{CostModel, Outline, Penalties, Piece, RouteVehicle};
pub use crate::eval::{LoadSegment, TimeWindowSegment};
pub use crate::problem::Neighbours;
pub use local_search::{Heartbeat, LocalSearch, LocalSearchConfig, LocalSearchStats};
pub use multi_start::{improve_from_savings, MultiStartConfig, SAVINGS_SHAPES};
pub use route::SearchRoute;
pub use state::{Position, SearchState, Snapshot};
pub use warm_start::warm_start;
