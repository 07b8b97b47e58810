//! The validated parts of a problem: identifiers, time windows, jobs and
//! vehicle types, all in internal integer units.

use crate::units::{Duration, Load};

/// Index of a location, in the order locations were added to the builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocationId(pub usize);

/// Index of a job, in the order jobs were added to the builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JobId(pub usize);

/// Index of a vehicle type, in the order types were added to the builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VehicleTypeId(pub usize);

/// A closed interval of time `[start, end]` in internal units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeWindow {
    /// Earliest time.
    pub start: Duration,
    /// Latest time.
    pub end: Duration,
}

impl TimeWindow {
    /// A window that never constrains anything.
    pub const UNBOUNDED: TimeWindow = TimeWindow {
        start: Duration::ZERO,
        end: Duration::UNBOUNDED,
    };

    /// True when `time` lies inside the window.
    pub fn contains(&self, time: Duration) -> bool {
        self.start <= time && time <= self.end
    }
}

/// A delivery: where, how much, when, and for how long.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// Where the job is served.
    pub location: LocationId,
    /// Amount per capacity dimension.
    pub demand: Load,
    /// When service may start.
    pub time_window: TimeWindow,
    /// How long service takes.
    pub service: Duration,
}

/// A kind of vehicle, of which the fleet has `count`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VehicleType {
    /// How many vehicles of this type are available.
    pub count: usize,
    /// Capacity per dimension.
    pub capacity: Load,
    /// Where routes start.
    pub start_depot: LocationId,
    /// Where routes end.
    pub end_depot: LocationId,
    /// Routes leave no earlier than `shift.start` and return by `shift.end`.
    pub shift: TimeWindow,
}
