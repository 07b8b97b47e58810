//! Local search.
//!
//! - [`TimeWindowSegment`] and [`route::Piece`]: O(1) concatenation of
//!   time-window, distance and load data.
//! - [`SearchRoute`] / [`SearchState`]: routes with prefix and suffix caches.
//! - [`operators`]: relocate / or-opt, swap, 2-opt, 2-opt*; evaluate with
//!   `&`, apply with `&mut`.
//! - [`Neighbours`]: granular, time-window-aware neighbour lists.
//! - [`LocalSearch`]: first-improvement descent to a local optimum.

mod local_search;
mod neighbours;
pub mod operators;
pub mod route;
mod segment;
mod state;

pub use local_search::{LocalSearch, LocalSearchConfig, LocalSearchStats};
pub use neighbours::Neighbours;
pub use route::{Penalties, Piece, SearchRoute};
pub use segment::TimeWindowSegment;
pub use state::{Position, SearchState};
