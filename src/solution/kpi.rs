//! Key figures of a plan for a dispatcher: per route and in total, in
//! instance units (the units the problem was given in).
//!
//! ```
//! use lastmile::generate::{generate, GeneratorConfig, Layout};
//! use lastmile::{kpis, Solver};
//!
//! let problem = generate(&GeneratorConfig::new(Layout::Mixed, 30, 1)).to_problem(lastmile::Rounding::Dimacs)?;
//! let solution = Solver::new().iteration_limit(500).solve(&problem).solution;
//! let figures = kpis(&problem, &solution);
//! assert_eq!(figures.deliveries, 30);
//! println!("{:.1} per route, {:.0}% on time", figures.deliveries_per_route, 100.0 * figures.on_time_share);
//! # Ok::<(), lastmile::ModelError>(())
//! ```

use super::Solution;
use crate::problem::{Problem, VehicleTypeId};

/// Figures of one route.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteKpis {
    /// The vehicle type driving it.
    pub vehicle_type: VehicleTypeId,
    /// Jobs served.
    pub deliveries: usize,
    /// Trips driven: 1 plus the reloads (see [`Route::reloads`](super::Route::reloads)).
    pub trips: usize,
    /// Distance driven.
    pub distance: f64,
    /// Time from leaving the start depot to arriving at the end depot.
    pub duration: f64,
    /// Highest load on board over capacity, per dimension (0 where the
    /// capacity is 0). Without pickups the highest load is everything the
    /// route delivers.
    pub load_factor: Vec<f64>,
    /// Grams of CO2 emitted.
    pub co2_grams: f64,
    /// What the route costs by its vehicle type's costs (currency).
    pub cost: f64,
}

/// Figures of a whole plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Kpis {
    /// Routes (vehicles) used.
    pub vehicles_used: usize,
    /// Jobs served.
    pub deliveries: usize,
    /// Jobs served that pick something up (returns).
    pub pickups: usize,
    /// Jobs left unassigned.
    pub unassigned: usize,
    /// Trips driven by all routes (more than the routes with reloads).
    pub trips: usize,
    /// Total distance driven.
    pub distance: f64,
    /// Total route duration.
    pub duration: f64,
    /// Mean jobs per route (0 without routes).
    pub deliveries_per_route: f64,
    /// Distance per job served (0 without jobs served).
    pub distance_per_delivery: f64,
    /// Sum of the routes' highest loads on board over the total capacity
    /// of the vehicles used, per dimension.
    pub load_factor: Vec<f64>,
    /// Share of served jobs whose service starts inside their first-choice
    /// window, as the customer gave it (1 when none is served).
    pub on_time_share: f64,
    /// Jobs served after the customer's window at their place closed
    /// (soft windows, [`Job::lateness`](crate::Job::lateness)).
    pub late_stops: usize,
    /// Time those jobs were late, in total (instance units).
    pub lateness: f64,
    /// Grams of CO2 emitted in total.
    pub co2_grams: f64,
    /// Grams of CO2 per job served (0 without jobs served).
    pub co2_per_delivery: f64,
    /// Vehicle costs of all routes (currency; see
    /// [`VehicleTypeSpec::costs`](crate::VehicleTypeSpec::costs)).
    pub cost: f64,
    /// Vehicle costs per job served (0 without jobs served).
    pub cost_per_delivery: f64,
    /// The figures of every route, in the plan's order.
    pub routes: Vec<RouteKpis>,
}

/// Computes the figures of `solution` for `problem`.
pub fn kpis(problem: &Problem, solution: &Solution) -> Kpis {
    let dimensions = problem.dimensions();
    let ratio = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
    let mut load = vec![0.0; dimensions];
    let mut capacity = vec![0.0; dimensions];
    let (mut on_time, mut pickups) = (0usize, 0usize);
    let (mut late_stops, mut lateness) = (0usize, 0i64);
    let routes: Vec<RouteKpis> = solution
        .routes()
        .iter()
        .map(|route| {
            let vehicle = problem.vehicle_type(route.vehicle_type);
            for d in 0..dimensions {
                load[d] += route.peak_load.get(d) as f64;
                capacity[d] += vehicle.capacity.get(d) as f64;
            }
            pickups += route
                .stops
                .iter()
                .filter(|s| problem.job(s.job).pickup != crate::units::Load::ZERO)
                .count();
            on_time += route
                .stops
                .iter()
                .filter(|s| {
                    let job = problem.job(s.job);
                    job.time_window.start <= s.service_start && s.service_start <= job.due(0)
                })
                .count();
            for stop in &route.stops {
                let late = problem
                    .job(stop.job)
                    .late_by(stop.place, stop.service_start);
                if late > crate::units::Duration::ZERO {
                    late_stops += 1;
                    lateness += late.get();
                }
            }
            let distance = problem.to_instance_units(route.distance.get());
            RouteKpis {
                vehicle_type: route.vehicle_type,
                deliveries: route.stops.len(),
                trips: 1 + route.reloads.len(),
                distance,
                duration: problem
                    .to_instance_units((route.depot_arrival - route.depot_departure).get()),
                load_factor: (0..dimensions)
                    .map(|d| {
                        ratio(
                            route.peak_load.get(d) as f64,
                            vehicle.capacity.get(d) as f64,
                        )
                    })
                    .collect(),
                co2_grams: distance * vehicle.co2_per_distance,
                cost: problem.cost_to_currency(route.cost(problem)),
            }
        })
        .collect();
    let deliveries: usize = routes.iter().map(|r| r.deliveries).sum();
    let distance: f64 = routes.iter().map(|r| r.distance).sum();
    let co2_grams: f64 = routes.iter().map(|r| r.co2_grams).sum();
    let cost = problem.cost_to_currency(solution.cost().cost);
    Kpis {
        vehicles_used: routes.len(),
        deliveries,
        pickups,
        unassigned: solution.unassigned().len(),
        trips: routes.iter().map(|r| r.trips).sum(),
        distance,
        duration: routes.iter().map(|r| r.duration).sum(),
        deliveries_per_route: ratio(deliveries as f64, routes.len() as f64),
        distance_per_delivery: ratio(distance, deliveries as f64),
        load_factor: (0..dimensions)
            .map(|d| ratio(load[d], capacity[d]))
            .collect(),
        on_time_share: if deliveries == 0 {
            1.0
        } else {
            on_time as f64 / deliveries as f64
        },
        late_stops,
        lateness: problem.to_instance_units(lateness),
        co2_grams,
        co2_per_delivery: ratio(co2_grams, deliveries as f64),
        cost,
        cost_per_delivery: ratio(cost, deliveries as f64),
        routes,
    }
}
