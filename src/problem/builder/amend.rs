//! Changing a built problem without building it again: a job added or
//! replaced (an order placed or moved during the day), and the problem a
//! re-plan solves (the open jobs, one vehicle type per van on the road).
//! Matrices and locations are kept as they are.

use super::spec::{JobSpec, VehicleTypeSpec};
use super::travel::validated_traffic;
use super::validate::check_total_load;
use super::ProblemBuilder;
use crate::error::{Item, ModelError};
use crate::problem::model::{Job, JobId, LocationId, Skills, VehicleType};
use crate::problem::{Problem, ProblemData};
use std::sync::Arc;

impl Problem {
    /// The problem with one more job, validated as the builder validates
    /// jobs (its location must be one of the problem's); returns the new
    /// job's id (the last). Skill names new to the problem are added.
    ///
    /// ```
    /// use lastmile::{JobSpec, LocationId, ProblemBuilder, Rounding, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// let shop = b.add_location(3.0, 4.0);
    /// b.add_job(JobSpec::at(shop).demand(&[1]));
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]));
    /// let morning = b.build()?;
    /// let (noon, order) = morning.with_job(&JobSpec::at(shop).pickup(&[2]))?;
    /// assert_eq!((noon.num_jobs(), order.0), (2, 1));
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    pub fn with_job(&self, spec: &JobSpec) -> Result<(Problem, JobId), ModelError> {
        let id = JobId(self.num_jobs());
        let (job, skill_names) = self.validated_job(id, spec)?;
        let mut jobs = self.jobs().to_vec();
        jobs.push(job);
        Ok((self.amended(jobs, None, skill_names)?, id))
    }

    /// The problem with job `job` replaced by `spec` (a new slot, a parcel
    /// locker instead of the door), validated as the builder validates
    /// jobs.
    pub fn with_job_replaced(&self, job: JobId, spec: &JobSpec) -> Result<Problem, ModelError> {
        if job.0 >= self.num_jobs() {
            return Err(ModelError::UnknownJob {
                job: job.0,
                count: self.num_jobs(),
            });
        }
        let (replacement, skill_names) = self.validated_job(job, spec)?;
        let mut jobs = self.jobs().to_vec();
        jobs[job.0] = replacement;
        self.amended(jobs, None, skill_names)
    }

    /// The problem with the traffic of travel profile `profile` (0: the
    /// problem's own times; others as numbered by
    /// [`ProblemBuilder::add_travel_profile`]) replaced by `periods`, given
    /// and validated as [`ProblemBuilder::traffic`] takes them (an empty
    /// list: no traffic). Jobs, fleet and matrices are kept.
    ///
    /// ```
    /// use lastmile::{JobSpec, ProblemBuilder, Rounding, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// let home = b.add_location(30.0, 40.0);
    /// b.add_job(JobSpec::at(home));
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]));
    /// let free_flow = b.build()?;
    /// let rush = free_flow.with_traffic(0, &[(0.0, 1.5)])?;
    /// let drive = |p: &lastmile::Problem| p.travel_time_at(0, depot, home, lastmile::Duration(10)).get();
    /// assert_eq!((drive(&free_flow), drive(&rush)), (50, 75));
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    ///
    /// [`ProblemBuilder::traffic`]: crate::ProblemBuilder::traffic
    /// [`ProblemBuilder::add_travel_profile`]: crate::ProblemBuilder::add_travel_profile
    pub fn with_traffic(
        &self,
        profile: usize,
        periods: &[(f64, f64)],
    ) -> Result<Problem, ModelError> {
        let data = &self.data;
        let traffic = validated_traffic(data.rounding, profile, periods, data.explicit_profiles)?;
        let mut changed = data.traffic.clone();
        for (each, &base) in changed.iter_mut().zip(&data.profile_bases) {
            if base == profile {
                *each = traffic.clone();
            }
        }
        let mut problem = self.amended(self.jobs().to_vec(), None, data.skill_names.clone())?;
        let amended = Arc::get_mut(&mut problem.data).expect("just made");
        amended.traffic = changed;
        amended.has_traffic = amended.traffic.iter().any(|t| !t.is_static())
            || amended.areas.iter().any(|a| !a.traffic.is_static());
        Ok(problem)
    }

    /// The problem with traffic `periods` (as [`with_traffic`](Self::with_traffic)
    /// takes them) on the arcs of travel profile `profile` into or out of
    /// `area` (a district with road works, a closed bridge), in place of
    /// the profile's own there. Areas added later take precedence where
    /// they overlap.
    ///
    /// ```
    /// use lastmile::{JobSpec, ProblemBuilder, Rounding, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// let old_town = b.add_location(30.0, 40.0);
    /// let suburb = b.add_location(-30.0, 40.0);
    /// b.add_job(JobSpec::at(old_town));
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]));
    /// let problem = b.build()?.with_area_traffic(0, &[old_town], &[(0.0, 2.0)])?;
    /// let drive = |to| problem.travel_time_at(0, depot, to, lastmile::Duration(0)).get();
    /// assert_eq!((drive(old_town), drive(suburb)), (100, 50));
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    pub fn with_area_traffic(
        &self,
        profile: usize,
        area: &[LocationId],
        periods: &[(f64, f64)],
    ) -> Result<Problem, ModelError> {
        let data = &self.data;
        let traffic = validated_traffic(data.rounding, profile, periods, data.explicit_profiles)?;
        let mut members = vec![false; self.num_locations()];
        for &location in area {
            if location.0 >= members.len() {
                return Err(ModelError::InvalidTraffic {
                    profile,
                    period: 0,
                    message: format!(
                        "the area names location {} (the problem has {})",
                        location.0,
                        members.len()
                    ),
                });
            }
            members[location.0] = true;
        }
        let mut problem = self.amended(self.jobs().to_vec(), None, data.skill_names.clone())?;
        let amended = Arc::get_mut(&mut problem.data).expect("just made");
        amended.has_traffic |= !traffic.is_static();
        amended.areas.push(super::super::AreaTraffic {
            profile,
            locations: area.to_vec(),
            members,
            traffic,
        });
        Ok(problem)
    }

    /// The problem with these jobs and vehicle types instead (same
    /// locations, matrices and travel profiles; the vehicle types' travel
    /// profiles must be the problem's), and with `skill_names` when given.
    pub(crate) fn with_jobs_and_fleet(
        &self,
        jobs: Vec<Job>,
        vehicle_types: Vec<VehicleType>,
        skill_names: Vec<String>,
    ) -> Result<Problem, ModelError> {
        if vehicle_types.iter().all(|t| t.count == 0) {
            return Err(ModelError::EmptyFleet);
        }
        self.amended(jobs, Some(vehicle_types), skill_names)
    }

    fn amended(
        &self,
        jobs: Vec<Job>,
        vehicle_types: Option<Vec<VehicleType>>,
        skill_names: Vec<String>,
    ) -> Result<Problem, ModelError> {
        check_total_load(&jobs)?;
        let data = &self.data;
        let vehicle_types = vehicle_types.unwrap_or_else(|| data.vehicle_types.clone());
        Ok(Problem {
            data: Arc::new(ProblemData {
                name: data.name.clone(),
                rounding: data.rounding,
                dimensions: data.dimensions,
                coordinates: data.coordinates.clone(),
                has_preferences: jobs.iter().any(|j| j.preferred_vehicle_type.is_some()),
                has_soft_windows: jobs.iter().any(|j| j.lateness.is_some()),
                has_trips: jobs
                    .iter()
                    .any(|j| j.release > crate::units::Duration::ZERO)
                    || vehicle_types.iter().any(|t| !t.reload_depots.is_empty()),
                jobs,
                has_breaks: vehicle_types.iter().any(|t| !t.breaks.is_empty()),
                backhauls_last: data.backhauls_last,
                vehicle_types,
                skill_names,
                distances: data.distances.clone(),
                explicit_distances: data.explicit_distances,
                explicit_durations: data.explicit_durations,
                explicit_profiles: data.explicit_profiles,
                times: data.times.clone(),
                profile_bases: data.profile_bases.clone(),
                traffic: data.traffic.clone(),
                has_traffic: data.has_traffic,
                areas: data.areas.clone(),
            }),
        })
    }

    /// `spec` validated as job `id` of this problem, and the skill names
    /// with the ones it adds.
    fn validated_job(&self, id: JobId, spec: &JobSpec) -> Result<(Job, Vec<String>), ModelError> {
        // A builder that knows what validation asks of the problem: its
        // rounding, its locations (not the virtual end of open routes) and
        // how many vehicle types it has.
        let real_locations = self.num_locations() - usize::from(self.open_end_location().is_some());
        let mut checker = ProblemBuilder::new(self.rounding());
        checker.coordinates = self.data.coordinates[..real_locations].to_vec();
        checker.vehicle_types =
            vec![VehicleTypeSpec::new(LocationId(0), 0, &[]); self.vehicle_types().len()];
        let mut job = checker.validate_job(id.0, spec, self.dimensions())?;
        let mut names = self.data.skill_names.clone();
        let mut skills = Skills::NONE;
        for name in &spec.skills {
            if name.trim().is_empty() {
                return Err(ModelError::EmptySkillName {
                    item: Item::Job(id.0),
                });
            }
            let index = match names.iter().position(|n| n == name) {
                Some(index) => index,
                None if names.len() == Skills::MAX => {
                    return Err(ModelError::TooManySkills {
                        item: Item::Job(id.0),
                        max: Skills::MAX,
                    })
                }
                None => {
                    names.push(name.clone());
                    names.len() - 1
                }
            };
            skills = skills.union(Skills(1 << index));
        }
        job.skills = skills;
        Ok((job, names))
    }
}
