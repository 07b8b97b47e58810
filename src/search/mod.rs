//! Local search.
//!
//! - [`TimeWindowSegment`], [`LoadSegment`] and [`route::Piece`]: O(1)
//!   concatenation of time-window, distance and load data.
//! - [`SearchRoute`] / [`SearchState`]: routes with prefix and suffix caches.
//! - [`operators`]: relocate / or-opt, swap, 2-opt, 2-opt*; evaluate with
//!   `&`, apply with `&mut`.
//! - [`Neighbours`]: granular, time-window-aware neighbour lists.
//! - [`LocalSearch`]: first-improvement descent to a local optimum.
//! - [`improve_from_savings`]: several savings starts improved in parallel.
//! - [`annealing`]: ruin & recreate (SISR) with simulated annealing.

pub mod annealing;
pub mod fleet_minimisation;
mod load_segment;
mod local_search;
pub(crate) mod multi_start;
mod neighbours;
pub mod operators;
pub mod recreate;
pub mod route;
pub mod ruin;
mod segment;
mod state;

pub use load_segment::LoadSegment;
pub use local_search::{Heartbeat, LocalSearch, LocalSearchConfig, LocalSearchStats};
pub use multi_start::{improve_from_savings, MultiStartConfig, SAVINGS_SHAPES};
pub use neighbours::Neighbours;
pub use route::{Outline, Penalties, Piece, RouteVehicle, SearchRoute};
pub use segment::TimeWindowSegment;
pub use state::{Position, SearchState, Snapshot};
