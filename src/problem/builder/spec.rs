//! What the builder is given: jobs and vehicle types as specified by the
//! user, with times in instance units (validated when the problem is built).

use super::super::model::{LocationId, VehicleCosts, VehicleTypeId};

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
    pub(super) location: LocationId,
    pub(super) demand: Vec<i64>,
    pub(super) pickup: Vec<i64>,
    pub(super) time_window: Option<(f64, f64)>,
    pub(super) service: f64,
    pub(super) skills: Vec<String>,
    pub(super) penalty: Option<f64>,
    pub(super) alternatives: Vec<(LocationId, Option<(f64, f64)>)>,
    pub(super) vehicle_type: Option<VehicleTypeId>,
    pub(super) preferred_vehicle_type: Option<(VehicleTypeId, f64)>,
    pub(super) lateness: Option<(f64, f64)>,
    pub(super) release: f64,
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
            vehicle_type: None,
            preferred_vehicle_type: None,
            lateness: None,
            release: 0.0,
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

    /// Only vehicles of `vehicle_type` may serve the job: a parcel already
    /// on board a van, or a stop promised to a driver (each van that is on
    /// the road is a vehicle type of its own when a day is re-planned).
    ///
    /// ```
    /// use lastmile::{JobSpec, LocationId, VehicleTypeId};
    /// let on_board = JobSpec::at(LocationId(5)).vehicle_type(VehicleTypeId(2));
    /// ```
    pub fn vehicle_type(mut self, vehicle_type: VehicleTypeId) -> JobSpec {
        self.vehicle_type = Some(vehicle_type);
        self
    }

    /// The job should stay with vehicles of `vehicle_type`: serving it with
    /// another type costs `penalty` (objective units, like
    /// [`optional`](Self::optional)'s). Re-planning uses it to keep jobs on
    /// the van they were planned on.
    ///
    /// ```
    /// use lastmile::{JobSpec, LocationId, VehicleTypeId};
    /// let promised = JobSpec::at(LocationId(5)).prefer_vehicle_type(VehicleTypeId(1), 20.0);
    /// ```
    pub fn prefer_vehicle_type(mut self, vehicle_type: VehicleTypeId, penalty: f64) -> JobSpec {
        self.preferred_vehicle_type = Some((vehicle_type, penalty));
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

    /// Soft windows: service may start up to `max` (instance time units)
    /// after a window of the job closes, at `cost` per time unit late
    /// (objective units, like [`optional`](Self::optional)'s penalty).
    /// KPIs report the stops served late and by how much.
    ///
    /// ```
    /// use lastmile::{JobSpec, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// let far = b.add_location(50.0, 0.0);
    /// // Reached at 50 at the earliest: 10 late, at 2 per minute.
    /// b.add_job(JobSpec::at(far).time_window(0.0, 40.0).lateness(15.0, 2.0));
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]));
    /// let problem = b.build()?;
    /// let plan = Solver::new().iteration_limit(50).solve(&problem).solution;
    /// assert_eq!(plan.routes().len(), 1);
    /// assert_eq!(problem.job(lastmile::JobId(0)).late_by(0, plan.routes()[0].stops[0].service_start).get(), 10);
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    pub fn lateness(mut self, max: f64, cost: f64) -> JobSpec {
        self.lateness = Some((max, cost));
        self
    }

    /// The parcel reaches the depot at `time` (instance units; a same-day
    /// order, goods picked during the day): the trip that carries it
    /// starts loading at its depot (the start depot or a reload depot) at
    /// `time` or later. 0 by default: on hand from the start.
    ///
    /// ```
    /// use lastmile::{JobSpec, LocationId};
    /// let same_day = JobSpec::at(LocationId(3)).demand(&[2]).release_time(600.0);
    /// ```
    pub fn release_time(mut self, time: f64) -> JobSpec {
        self.release = time;
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
    pub(super) count: usize,
    pub(super) capacity: Vec<i64>,
    pub(super) start_depot: LocationId,
    pub(super) end_depot: Option<LocationId>,
    pub(super) open_end: bool,
    pub(super) speed_factor: f64,
    pub(super) travel_profile: usize,
    pub(super) shift: Option<(f64, f64)>,
    pub(super) skills: Vec<String>,
    pub(super) max_distance: Option<f64>,
    pub(super) max_duration: Option<f64>,
    pub(super) max_stops: Option<usize>,
    pub(super) breaks: Vec<BreakSpec>,
    pub(super) co2_per_distance: f64,
    pub(super) costs: VehicleCosts,
    pub(super) reload_depots: Vec<LocationId>,
    pub(super) max_reloads: Option<usize>,
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
            max_stops: None,
            breaks: Vec::new(),
            co2_per_distance: 0.0,
            costs: VehicleCosts::default(),
            reload_depots: Vec::new(),
            max_reloads: None,
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
    /// [`ProblemBuilder::add_travel_profile`](crate::ProblemBuilder::add_travel_profile); 0, the default, is the
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

    /// No route may serve more than `stops` jobs (at least 1; VROOM's
    /// `max_tasks`, vrp-cli's `tourSize`).
    ///
    /// ```
    /// use lastmile::{JobSpec, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// for i in 0..6 {
    ///     let home = b.add_location(i as f64, 1.0);
    ///     b.add_job(JobSpec::at(home));
    /// }
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 3, &[10]).max_stops(2));
    /// let problem = b.build()?;
    /// let plan = Solver::new().iteration_limit(100).solve(&problem).solution;
    /// assert!(plan.routes().iter().all(|r| r.stops.len() <= 2));
    /// assert_eq!(plan.routes().len(), 3);
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    pub fn max_stops(mut self, stops: usize) -> VehicleTypeSpec {
        self.max_stops = Some(stops);
        self
    }

    /// The vehicles may come back to one of `depots` during the shift to
    /// unload what they picked up and load the next trip (multi-trip
    /// routes: a cargo bike that goes out several times a day). Each trip
    /// must fit the capacity on its own. May be given more than once.
    ///
    /// ```
    /// use lastmile::{LocationId, VehicleTypeSpec};
    /// let depot = LocationId(0);
    /// let bikes = VehicleTypeSpec::new(depot, 2, &[20]).reload_depots(&[depot]).max_reloads(3);
    /// ```
    pub fn reload_depots(mut self, depots: &[LocationId]) -> VehicleTypeSpec {
        self.reload_depots.extend_from_slice(depots);
        self
    }

    /// At most `reloads` returns to a reload depot per route (no limit by
    /// default; see [`reload_depots`](Self::reload_depots)).
    pub fn max_reloads(mut self, reloads: usize) -> VehicleTypeSpec {
        self.max_reloads = Some(reloads);
        self
    }

    /// Drivers take a break of `duration` starting between `start` and
    /// `end` (instance units), at a stop or while waiting, wherever the
    /// search finds it best. A route back at its depot by `start` takes
    /// none. May be given more than once.
    ///
    /// ```
    /// use lastmile::{JobSpec, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// for x in [10.0, 20.0, 30.0] {
    ///     let home = b.add_location(x, 0.0);
    ///     b.add_job(JobSpec::at(home).service(60.0));
    /// }
    /// // A 30-minute lunch break starting between 120 and 150.
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]).break_window(120.0, 150.0, 30.0));
    /// let problem = b.build()?;
    /// let plan = Solver::new().iteration_limit(100).solve(&problem).solution;
    /// let lunch = &plan.routes()[0].breaks[0];
    /// assert!(lunch.start.get() >= 120 && lunch.start.get() <= 150);
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    pub fn break_window(mut self, start: f64, end: f64, duration: f64) -> VehicleTypeSpec {
        self.breaks.push(BreakSpec::Window {
            start,
            end,
            duration,
        });
        self
    }

    /// Drivers drive at most `max_driving` (instance units of travel time)
    /// before a break of at least `duration`, taken at a stop: the EU rule
    /// is `driving_break(270.0, 45.0)` in minutes. Routes take as many as
    /// they need.
    pub fn driving_break(mut self, max_driving: f64, duration: f64) -> VehicleTypeSpec {
        self.breaks.push(BreakSpec::Driving {
            max_driving,
            duration,
        });
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
            ..self.costs
        };
        self
    }

    /// Workload balance under the cost objective: each time unit a route
    /// takes beyond `after` (instance units) costs `cost` more than
    /// [`costs`](Self::costs)' time rate, so the plan prefers routes
    /// near the target to some long and some short ones.
    ///
    /// ```
    /// use lastmile::{JobSpec, Objective, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// for x in [10.0, 11.0, 12.0, 13.0] {
    ///     let home = b.add_location(x, 0.0);
    ///     b.add_job(JobSpec::at(home).service(30.0));
    /// }
    /// // Two vans; a route longer than 80 costs 10 per minute more.
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[4]).costs(1.0, 1.0, 0.1).overtime(80.0, 10.0));
    /// let problem = b.build()?;
    /// let plan = Solver::new().iteration_limit(200).objective(Objective::Cost).solve(&problem).solution;
    /// assert_eq!(plan.routes().len(), 2); // 82 and 86 beat 146
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    pub fn overtime(mut self, after: f64, cost: f64) -> VehicleTypeSpec {
        self.costs.overtime = Some((after, cost));
        self
    }

    /// Skills the vehicles of this type provide.
    pub fn skills(mut self, names: &[&str]) -> VehicleTypeSpec {
        self.skills = names.iter().map(|s| s.to_string()).collect();
        self
    }
}

/// A driver break as given to [`VehicleTypeSpec`] (instance units).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum BreakSpec {
    /// See [`VehicleTypeSpec::break_window`].
    Window { start: f64, end: f64, duration: f64 },
    /// See [`VehicleTypeSpec::driving_break`].
    Driving { max_driving: f64, duration: f64 },
}
