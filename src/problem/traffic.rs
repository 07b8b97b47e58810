//! Travel times by hour of day: the day cut into periods, each with a
//! factor on the travel times of a travel profile (1.5: every arc takes
//! half as long again as in the matrix).
//!
//! A vehicle drives an arc as in the Ichoua–Gendreau–Potvin model: the
//! matrix gives the time at factor 1; while the vehicle is on the arc, it
//! progresses at the speed of the period it is in, so an arc that starts
//! before the rush and ends in it is only partly slowed. Leaving later
//! never means arriving earlier (the FIFO property), which keeps "serve as
//! early as possible" the best schedule of a route.

/// The travel-time factors of one travel profile over the day.
///
/// ```
/// use lastmile::Traffic;
/// // Factor 1 until time 100, then 2 (twice as slow) from 100 on.
/// let traffic = Traffic::new(vec![(100, 2.0)]);
/// assert_eq!(traffic.arrival(0, 50), 50); // done before the rush
/// assert_eq!(traffic.arrival(80, 50), 160); // 20 at factor 1, then 30 take 60
/// assert_eq!(traffic.arrival(200, 50), 300);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Traffic {
    /// Start of each period (internal time units), strictly increasing.
    /// Before the first, the factor is 1.
    starts: Vec<i64>,
    /// The factor on travel times from `starts[k]` until the next start.
    factors: Vec<f64>,
}

impl Traffic {
    /// Smallest factor accepted (traffic at twenty times free-flow speed
    /// is not traffic).
    pub const MIN_FACTOR: f64 = 0.05;
    /// Largest factor accepted.
    pub const MAX_FACTOR: f64 = 20.0;

    /// Periods given as (start in internal time units, factor), starts
    /// strictly increasing and factors within
    /// [`MIN_FACTOR`](Self::MIN_FACTOR)..=[`MAX_FACTOR`](Self::MAX_FACTOR)
    /// (the builder validates them; see
    /// [`ProblemBuilder::traffic`](crate::ProblemBuilder::traffic)). Before
    /// the first start the factor is 1; the last period lasts forever.
    pub fn new(periods: Vec<(i64, f64)>) -> Traffic {
        let (starts, factors) = periods.into_iter().unzip();
        Traffic { starts, factors }
    }

    /// No period: travel times are the matrix's at every hour.
    pub fn none() -> Traffic {
        Traffic::new(Vec::new())
    }

    /// True when no period changes any travel time.
    pub fn is_static(&self) -> bool {
        self.factors.iter().all(|&f| f == 1.0)
    }

    /// The periods: (start, factor), in order.
    pub fn periods(&self) -> impl Iterator<Item = (i64, f64)> + '_ {
        self.starts
            .iter()
            .copied()
            .zip(self.factors.iter().copied())
    }

    /// The factor in force at time `at`.
    pub fn factor_at(&self, at: i64) -> f64 {
        match self.starts.partition_point(|&s| s <= at) {
            0 => 1.0,
            k => self.factors[k - 1],
        }
    }

    /// When a vehicle that leaves at `departure` arrives over an arc whose
    /// time at factor 1 is `base` (rounded up to a whole unit). Never
    /// earlier than `departure`, and never earlier for a later departure.
    pub fn arrival(&self, departure: i64, base: i64) -> i64 {
        departure + self.travel_time(departure, base)
    }

    /// The time an arc whose time at factor 1 is `base` takes when driven
    /// from `departure` on (see [`arrival`](Self::arrival)).
    #[inline]
    pub fn travel_time(&self, departure: i64, base: i64) -> i64 {
        if base <= 0 {
            return 0;
        }
        let mut period = self.starts.partition_point(|&s| s <= departure);
        // Whole units, up: the small tolerance keeps exact products (and
        // factor 1) from rounding up on floating-point noise.
        // (By hand: `f64::ceil` is a library call on the baseline target.)
        let whole = |amount: f64| {
            let amount = (amount - 1e-7).max(0.0);
            let truncated = amount as i64;
            truncated + i64::from((truncated as f64) < amount)
        };
        if period == self.starts.len() {
            // In the last period: the same time at every later hour.
            return whole(base as f64 * self.factor(period));
        }
        let mut clock = 0.0; // time driven so far
        let mut left = base as f64; // free-flow time still to drive
        loop {
            let factor = self.factor(period);
            let needed = left * factor;
            match self.starts.get(period) {
                Some(&end) if (departure as f64 + clock + needed) > end as f64 => {
                    let driven = (end - departure) as f64 - clock;
                    left -= driven / factor;
                    clock += driven;
                    period += 1;
                }
                _ => return whole(clock + needed),
            }
        }
    }

    /// The latest departure over an arc whose time at factor 1 is `base`
    /// that arrives by `arrival` (the inverse of
    /// [`arrival`](Self::arrival), which never decreases).
    pub fn latest_departure(&self, arrival: i64, base: i64) -> i64 {
        if base <= 0 {
            return arrival;
        }
        // Drive back from `arrival` through the periods, then settle the
        // rounding against the forward function itself.
        let mut period = self.starts.partition_point(|&s| s < arrival);
        let mut clock = arrival as f64;
        let mut left = base as f64;
        let guess = loop {
            let factor = self.factor(period);
            let needed = left * factor;
            let begins = period.checked_sub(1).map(|k| self.starts[k] as f64);
            match begins {
                Some(begins) if clock - needed < begins => {
                    left -= (clock - begins) / factor;
                    clock = begins;
                    period -= 1;
                }
                _ => break (clock - needed).floor() as i64,
            }
        };
        let mut departure = guess;
        while self.arrival(departure, base) > arrival {
            departure -= 1;
        }
        while self.arrival(departure + 1, base) <= arrival {
            departure += 1;
        }
        departure
    }

    /// The factor of period `period` (0: before the first start).
    #[inline(always)]
    fn factor(&self, period: usize) -> f64 {
        match period {
            0 => 1.0,
            k => self.factors[k - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rush() -> Traffic {
        Traffic::new(vec![(420, 1.6), (600, 1.0), (960, 1.8), (1140, 1.0)])
    }

    #[test]
    fn factor_one_is_the_matrix() {
        let traffic = Traffic::new(vec![(100, 1.0)]);
        for departure in [0, 99, 100, 5000] {
            assert_eq!(traffic.travel_time(departure, 37), 37);
        }
        assert!(traffic.is_static());
        assert!(!rush().is_static());
    }

    #[test]
    fn an_arc_across_a_boundary_is_partly_slowed() {
        // 20 at factor 1 (400 -> 420), the remaining 30 at factor 1.6: 48.
        assert_eq!(rush().travel_time(400, 50), 68);
        assert_eq!(rush().travel_time(420, 50), 80);
        // Leaving the rush: 10 at 1.6 covers 6.25, the other 43.75 at 1.
        assert_eq!(rush().travel_time(590, 50), 54);
        assert_eq!(rush().factor_at(419), 1.0);
        assert_eq!(rush().factor_at(420), 1.6);
    }

    proptest! {
        /// Leaving later never means arriving earlier, and no arc takes
        /// less time than at the fastest factor or more than at the slowest.
        #[test]
        fn first_in_first_out(
            factors in proptest::collection::vec(0.3f64..4.0, 1..6),
            gaps in proptest::collection::vec(1i64..300, 6),
            departure in 0i64..2000,
            later in 0i64..200,
            base in 0i64..500,
        ) {
            let mut start = 0;
            let periods: Vec<(i64, f64)> = factors
                .iter()
                .zip(&gaps)
                .map(|(&factor, &gap)| {
                    start += gap;
                    (start, factor)
                })
                .collect();
            let traffic = Traffic::new(periods);
            let early = traffic.arrival(departure, base);
            let late = traffic.arrival(departure + later, base);
            prop_assert!(late >= early, "{early} then {late}");
            let fastest = factors.iter().copied().fold(1.0f64, f64::min);
            let slowest = factors.iter().copied().fold(1.0f64, f64::max);
            let time = traffic.travel_time(departure, base) as f64;
            prop_assert!(time >= (base as f64 * fastest).floor());
            prop_assert!(time <= (base as f64 * slowest).ceil() + 1.0);
            // The latest departure that arrives by a time is the inverse.
            let by = departure + later + base;
            let latest = traffic.latest_departure(by, base);
            prop_assert!(traffic.arrival(latest, base) <= by);
            prop_assert!(traffic.arrival(latest + 1, base) > by);
        }
    }
}
