//! Validation of the builder's input: every value in range, every
//! reference known, with errors that name the item and field.

use super::spec::{BreakSpec, JobSpec, VehicleTypeSpec};
use super::ProblemBuilder;
use crate::error::{Item, ModelError};
use crate::problem::model::{
    BreakRule, Job, Lateness, LocationId, Place, Skills, TimeWindow, VehicleCosts, VehicleType,
    MAX_BREAKS,
};
use crate::units::{Distance, Duration, Load, MAX_DIMENSIONS, MAX_TIME, MAX_TOTAL_LOAD};

impl ProblemBuilder {
    /// Every skill named by a vehicle type or a job, numbered in order of
    /// first appearance (vehicle types first).
    pub(super) fn skill_names(&self) -> Result<Vec<String>, ModelError> {
        let mut names: Vec<String> = Vec::new();
        let named = self
            .vehicle_types
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.skills.iter().map(move |s| (Item::VehicleType(i), s)))
            .chain(
                self.jobs
                    .iter()
                    .enumerate()
                    .flat_map(|(i, j)| j.skills.iter().map(move |s| (Item::Job(i), s))),
            );
        for (item, name) in named {
            if name.trim().is_empty() {
                return Err(ModelError::EmptySkillName { item });
            }
            if !names.contains(name) {
                if names.len() == Skills::MAX {
                    return Err(ModelError::TooManySkills {
                        item,
                        max: Skills::MAX,
                    });
                }
                names.push(name.clone());
            }
        }
        Ok(names)
    }

    /// The number of capacity dimensions, taken from the first vehicle type.
    pub(super) fn fleet_dimensions(&self) -> Result<usize, ModelError> {
        let first = self.vehicle_types.first().ok_or(ModelError::EmptyFleet)?;
        let dimensions = first.capacity.len();
        if dimensions > MAX_DIMENSIONS {
            return Err(ModelError::TooManyDimensions {
                item: Item::VehicleType(0),
                found: dimensions,
                max: MAX_DIMENSIONS,
            });
        }
        Ok(dimensions)
    }

    pub(super) fn check_location(
        &self,
        item: Item,
        location: LocationId,
    ) -> Result<(), ModelError> {
        if location.0 < self.coordinates.len() {
            Ok(())
        } else {
            Err(ModelError::UnknownLocation {
                item,
                location: location.0,
                count: self.coordinates.len(),
            })
        }
    }

    pub(super) fn time_window(
        &self,
        item: Item,
        window: Option<(f64, f64)>,
    ) -> Result<TimeWindow, ModelError> {
        let Some((start, end)) = window else {
            return Ok(TimeWindow::UNBOUNDED);
        };
        for (field, value) in [("time window start", start), ("time window end", end)] {
            if value.is_nan() || (field.ends_with("start") && value.is_infinite()) {
                return Err(ModelError::NonFiniteValue { item, field, value });
            }
        }
        if start < 0.0 || start > end {
            return Err(ModelError::InvalidTimeWindow { item, start, end });
        }
        let start = self.time_value(item, "time window start", start)?;
        // An end beyond the supported range is no end at all.
        let end = if end.is_infinite() || self.rounding.scale_value(end) >= MAX_TIME {
            Duration::UNBOUNDED
        } else {
            Duration(self.rounding.scale_value(end))
        };
        Ok(TimeWindow { start, end })
    }

    /// A time value (a window start, a service time) in internal units:
    /// finite, not negative and at most [`MAX_TIME`].
    pub(super) fn time_value(
        &self,
        item: Item,
        field: &'static str,
        value: f64,
    ) -> Result<Duration, ModelError> {
        let value = non_negative(item, field, value)?;
        let scaled = self.rounding.scale_value(value);
        if scaled > MAX_TIME {
            return Err(ModelError::ValueTooLarge {
                item,
                field,
                value,
                max: MAX_TIME as f64 / self.rounding.scale() as f64,
            });
        }
        Ok(Duration(scaled))
    }

    pub(super) fn amounts(
        &self,
        item: Item,
        amounts: &[i64],
        dimensions: usize,
        allow_empty: bool,
    ) -> Result<Load, ModelError> {
        if amounts.len() > MAX_DIMENSIONS {
            return Err(ModelError::TooManyDimensions {
                item,
                found: amounts.len(),
                max: MAX_DIMENSIONS,
            });
        }
        if amounts.len() != dimensions && !(allow_empty && amounts.is_empty()) {
            return Err(ModelError::DimensionMismatch {
                item,
                expected: dimensions,
                found: amounts.len(),
            });
        }
        Ok(Load::new(amounts))
    }

    pub(super) fn validate_vehicle_type(
        &self,
        index: usize,
        spec: &VehicleTypeSpec,
        dimensions: usize,
    ) -> Result<VehicleType, ModelError> {
        let item = Item::VehicleType(index);
        self.check_location(item, spec.start_depot)?;
        let end_depot = spec.end_depot.unwrap_or(spec.start_depot);
        self.check_location(item, end_depot)?;
        let capacity = self.amounts(item, &spec.capacity, dimensions, false)?;
        if let Some((dimension, &value)) = spec.capacity.iter().enumerate().find(|(_, &v)| v < 0) {
            return Err(ModelError::NegativeCapacity {
                item,
                dimension,
                value,
            });
        }
        let mut reload_depots = Vec::with_capacity(spec.reload_depots.len());
        for &depot in &spec.reload_depots {
            self.check_location(item, depot)?;
            if !reload_depots.contains(&depot) {
                reload_depots.push(depot);
            }
        }
        Ok(VehicleType {
            reload_depots,
            max_reloads: spec.max_reloads,
            count: spec.count,
            capacity,
            start_depot: spec.start_depot,
            end_depot,
            open_end: false,
            speed_factor: positive(item, "speed factor", spec.speed_factor)?,
            travel_profile: spec.travel_profile,
            profile: 0,
            shift: self.time_window(item, spec.shift)?,
            skills: Skills::NONE,
            max_distance: self
                .limit(item, "maximum distance", spec.max_distance)?
                .map(Distance),
            max_duration: self
                .limit(item, "maximum duration", spec.max_duration)?
                .map(Duration),
            breaks: self.breaks(item, spec)?,
            max_stops: match spec.max_stops {
                Some(0) => {
                    return Err(ModelError::NotPositive {
                        item,
                        field: "maximum stops",
                        value: 0.0,
                    })
                }
                stops => stops,
            },
            co2_per_distance: non_negative(item, "CO2 per distance", spec.co2_per_distance)?,
            costs: VehicleCosts {
                fixed: non_negative(item, "fixed cost", spec.costs.fixed)?,
                per_distance: non_negative(item, "cost per distance", spec.costs.per_distance)?,
                per_time: non_negative(item, "cost per time", spec.costs.per_time)?,
                overtime: match spec.costs.overtime {
                    Some((after, cost)) => {
                        self.time_value(item, "overtime after", after)?;
                        Some((after, non_negative(item, "overtime cost", cost)?))
                    }
                    None => None,
                },
            },
        })
    }

    /// The driver breaks of a vehicle type, in internal units.
    fn breaks(&self, item: Item, spec: &VehicleTypeSpec) -> Result<Vec<BreakRule>, ModelError> {
        let shift = self.time_window(item, spec.shift)?;
        let invalid = |index: usize, message: String| ModelError::InvalidBreak {
            item,
            index,
            message,
        };
        if spec.breaks.len() > MAX_BREAKS {
            return Err(invalid(
                MAX_BREAKS,
                format!("at most {MAX_BREAKS} breaks per vehicle type"),
            ));
        }
        let positive_time = |index: usize, field: &str, value: f64| {
            if !(value.is_finite() && value > 0.0) {
                return Err(invalid(
                    index,
                    format!("{field} {value} must be above zero"),
                ));
            }
            let scaled = self.rounding.scale_value(value);
            if scaled > MAX_TIME {
                return Err(invalid(index, format!("{field} {value} is too large")));
            }
            Ok(Duration(scaled.max(1)))
        };
        let mut rules = Vec::with_capacity(spec.breaks.len());
        for (index, &rule) in spec.breaks.iter().enumerate() {
            rules.push(match rule {
                BreakSpec::Window {
                    start,
                    end,
                    duration,
                } => {
                    if !(start.is_finite() && start >= 0.0 && !end.is_nan() && start <= end) {
                        return Err(invalid(
                            index,
                            format!(
                                "window [{start}, {end}] is out of order, negative or not finite"
                            ),
                        ));
                    }
                    let window = self.time_window(item, Some((start, end)))?;
                    if window.end < shift.start || window.start > shift.end {
                        return Err(invalid(
                            index,
                            format!("window [{start}, {end}] lies outside the shift"),
                        ));
                    }
                    BreakRule::Window {
                        window,
                        duration: positive_time(index, "duration", duration)?,
                    }
                }
                BreakSpec::Driving {
                    max_driving,
                    duration,
                } => {
                    if rules.iter().any(|r| matches!(r, BreakRule::Driving { .. })) {
                        return Err(invalid(index, "a second driving rule".into()));
                    }
                    BreakRule::Driving {
                        max_driving: positive_time(index, "maximum driving", max_driving)?,
                        duration: positive_time(index, "duration", duration)?,
                    }
                }
            });
        }
        Ok(rules)
    }

    /// A route limit in internal units: finite and not negative.
    pub(super) fn limit(
        &self,
        item: Item,
        field: &'static str,
        value: Option<f64>,
    ) -> Result<Option<i64>, ModelError> {
        let Some(value) = value else {
            return Ok(None);
        };
        Ok(Some(
            self.rounding.scale_value(non_negative(item, field, value)?),
        ))
    }

    pub(super) fn validate_job(
        &self,
        index: usize,
        spec: &JobSpec,
        dimensions: usize,
    ) -> Result<Job, ModelError> {
        let item = Item::Job(index);
        self.check_location(item, spec.location)?;
        let demand = self.amounts(item, &spec.demand, dimensions, true)?;
        let pickup = self.amounts(item, &spec.pickup, dimensions, true)?;
        for (kind, amounts) in [("demand", &spec.demand), ("pickup", &spec.pickup)] {
            if let Some((dimension, &value)) = amounts.iter().enumerate().find(|(_, &v)| v < 0) {
                return Err(ModelError::NegativeDemand {
                    item,
                    kind,
                    dimension,
                    value,
                });
            }
        }
        let service = self.time_value(item, "service time", spec.service)?;
        let alternatives = spec
            .alternatives
            .iter()
            .map(|&(location, window)| {
                self.check_location(item, location)?;
                Ok(Place {
                    location,
                    time_window: self.time_window(item, window)?,
                })
            })
            .collect::<Result<Vec<_>, ModelError>>()?;
        if let Some(vehicle_type) = spec.vehicle_type {
            if vehicle_type.0 >= self.vehicle_types.len() {
                return Err(ModelError::UnknownVehicleType {
                    item,
                    vehicle_type: vehicle_type.0,
                    count: self.vehicle_types.len(),
                });
            }
        }
        let preferred_vehicle_type = match spec.preferred_vehicle_type {
            Some((vehicle_type, penalty)) => {
                if vehicle_type.0 >= self.vehicle_types.len() {
                    return Err(ModelError::UnknownVehicleType {
                        item,
                        vehicle_type: vehicle_type.0,
                        count: self.vehicle_types.len(),
                    });
                }
                Some((
                    vehicle_type,
                    non_negative(item, "preference penalty", penalty)?,
                ))
            }
            None => None,
        };
        if alternatives.len() >= u8::MAX as usize {
            return Err(ModelError::TooManyAlternatives {
                item,
                found: alternatives.len(),
                max: u8::MAX as usize - 1,
            });
        }
        let lateness = match spec.lateness {
            Some((max, cost)) => Some(Lateness {
                max: self.time_value(item, "maximum lateness", max)?,
                cost: non_negative(item, "lateness cost", cost)?,
            }),
            None => None,
        };
        // Service may start until the window closes plus the lateness
        // accepted (`Job::due` is where the cost begins).
        let with_lateness = |mut window: TimeWindow| {
            if let Some(late) = lateness {
                if window.end < Duration::UNBOUNDED {
                    window.end = (window.end + late.max).min(Duration(MAX_TIME));
                }
            }
            window
        };
        let alternatives = alternatives
            .into_iter()
            .map(|place| Place {
                time_window: with_lateness(place.time_window),
                ..place
            })
            .collect();
        Ok(Job {
            release: self.time_value(item, "release time", spec.release)?,
            location: spec.location,
            demand,
            pickup,
            time_window: with_lateness(self.time_window(item, spec.time_window)?),
            alternatives,
            lateness,
            service,
            skills: Skills::NONE,
            vehicle_type: spec.vehicle_type,
            preferred_vehicle_type,
            penalty: spec
                .penalty
                .map(|p| non_negative(item, "penalty", p))
                .transpose()?,
        })
    }
}

/// Rejects problems whose jobs together deliver plus pick up more than
/// [`MAX_TOTAL_LOAD`] in some dimension.
pub(super) fn check_total_load(jobs: &[Job]) -> Result<(), ModelError> {
    for dimension in 0..MAX_DIMENSIONS {
        let total = jobs.iter().fold(0i64, |sum, job| {
            sum.saturating_add(job.demand.get(dimension))
                .saturating_add(job.pickup.get(dimension))
        });
        if total > MAX_TOTAL_LOAD {
            return Err(ModelError::TotalLoadTooLarge {
                dimension,
                total,
                max: MAX_TOTAL_LOAD,
            });
        }
    }
    Ok(())
}

/// `value` when it is finite and above zero.
pub(super) fn positive(item: Item, field: &'static str, value: f64) -> Result<f64, ModelError> {
    let value = non_negative(item, field, value)?;
    if value == 0.0 {
        return Err(ModelError::NotPositive { item, field, value });
    }
    Ok(value)
}

/// `value` when it is finite and not negative.
pub(super) fn non_negative(item: Item, field: &'static str, value: f64) -> Result<f64, ModelError> {
    if !value.is_finite() {
        return Err(ModelError::NonFiniteValue { item, field, value });
    }
    if value < 0.0 {
        return Err(ModelError::NegativeDuration { item, field, value });
    }
    Ok(value)
}
