//! [`ProblemBuilder`]: collects locations, jobs and vehicle types in instance
//! units, validates them, and builds an immutable [`Problem`].

mod amend;
mod spec;
mod travel;
mod validate;

pub use spec::{JobSpec, VehicleTypeSpec};

use travel::explicit_matrix;
use validate::check_total_load;

use super::matrix::{Matrix, Rounding};
use super::model::{JobId, LocationId, Skills, VehicleTypeId};
use super::{Problem, ProblemData};
use crate::error::ModelError;
use std::sync::Arc;

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
    /// (travel profile, periods as (start, factor) in instance units).
    traffic: Vec<(usize, Vec<(f64, f64)>)>,
    backhauls_last: bool,
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
            traffic: Vec::new(),
            backhauls_last: false,
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

    /// Travel times by hour of day for travel profile `profile` (0: the
    /// problem's own times; see [`add_travel_profile`](Self::add_travel_profile)):
    /// `periods` as (start, factor), starts in instance time units and
    /// increasing. From each start until the next, every arc takes
    /// `factor` times its matrix time (vehicle types with their own
    /// [speed factor](VehicleTypeSpec::speed_factor) on top); before the
    /// first start the factor is 1. A vehicle on an arc when a period
    /// begins drives the rest of it at the new speed (see [`Traffic`]).
    ///
    /// ```
    /// use lastmile::{JobSpec, ProblemBuilder, Rounding, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// let home = b.add_location(60.0, 0.0);
    /// b.add_job(JobSpec::at(home));
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]));
    /// // Morning rush 7:00-10:00 at half speed (times in minutes).
    /// b.traffic(0, &[(420.0, 2.0), (600.0, 1.0)]);
    /// let problem = b.build()?;
    /// let drive = |at: i64| problem.travel_time_at(0, depot, home, lastmile::Duration(at)).get();
    /// assert_eq!((drive(0), drive(420), drive(390)), (60, 120, 90));
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    ///
    /// [`Traffic`]: crate::Traffic
    pub fn traffic(&mut self, profile: usize, periods: &[(f64, f64)]) -> &mut ProblemBuilder {
        self.traffic.push((profile, periods.to_vec()));
        self
    }

    /// The VRPB rule (off by default): on every route the backhauls (jobs
    /// that only pick up) come after every linehaul (a job that delivers),
    /// and no route serves backhauls alone. Off, pickups and deliveries
    /// mix freely on a route (the capacity holds at every stop).
    ///
    /// ```
    /// use lastmile::{check, JobSpec, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// let (near, far) = (b.add_location(10.0, 0.0), b.add_location(20.0, 0.0));
    /// let pickup = b.add_job(JobSpec::at(near).pickup(&[1]));
    /// let delivery = b.add_job(JobSpec::at(far).demand(&[1]));
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]));
    /// b.backhauls_last(true);
    /// let problem = b.build()?;
    /// let plan = Solver::new().iteration_limit(200).solve(&problem).solution;
    /// assert_eq!(plan.routes()[0].jobs().collect::<Vec<_>>(), vec![delivery, pickup]);
    /// assert!(check(&problem, &plan).is_feasible());
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    pub fn backhauls_last(&mut self, on: bool) -> &mut ProblemBuilder {
        self.backhauls_last = on;
        self
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
        let explicit_durations = durations.is_some();
        let has_free_location = coordinates.len() > locations;
        let (times, bases) =
            self.travel_profiles(&mut vehicle_types, &distances, durations, has_free_location)?;
        let traffic = self.traffic_by_profile(&bases)?;
        let explicit_profiles = self.travel_profiles.len();

        Ok(Problem {
            data: Arc::new(ProblemData {
                name: self.name.clone(),
                rounding: self.rounding,
                dimensions,
                coordinates,
                has_preferences: jobs.iter().any(|j| j.preferred_vehicle_type.is_some()),
                has_soft_windows: jobs.iter().any(|j| j.lateness.is_some()),
                has_trips: jobs
                    .iter()
                    .any(|j| j.release > crate::units::Duration::ZERO)
                    || vehicle_types.iter().any(|t| !t.reload_depots.is_empty()),
                jobs,
                has_breaks: vehicle_types.iter().any(|t| !t.breaks.is_empty()),
                backhauls_last: self.backhauls_last,
                vehicle_types,
                skill_names,
                distances,
                explicit_distances: self.distances.is_some(),
                explicit_durations,
                explicit_profiles,
                times,
                profile_bases: bases,
                has_traffic: traffic.iter().any(|t| !t.is_static()),
                traffic,
                areas: Vec::new(),
            }),
        })
    }
}
