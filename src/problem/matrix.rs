//! Travel matrices and the rounding conventions that turn Euclidean lengths
//! into integers.

/// How a Euclidean arc length (in instance units) becomes an integer.
///
/// The convention also fixes the *scale*: how many internal units make one
/// instance unit. Times (windows, service durations, shifts) are scaled by the
/// same factor, so that travel time equals distance where the instance says so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// DIMACS VRPTW convention: each arc truncated to one decimal, stored
    /// times ten. The Solomon best-known costs use it (R101 = 1637.7).
    #[default]
    Dimacs,
    /// Nearest integer (CVRPLIB X, TSPLIB `EUC_2D`), stored as is.
    Round,
    /// High precision for ordinary use: arcs times 1000, rounded.
    Precise,
    /// Values are used as given (scale 1); meant for explicit matrices.
    Exact,
}

impl Rounding {
    /// Internal units per instance unit.
    pub const fn scale(self) -> i64 {
        match self {
            Rounding::Dimacs => 10,
            Rounding::Round | Rounding::Exact => 1,
            Rounding::Precise => 1000,
        }
    }

    /// The integer arc value of a Euclidean length given in instance units.
    pub fn arc(self, length: f64) -> i64 {
        match self {
            // `as` truncates, which is `floor` for the non-negative lengths
            // (and avoids a library call on the hot path).
            Rounding::Dimacs if length >= 0.0 => (length * 10.0) as i64,
            Rounding::Dimacs => (length * 10.0).floor() as i64,
            Rounding::Round | Rounding::Exact => length.round() as i64,
            Rounding::Precise => (length * 1000.0).round() as i64,
        }
    }

    /// A time or other continuous value in instance units, in internal units
    /// (rounded to the nearest internal unit).
    pub fn scale_value(self, value: f64) -> i64 {
        (value * self.scale() as f64).round() as i64
    }

    /// The name used in reports and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Rounding::Dimacs => "dimacs",
            Rounding::Round => "round",
            Rounding::Precise => "precise",
            Rounding::Exact => "exact",
        }
    }
}

/// A square matrix of non-negative arc values: stored densely as `i32`
/// (the builder rejects values that do not fit), or, for large problems
/// given by coordinates, computed on demand from them (exactly the values
/// the dense matrix would hold, without its n² memory and cache misses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    size: usize,
    values: Vec<i32>,
    euclidean: Option<Box<Euclidean>>,
}

/// Arcs computed from coordinates: `rounding.arc(hypot(dx, dy))`, times
/// `factor` and rounded when there is one; the location `free` (the
/// virtual end of open routes) is at no distance from everywhere.
#[derive(Clone, Debug)]
struct Euclidean {
    x: Vec<f64>,
    y: Vec<f64>,
    rounding: Rounding,
    factor: Option<f64>,
    free: Option<usize>,
    /// Every coordinate is an integer of magnitude at most
    /// [`INTEGER_COORDINATES_UP_TO`]: squared lengths are exact, and the
    /// correctly rounded `sqrt` of one gives the same arc as `hypot` (see
    /// [`Euclidean::length`]).
    integer: bool,
}

/// Largest integer coordinate for the `sqrt` path of on-demand arcs.
const INTEGER_COORDINATES_UP_TO: f64 = 1e6;

impl PartialEq for Euclidean {
    fn eq(&self, other: &Euclidean) -> bool {
        let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        bits(&self.x) == bits(&other.x)
            && bits(&self.y) == bits(&other.y)
            && self.rounding == other.rounding
            && self.factor.map(f64::to_bits) == other.factor.map(f64::to_bits)
            && self.free == other.free
            && self.integer == other.integer
    }
}

impl Eq for Euclidean {}

impl Euclidean {
    // Kept out of line so that the dense lookup stays small enough to inline.
    #[inline(never)]
    fn get(&self, from: usize, to: usize) -> i64 {
        if self.free.is_some_and(|free| from == free || to == free) {
            return 0;
        }
        let arc = self.rounding.arc(self.length(from, to));
        match self.factor {
            Some(factor) => (arc as f64 * factor).round() as i64,
            None => arc,
        }
    }

    /// The Euclidean length of `from -> to`. With integer coordinates the
    /// squared length is exact and its `sqrt` correctly rounded; `hypot`
    /// may be one unit in the last place off, but the arc is the same:
    /// a rounding boundary `k / scale` (or `(k + 1/2) / scale`) is at least
    /// about `1 / (8 scale² length)` away from the square root of an
    /// integer, far more than a unit in the last place at these lengths.
    #[inline]
    fn length(&self, from: usize, to: usize) -> f64 {
        let (dx, dy) = (self.x[from] - self.x[to], self.y[from] - self.y[to]);
        if self.integer {
            (dx * dx + dy * dy).sqrt()
        } else {
            dx.hypot(dy)
        }
    }

    /// An upper bound of every arc: the diagonal of the bounding box.
    fn bound(&self) -> i64 {
        let span = |v: &[f64]| {
            let (lo, hi) = v
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &c| {
                    (lo.min(c), hi.max(c))
                });
            if hi >= lo {
                hi - lo
            } else {
                0.0
            }
        };
        let arc = self.rounding.arc(span(&self.x).hypot(span(&self.y)));
        match self.factor {
            Some(factor) => (arc as f64 * factor).round() as i64,
            None => arc,
        }
    }
}

impl Matrix {
    /// The most locations a problem may have (a dense matrix of 30,000²
    /// entries takes 3.6 GB).
    pub const MAX_LOCATIONS: usize = 30_000;

    /// The largest value a matrix entry may hold.
    pub const MAX_VALUE: i64 = i32::MAX as i64;

    /// From this many locations on, distances given by coordinates are
    /// computed on demand instead of stored (a dense matrix of this size
    /// takes 36 MB and no longer fits in the processor's caches).
    pub const ON_DEMAND_FROM: usize = 3_000;

    /// A matrix from row-major values; the caller guarantees
    /// `values.len() == size * size` and the range of each entry.
    pub(crate) fn from_values(size: usize, values: Vec<i32>) -> Matrix {
        debug_assert_eq!(values.len(), size * size);
        Matrix {
            size,
            values,
            euclidean: None,
        }
    }

    /// Euclidean arcs between `points`, computed on demand; `None` when
    /// some arc might not fit in [`MAX_VALUE`](Self::MAX_VALUE) (the
    /// caller then builds the dense matrix, which names the entry).
    pub(crate) fn euclidean(points: &[(f64, f64)], rounding: Rounding) -> Option<Matrix> {
        let integer = |c: f64| c.fract() == 0.0 && c.abs() <= INTEGER_COORDINATES_UP_TO;
        let euclidean = Euclidean {
            x: points.iter().map(|p| p.0).collect(),
            y: points.iter().map(|p| p.1).collect(),
            rounding,
            factor: None,
            free: None,
            integer: points.iter().all(|&(x, y)| integer(x) && integer(y)),
        };
        (euclidean.bound() <= Self::MAX_VALUE).then(|| Matrix {
            size: points.len(),
            values: Vec::new(),
            euclidean: Some(Box::new(euclidean)),
        })
    }

    /// True when the arcs are computed from coordinates on demand.
    pub fn is_on_demand(&self) -> bool {
        self.euclidean.is_some()
    }

    /// The matrix with one more location whose arcs to and from every
    /// location are 0 (the virtual end of open routes).
    pub(crate) fn with_free_location(&self) -> Matrix {
        let size = self.size + 1;
        if let Some(euclidean) = &self.euclidean {
            let mut euclidean = euclidean.clone();
            euclidean.x.push(0.0);
            euclidean.y.push(0.0);
            euclidean.free = Some(self.size);
            return Matrix {
                size,
                values: Vec::new(),
                euclidean: Some(euclidean),
            };
        }
        let mut values = Vec::with_capacity(size * size);
        for row in self.values.chunks(self.size.max(1)).take(self.size) {
            values.extend_from_slice(row);
            values.push(0);
        }
        values.resize(size * size, 0);
        Matrix::from_values(size, values)
    }

    /// Every entry multiplied by `factor` and rounded; an error names the
    /// first entry that no longer fits.
    pub(crate) fn scaled(
        &self,
        name: &'static str,
        factor: f64,
    ) -> Result<Matrix, crate::error::ModelError> {
        if let Some(euclidean) = &self.euclidean {
            if euclidean.factor.is_none() {
                let scaled = Euclidean {
                    factor: Some(factor),
                    ..(**euclidean).clone()
                };
                if scaled.bound() <= Self::MAX_VALUE {
                    return Ok(Matrix {
                        size: self.size,
                        values: Vec::new(),
                        euclidean: Some(Box::new(scaled)),
                    });
                }
            }
        }
        let mut values = Vec::with_capacity(self.size * self.size);
        for index in 0..self.size * self.size {
            let value = self.get(index / self.size.max(1), index % self.size.max(1));
            let scaled = (value as f64 * factor).round();
            if scaled > Self::MAX_VALUE as f64 {
                return Err(crate::error::ModelError::MatrixValue {
                    matrix: name,
                    from: index / self.size,
                    to: index % self.size,
                    value: scaled as i64,
                    max: Self::MAX_VALUE,
                });
            }
            values.push(scaled as i32);
        }
        Ok(Matrix::from_values(self.size, values))
    }

    /// Number of rows (and columns).
    pub fn size(&self) -> usize {
        self.size
    }

    /// The value of the arc `from -> to`.
    #[inline(always)]
    pub fn get(&self, from: usize, to: usize) -> i64 {
        match &self.euclidean {
            None => self.values[from * self.size + to] as i64,
            Some(euclidean) => euclidean.get(from, to),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimacs_truncates_to_one_decimal() {
        assert_eq!(Rounding::Dimacs.arc(2f64.sqrt()), 14);
        assert_eq!(Rounding::Dimacs.arc(5.0), 50);
        assert_eq!(Rounding::Dimacs.arc(3.99999), 39);
    }

    #[test]
    fn free_location_has_zero_arcs() {
        let m = Matrix::from_values(2, vec![0, 5, 7, 0]).with_free_location();
        assert_eq!(m.size(), 3);
        assert_eq!((m.get(0, 1), m.get(1, 0)), (5, 7));
        assert_eq!((m.get(0, 2), m.get(2, 1), m.get(2, 2)), (0, 0, 0));
    }

    #[test]
    fn on_demand_arcs_equal_the_dense_ones() {
        let points: [(f64, f64); 4] = [(0.0, 0.0), (3.0, 4.0), (10.5, -2.25), (1e-3, 7.0)];
        for rounding in [Rounding::Dimacs, Rounding::Round, Rounding::Precise] {
            let dense = Matrix::from_values(
                points.len(),
                points
                    .iter()
                    .flat_map(|a| points.iter().map(move |b| (a, b)))
                    .map(|(a, b)| rounding.arc((a.0 - b.0).hypot(a.1 - b.1)) as i32)
                    .collect(),
            );
            let lazy = Matrix::euclidean(&points, rounding).unwrap();
            assert!(lazy.is_on_demand());
            for (d, l) in [
                (dense.clone(), lazy.clone()),
                (dense.with_free_location(), lazy.with_free_location()),
                (
                    dense.scaled("t", 1.37).unwrap(),
                    lazy.scaled("t", 1.37).unwrap(),
                ),
            ] {
                assert_eq!(d.size(), l.size());
                for from in 0..d.size() {
                    for to in 0..d.size() {
                        assert_eq!(d.get(from, to), l.get(from, to), "{rounding:?} {from} {to}");
                    }
                }
            }
        }
        // Integer coordinates take the sqrt path: the same arcs as hypot.
        let mut grid = Vec::new();
        for x in 0..160 {
            for y in 0..160 {
                grid.push(((x * 7 % 1000) as f64, (y * 13 % 997) as f64 - 500.0));
            }
        }
        for rounding in [Rounding::Dimacs, Rounding::Round, Rounding::Precise] {
            let lazy = Matrix::euclidean(&grid, rounding).unwrap();
            assert!(lazy.euclidean.as_ref().unwrap().integer);
            for (from, a) in grid.iter().enumerate().step_by(7) {
                for (to, b) in grid.iter().enumerate() {
                    let expected = rounding.arc((a.0 - b.0).hypot(a.1 - b.1));
                    assert_eq!(lazy.get(from, to), expected, "{rounding:?} {a:?} {b:?}");
                }
            }
        }
        // Arcs that might not fit: no on-demand matrix.
        assert!(Matrix::euclidean(&[(0.0, 0.0), (3e9, 0.0)], Rounding::Round).is_none());
    }

    #[test]
    fn round_and_precise() {
        assert_eq!(Rounding::Round.arc(2.5), 3);
        assert_eq!(Rounding::Round.arc(2.49), 2);
        assert_eq!(Rounding::Precise.arc(2f64.sqrt()), 1414);
        assert_eq!(Rounding::Precise.scale_value(1.5), 1500);
        assert_eq!(Rounding::Dimacs.scale_value(161.0), 1610);
    }
}
