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

/// Where and when a job may be served: its first-choice place, another
/// delivery slot, or an alternative drop-off point such as a parcel locker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    /// Where.
    pub location: LocationId,
    /// When service may start there.
    pub time_window: TimeWindow,
}

/// A visit: where, what to deliver and to pick up, when, and for how long.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    /// Where the job is served by first choice.
    pub location: LocationId,
    /// Amount delivered per capacity dimension: loaded at the start depot,
    /// dropped here.
    pub demand: Load,
    /// Amount picked up per capacity dimension (a return): collected here,
    /// carried to the end depot.
    pub pickup: Load,
    /// When service may start at the first-choice place.
    pub time_window: TimeWindow,
    /// Other places the job may be served at instead (further delivery
    /// slots, lockers), in order of preference; the solver picks one.
    pub alternatives: Vec<Place>,
    /// How long service takes.
    pub service: Duration,
    /// Skills the serving vehicle must have.
    pub skills: Skills,
    /// The only vehicle type that may serve the job (a parcel already on
    /// board a van, a stop promised to it), or `None`: any type.
    pub vehicle_type: Option<VehicleTypeId>,
    /// The vehicle type the job should stay with, and what serving it with
    /// another type costs (objective units, like `penalty`): the stability
    /// cost of re-planning (the van a customer was promised).
    pub preferred_vehicle_type: Option<(VehicleTypeId, f64)>,
    /// `None` for a job that must be served; `Some(p)` for an optional job
    /// that may be left out at cost `p` (objective units: currency under the
    /// cost objective, instance distance units under the distance one).
    pub penalty: Option<f64>,
    /// Lateness the customer accepts at a price (a soft window): the
    /// windows of its places (`time_window`, `alternatives`) already
    /// include `max`, so service may start until then; past
    /// [`due`](Job::due) each time unit costs. `None`: windows are hard.
    pub lateness: Option<Lateness>,
    /// When the parcel is at the depot: the trip that carries it starts
    /// loading then or later ([`Duration::ZERO`]: from the start).
    pub release: Duration,
}

/// Lateness a job accepts: service may start up to `max` after its window
/// closes, at `cost` per instance time unit late (objective units, like
/// [`Job::penalty`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lateness {
    /// The most service may start after the window closes.
    pub max: Duration,
    /// What each instance time unit late costs.
    pub cost: f64,
}

impl Job {
    /// True when the job may be left out (it has a penalty).
    pub fn is_optional(&self) -> bool {
        self.penalty.is_some()
    }

    /// The most the job alone puts on board, per dimension: its delivery
    /// before the visit, its pickup after it.
    #[inline]
    pub fn load_alone(&self) -> Load {
        self.demand.max_per_dimension(&self.pickup)
    }

    /// Everything the job delivers and picks up, summed over dimensions:
    /// how much of a vehicle it takes up, as one number.
    pub fn total_amount(&self) -> i64 {
        (self.demand + self.pickup).as_array().iter().sum()
    }

    /// Place `index`: 0 is the first choice, `i` is alternative `i - 1`.
    ///
    /// # Panics
    /// When `index >= self.num_places()`.
    #[inline]
    pub fn place(&self, index: usize) -> Place {
        if index == 0 {
            Place {
                location: self.location,
                time_window: self.time_window,
            }
        } else {
            self.alternatives[index - 1]
        }
    }

    /// When the customer's window at place `index` closes: the end of the
    /// place's window less the lateness the job accepts (service after it
    /// costs, see [`Job::lateness`]).
    #[inline]
    pub fn due(&self, index: usize) -> Duration {
        let end = self.place(index).time_window.end;
        match self.lateness {
            Some(late) if end < Duration::UNBOUNDED => end - late.max,
            _ => end,
        }
    }

    /// How late service starting at `service_start` at place `index` is
    /// after the customer's window (0 when on time).
    #[inline]
    pub fn late_by(&self, index: usize, service_start: Duration) -> Duration {
        (service_start - self.due(index)).max(Duration::ZERO)
    }

    /// Number of places (1 plus the alternatives).
    #[inline]
    pub fn num_places(&self) -> usize {
        1 + self.alternatives.len()
    }
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
    /// Where routes end (for open routes, a virtual location at no
    /// distance from everywhere).
    pub end_depot: LocationId,
    /// Routes end at their last stop.
    pub open_end: bool,
    /// Travel times of this type are the problem's times multiplied by this
    /// factor (1: as given; e.g. 1.3 for a cargo bike on the van's roads).
    pub speed_factor: f64,
    /// The travel-time profile given to the builder (0: the problem's own
    /// times; see `ProblemBuilder::add_travel_profile`), before any speed
    /// factor.
    pub travel_profile: usize,
    /// The travel-time profile this type drives in (see
    /// [`Problem::travel_time_at`](crate::Problem::travel_time_at)); 0 is
    /// the problem's own travel times.
    pub profile: usize,
    /// Routes leave no earlier than `shift.start` and return by `shift.end`.
    pub shift: TimeWindow,
    /// Skills the vehicles (and their drivers) have.
    pub skills: Skills,
    /// Longest distance a route may drive (`None`: no limit).
    pub max_distance: Option<Distance>,
    /// Longest time a route may take from leaving the start depot to
    /// arriving at the end depot (`None`: no limit beyond the shift).
    pub max_duration: Option<Duration>,
    /// Most jobs a route may serve (`None`: no limit): what one driver can
    /// hand over in a day.
    pub max_stops: Option<usize>,
    /// The driver breaks its routes take (see [`BreakRule`]).
    pub breaks: Vec<BreakRule>,
    /// Grams of CO2 emitted per instance unit of distance (e.g. per km).
    pub co2_per_distance: f64,
    /// What a route of this type costs (used by the cost objective).
    pub costs: VehicleCosts,
    /// Depots the vehicles may come back to during the shift to unload
    /// and load the next trip (empty: one trip per route).
    pub reload_depots: Vec<LocationId>,
    /// Most reloads per route (`None`: no limit).
    pub max_reloads: Option<usize>,
}

/// A driver break the routes of a vehicle type take. A break is taken at
/// a stop: after its service, or at the start depot before leaving; one
/// taken where the vehicle would have waited for a window costs no time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BreakRule {
    /// A break of `duration` starting within `window` (a lunch break). A
    /// route back at its end depot by the window's start takes none.
    Window {
        /// When the break may start.
        window: TimeWindow,
        /// How long it lasts.
        duration: Duration,
    },
    /// At most `max_driving` of driving from the start, or from a break
    /// of at least `duration`, to the next such break (in the EU 4.5
    /// hours and 45 minutes). A route that drives less takes none; one
    /// that drives more takes as many as it needs.
    Driving {
        /// Most driving between breaks.
        max_driving: Duration,
        /// How long each break lasts, at least.
        duration: Duration,
    },
}

/// Most break rules per vehicle type.
pub const MAX_BREAKS: usize = 4;

impl BreakRule {
    /// How long the break lasts.
    pub fn duration(&self) -> Duration {
        match *self {
            BreakRule::Window { duration, .. } | BreakRule::Driving { duration, .. } => duration,
        }
    }

    /// When the break may start ([`TimeWindow::UNBOUNDED`] for a driving
    /// break).
    pub fn window(&self) -> TimeWindow {
        match *self {
            BreakRule::Window { window, .. } => window,
            BreakRule::Driving { .. } => TimeWindow::UNBOUNDED,
        }
    }
}

/// What a route costs, in currency units: a fixed amount per vehicle used
/// plus rates per instance unit of distance and of time (route duration,
/// waiting included).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VehicleCosts {
    /// Per vehicle used (a route with at least one job).
    pub fixed: f64,
    /// Per instance unit of distance driven.
    pub per_distance: f64,
    /// Per instance unit of route duration.
    pub per_time: f64,
    /// Overtime, for balanced workloads: each instance unit of route
    /// duration beyond the first element costs the second on top of
    /// `per_time` (`None`: no overtime).
    pub overtime: Option<(f64, f64)>,
}

impl Default for VehicleCosts {
    /// Distance only: 1 per unit, no fixed or time cost.
    fn default() -> VehicleCosts {
        VehicleCosts {
            fixed: 0.0,
            per_distance: 1.0,
            per_time: 0.0,
            overtime: None,
        }
    }
}

/// Internal cost units per currency unit: costs are summed as integers so
/// that a plan's cost is exact and reproducible.
pub const COST_SCALE: i64 = 10_000;

/// [`VehicleCosts`] as integer weights: cost units (1/[`COST_SCALE`] of a
/// currency unit) per vehicle, per internal unit of distance and of time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CostWeights {
    /// Per vehicle used.
    pub fixed: i64,
    /// Per internal unit of distance.
    pub per_distance: i64,
    /// Per internal unit of time.
    pub per_time: i64,
    /// Route duration (internal units) beyond which time costs
    /// `per_overtime` more.
    pub overtime_after: i64,
    /// Per internal unit of time beyond `overtime_after`.
    pub per_overtime: i64,
}

impl CostWeights {
    /// Distance alone, one cost unit per internal unit (the distance
    /// objective).
    pub const DISTANCE: CostWeights = CostWeights {
        fixed: 0,
        per_distance: 1,
        per_time: 0,
        overtime_after: 0,
        per_overtime: 0,
    };

    /// The cost of a route with jobs that drives `distance` in `duration`.
    #[inline]
    pub fn route(&self, distance: Distance, duration: Duration) -> i64 {
        // In 128 bits, saturating at i64::MAX under absurd cost rates.
        let wide = |weight: i64, amount: i64| i128::from(weight) * i128::from(amount);
        let overtime = (duration.get() - self.overtime_after).max(0);
        let total = i128::from(self.fixed)
            + wide(self.per_distance, distance.get())
            + wide(self.per_time, duration.get())
            + wide(self.per_overtime, overtime);
        total.min(i128::from(i64::MAX)) as i64
    }
}

impl VehicleCosts {
    /// The integer weights, for a problem with `scale` internal units per
    /// instance unit.
    pub fn weights(&self, scale: i64) -> CostWeights {
        let per_unit = |rate: f64| (rate * COST_SCALE as f64 / scale as f64).round() as i64;
        let (after, per_overtime) = self.overtime.unwrap_or((0.0, 0.0));
        CostWeights {
            fixed: (self.fixed * COST_SCALE as f64).round() as i64,
            per_distance: per_unit(self.per_distance),
            per_time: per_unit(self.per_time),
            overtime_after: (after * scale as f64).round() as i64,
            per_overtime: per_unit(per_overtime),
        }
    }
}

impl VehicleType {
    /// True when a route serving `stops` jobs, driving `distance` in
    /// `duration`, respects this type's maximum stops, distance and
    /// duration.
    pub fn within_limits(&self, stops: usize, distance: Distance, duration: Duration) -> bool {
        self.max_stops.is_none_or(|max| stops <= max)
            && self.max_distance.is_none_or(|max| distance <= max)
            && self.max_duration.is_none_or(|max| duration <= max)
    }
}
