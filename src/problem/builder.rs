//! [`ProblemBuilder`]: collects locations, jobs and vehicle types in instance
//! units, validates them, and builds an immutable [`Problem`].

use super::matrix::{Matrix, Rounding};
use super::model::{
    Job, JobId, LocationId, Place, Skills, TimeWindow, VehicleCosts, VehicleType, VehicleTypeId,
};
use super::{Problem, ProblemData};
use crate::error::{Item, ModelError};
use crate::units::{Distance, Duration, Load, MAX_DIMENSIONS, MAX_TIME, MAX_TOTAL_LOAD};
use std::sync::Arc;

/// A job as given to the builder, with times in instance units.
///
/// ```
/// use lastmile::{JobSpec, LocationId};
/// let job = JobSpec::at(LocationId(1))
///     .demand(&[10])
///     .time_window(161.0, 171.0)
///     .service(10.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct JobSpec {
    location: LocationId,
    demand: Vec<i64>,
    pickup: Vec<i64>,
    time_window: Option<(f64, f64)>,
    service: f64,
    skills: Vec<String>,
    penalty: Option<f64>,
    alternatives: Vec<(LocationId, Option<(f64, f64)>)>,
}

impl JobSpec {
    /// A job at `location` with no demand, no time window and no service time.
    pub fn at(location: LocationId) -> JobSpec {
        JobSpec {
            location,
            demand: Vec::new(),
            pickup: Vec::new(),
            time_window: None,
            service: 0.0,
            skills: Vec::new(),
            penalty: None,
            alternatives: Vec::new(),
        }
    }

    /// Amount delivered per capacity dimension (an empty slice means zero
    /// everywhere): loaded at the start depot and dropped at the job.
    pub fn demand(mut self, amounts: &[i64]) -> JobSpec {
        self.demand = amounts.to_vec();
        self
    }

    /// Amount picked up per capacity dimension (a return; an empty slice
    /// means zero everywhere): collected at the job and carried to the end
    /// depot. A job may both deliver and pick up (a swap); the load on
    /// board must stay within capacity all along the route.
    ///
    /// ```
    /// use lastmile::{JobSpec, LocationId};
    /// // A 4 kg return collected from a customer.
    /// let parcel_return = JobSpec::at(LocationId(6)).pickup(&[4]);
    /// ```
    pub fn pickup(mut self, amounts: &[i64]) -> JobSpec {
        self.pickup = amounts.to_vec();
        self
    }

    /// The window in which service must start; `end` may be `f64::INFINITY`.
    pub fn time_window(mut self, start: f64, end: f64) -> JobSpec {
        self.time_window = Some((start, end));
        self
    }

    /// Delivery slots the customer accepts, first choice first: the first
    /// becomes the job's time window, the others alternatives at the same
    /// location (the solver serves the job in one of them).
    ///
    /// ```
    /// use lastmile::{JobSpec, LocationId};
    /// // 9-11 preferred, 14-16 also fine (minutes after midnight).
    /// let slots = JobSpec::at(LocationId(2)).time_windows(&[(540.0, 660.0), (840.0, 960.0)]);
    /// ```
    pub fn time_windows(mut self, slots: &[(f64, f64)]) -> JobSpec {
        if let Some((&first, rest)) = slots.split_first() {
            self.time_window = Some(first);
            let location = self.location;
            self.alternatives
                .extend(rest.iter().map(|&slot| (location, Some(slot))));
        }
        self
    }

    /// Another place the job may be served at instead, with its own window
    /// (`None`: any time), e.g. a parcel locker. Alternatives are kept in
    /// the order given; the solver picks the cheapest feasible place.
    ///
    /// ```
    /// use lastmile::{JobSpec, LocationId};
    /// let parcel = JobSpec::at(LocationId(5))
    ///     .time_window(600.0, 720.0)
    ///     .alternative(LocationId(9), None); // the locker round the corner
    /// ```
    pub fn alternative(mut self, location: LocationId, window: Option<(f64, f64)>) -> JobSpec {
        self.alternatives.push((location, window));
        self
    }

    /// Service duration.
    pub fn service(mut self, duration: f64) -> JobSpec {
        self.service = duration;
        self
    }

    /// Skills the serving vehicle must have (names are free text; the
    /// builder numbers them).
    ///
    /// ```
    /// use lastmile::{JobSpec, LocationId};
    /// let frozen = JobSpec::at(LocationId(3)).skills(&["freezer"]);
    /// ```
    pub fn skills(mut self, names: &[&str]) -> JobSpec {
        self.skills = names.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Makes the job optional: the solver may leave it out, at cost
    /// `penalty` (currency under the cost objective, instance distance
    /// units under the distance objective), when serving it costs more.
    /// Jobs are mandatory by default.
    ///
    /// ```
    /// use lastmile::{JobSpec, LocationId};
    /// let flyer = JobSpec::at(LocationId(4)).optional(12.5);
    /// ```
    pub fn optional(mut self, penalty: f64) -> JobSpec {
        self.penalty = Some(penalty);
        self
    }
}

/// A vehicle type as given to the builder, with times in instance units.
///
/// ```
/// use lastmile::{LocationId, VehicleTypeSpec};
/// let vans = VehicleTypeSpec::new(LocationId(0), 25, &[200]).shift(0.0, 230.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct VehicleTypeSpec {
    count: usize,
    capacity: Vec<i64>,
    start_depot: LocationId,
    end_depot: Option<LocationId>,
    open_end: bool,
    speed_factor: f64,
    travel_profile: usize,
    shift: Option<(f64, f64)>,
    skills: Vec<String>,
    max_distance: Option<f64>,
    max_duration: Option<f64>,
    co2_per_distance: f64,
    costs: VehicleCosts,
}

impl VehicleTypeSpec {
    /// `count` vehicles with `capacity` per dimension, starting and ending at
    /// `depot`, with an unbounded shift.
    pub fn new(depot: LocationId, count: usize, capacity: &[i64]) -> VehicleTypeSpec {
        VehicleTypeSpec {
            count,
            capacity: capacity.to_vec(),
            start_depot: depot,
            end_depot: None,
            open_end: false,
            speed_factor: 1.0,
            travel_profile: 0,
            shift: None,
            skills: Vec::new(),
            max_distance: None,
            max_duration: None,
            co2_per_distance: 0.0,
            costs: VehicleCosts::default(),
        }
    }

    /// Routes end at `depot` instead of the start depot.
    pub fn end_depot(mut self, depot: LocationId) -> VehicleTypeSpec {
        self.end_depot = Some(depot);
        self
    }

    /// Routes end at their last stop (open routes: e.g. drivers who take
    /// the van home); the shift and the route limits then end there too.
    ///
    /// ```
    /// use lastmile::{LocationId, VehicleTypeSpec};
    /// let couriers = VehicleTypeSpec::new(LocationId(0), 4, &[30]).open_end();
    /// ```
    pub fn open_end(mut self) -> VehicleTypeSpec {
        self.open_end = true;
        self
    }

    /// Travel times of this type are the problem's travel times times
    /// `factor` (e.g. 1.4 for a cargo bike where vans are faster, 0.8 where
    /// bikes beat traffic). Distances are unchanged.
    ///
    /// ```
    /// use lastmile::{LocationId, VehicleTypeSpec};
    /// let bikes = VehicleTypeSpec::new(LocationId(0), 6, &[120]).speed_factor(1.4);
    /// ```
    pub fn speed_factor(mut self, factor: f64) -> VehicleTypeSpec {
        self.speed_factor = factor;
        self
    }

    /// Uses travel-time profile `profile` (from
    /// [`ProblemBuilder::add_travel_profile`]; 0, the default, is the
    /// problem's own travel times). A speed factor multiplies it.
    pub fn travel_profile(mut self, profile: usize) -> VehicleTypeSpec {
        self.travel_profile = profile;
        self
    }

    /// Vehicles leave no earlier than `start` and are back by `end`
    /// (`end` may be `f64::INFINITY`).
    pub fn shift(mut self, start: f64, end: f64) -> VehicleTypeSpec {
        self.shift = Some((start, end));
        self
    }

    /// No route may drive farther than `distance` (instance units).
    pub fn max_distance(mut self, distance: f64) -> VehicleTypeSpec {
        self.max_distance = Some(distance);
        self
    }

    /// No route may take longer than `duration` from leaving its start depot
    /// to arriving at its end depot (instance units; e.g. a driver's
    /// working-time limit within a longer shift).
    pub fn max_duration(mut self, duration: f64) -> VehicleTypeSpec {
        self.max_duration = Some(duration);
        self
    }

    /// Grams of CO2 emitted per instance unit of distance (per km when
    /// coordinates are in km); reported in the KPIs, 0 by default.
    pub fn co2_per_distance(mut self, grams: f64) -> VehicleTypeSpec {
        self.co2_per_distance = grams;
        self
    }

    /// What a route of this type costs under the cost objective: `fixed`
    /// per vehicle used, `per_distance` per instance unit of distance and
    /// `per_time` per instance unit of route duration (waiting included).
    /// The default is distance alone (0, 1, 0).
    ///
    /// ```
    /// use lastmile::{LocationId, VehicleTypeSpec};
    /// // 40 per van and day, 0.35 per km, 0.5 per minute of driver time.
    /// let vans = VehicleTypeSpec::new(LocationId(0), 10, &[800]).costs(40.0, 0.35, 0.5);
    /// ```
    pub fn costs(mut self, fixed: f64, per_distance: f64, per_time: f64) -> VehicleTypeSpec {
        self.costs = VehicleCosts {
            fixed,
            per_distance,
            per_time,
        };
        self
    }

    /// Skills the vehicles of this type provide.
    pub fn skills(mut self, names: &[&str]) -> VehicleTypeSpec {
        self.skills = names.iter().map(|s| s.to_string()).collect();
        self
    }
}

/// Builds a [`Problem`] step by step; [`build`](ProblemBuilder::build)
/// validates everything and names the first offending item.
///
/// Times, windows and coordinates are given in *instance units*; the
/// [`Rounding`] convention converts them to internal integer units.
///
/// ```
/// use lastmile::{JobSpec, ProblemBuilder, Rounding, VehicleTypeSpec};
///
/// let mut builder = ProblemBuilder::new(Rounding::Precise);
/// let depot = builder.add_location(0.0, 0.0);
/// let home = builder.add_location(3.0, 4.0);
/// builder.add_job(JobSpec::at(home).demand(&[2]).time_window(0.0, 60.0).service(5.0));
/// builder.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]).shift(0.0, 480.0));
/// let problem = builder.build()?;
/// assert_eq!(problem.distance(depot, home).get(), 5000); // 5.0 at scale 1000
/// # Ok::<(), lastmile::ModelError>(())
/// ```
#[derive(Clone, Debug)]
pub struct ProblemBuilder {
    name: String,
    rounding: Rounding,
    coordinates: Vec<Option<(f64, f64)>>,
    jobs: Vec<JobSpec>,
    vehicle_types: Vec<VehicleTypeSpec>,
    distances: Option<Vec<Vec<i64>>>,
    durations: Option<Vec<Vec<i64>>>,
    travel_profiles: Vec<Vec<Vec<i64>>>,
}

impl ProblemBuilder {
    /// An empty builder using `rounding` for matrices and times.
    pub fn new(rounding: Rounding) -> ProblemBuilder {
        ProblemBuilder {
            name: String::new(),
            rounding,
            coordinates: Vec::new(),
            jobs: Vec::new(),
            vehicle_types: Vec::new(),
            distances: None,
            durations: None,
            travel_profiles: Vec::new(),
        }
    }

    /// The rounding convention the builder converts values with.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// Sets the instance name.
    pub fn name(&mut self, name: impl Into<String>) -> &mut ProblemBuilder {
        self.name = name.into();
        self
    }

    /// Adds a location with coordinates; depots and job sites are locations.
    pub fn add_location(&mut self, x: f64, y: f64) -> LocationId {
        self.coordinates.push(Some((x, y)));
        LocationId(self.coordinates.len() - 1)
    }

    /// Adds a location without coordinates; only valid together with an
    /// explicit [`distance_matrix`](ProblemBuilder::distance_matrix).
    pub fn add_unplaced_location(&mut self) -> LocationId {
        self.coordinates.push(None);
        LocationId(self.coordinates.len() - 1)
    }

    /// Adds a job.
    pub fn add_job(&mut self, job: JobSpec) -> JobId {
        self.jobs.push(job);
        JobId(self.jobs.len() - 1)
    }

    /// Adds a vehicle type.
    pub fn add_vehicle_type(&mut self, vehicle_type: VehicleTypeSpec) -> VehicleTypeId {
        self.vehicle_types.push(vehicle_type);
        VehicleTypeId(self.vehicle_types.len() - 1)
    }

    /// Uses an explicit distance matrix (one row per location, in internal
    /// units) instead of Euclidean distances. Travel times equal distances
    /// unless a [`duration_matrix`](ProblemBuilder::duration_matrix) is given.
    pub fn distance_matrix(&mut self, rows: Vec<Vec<i64>>) -> &mut ProblemBuilder {
        self.distances = Some(rows);
        self
    }

    /// Uses an explicit travel-time matrix (internal units).
    pub fn duration_matrix(&mut self, rows: Vec<Vec<i64>>) -> &mut ProblemBuilder {
        self.durations = Some(rows);
        self
    }

    /// Adds a travel-time profile: a matrix of travel times (internal
    /// units) for the vehicle types that name it with
    /// [`VehicleTypeSpec::travel_profile`], e.g. a cargo bike's times from
    /// a road network. Returns its number (1, 2, ...; 0 is the problem's
    /// own travel times).
    pub fn add_travel_profile(&mut self, rows: Vec<Vec<i64>>) -> usize {
        self.travel_profiles.push(rows);
        self.travel_profiles.len()
    }

    /// Validates and builds the problem.
    pub fn build(&self) -> Result<Problem, ModelError> {
        let locations = self.coordinates.len();
        if locations > Matrix::MAX_LOCATIONS {
            return Err(ModelError::TooManyLocations {
                locations,
                max: Matrix::MAX_LOCATIONS,
            });
        }
        for (index, coordinates) in self.coordinates.iter().enumerate() {
            if let Some((x, y)) = *coordinates {
                if !x.is_finite() || !y.is_finite() {
                    return Err(ModelError::NonFiniteCoordinate {
                        location: index,
                        x,
                        y,
                    });
                }
            }
        }

        let dimensions = self.fleet_dimensions()?;
        let skill_names = self.skill_names()?;
        let skills = |names: &[String]| {
            Skills(names.iter().fold(0, |bits, name| {
                bits | 1
                    << skill_names
                        .iter()
                        .position(|n| n == name)
                        .expect("numbered")
            }))
        };
        let mut vehicle_types = self
            .vehicle_types
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                let mut vehicle_type = self.validate_vehicle_type(index, spec, dimensions)?;
                vehicle_type.skills = skills(&spec.skills);
                Ok(vehicle_type)
            })
            .collect::<Result<Vec<_>, _>>()?;
        if vehicle_types.iter().all(|t| t.count == 0) {
            return Err(ModelError::EmptyFleet);
        }
        let jobs = self
            .jobs
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                let mut job = self.validate_job(index, spec, dimensions)?;
                job.skills = skills(&spec.skills);
                Ok(job)
            })
            .collect::<Result<Vec<_>, ModelError>>()?;
        check_total_load(&jobs)?;

        let mut distances = match &self.distances {
            Some(rows) => explicit_matrix("distance", rows, locations)?,
            None => self.euclidean_matrix()?,
        };
        let mut durations = match &self.durations {
            Some(rows) => Some(explicit_matrix("duration", rows, locations)?),
            None => None,
        };
        // Open routes end at a virtual location reached from anywhere at
        // no distance and in no time.
        let mut coordinates = self.coordinates.clone();
        if self.vehicle_types.iter().any(|t| t.open_end) {
            let free = LocationId(locations);
            coordinates.push(None);
            distances = distances.with_free_location();
            durations = durations.map(|m| m.with_free_location());
            for (vehicle_type, spec) in vehicle_types.iter_mut().zip(&self.vehicle_types) {
                if spec.open_end {
                    vehicle_type.end_depot = free;
                    vehicle_type.open_end = true;
                }
            }
        }
        // Profiles: 0 the problem's own times (empty when they are the
        // distances), then the explicit profiles, then one per distinct
        // (base profile, speed factor other than 1).
        let explicit_durations = durations.is_some();
        let mut times = vec![durations.unwrap_or_else(|| Matrix::from_values(0, Vec::new()))];
        for rows in &self.travel_profiles {
            let matrix = explicit_matrix("travel profile", rows, locations)?;
            times.push(if coordinates.len() > locations {
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
                    let matrix = if base == 0 && !explicit_durations {
                        &distances
                    } else {
                        &times[base]
                    };
                    let scaled = matrix.scaled("duration", factor)?;
                    times.push(scaled);
                    derived.push((base, factor));
                    derived.len() - 1
                }
            };
            vehicle_type.profile = 1 + explicit_profiles + index;
        }

        Ok(Problem {
            data: Arc::new(ProblemData {
                name: self.name.clone(),
                rounding: self.rounding,
                dimensions,
                coordinates,
                jobs,
                vehicle_types,
                skill_names,
                distances,
                explicit_distances: self.distances.is_some(),
                explicit_durations,
                explicit_profiles,
                times,
            }),
        })
    }

    /// Every skill named by a vehicle type or a job, numbered in order of
    /// first appearance (vehicle types first).
    fn skill_names(&self) -> Result<Vec<String>, ModelError> {
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
    fn fleet_dimensions(&self) -> Result<usize, ModelError> {
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

    fn check_location(&self, item: Item, location: LocationId) -> Result<(), ModelError> {
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

    fn time_window(
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
    fn time_value(
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

    fn amounts(
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

    fn validate_vehicle_type(
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
        Ok(VehicleType {
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
            co2_per_distance: non_negative(item, "CO2 per distance", spec.co2_per_distance)?,
            costs: VehicleCosts {
                fixed: non_negative(item, "fixed cost", spec.costs.fixed)?,
                per_distance: non_negative(item, "cost per distance", spec.costs.per_distance)?,
                per_time: non_negative(item, "cost per time", spec.costs.per_time)?,
            },
        })
    }

    /// A route limit in internal units: finite and not negative.
    fn limit(
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

    fn validate_job(
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
        if alternatives.len() >= u8::MAX as usize {
            return Err(ModelError::TooManyAlternatives {
                item,
                found: alternatives.len(),
                max: u8::MAX as usize - 1,
            });
        }
        Ok(Job {
            location: spec.location,
            demand,
            pickup,
            time_window: self.time_window(item, spec.time_window)?,
            alternatives,
            service,
            skills: Skills::NONE,
            penalty: spec
                .penalty
                .map(|p| non_negative(item, "penalty", p))
                .transpose()?,
        })
    }

    fn euclidean_matrix(&self) -> Result<Matrix, ModelError> {
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

/// Rejects problems whose jobs together deliver plus pick up more than
/// [`MAX_TOTAL_LOAD`] in some dimension.
fn check_total_load(jobs: &[Job]) -> Result<(), ModelError> {
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
fn positive(item: Item, field: &'static str, value: f64) -> Result<f64, ModelError> {
    let value = non_negative(item, field, value)?;
    if value == 0.0 {
        return Err(ModelError::NotPositive { item, field, value });
    }
    Ok(value)
}

/// `value` when it is finite and not negative.
fn non_negative(item: Item, field: &'static str, value: f64) -> Result<f64, ModelError> {
    if !value.is_finite() {
        return Err(ModelError::NonFiniteValue { item, field, value });
    }
    if value < 0.0 {
        return Err(ModelError::NegativeDuration { item, field, value });
    }
    Ok(value)
}

fn matrix_entry(
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

fn explicit_matrix(
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
