//! The routing problem: locations, jobs, a fleet, and travel matrices.
//!
//! A [`Problem`] is validated and immutable; build one with
//! [`ProblemBuilder`] or read one with [`crate::io`]. Cloning is cheap (the
//! data is shared behind an `Arc`).

mod builder;
mod matrix;
mod model;
mod neighbours;
mod traffic;

pub use builder::{JobSpec, ProblemBuilder, VehicleTypeSpec};
pub use matrix::{Matrix, Rounding};
pub use model::{
    BreakRule, CostWeights, Job, JobId, Lateness, LocationId, Place, Skills, TimeWindow,
    VehicleCosts, VehicleType, VehicleTypeId, COST_SCALE,
};
pub use neighbours::Neighbours;
pub use traffic::Traffic;

use crate::units::{Distance, Duration};
use std::sync::Arc;

/// The traffic of a travel profile on the arcs into or out of an area
/// (some locations): a district with road works, a closed bridge.
#[derive(Clone, Debug)]
struct AreaTraffic {
    /// The travel profile given to the builder (0: the problem's own).
    profile: usize,
    /// The area's locations.
    locations: Vec<LocationId>,
    /// By location: in the area.
    members: Vec<bool>,
    /// Its traffic.
    traffic: Traffic,
}

/// A validated, immutable vehicle routing problem.
#[derive(Clone, Debug)]
pub struct Problem {
    data: Arc<ProblemData>,
}

#[derive(Debug)]
struct ProblemData {
    name: String,
    rounding: Rounding,
    dimensions: usize,
    coordinates: Vec<Option<(f64, f64)>>,
    jobs: Vec<Job>,
    /// True when some job has a preferred vehicle type.
    has_preferences: bool,
    /// True when some job accepts lateness at a price.
    has_soft_windows: bool,
    /// True when some vehicle type's drivers take breaks.
    has_breaks: bool,
    /// True when some job has a release time or some vehicle type may
    /// reload ([`Problem::has_trips`]).
    has_trips: bool,
    /// The VRPB rule: backhauls after every linehaul, no route of
    /// backhauls only.
    backhauls_last: bool,
    vehicle_types: Vec<VehicleType>,
    /// Skill names; bit `i` of a [`Skills`] set is `skill_names[i]`.
    skill_names: Vec<String>,
    distances: Matrix,
    /// True when the distances were given as a matrix (not Euclidean).
    explicit_distances: bool,
    /// `None` when travel time equals distance.
    /// True when travel times were given (otherwise they equal distances).
    explicit_durations: bool,
    /// Number of travel-time profiles given to the builder (profiles
    /// `1..=explicit_profiles` of `times`).
    explicit_profiles: usize,
    /// Travel times per profile: 0 is the problem's own (empty when none
    /// were given: travel times are the distances, read from the distance
    /// matrix whose entries the search reads anyway), then one per distinct
    /// speed factor other than 1.
    times: Vec<Matrix>,
    /// The profile given to the builder each profile derives from (its
    /// traffic is that profile's).
    profile_bases: Vec<usize>,
    /// Travel-time factors by hour, per profile (as `times`).
    traffic: Vec<Traffic>,
    /// True when some profile's travel times depend on the hour.
    has_traffic: bool,
    /// Traffic on the arcs into or out of areas, over the profile's (the
    /// last added first).
    areas: Vec<AreaTraffic>,
}

impl Problem {
    /// The instance name (empty when none was given).
    pub fn name(&self) -> &str {
        &self.data.name
    }

    /// The rounding convention of the matrices.
    pub fn rounding(&self) -> Rounding {
        self.data.rounding
    }

    /// Internal units per instance unit (10 under [`Rounding::Dimacs`]).
    pub fn scale(&self) -> i64 {
        self.data.rounding.scale()
    }

    /// Converts a value in internal units to instance units, for display.
    pub fn to_instance_units(&self, value: i64) -> f64 {
        value as f64 / self.scale() as f64
    }

    /// Converts a value in instance units (a time, or a published cost) to
    /// internal units, rounding to the nearest unit.
    pub fn from_instance_units(&self, value: f64) -> i64 {
        self.data.rounding.scale_value(value)
    }

    /// Number of capacity dimensions in use.
    pub fn dimensions(&self) -> usize {
        self.data.dimensions
    }

    /// Number of locations (including the virtual end of open routes, see
    /// [`open_end_location`](Self::open_end_location)).
    pub fn num_locations(&self) -> usize {
        self.data.coordinates.len()
    }

    /// The virtual location open routes end at (the last one, at no
    /// distance from everywhere), when some vehicle type has open routes.
    pub fn open_end_location(&self) -> Option<LocationId> {
        self.data
            .vehicle_types
            .iter()
            .find(|t| t.open_end)
            .map(|t| t.end_depot)
    }

    /// Coordinates of a location, if it has any.
    pub fn coordinates(&self, location: LocationId) -> Option<(f64, f64)> {
        self.data.coordinates[location.0]
    }

    /// All jobs, indexed by [`JobId`].
    pub fn jobs(&self) -> &[Job] {
        &self.data.jobs
    }

    /// One job.
    pub fn job(&self, job: JobId) -> &Job {
        &self.data.jobs[job.0]
    }

    /// Number of jobs.
    pub fn num_jobs(&self) -> usize {
        self.data.jobs.len()
    }

    /// All vehicle types, indexed by [`VehicleTypeId`].
    pub fn vehicle_types(&self) -> &[VehicleType] {
        &self.data.vehicle_types
    }

    /// One vehicle type.
    pub fn vehicle_type(&self, id: VehicleTypeId) -> &VehicleType {
        &self.data.vehicle_types[id.0]
    }

    /// True when vehicles of type `vehicle_type` may take `job`: they have
    /// every skill it needs and it is not bound to another type (whether
    /// its load, window and the shift fit is another matter).
    #[inline]
    pub fn may_take(&self, vehicle_type: VehicleTypeId, job: JobId) -> bool {
        let job = self.job(job);
        self.vehicle_type(vehicle_type).skills.covers(job.skills)
            && job.vehicle_type.is_none_or(|bound| bound == vehicle_type)
    }

    /// The name of skill `index` (bit `index` of a [`Skills`] set), as
    /// given to the builder.
    pub fn skill_name(&self, index: usize) -> Option<&str> {
        self.data.skill_names.get(index).map(String::as_str)
    }

    /// The names of the skills in `skills`.
    pub fn skill_names(&self, skills: Skills) -> Vec<&str> {
        skills
            .indices()
            .filter_map(|i| self.skill_name(i))
            .collect()
    }

    /// The integer cost weights of a vehicle type (see [`VehicleCosts`]).
    pub fn cost_weights(&self, id: VehicleTypeId) -> CostWeights {
        self.vehicle_type(id).costs.weights(self.scale())
    }

    /// Converts internal cost units to currency units.
    pub fn cost_to_currency(&self, cost: crate::units::Cost) -> f64 {
        cost.get() as f64 / COST_SCALE as f64
    }

    /// True when some job is optional.
    pub fn has_optional_jobs(&self) -> bool {
        self.data.jobs.iter().any(Job::is_optional)
    }

    /// Total number of vehicles over all types.
    pub fn fleet_size(&self) -> usize {
        self.data
            .vehicle_types
            .iter()
            .fold(0usize, |total, t| total.saturating_add(t.count))
    }

    /// Length of the arc `from -> to`.
    #[inline]
    pub fn distance(&self, from: LocationId, to: LocationId) -> Distance {
        Distance(self.data.distances.get(from.0, to.0))
    }

    /// Travel time of the arc `from -> to` in the default profile, for a
    /// departure at time zero: the typical time, used where no departure
    /// time is known (neighbour lists).
    #[inline]
    pub fn travel_time(&self, from: LocationId, to: LocationId) -> Duration {
        self.travel_time_at(0, from, to, Duration::ZERO)
    }

    /// Travel time of the arc `from -> to` in travel-time profile `profile`
    /// (0: the default profile; others: given to the builder, or vehicle
    /// types with their own speed factor, see [`VehicleType::profile`]) for
    /// a vehicle that leaves `from` at `departure`.
    ///
    /// Every evaluation of a route (route pieces, the schedule, reasons and
    /// the checker) looks travel times up here. With
    /// [traffic](crate::ProblemBuilder::traffic) on the profile, the time
    /// depends on `departure` (see [`Traffic::travel_time`]).
    #[inline]
    pub fn travel_time_at(
        &self,
        profile: usize,
        from: LocationId,
        to: LocationId,
        departure: Duration,
    ) -> Duration {
        let base = self.free_flow_time(profile, from, to);
        if self.data.has_traffic {
            let traffic = self.traffic_of_arc(profile, from, to);
            return Duration(traffic.travel_time(departure.get(), base));
        }
        Duration(base)
    }

    /// The latest time a vehicle can leave `from` in travel-time profile
    /// `profile` and be at `to` by `arrival` (with traffic by hour, the
    /// inverse of [`travel_time_at`](Self::travel_time_at)).
    pub fn latest_departure_at(
        &self,
        profile: usize,
        from: LocationId,
        to: LocationId,
        arrival: Duration,
    ) -> Duration {
        let base = self.free_flow_time(profile, from, to);
        let traffic = self.traffic_of_arc(profile, from, to);
        Duration(traffic.latest_departure(arrival.get(), base))
    }

    /// The matrix time of the arc `from -> to` in profile `profile` (at
    /// factor 1, before traffic by hour).
    #[inline(always)]
    fn free_flow_time(&self, profile: usize, from: LocationId, to: LocationId) -> i64 {
        let data = &*self.data;
        let matrix = profile_matrix(
            &data.distances,
            &data.times,
            data.explicit_durations,
            profile,
        );
        matrix.get(from.0, to.0)
    }

    /// Travel time of the arc `from -> to` for vehicles of type `id` leaving
    /// `from` at `departure` (see [`travel_time_at`](Self::travel_time_at)).
    #[inline]
    pub fn travel_time_for(
        &self,
        id: VehicleTypeId,
        from: LocationId,
        to: LocationId,
        departure: Duration,
    ) -> Duration {
        self.travel_time_at(self.vehicle_type(id).profile, from, to, departure)
    }

    /// True when some travel profile's times depend on the hour of day
    /// ([traffic](crate::ProblemBuilder::traffic)).
    #[inline]
    pub fn has_traffic(&self) -> bool {
        self.data.has_traffic
    }

    /// The traffic on the arc `from -> to` in profile `profile`: the last
    /// area added that holds either end, or the profile's own.
    #[inline]
    fn traffic_of_arc(&self, profile: usize, from: LocationId, to: LocationId) -> &Traffic {
        let data = &*self.data;
        if !data.areas.is_empty() {
            let base = data.profile_bases[profile];
            let touches = |area: &&AreaTraffic| {
                area.profile == base && (area.members[from.0] || area.members[to.0])
            };
            if let Some(area) = data.areas.iter().rev().find(touches) {
                return &area.traffic;
            }
        }
        &data.traffic[profile]
    }

    /// The traffic set on areas (see [`with_area_traffic`](Self::with_area_traffic)),
    /// in the order added: (travel profile, the area's locations, its
    /// traffic).
    pub fn area_traffic(&self) -> impl Iterator<Item = (usize, &[LocationId], &Traffic)> {
        self.data
            .areas
            .iter()
            .map(|a| (a.profile, a.locations.as_slice(), &a.traffic))
    }

    /// The traffic of travel-time profile `profile` (see
    /// [`travel_time_at`](Self::travel_time_at)); no period when its times
    /// do not depend on the hour.
    pub fn traffic(&self, profile: usize) -> &Traffic {
        &self.data.traffic[profile]
    }

    /// Number of travel-time profiles (1, plus the profiles given to the
    /// builder, plus one per distinct speed factor other than 1).
    pub fn num_profiles(&self) -> usize {
        self.data.times.len()
    }

    /// The travel-time profiles given to the builder, in order (profile
    /// `i + 1` is `explicit_profiles()[i]`).
    pub fn explicit_profiles(&self) -> &[Matrix] {
        &self.data.times[1..=self.data.explicit_profiles]
    }

    /// The distance matrix.
    pub fn distance_matrix(&self) -> &Matrix {
        &self.data.distances
    }

    /// True when some job has a [preferred vehicle
    /// type](Job::preferred_vehicle_type).
    #[inline]
    pub fn has_preferences(&self) -> bool {
        self.data.has_preferences
    }

    /// True when some job accepts lateness at a price ([`Job::lateness`]).
    #[inline]
    pub fn has_soft_windows(&self) -> bool {
        self.data.has_soft_windows
    }

    /// True under the VRPB rule (see
    /// [`ProblemBuilder::backhauls_last`](crate::ProblemBuilder::backhauls_last)):
    /// a route's backhauls come after all its linehauls, and no route
    /// serves backhauls alone.
    #[inline]
    pub fn backhauls_last(&self) -> bool {
        self.data.backhauls_last
    }

    /// True when routes are made of trips: some job has a release time
    /// ([`Job::release`]) or some vehicle type may come back to a reload
    /// depot ([`VehicleType::reload_depots`]). Then every route's start
    /// depot and reload stops begin a trip, and a trip starts loading no
    /// earlier than the release times of the jobs it carries.
    #[inline]
    pub fn has_trips(&self) -> bool {
        self.data.has_trips
    }

    /// True when some vehicle type's drivers take breaks
    /// ([`VehicleType::breaks`]).
    #[inline]
    pub fn has_breaks(&self) -> bool {
        self.data.has_breaks
    }

    /// True when a route's piece joined from parts of routes is an
    /// estimate, and the exact route is joined stop by stop
    /// ([`eval::exact_route`](crate::eval::exact_route)): with
    /// traffic by hour (the hour of each arc) or driver breaks (where
    /// they go).
    #[inline]
    pub fn joins_are_estimates(&self) -> bool {
        self.data.has_traffic || self.data.has_breaks
    }

    /// True when the search's O(1) move costs are estimates that it checks
    /// before applying a move: with traffic by hour, soft windows or
    /// driver breaks.
    #[inline]
    pub fn estimates_moves(&self) -> bool {
        self.data.has_traffic || self.data.has_soft_windows || self.data.has_breaks
    }

    /// True when `distance(a, b) == distance(b, a)` for all locations
    /// (distances computed from coordinates).
    #[inline]
    pub fn has_symmetric_distances(&self) -> bool {
        !self.data.explicit_distances
    }

    /// True when travel times in `profile` are the distances, whatever the
    /// hour (profile 0 without a duration matrix, no traffic): an arc's
    /// distance, once read, is its travel time too.
    #[inline]
    pub(crate) fn times_are_distances(&self, profile: usize) -> bool {
        let data = &*self.data;
        let times = profile_matrix(
            &data.distances,
            &data.times,
            data.explicit_durations,
            profile,
        );
        !data.has_traffic && std::ptr::eq(times, &data.distances)
    }

    /// True when the distances were given as a matrix rather than computed
    /// from coordinates.
    pub fn has_explicit_distances(&self) -> bool {
        self.data.explicit_distances
    }

    /// The travel-time matrix, when it differs from the distance matrix.
    pub fn duration_matrix(&self) -> Option<&Matrix> {
        self.data.explicit_durations.then(|| &self.data.times[0])
    }
}

/// The travel-time matrix of `profile`: the distance matrix for profile 0
/// when the problem has no travel times of its own (travel time equals
/// distance), `times[profile]` otherwise. The one place this rule lives.
#[inline(always)]
fn profile_matrix<'a>(
    distances: &'a Matrix,
    times: &'a [Matrix],
    explicit_durations: bool,
    profile: usize,
) -> &'a Matrix {
    if profile == 0 && !explicit_durations {
        distances
    } else {
        &times[profile]
    }
}

#[cfg(test)]
mod tests {
    use crate::{JobSpec, ProblemBuilder, Rounding, VehicleTypeSpec};

    fn builder() -> ProblemBuilder {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot = b.add_location(0.0, 0.0);
        let home = b.add_location(3.0, 4.0);
        b.add_job(JobSpec::at(home));
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]));
        b
    }

    #[test]
    fn times_are_distances_only_without_times_of_their_own() {
        let plain = builder().build().unwrap();
        assert!(plain.times_are_distances(0));
        let mut b = builder();
        b.duration_matrix(vec![vec![0, 7], vec![7, 0]]);
        assert!(!b.build().unwrap().times_are_distances(0));
        let mut b = builder();
        let bikes = b.add_travel_profile(vec![vec![0, 9], vec![9, 0]]);
        let problem = b.build().unwrap();
        assert!(problem.times_are_distances(0));
        assert!(!problem.times_are_distances(bikes));
        let mut b = builder();
        b.traffic(0, &[(0.0, 1.5)]);
        assert!(!b.build().unwrap().times_are_distances(0));
    }
}
