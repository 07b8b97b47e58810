//! Building blocks of the search. For now: [`TimeWindowSegment`], the O(1)
//! concatenation of time-window data used by construction and (later) by the
//! local search operators.

mod segment;

pub use segment::TimeWindowSegment;
