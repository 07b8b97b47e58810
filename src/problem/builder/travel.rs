//! Matrices from the builder's input (coordinates or explicit rows) and
//! the travel-time profiles derived from them.

use super::ProblemBuilder;
use crate::error::{Item, ModelError};
use crate::problem::matrix::{Matrix, Rounding};
use crate::problem::model::VehicleType;
use crate::problem::profile_matrix;
use crate::problem::Traffic;
use crate::units::MAX_TIME;

impl ProblemBuilder {
    /// The travel-time matrices of every profile: 0 the problem's own
    /// times (empty when they are the distances), then the explicit
    /// profiles, then one per distinct (base profile, speed factor other
    /// than 1). Sets each vehicle type's `profile`. With
    /// `has_free_location`, explicit profiles get the free location of
    /// open routes (the other matrices have it already). Also returns the
    /// profile given to the builder that each profile derives from (its
    /// traffic is that profile's).
    pub(super) fn travel_profiles(
        &self,
        vehicle_types: &mut [VehicleType],
        distances: &Matrix,
        durations: Option<Matrix>,
        has_free_location: bool,
    ) -> Result<(Vec<Matrix>, Vec<usize>), ModelError> {
        let locations = self.coordinates.len();
        let explicit_durations = durations.is_some();
        let mut times = vec![durations.unwrap_or_else(|| Matrix::from_values(0, Vec::new()))];
        for rows in &self.travel_profiles {
            let matrix = explicit_matrix("travel profile", rows, locations)?;
            times.push(if has_free_location {
                matrix.with_free_location()
            } else {
                matrix
            });
        }
        let explicit_profiles = self.travel_profiles.len();
        let mut derived: Vec<(usize, f64)> = Vec::new();
        for (index, vehicle_type) in vehicle_types.iter_mut().enumerate() {
            let base = vehicle_type.travel_profile;
            if base > explicit_profiles {
                return Err(ModelError::UnknownTravelProfile {
                    item: Item::VehicleType(index),
                    profile: base,
                    count: explicit_profiles,
                });
            }
            let factor = vehicle_type.speed_factor;
            if factor == 1.0 {
                vehicle_type.profile = base;
                continue;
            }
            let index = match derived.iter().position(|&d| d == (base, factor)) {
                Some(index) => index,
                None => {
                    let matrix = profile_matrix(distances, &times, explicit_durations, base);
                    let scaled = matrix.scaled("duration", factor)?;
                    times.push(scaled);
                    derived.push((base, factor));
                    derived.len() - 1
                }
            };
            vehicle_type.profile = 1 + explicit_profiles + index;
        }
        let bases = (0..=explicit_profiles)
            .chain(derived.iter().map(|&(base, _)| base))
            .collect();
        Ok((times, bases))
    }

    /// The traffic of every profile (see `travel_profiles` for `bases`),
    /// validated: known profiles, each given once, starts increasing and
    /// in range, factors in range.
    pub(super) fn traffic_by_profile(&self, bases: &[usize]) -> Result<Vec<Traffic>, ModelError> {
        let explicit_profiles = self.travel_profiles.len();
        let mut given: Vec<Option<Traffic>> = vec![None; explicit_profiles + 1];
        for (profile, periods) in &self.traffic {
            let traffic = validated_traffic(self.rounding, *profile, periods, explicit_profiles)?;
            if given[*profile].is_some() {
                return Err(ModelError::InvalidTraffic {
                    profile: *profile,
                    period: 0,
                    message: "traffic given twice for the profile".into(),
                });
            }
            given[*profile] = Some(traffic);
        }
        Ok(bases
            .iter()
            .map(|&base| given[base].clone().unwrap_or_else(Traffic::none))
            .collect())
    }

    pub(super) fn euclidean_matrix(&self) -> Result<Matrix, ModelError> {
        let n = self.coordinates.len();
        let points = self
            .coordinates
            .iter()
            .enumerate()
            .map(|(location, c)| c.ok_or(ModelError::MissingCoordinates { location }))
            .collect::<Result<Vec<_>, _>>()?;
        if n >= Matrix::ON_DEMAND_FROM {
            if let Some(matrix) = Matrix::euclidean(&points, self.rounding) {
                return Ok(matrix);
            }
        }
        let mut values = Vec::with_capacity(n * n);
        for (from, &(x1, y1)) in points.iter().enumerate() {
            for (to, &(x2, y2)) in points.iter().enumerate() {
                let value = self.rounding.arc((x1 - x2).hypot(y1 - y2));
                values.push(matrix_entry("distance", from, to, value)?);
            }
        }
        Ok(Matrix::from_values(n, values))
    }
}

pub(super) fn matrix_entry(
    matrix: &'static str,
    from: usize,
    to: usize,
    value: i64,
) -> Result<i32, ModelError> {
    if (0..=Matrix::MAX_VALUE).contains(&value) {
        Ok(value as i32)
    } else {
        Err(ModelError::MatrixValue {
            matrix,
            from,
            to,
            value,
            max: Matrix::MAX_VALUE,
        })
    }
}

pub(super) fn explicit_matrix(
    matrix: &'static str,
    rows: &[Vec<i64>],
    size: usize,
) -> Result<Matrix, ModelError> {
    if rows.len() != size {
        return Err(ModelError::MatrixRows {
            matrix,
            expected: size,
            found: rows.len(),
        });
    }
    let mut values = Vec::with_capacity(size * size);
    for (from, row) in rows.iter().enumerate() {
        if row.len() != size {
            return Err(ModelError::MatrixShape {
                matrix,
                row: from,
                expected: size,
                found: row.len(),
            });
        }
        for (to, &value) in row.iter().enumerate() {
            values.push(matrix_entry(matrix, from, to, value)?);
        }
    }
    Ok(Matrix::from_values(size, values))
}

/// Traffic periods of profile `profile` as (start in instance units,
/// factor), validated (the profile one of `explicit_profiles` added or 0,
/// starts increasing and in range, factors in range) and converted to
/// internal units.
pub(in crate::problem) fn validated_traffic(
    rounding: Rounding,
    profile: usize,
    periods: &[(f64, f64)],
    explicit_profiles: usize,
) -> Result<Traffic, ModelError> {
    let invalid = |period: usize, message: String| ModelError::InvalidTraffic {
        profile,
        period,
        message,
    };
    if profile > explicit_profiles {
        return Err(invalid(
            0,
            format!("no such travel profile ({explicit_profiles} added)"),
        ));
    }
    let mut internal = Vec::with_capacity(periods.len());
    let mut previous: Option<i64> = None;
    for (period, &(start, factor)) in periods.iter().enumerate() {
        if !start.is_finite() || start < 0.0 {
            return Err(invalid(period, format!("start {start} is not a time")));
        }
        let at = rounding.scale_value(start);
        if at > MAX_TIME {
            return Err(invalid(period, format!("start {start} is out of range")));
        }
        if previous.is_some_and(|p| at <= p) {
            return Err(invalid(
                period,
                format!("start {start} is not after the previous period's"),
            ));
        }
        if !(Traffic::MIN_FACTOR..=Traffic::MAX_FACTOR).contains(&factor) {
            return Err(invalid(
                period,
                format!(
                    "factor {factor} is outside {}..={}",
                    Traffic::MIN_FACTOR,
                    Traffic::MAX_FACTOR
                ),
            ));
        }
        previous = Some(at);
        internal.push((at, factor));
    }
    Ok(Traffic::new(internal))
}
