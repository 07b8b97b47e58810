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

/// A dense square matrix of non-negative arc values, stored compactly as
/// `i32` (the builder rejects values that do not fit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    size: usize,
    values: Vec<i32>,
}

impl Matrix {
    /// The most locations a dense matrix may have (30,000² entries = 3.6 GB).
    pub const MAX_LOCATIONS: usize = 30_000;

    /// The largest value a matrix entry may hold.
    pub const MAX_VALUE: i64 = i32::MAX as i64;

    /// A matrix from row-major values; the caller guarantees
    /// `values.len() == size * size` and the range of each entry.
    pub(crate) fn from_values(size: usize, values: Vec<i32>) -> Matrix {
        debug_assert_eq!(values.len(), size * size);
        Matrix { size, values }
    }

    /// The matrix with one more location whose arcs to and from every
    /// location are 0 (the virtual end of open routes).
    pub(crate) fn with_free_location(&self) -> Matrix {
        let size = self.size + 1;
        let mut values = Vec::with_capacity(size * size);
        for row in self.values.chunks(self.size.max(1)).take(self.size) {
            values.extend_from_slice(row);
            values.push(0);
        }
        values.resize(size * size, 0);
        Matrix { size, values }
    }

    /// Every entry multiplied by `factor` and rounded; an error names the
    /// first entry that no longer fits.
    pub(crate) fn scaled(
        &self,
        name: &'static str,
        factor: f64,
    ) -> Result<Matrix, crate::error::ModelError> {
        let mut values = Vec::with_capacity(self.values.len());
        for (index, &value) in self.values.iter().enumerate() {
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
        Ok(Matrix {
            size: self.size,
            values,
        })
    }

    /// Number of rows (and columns).
    pub fn size(&self) -> usize {
        self.size
    }

    /// The value of the arc `from -> to`.
    #[inline]
    pub fn get(&self, from: usize, to: usize) -> i64 {
        self.values[from * self.size + to] as i64
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
    fn round_and_precise() {
        assert_eq!(Rounding::Round.arc(2.5), 3);
        assert_eq!(Rounding::Round.arc(2.49), 2);
        assert_eq!(Rounding::Precise.arc(2f64.sqrt()), 1414);
        assert_eq!(Rounding::Precise.scale_value(1.5), 1500);
        assert_eq!(Rounding::Dimacs.scale_value(161.0), 1610);
    }
}
