//! Integer units: [`Distance`], [`Duration`] and [`Cost`] are newtypes over
//! `i64`, and [`Load`] is a small fixed vector of per-dimension amounts.
//!
//! All arithmetic inside the solver is exact. A [`crate::Rounding`] convention
//! fixes how many internal units make one unit of the instance (for example
//! the DIMACS convention stores every arc length times ten).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// An `i64` newtype; `$add` and `$sub` are its sum and difference.
macro_rules! integer_unit {
    ($(#[$doc:meta])* $name:ident, $add:ident, $sub:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub i64);

        impl $name {
            /// Zero.
            pub const ZERO: $name = $name(0);
            /// A value large enough to stand for "unbounded" while leaving
            /// room for sums of several such values without overflow.
            pub const UNBOUNDED: $name = $name(i64::MAX / 8);

            /// The raw integer value in internal units.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl Add for $name {
            type Output = $name;
            #[inline]
            fn add(self, rhs: $name) -> $name {
                $name(i64::$add(self.0, rhs.0))
            }
        }

        impl Sub for $name {
            type Output = $name;
            #[inline]
            fn sub(self, rhs: $name) -> $name {
                $name(i64::$sub(self.0, rhs.0))
            }
        }

        impl Neg for $name {
            type Output = $name;
            fn neg(self) -> $name {
                $name(-self.0)
            }
        }

        impl AddAssign for $name {
            #[inline]
            fn add_assign(&mut self, rhs: $name) {
                *self = *self + rhs;
            }
        }

        impl SubAssign for $name {
            #[inline]
            fn sub_assign(&mut self, rhs: $name) {
                *self = *self - rhs;
            }
        }

        impl Sum for $name {
            fn sum<I: Iterator<Item = $name>>(iter: I) -> $name {
                iter.fold($name::ZERO, |a, b| a + b)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

// Distances and times stay far from the limits for any problem the builder
// accepts (see MAX_TIME), so their arithmetic is plain (the search's hot
// path; test builds check it for overflow). Costs saturate: under absurd
// cost rates a plan is merely as dear as can be.
integer_unit!(
    /// A travelled distance in internal units.
    Distance,
    add,
    sub
);
integer_unit!(
    /// A duration, or a point in time measured from the start of the horizon,
    /// in internal units.
    Duration,
    add,
    sub
);
integer_unit!(
    /// A cost in internal units (sums and differences saturate).
    Cost,
    saturating_add,
    saturating_sub
);

/// The largest time value a problem may hold, in internal units: window
/// and shift starts and service times above it are rejected by the builder,
/// and window or shift ends at or above it mean "no end". Arcs are bounded
/// the same way ([`Matrix::MAX_VALUE`](crate::problem::Matrix::MAX_VALUE)),
/// so with at most [`Matrix::MAX_LOCATIONS`](crate::problem::Matrix::MAX_LOCATIONS)
/// stops no time or distance sum of a plan comes near `i64::MAX`.
///
/// In instance units this is 214,748,364.7 under [`Rounding::Dimacs`](crate::Rounding::Dimacs),
/// 2,147,483,647 under `Round` and `Exact`, and 2,147,483.647 under `Precise`.
pub const MAX_TIME: i64 = i32::MAX as i64;

/// The most a route's penalised cost may count in the search: larger costs
/// (absurd penalty weights times absurd violations) saturate here, so that
/// sums over every route of a plan and differences of such sums never
/// overflow. Far above the cost of any real route.
pub const MAX_ROUTE_COST: i64 = i64::MAX >> 16;

/// The most capacity dimensions (weight, volume, ...) a problem may use.
pub const MAX_DIMENSIONS: usize = 4;

/// The most all jobs of a problem together may deliver plus pick up in one
/// dimension (the search sums loads as `i32`); the builder rejects more.
pub const MAX_TOTAL_LOAD: i64 = i32::MAX as i64;

/// An amount per capacity dimension: a job's demand, a vehicle's capacity or
/// the load carried on a route. Dimensions a problem does not use stay zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Load([i64; MAX_DIMENSIONS]);

impl Load {
    /// The zero load.
    pub const ZERO: Load = Load([0; MAX_DIMENSIONS]);

    /// A load from per-dimension amounts; missing trailing dimensions are zero.
    ///
    /// # Panics
    /// If more than [`MAX_DIMENSIONS`] amounts are given. The problem builder
    /// checks this and returns an error instead.
    pub fn new(amounts: &[i64]) -> Load {
        assert!(
            amounts.len() <= MAX_DIMENSIONS,
            "at most {MAX_DIMENSIONS} capacity dimensions are supported"
        );
        let mut values = [0; MAX_DIMENSIONS];
        values[..amounts.len()].copy_from_slice(amounts);
        Load(values)
    }

    /// The amount in dimension `dimension`.
    pub fn get(&self, dimension: usize) -> i64 {
        self.0[dimension]
    }

    /// All dimensions, including unused (zero) ones.
    pub fn as_array(&self) -> &[i64; MAX_DIMENSIONS] {
        &self.0
    }

    /// True when every dimension of `self` is at most the one of `capacity`.
    #[inline]
    pub fn fits_in(&self, capacity: &Load) -> bool {
        self.0.iter().zip(capacity.0.iter()).all(|(l, c)| l <= c)
    }

    /// The larger amount of `self` and `other` in every dimension.
    #[inline]
    pub fn max_per_dimension(&self, other: &Load) -> Load {
        let mut values = self.0;
        for (a, b) in values.iter_mut().zip(other.0.iter()) {
            *a = (*a).max(*b);
        }
        Load(values)
    }

    /// The sum over dimensions of the amount by which `self` exceeds `capacity`.
    #[inline]
    pub fn excess_over(&self, capacity: &Load) -> i64 {
        self.0
            .iter()
            .zip(capacity.0.iter())
            .map(|(l, c)| (l - c).max(0))
            .sum()
    }
}

impl Add for Load {
    type Output = Load;
    fn add(mut self, rhs: Load) -> Load {
        self += rhs;
        self
    }
}

impl AddAssign for Load {
    fn add_assign(&mut self, rhs: Load) {
        for (a, b) in self.0.iter_mut().zip(rhs.0.iter()) {
            *a += b;
        }
    }
}

impl Sub for Load {
    type Output = Load;
    fn sub(mut self, rhs: Load) -> Load {
        for (a, b) in self.0.iter_mut().zip(rhs.0.iter()) {
            *a -= b;
        }
        self
    }
}

impl Sum for Load {
    fn sum<I: Iterator<Item = Load>>(iter: I) -> Load {
        iter.fold(Load::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_arithmetic_and_fit() {
        let a = Load::new(&[3, 4]);
        let b = Load::new(&[1, 1]);
        assert_eq!((a + b).get(0), 4);
        assert_eq!((a - b).get(1), 3);
        assert!(b.fits_in(&a));
        assert!(!a.fits_in(&b));
        assert_eq!(a.excess_over(&b), 2 + 3);
        assert_eq!([a, b].into_iter().sum::<Load>(), Load::new(&[4, 5]));
        assert_eq!(
            Load::new(&[3, 1]).max_per_dimension(&Load::new(&[2, 5])),
            Load::new(&[3, 5])
        );
    }

    #[test]
    fn unit_arithmetic() {
        let d: Distance = [Distance(2), Distance(3)].into_iter().sum();
        assert_eq!(d, Distance(5));
        assert_eq!(Duration(7) - Duration(9), Duration(-2));
        assert!(Cost::UNBOUNDED.get() * 4 > 0);
    }
}
