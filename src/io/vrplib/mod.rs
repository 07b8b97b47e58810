//! Reader and writer for VRPLIB `.vrp` files: CVRP (CVRPLIB X), VRPTW (the
//! Gehring–Homberger layout) and the last-mile families of PyVRP's
//! VRPLIB dialect (the PyVRP/Instances benchmark sets).
//!
//! Header keys: `NAME`, `COMMENT`, `TYPE`, `DIMENSION`, `EDGE_WEIGHT_TYPE`
//! (`EUC_2D` only), `CAPACITY`, `VEHICLES`, `SERVICE_TIME` (one value for
//! every customer), and for every vehicle alike `VEHICLES_MAX_DURATION`,
//! `VEHICLES_MAX_DISTANCE`, `VEHICLES_FIXED_COST`,
//! `VEHICLES_UNIT_DISTANCE_COST`, `VEHICLES_MAX_RELOADS`.
//!
//! Sections with one row per node (`node value…`, nodes `1..=DIMENSION` in
//! order): `NODE_COORD_SECTION`, `DEMAND_SECTION` (deliveries, the
//! linehaul), `BACKHAUL_SECTION` (pickups brought back to the depot),
//! `TIME_WINDOW_SECTION`, `SERVICE_TIME_SECTION`, `PRIZE_SECTION` (a
//! customer with a prize is optional; leaving it out costs its prize),
//! `RELEASE_TIME_SECTION`. `DEPOT_SECTION` lists the depots (ended by `-1`
//! or by the next section); several depots must be the first nodes.
//!
//! Sections with one row per vehicle (`vehicle value…`, vehicles
//! `1..=VEHICLES`): `CAPACITY_SECTION`, `VEHICLES_DEPOT_SECTION` (the
//! depot node it starts and ends at), `VEHICLES_FIXED_COST_SECTION`,
//! `VEHICLES_UNIT_DISTANCE_COST_SECTION`, `VEHICLES_MAX_DURATION_SECTION`,
//! `VEHICLES_MAX_DISTANCE_SECTION`, `VEHICLES_MAX_RELOADS_SECTION`,
//! `VEHICLES_RELOAD_DEPOT_SECTION` (one or more depot nodes per row).
//!
//! As in PyVRP: a depot's time window is the shift of the vehicles based
//! there; `VEHICLES_MAX_DURATION` limits a route's duration; unit distance
//! costs are not rounded; vehicles with the same attributes share one
//! vehicle type (consecutive vehicles only, so that route `k` of a `.sol`
//! file, aligned with vehicle `k`, keeps its type); `TYPE: VRPB` puts
//! every route's backhauls after its linehauls, and forbids routes of
//! backhauls only. Without `VEHICLES` the fleet is unlimited (one vehicle
//! per customer). [`Family`] gives each benchmark family's rounding and
//! objective.
//!
//! Reload depots and release times make multi-trip days (see
//! [`VehicleTypeSpec::reload_depots`] and [`JobSpec::release_time`]).

mod parse;
mod write;

pub use parse::{parse_vrplib, parse_vrplib_instance};

use crate::error::ModelError;
use crate::objective::Objective;
use crate::problem::{JobSpec, LocationId, Problem, ProblemBuilder, Rounding, VehicleTypeSpec};

/// The contents of a VRPLIB file, in instance units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VrplibInstance {
    /// `NAME`.
    pub name: String,
    /// `TYPE` (e.g. `CVRP`, `VRPTW`, `HFVRP`).
    pub problem_type: String,
    /// Vehicle capacity (`CAPACITY`; see [`VrplibFleet::capacities`] for
    /// one per vehicle).
    pub capacity: i64,
    /// `VEHICLES`, if given.
    pub vehicles: Option<usize>,
    /// Coordinates per node (index 0 = node 1).
    pub coordinates: Vec<(f64, f64)>,
    /// Demand (delivery) per node.
    pub demands: Vec<i64>,
    /// The depot nodes (0-based), the first of them the default depot.
    pub depots: Vec<usize>,
    /// Time window per node, if the file has them.
    pub time_windows: Option<Vec<(f64, f64)>>,
    /// Service time per node.
    pub service_times: Vec<f64>,
    /// Pickup per node (`BACKHAUL_SECTION`), if given.
    pub backhauls: Option<Vec<i64>>,
    /// Prize per node (`PRIZE_SECTION`), if given: customers with a
    /// positive prize are optional.
    pub prizes: Option<Vec<f64>>,
    /// Release time per node (`RELEASE_TIME_SECTION`), if given.
    pub release_times: Option<Vec<f64>>,
    /// Per-vehicle attributes.
    pub fleet: VrplibFleet,
}

/// Per-vehicle attributes of a VRPLIB file; `None` where the file gives
/// none (or one value for every vehicle, stored as a list).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VrplibFleet {
    /// Capacity per vehicle (`CAPACITY_SECTION`).
    pub capacities: Option<Vec<i64>>,
    /// Depot node (0-based) per vehicle.
    pub depots: Option<Vec<usize>>,
    /// Fixed cost per vehicle used.
    pub fixed_costs: Option<Vec<f64>>,
    /// Cost per unit of distance, per vehicle.
    pub unit_distance_costs: Option<Vec<f64>>,
    /// Longest route duration per vehicle.
    pub max_durations: Option<Vec<f64>>,
    /// Longest route distance per vehicle.
    pub max_distances: Option<Vec<f64>>,
    /// Most reloads per vehicle.
    pub max_reloads: Option<Vec<usize>>,
    /// Depot nodes (0-based) where each vehicle may reload.
    pub reload_depots: Option<Vec<Vec<usize>>>,
}

impl VrplibFleet {
    /// True when some attribute is given per vehicle (so that vehicles
    /// may differ).
    pub fn lists_vehicles(&self) -> bool {
        self.list_lengths().iter().any(|(_, len)| len.is_some())
    }

    /// What each per-vehicle list holds, and its length when it is given.
    fn list_lengths(&self) -> [(&'static str, Option<usize>); 8] {
        [
            ("capacities", self.capacities.as_ref().map(Vec::len)),
            ("vehicle depots", self.depots.as_ref().map(Vec::len)),
            ("fixed costs", self.fixed_costs.as_ref().map(Vec::len)),
            (
                "unit distance costs",
                self.unit_distance_costs.as_ref().map(Vec::len),
            ),
            (
                "maximum durations",
                self.max_durations.as_ref().map(Vec::len),
            ),
            (
                "maximum distances",
                self.max_distances.as_ref().map(Vec::len),
            ),
            ("maximum reloads", self.max_reloads.as_ref().map(Vec::len)),
            ("reload depots", self.reload_depots.as_ref().map(Vec::len)),
        ]
    }
}

/// The first of `lists` (what it holds, its length if given) whose length
/// is not `expected`.
fn wrong_length(
    lists: &[(&'static str, Option<usize>)],
    expected: usize,
) -> Option<(&'static str, usize)> {
    lists
        .iter()
        .find_map(|&(what, len)| len.filter(|&l| l != expected).map(|l| (what, l)))
}

/// The benchmark families of PyVRP/Instances, told by `TYPE`, with the
/// rounding and objective their best-known costs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Capacitated VRP (CVRPLIB X): nearest-integer arcs, distance.
    Cvrp,
    /// VRP with time windows: DIMACS arcs, distance.
    Vrptw,
    /// Heterogeneous fleet (Pessoa et al. 2018): arcs times 1,000 rounded,
    /// fixed plus per-distance costs.
    Hfvrp,
    /// Several depots with windows and a maximum duration (Vidal et al.
    /// 2013): arcs times 1,000 rounded, distance.
    Mdvrptw,
    /// Optional customers with prizes on the Gehring–Homberger 1,000
    /// instances: DIMACS arcs, distance plus the prizes not collected.
    Pcvrptw,
    /// Backhauls after linehauls (Queiroga et al. 2020): nearest-integer
    /// arcs, distance.
    Vrpb,
    /// Multi-trip with reloads and release times (Yang 2023/24): DIMACS
    /// arcs, distance.
    Mtvrptwr,
}

impl Family {
    /// The family a `TYPE` names (`None` for other types).
    pub fn from_type(problem_type: &str) -> Option<Family> {
        Some(match problem_type.trim().to_ascii_uppercase().as_str() {
            "CVRP" => Family::Cvrp,
            "VRPTW" => Family::Vrptw,
            "HFVRP" => Family::Hfvrp,
            "MDVRPTW" => Family::Mdvrptw,
            "PCVRPTW" => Family::Pcvrptw,
            "VRPB" => Family::Vrpb,
            "MTVRPTWR" => Family::Mtvrptwr,
            _ => return None,
        })
    }

    /// The rounding convention of the family's best-known costs (PyVRP's
    /// benchmark settings: `round`, `dimacs`, or `exact`, which is
    /// [`Rounding::Precise`]).
    pub fn rounding(self) -> Rounding {
        match self {
            Family::Cvrp | Family::Vrpb => Rounding::Round,
            Family::Vrptw | Family::Pcvrptw | Family::Mtvrptwr => Rounding::Dimacs,
            Family::Hfvrp | Family::Mdvrptw => Rounding::Precise,
        }
    }

    /// What the family minimises: vehicle costs for HFVRP, distance
    /// otherwise (the prizes of customers left out are added under
    /// either, see [`JobSpec::optional`]).
    pub fn objective(self) -> Objective {
        match self {
            Family::Hfvrp => Objective::Cost,
            _ => Objective::Distance,
        }
    }
}

impl VrplibInstance {
    /// True when the instance has time windows.
    pub fn has_time_windows(&self) -> bool {
        self.time_windows.is_some()
    }

    /// The benchmark family of the instance's `TYPE`, if it is one.
    pub fn family(&self) -> Option<Family> {
        Family::from_type(&self.problem_type)
    }

    /// The rounding convention of the instance's last-mile family, else
    /// DIMACS with time windows and nearest-integer without (the CVRPLIB
    /// convention), whatever the `TYPE`.
    pub fn default_rounding(&self) -> Rounding {
        match self.family() {
            Some(Family::Cvrp | Family::Vrptw) | None if self.has_time_windows() => {
                Rounding::Dimacs
            }
            Some(Family::Cvrp | Family::Vrptw) | None => Rounding::Round,
            Some(family) => family.rounding(),
        }
    }

    /// Number of vehicles: `VEHICLES`, else one per customer.
    pub fn fleet_size(&self) -> usize {
        let customers = self.coordinates.len().saturating_sub(self.depots.len());
        self.vehicles.unwrap_or(customers.max(1))
    }

    /// True for the VRPB rule: on every route, backhauls come after all
    /// linehauls, and no route serves backhauls alone.
    pub fn backhauls_last(&self) -> bool {
        self.family() == Some(Family::Vrpb)
    }

    /// The problem this instance describes, under `rounding`: depots are
    /// the first locations (node order is kept, so location `k` is node
    /// `k + 1`), customers become jobs in node order.
    pub fn to_problem(&self, rounding: Rounding) -> Result<Problem, ModelError> {
        self.check_shape()?;
        let mut builder = ProblemBuilder::new(rounding);
        builder.name(self.name.clone());
        let locations: Vec<LocationId> = self
            .coordinates
            .iter()
            .map(|&(x, y)| builder.add_location(x, y))
            .collect();
        for spec in self.vehicle_types(&locations) {
            builder.add_vehicle_type(spec);
        }
        if self.backhauls_last() {
            builder.backhauls_last(true);
        }
        for node in (0..self.coordinates.len()).filter(|n| !self.depots.contains(n)) {
            let mut job = JobSpec::at(locations[node])
                .demand(&[self.demands[node]])
                .service(self.service_times[node]);
            if let Some(backhauls) = &self.backhauls {
                job = job.pickup(&[backhauls[node]]);
            }
            if let Some(windows) = &self.time_windows {
                job = job.time_window(windows[node].0, windows[node].1);
            }
            if let Some(release) = self.release_times.as_ref().map(|r| r[node]) {
                job = job.release_time(release);
            }
            if let Some(prize) = self.prizes.as_ref().map(|p| p[node]) {
                if prize != 0.0 {
                    job = job.optional(prize);
                }
            }
            builder.add_job(job);
        }
        builder.build()
    }

    /// The vehicle types: runs of consecutive vehicles with the same
    /// attributes.
    fn vehicle_types(&self, locations: &[LocationId]) -> Vec<VehicleTypeSpec> {
        let fleet = &self.fleet;
        let at = |list: &Option<Vec<f64>>, v: usize| list.as_ref().map(|l| l[v]);
        let vehicle = |v: usize, count: usize| {
            let depot = fleet.depots.as_ref().map_or(self.depots[0], |d| d[v]);
            let capacity = fleet.capacities.as_ref().map_or(self.capacity, |c| c[v]);
            let mut spec = VehicleTypeSpec::new(locations[depot], count, &[capacity]);
            if let Some(windows) = &self.time_windows {
                spec = spec.shift(windows[depot].0, windows[depot].1);
            }
            if let Some(max) = at(&fleet.max_durations, v) {
                spec = spec.max_duration(max);
            }
            if let Some(max) = at(&fleet.max_distances, v) {
                spec = spec.max_distance(max);
            }
            if let Some(depots) = fleet.reload_depots.as_ref().map(|d| &d[v]) {
                let depots: Vec<LocationId> = depots.iter().map(|&d| locations[d]).collect();
                spec = spec.reload_depots(&depots);
            }
            if let Some(max) = fleet.max_reloads.as_ref().map(|m| m[v]) {
                spec = spec.max_reloads(max);
            }
            let fixed = at(&fleet.fixed_costs, v).unwrap_or(0.0);
            let per_distance = at(&fleet.unit_distance_costs, v).unwrap_or(1.0);
            spec.costs(fixed, per_distance, 0.0)
        };
        if !fleet.lists_vehicles() {
            return vec![vehicle(0, self.fleet_size())];
        }
        // (first vehicle, vehicles) of each run of alike vehicles.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for v in 0..self.fleet_size() {
            match runs.last_mut() {
                Some((first, count)) if vehicle(*first, 1) == vehicle(v, 1) => *count += 1,
                _ => runs.push((v, 1)),
            }
        }
        runs.into_iter()
            .map(|(first, count)| vehicle(first, count))
            .collect()
    }

    fn check_shape(&self) -> Result<(), ModelError> {
        let n = self.coordinates.len();
        let inconsistent = |what: String| Err(ModelError::InconsistentInstance { what });
        if self.depots.is_empty() {
            return inconsistent("no depot".into());
        }
        if let Some(&depot) = self.depots.iter().find(|&&d| d >= n) {
            return inconsistent(format!("depot node {} of {n} nodes", depot + 1));
        }
        if self.depots.len() > 1 && self.depots.iter().enumerate().any(|(i, &d)| i != d) {
            return inconsistent("several depots must be the first nodes, in order".into());
        }
        if self.demands.len() != n || self.service_times.len() != n {
            return inconsistent(format!(
                "{n} nodes but {} demands and {} service times",
                self.demands.len(),
                self.service_times.len()
            ));
        }
        let per_node = [
            ("time windows", self.time_windows.as_ref().map(Vec::len)),
            ("backhauls", self.backhauls.as_ref().map(Vec::len)),
            ("prizes", self.prizes.as_ref().map(Vec::len)),
            ("release times", self.release_times.as_ref().map(Vec::len)),
        ];
        if let Some((what, len)) = wrong_length(&per_node, n) {
            return inconsistent(format!("{n} nodes but {len} {what}"));
        }
        let vehicles = self.fleet_size();
        let fleet = &self.fleet;
        if let Some((what, len)) = wrong_length(&fleet.list_lengths(), vehicles) {
            return inconsistent(format!("{vehicles} vehicles but {len} {what}"));
        }
        let not_a_depot = |d: &usize| !self.depots.contains(d);
        if let Some(d) = fleet.depots.iter().flatten().find(|d| not_a_depot(d)) {
            return inconsistent(format!("vehicle depot node {} is not a depot", d + 1));
        }
        let reloads = fleet.reload_depots.iter().flatten().flatten();
        if let Some(d) = reloads.clone().find(|d| not_a_depot(d)) {
            return inconsistent(format!("reload depot node {} is not a depot", d + 1));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
