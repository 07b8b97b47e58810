//! The evaluation layer: how a route's time, load, distance and cost are
//! summarised and joined in O(1). Construction, insertion, unservable
//! reasons and the search cost routes through it; the solution schedule
//! simulates a route stop by stop, and the checker stays independent.
//!
//! - [`TimeWindowSegment`]: duration, time warp and start interval of a
//!   sequence of visits (Vidal et al. 2013).
//! - [`LoadSegment`]: deliveries, pickups and peak load of a sequence.
//! - [`Piece`]: both, with distance, skills and end locations; costed as a
//!   complete route for a [`RouteVehicle`] under [`Penalties`].

mod breaks;
mod cost;
mod load_segment;
mod piece;
mod segment;

pub(crate) use breaks::route_with_breaks_joined;
pub use breaks::{exact_route, latest_start, route_with_breaks, PlacedBreak, RouteWithBreaks};
pub(crate) use cost::{lateness_in, reassignment_in};
pub use cost::{CostModel, Penalties};
pub use load_segment::LoadSegment;
pub use piece::{Haul, Outline, Piece, RouteVehicle, ANY_VEHICLE, CONFLICTING_VEHICLES};
pub use segment::TimeWindowSegment;
