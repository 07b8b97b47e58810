//! The validated parts of a problem: identifiers, time windows, jobs and
//! vehicle types, all in internal integer units.

use crate::units::{Distance, Duration, Load};

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

/// A set of skills (e.g. "fridge", "tail lift", "ID check") as a bit set:
/// bit `i` is the problem's skill `i` (see [`Problem::skill_name`]). Jobs
/// require skills; vehicle types provide them.
///
/// [`Problem::skill_name`]: crate::Problem::skill_name
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Skills(pub u64);

impl Skills {
    /// No skill.
    pub const NONE: Skills = Skills(0);

    /// Most distinct skills a problem may use.
    pub const MAX: usize = 64;

    /// True when every skill of `required` is in `self`.
    #[inline]
    pub fn covers(self, required: Skills) -> bool {
        required.0 & !self.0 == 0
    }

    /// The skills of `self` that `provided` lacks.
    #[inline]
    pub fn missing_from(self, provided: Skills) -> Skills {
        Skills(self.0 & !provided.0)
    }

    /// Skills in either set.
    #[inline]
    pub fn union(self, other: Skills) -> Skills {
        Skills(self.0 | other.0)
    }

    /// Number of skills in the set.
    #[inline]
    pub fn count(self) -> u32 {
        self.0.count_ones()
    }

    /// True when the set is empty.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The skill indices in the set, lowest first.
    pub fn indices(self) -> impl Iterator<Item = usize> {
        (0..Skills::MAX).filter(move |&i| self.0 & (1 << i) != 0)
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
    /// Skills the serving vehicle must have.
    pub skills: Skills,
}

/// A kind of vehicle, of which the fleet has `count`.
#[derive(Clone, Debug, PartialEq)]
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
    /// Skills the vehicles (and their drivers) have.
    pub skills: Skills,
    /// Longest distance a route may drive (`None`: no limit).
    pub max_distance: Option<Distance>,
    /// Longest time a route may take from leaving the start depot to
    /// arriving at the end depot (`None`: no limit beyond the shift).
    pub max_duration: Option<Duration>,
    /// Grams of CO2 emitted per instance unit of distance (e.g. per km).
    pub co2_per_distance: f64,
}

impl VehicleType {
    /// True when a route driving `distance` in `duration` respects this
    /// type's maximum distance and duration.
    pub fn within_limits(&self, distance: Distance, duration: Duration) -> bool {
        self.max_distance.is_none_or(|max| distance <= max)
            && self.max_duration.is_none_or(|max| duration <= max)
    }
}
