//! Each last-mile attribute changes the plan as expected on a small
//! hand-made problem, and the checker agrees.

mod common;

use lastmile::{
    check, JobId, JobSpec, Objective, ProblemBuilder, Rounding, Solver, UnassignedReason,
    VehicleTypeId, VehicleTypeSpec,
};

/// A job needing a skill goes to the only vehicle type that has it, even
/// though another vehicle passes right by it.
#[test]
fn skilled_job_goes_to_the_skilled_vehicle() {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    let mut sites = Vec::new();
    for i in 0..6 {
        sites.push(b.add_location(10.0 + i as f64, 0.0));
    }
    let far = b.add_location(0.0, 30.0);
    for &site in &sites {
        b.add_job(JobSpec::at(site).demand(&[1]));
    }
    // The chilled parcel sits among the others, the skilled van serves a
    // job far away.
    let chilled = b.add_job(JobSpec::at(sites[3]).demand(&[1]).skills(&["cold"]));
    b.add_job(JobSpec::at(far).demand(&[1]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
    let cold_van = b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]).skills(&["cold"]));
    let problem = b.build().unwrap();

    let solution = Solver::new()
        .iteration_limit(2_000)
        .solve(&problem)
        .solution;
    common::assert_feasible(&problem, &solution, "skills");
    let serving = solution
        .routes()
        .iter()
        .find(|r| r.jobs().any(|j| j == chilled))
        .expect("the chilled job is served");
    assert_eq!(serving.vehicle_type, cold_van);
}

/// A job whose skill no vehicle has is reported with that reason, and the
/// rest is still planned.
#[test]
fn job_without_a_skilled_vehicle_is_unassigned_with_the_reason() {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    let site = b.add_location(5.0, 5.0);
    b.add_job(JobSpec::at(site).skills(&["crane"]));
    b.add_job(JobSpec::at(site));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[]).skills(&["cold"]));
    // A crane truck exists in the catalogue, but none is available today.
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 0, &[]).skills(&["crane"]));
    let problem = b.build().unwrap();

    let solution = Solver::new().iteration_limit(500).solve(&problem).solution;
    assert!(check(&problem, &solution).is_feasible());
    assert_eq!(solution.unassigned().len(), 1);
    assert_eq!(solution.unassigned()[0].job, JobId(0));
    assert_eq!(
        solution.unassigned()[0].reason,
        UnassignedReason::NoVehicleWithSkills
    );
    assert_eq!(solution.routes().len(), 1);
}

/// Two neighbouring jobs share a route unless the maximum route distance
/// forbids it; then each gets its own.
#[test]
fn maximum_distance_splits_a_route() {
    let solve = |max_distance: Option<f64>| {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        for y in [0.0, 2.0] {
            let site = b.add_location(10.0, y);
            b.add_job(JobSpec::at(site));
        }
        let vans = VehicleTypeSpec::new(depot, 2, &[]);
        b.add_vehicle_type(match max_distance {
            Some(limit) => vans.max_distance(limit),
            None => vans,
        });
        let problem = b.build().unwrap();
        let solution = Solver::new().iteration_limit(500).solve(&problem).solution;
        common::assert_feasible(&problem, &solution, "maximum distance");
        (problem, solution)
    };
    let (_, free) = solve(None);
    assert_eq!(free.routes().len(), 1);
    let (problem, limited) = solve(Some(21.0));
    assert_eq!(limited.routes().len(), 2);
    assert!(limited
        .routes()
        .iter()
        .all(|r| r.distance.get() <= problem.from_instance_units(21.0)));
}

/// The maximum route duration counts service and waiting too: two jobs
/// with long service fit one shift but not one driver's working time.
#[test]
fn maximum_duration_splits_a_route() {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    for x in [5.0, 6.0] {
        let site = b.add_location(x, 0.0);
        b.add_job(JobSpec::at(site).service(60.0));
    }
    b.add_vehicle_type(
        VehicleTypeSpec::new(depot, 2, &[])
            .shift(0.0, 480.0)
            .max_duration(100.0),
    );
    let problem = b.build().unwrap();
    let solution = Solver::new().iteration_limit(500).solve(&problem).solution;
    common::assert_feasible(&problem, &solution, "maximum duration");
    assert_eq!(solution.routes().len(), 2);
}

/// A job that alone needs more than the maximum distance is reported with
/// that reason.
#[test]
fn job_beyond_the_route_limits_is_unassigned_with_the_reason() {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    let far = b.add_location(30.0, 0.0);
    let near = b.add_location(3.0, 4.0);
    b.add_job(JobSpec::at(far));
    b.add_job(JobSpec::at(near));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[]).max_distance(50.0));
    let problem = b.build().unwrap();
    let solution = Solver::new().iteration_limit(200).solve(&problem).solution;
    assert!(check(&problem, &solution).is_feasible());
    assert_eq!(solution.unassigned().len(), 1);
    assert_eq!(solution.unassigned()[0].job, JobId(0));
    assert_eq!(
        solution.unassigned()[0].reason,
        UnassignedReason::ExceedsRouteLimits
    );
}

/// Two micro-fulfilment centres far apart, a van type at each: every
/// parcel is delivered from the centre near it.
#[test]
fn each_depot_serves_its_own_area() {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let west = b.add_location(0.0, 0.0);
    let east = b.add_location(100.0, 0.0);
    let mut western_jobs = Vec::new();
    for i in 0..8 {
        let offset = (i % 4) as f64 * 3.0;
        let (x, y) = if i < 4 {
            (5.0 + offset, 4.0)
        } else {
            (95.0 - offset, -4.0)
        };
        let site = b.add_location(x, y);
        let job = b.add_job(JobSpec::at(site).demand(&[1]));
        if i < 4 {
            western_jobs.push(job);
        }
    }
    let west_vans = b.add_vehicle_type(VehicleTypeSpec::new(west, 2, &[10]));
    let east_vans = b.add_vehicle_type(VehicleTypeSpec::new(east, 2, &[10]));
    let problem = b.build().unwrap();

    let solution = Solver::new()
        .iteration_limit(1_000)
        .solve(&problem)
        .solution;
    common::assert_feasible(&problem, &solution, "two depots");
    assert!(solution.unassigned().is_empty());
    for route in solution.routes() {
        let western = route.jobs().all(|j| western_jobs.contains(&j));
        let eastern = route.jobs().all(|j| !western_jobs.contains(&j));
        assert!(
            (western && route.vehicle_type == west_vans)
                || (eastern && route.vehicle_type == east_vans),
            "route of type {:?} mixes areas or starts at the far depot",
            route.vehicle_type
        );
    }
}

/// One job per reason: too heavy, window out of reach, shift too short, and
/// one crowded out by a better use of the only van.
#[test]
fn every_unassigned_job_says_why() {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    let east = b.add_location(10.0, 0.0);
    let near_east = b.add_location(5.0, 0.0);
    let near_west = b.add_location(-5.0, 0.0);
    let heavy = b.add_job(JobSpec::at(east).demand(&[20]));
    let too_early = b.add_job(JobSpec::at(east).demand(&[1]).time_window(0.0, 5.0));
    let too_late = b.add_job(
        JobSpec::at(east)
            .demand(&[1])
            .time_window(85.0, 95.0)
            .service(10.0),
    );
    let first = b.add_job(JobSpec::at(near_east).demand(&[8]));
    let second = b.add_job(JobSpec::at(near_west).demand(&[8]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]).shift(0.0, 100.0));
    let problem = b.build().unwrap();

    let solution = Solver::new().iteration_limit(300).solve(&problem).solution;
    common::assert_feasible(&problem, &solution, "reasons");
    let reason = |job: JobId| {
        solution
            .unassigned()
            .iter()
            .find(|u| u.job == job)
            .map(|u| u.reason)
    };
    assert_eq!(reason(heavy), Some(UnassignedReason::DemandExceedsCapacity));
    assert_eq!(
        reason(too_early),
        Some(UnassignedReason::TimeWindowUnreachable)
    );
    assert_eq!(reason(too_late), Some(UnassignedReason::ShiftTooShort));
    let crowded: Vec<_> = [first, second].into_iter().filter_map(reason).collect();
    assert_eq!(crowded, vec![UnassignedReason::FleetExhausted]);
    assert_eq!(solution.routes().len(), 1);
}

/// The KPIs of a hand-built plan, recomputed by hand.
#[test]
fn kpis_of_a_known_plan() {
    use lastmile::{kpis, Route, Solution};
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let a = b.add_location(3.0, 4.0);
    let c = b.add_location(0.0, 10.0);
    b.add_job(JobSpec::at(a).demand(&[2, 5]));
    b.add_job(JobSpec::at(c).demand(&[4, 0]));
    // Late: arrives at 10, the window closes at 5.
    b.add_job(JobSpec::at(c).demand(&[0, 0]).time_window(0.0, 5.0));
    b.add_vehicle_type(
        VehicleTypeSpec::new(depot, 2, &[10, 10])
            .co2_per_distance(100.0)
            .costs(50.0, 2.0, 0.5),
    );
    let problem = b.build().unwrap();
    let routes = vec![
        Route {
            vehicle_type: VehicleTypeId(0),
            jobs: vec![JobId(0)],
            places: Vec::new(),
            reloads: Vec::new(),
        },
        Route {
            vehicle_type: VehicleTypeId(0),
            jobs: vec![JobId(1), JobId(2)],
            places: Vec::new(),
            reloads: Vec::new(),
        },
    ];
    let solution = Solution::new(&problem, routes, vec![]).unwrap();
    let k = kpis(&problem, &solution);
    assert_eq!(k.vehicles_used, 2);
    assert_eq!(k.deliveries, 3);
    assert_eq!(k.distance, 30.0);
    assert_eq!(k.duration, 30.0);
    assert_eq!(k.deliveries_per_route, 1.5);
    assert_eq!(k.distance_per_delivery, 10.0);
    assert_eq!(k.load_factor, vec![0.3, 0.25]);
    assert_eq!(k.routes[0].load_factor, vec![0.2, 0.5]);
    assert_eq!(k.co2_grams, 3000.0);
    assert_eq!(k.co2_per_delivery, 1000.0);
    assert!((k.on_time_share - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(k.routes[1].deliveries, 2);
    assert_eq!(k.routes[1].distance, 20.0);
    // Two vans at 50, 30 units of distance at 2, 30 of time at 0.5.
    assert_eq!(k.cost, 100.0 + 60.0 + 15.0);
    assert_eq!(k.cost_per_delivery, 175.0 / 3.0);
    assert_eq!(k.routes[0].cost, 50.0 + 20.0 + 5.0);
}

/// Two jobs at one place, served at 10 and at 100. By distance one route
/// serving both (and waiting in between) is best. With a cost per unit of
/// time the wait costs more than a second trip, so the cost objective
/// sends two vehicles; a fixed cost per vehicle makes one route cheaper
/// again.
#[test]
fn time_and_fixed_costs_change_the_number_of_routes() {
    let solve = |costs: (f64, f64, f64), objective| {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        let site = b.add_location(10.0, 0.0);
        b.add_job(JobSpec::at(site).demand(&[1]).time_window(10.0, 10.0));
        b.add_job(JobSpec::at(site).demand(&[1]).time_window(100.0, 100.0));
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[10]).costs(costs.0, costs.1, costs.2));
        let problem = b.build().unwrap();
        let solution = Solver::new()
            .iteration_limit(500)
            .objective(objective)
            .solve(&problem)
            .solution;
        common::assert_feasible(&problem, &solution, "costs");
        (problem, solution)
    };
    let (_, by_distance) = solve((0.0, 1.0, 1.0), Objective::Distance);
    assert_eq!(by_distance.routes().len(), 1);
    let (problem, by_time) = solve((0.0, 1.0, 1.0), Objective::Cost);
    assert_eq!(by_time.routes().len(), 2);
    // Two trips of 20 units of distance and 20 of time.
    assert_eq!(problem.cost_to_currency(by_time.cost().cost), 80.0);
    let (problem, with_fixed) = solve((100.0, 1.0, 1.0), Objective::Cost);
    assert_eq!(with_fixed.routes().len(), 1);
    // 100 for the van, 20 of distance, 110 of time (the wait included).
    assert_eq!(problem.cost_to_currency(with_fixed.cost().cost), 230.0);
}

/// Two types can serve everything; the cost objective puts the work on the
/// one with the lower rates (time matters as much as distance), the
/// distance objective does not care.
#[test]
fn cost_objective_prefers_the_cheaper_vehicle_type() {
    for (van_rates, bike_rates, cheaper) in [
        ((1.0, 1.0), (2.0, 1.0), 0),
        ((1.0, 1.0), (0.5, 1.0), 1),
        ((0.5, 2.0), (1.0, 0.5), 1),
    ] {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        for (x, y) in [(3.0, 4.0), (4.0, 4.0), (5.0, 2.0)] {
            let site = b.add_location(x, y);
            b.add_job(JobSpec::at(site).demand(&[1]).service(5.0));
        }
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]).costs(
            0.0,
            van_rates.0,
            van_rates.1,
        ));
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]).costs(
            0.0,
            bike_rates.0,
            bike_rates.1,
        ));
        let problem = b.build().unwrap();
        let solution = Solver::new()
            .iteration_limit(500)
            .objective(Objective::Cost)
            .solve(&problem)
            .solution;
        common::assert_feasible(&problem, &solution, "rates");
        assert_eq!(solution.routes().len(), 1);
        assert_eq!(solution.routes()[0].vehicle_type, VehicleTypeId(cheaper));
    }
}

/// An optional job far away with a small penalty is left out; with a large
/// penalty it is served. Under both objectives.
#[test]
fn optional_job_is_dropped_only_when_serving_it_costs_more() {
    for objective in [Objective::Distance, Objective::Cost] {
        for (penalty, served) in [(5.0, false), (500.0, true)] {
            let mut b = ProblemBuilder::new(Rounding::Precise);
            let depot = b.add_location(0.0, 0.0);
            let near = b.add_location(3.0, 4.0);
            let far = b.add_location(60.0, 80.0);
            b.add_job(JobSpec::at(near).demand(&[1]));
            let optional = b.add_job(JobSpec::at(far).demand(&[1]).optional(penalty));
            b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[10]));
            let problem = b.build().unwrap();
            let solution = Solver::new()
                .iteration_limit(500)
                .objective(objective)
                .solve(&problem)
                .solution;
            common::assert_feasible(&problem, &solution, "optional");
            let left_out: Vec<_> = solution
                .unassigned()
                .iter()
                .map(|u| (u.job, u.reason))
                .collect();
            if served {
                assert!(left_out.is_empty(), "{objective:?} {penalty}: {left_out:?}");
            } else {
                assert_eq!(
                    left_out,
                    vec![(optional, UnassignedReason::NotWorthServing)],
                    "{objective:?} {penalty}"
                );
                assert_eq!(solution.cost().penalties, penalty);
            }
        }
    }
}

/// Home can only be reached after its window closes: the parcel goes to
/// the locker. With a reachable home window it goes home: both plans cost
/// the same, and the customer's first choice wins the tie.
#[test]
fn locker_is_chosen_when_home_is_unreachable_in_time() {
    for (home_window, expected_place) in [((0.0, 5.0), 1), ((0.0, 100.0), 0)] {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        let home = b.add_location(20.0, 0.0);
        let locker = b.add_location(19.0, 0.0);
        let neighbour = b.add_location(21.0, 0.0);
        b.add_job(JobSpec::at(neighbour).demand(&[1]));
        let parcel = b.add_job(
            JobSpec::at(home)
                .demand(&[1])
                .time_window(home_window.0, home_window.1)
                .alternative(locker, None),
        );
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
        let problem = b.build().unwrap();
        let solution = Solver::new().iteration_limit(300).solve(&problem).solution;
        common::assert_feasible(&problem, &solution, "locker");
        assert!(solution.unassigned().is_empty());
        let stop = solution.routes()[0]
            .stops
            .iter()
            .find(|s| s.job == parcel)
            .unwrap();
        assert_eq!(stop.place, expected_place, "home window {home_window:?}");
        assert_eq!(
            stop.location,
            if expected_place == 1 { locker } else { home }
        );
    }
}

/// A customer offers two slots; the first cannot be met (the van's shift
/// starts too late), so the job is served in the second. Without the
/// second slot it cannot be served at all.
#[test]
fn second_delivery_slot_is_used_when_the_first_is_out_of_reach() {
    let build = |slots: &[(f64, f64)]| {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        let home = b.add_location(10.0, 0.0);
        b.add_job(JobSpec::at(home).demand(&[1]).time_windows(slots));
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]).shift(60.0, 200.0));
        b.build().unwrap()
    };
    let problem = build(&[(0.0, 30.0), (120.0, 150.0)]);
    let solution = Solver::new().iteration_limit(100).solve(&problem).solution;
    common::assert_feasible(&problem, &solution, "slots");
    let stop = solution.routes()[0].stops[0];
    assert_eq!(stop.place, 1);
    assert!(stop.service_start.get() >= problem.from_instance_units(120.0));
    // The KPIs count it as late against the first-choice slot.
    assert_eq!(lastmile::kpis(&problem, &solution).on_time_share, 0.0);

    let problem = build(&[(0.0, 30.0)]);
    let solution = Solver::new().iteration_limit(100).solve(&problem).solution;
    assert_eq!(
        solution.unassigned()[0].reason,
        UnassignedReason::TimeWindowUnreachable
    );
}

/// An open route ends at its last stop: no return leg in distance, time or
/// cost, and the farthest job comes last.
#[test]
fn open_routes_end_at_the_last_stop() {
    let solve = |open: bool| {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        for x in [20.0, 10.0] {
            let site = b.add_location(x, 0.0);
            b.add_job(JobSpec::at(site).demand(&[1]).service(1.0));
        }
        let vans = VehicleTypeSpec::new(depot, 1, &[10]).shift(0.0, 100.0);
        b.add_vehicle_type(if open { vans.open_end() } else { vans });
        let problem = b.build().unwrap();
        let solution = Solver::new().iteration_limit(200).solve(&problem).solution;
        common::assert_feasible(&problem, &solution, "open");
        (problem, solution)
    };
    let (_, closed) = solve(false);
    assert_eq!(closed.cost().distance.get(), 40_000);
    let (problem, open) = solve(true);
    assert_eq!(open.cost().distance.get(), 20_000);
    let route = &open.routes()[0];
    assert_eq!(route.jobs().collect::<Vec<_>>(), vec![JobId(1), JobId(0)]);
    assert_eq!(route.depot_arrival, route.stops[1].departure);
    assert_eq!(problem.open_end_location().map(|l| l.0), Some(3));
    // The JSON file says "open_end" and leaves the virtual location out.
    let text = lastmile::io::json::problem_to_json(&problem);
    assert!(text.contains("\"open_end\": true"));
    let reread = lastmile::io::json::problem_from_json(&text).unwrap();
    assert_eq!(reread.num_locations(), problem.num_locations());
}

/// A cargo bike is cheaper, but at twice the van's travel times it cannot
/// reach a job before its window closes; the van then takes it. Schedules
/// use each type's own travel times.
#[test]
fn speed_factor_decides_who_can_be_on_time() {
    let solve = |bike_factor: f64| {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        let site = b.add_location(10.0, 0.0);
        b.add_job(JobSpec::at(site).demand(&[1]).time_window(0.0, 15.0));
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]).costs(50.0, 1.0, 0.0));
        b.add_vehicle_type(
            VehicleTypeSpec::new(depot, 1, &[10])
                .costs(5.0, 0.1, 0.0)
                .speed_factor(bike_factor),
        );
        let problem = b.build().unwrap();
        let solution = Solver::new()
            .iteration_limit(200)
            .objective(Objective::Cost)
            .solve(&problem)
            .solution;
        common::assert_feasible(&problem, &solution, "speed");
        (problem, solution)
    };
    let (problem, fast_bike) = solve(1.2);
    assert_eq!(fast_bike.routes()[0].vehicle_type, VehicleTypeId(1));
    assert_eq!(
        fast_bike.routes()[0].stops[0].arrival.get(),
        problem.from_instance_units(12.0)
    );
    assert_eq!(problem.num_profiles(), 2);
    let (_, slow_bike) = solve(2.0);
    assert_eq!(slow_bike.routes()[0].vehicle_type, VehicleTypeId(0));
}

/// A return is collected only once a delivery has made room for it: with
/// one van of capacity 10 leaving full, the 8-unit return at the first
/// house on the street must wait until the 8-unit delivery further on.
#[test]
fn return_is_collected_after_a_delivery_made_room() {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    let near = b.add_location(10.0, 0.0);
    let middle = b.add_location(20.0, 0.0);
    let far = b.add_location(30.0, 0.0);
    let collect = b.add_job(JobSpec::at(near).pickup(&[8]));
    let big = b.add_job(JobSpec::at(middle).demand(&[8]));
    b.add_job(JobSpec::at(far).demand(&[2]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
    let problem = b.build().unwrap();

    let solution = Solver::new().iteration_limit(500).solve(&problem).solution;
    common::assert_feasible(&problem, &solution, "return after delivery");
    assert!(solution.unassigned().is_empty());
    let route = &solution.routes()[0];
    let order: Vec<JobId> = route.jobs().collect();
    let at = |job| order.iter().position(|&j| j == job).unwrap();
    assert!(at(big) < at(collect), "order {order:?}");
    assert_eq!(route.delivered, lastmile::units::Load::new(&[10]));
    assert_eq!(route.picked_up, lastmile::units::Load::new(&[8]));
    assert_eq!(route.peak_load, lastmile::units::Load::new(&[10]));
    let last = route.stops.last().unwrap();
    assert_eq!(last.load, lastmile::units::Load::new(&[8]));
    assert_eq!(route.distance.get(), problem.distance(depot, far).get() * 2);
}

/// Returns count against capacity on the way back: one delivery of 6 and
/// two returns of 6 fit no single van of 10, so two vans go out; without
/// the second return one van does it all.
#[test]
fn returns_beyond_capacity_need_a_second_vehicle() {
    let solve = |returns: usize| {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        let site = b.add_location(10.0, 0.0);
        b.add_job(JobSpec::at(site).demand(&[6]));
        for _ in 0..returns {
            b.add_job(JobSpec::at(site).pickup(&[6]));
        }
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[10]));
        let problem = b.build().unwrap();
        let solution = Solver::new().iteration_limit(500).solve(&problem).solution;
        common::assert_feasible(&problem, &solution, "returns");
        assert!(solution.unassigned().is_empty());
        for route in solution.routes() {
            assert!(route.peak_load.get(0) <= 10);
        }
        solution.routes().len()
    };
    assert_eq!(solve(1), 1);
    assert_eq!(solve(2), 2);
}

/// A swap (deliver a new parcel, take the faulty one back) puts its larger
/// amount on board at some point; a return bigger than every vehicle is
/// unassigned as too big, and the KPIs count pickups and the peak load.
#[test]
fn swaps_and_oversized_returns() {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    let a = b.add_location(10.0, 0.0);
    let c = b.add_location(0.0, 10.0);
    b.add_job(JobSpec::at(a).demand(&[3, 1]).pickup(&[5, 1]));
    b.add_job(JobSpec::at(c).demand(&[4, 1]));
    let sofa = b.add_job(JobSpec::at(c).pickup(&[2, 30]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10, 20]));
    let problem = b.build().unwrap();

    let solution = Solver::new().iteration_limit(500).solve(&problem).solution;
    common::assert_feasible(&problem, &solution, "swap");
    assert_eq!(solution.unassigned().len(), 1);
    assert_eq!(solution.unassigned()[0].job, sofa);
    assert_eq!(
        solution.unassigned()[0].reason,
        UnassignedReason::DemandExceedsCapacity
    );
    let route = &solution.routes()[0];
    // 7 on board leaving the depot. Swap first: 7 - 3 + 5 = 9, then 5.
    // Delivery first: 3, then 5.
    let expected_peak = if route.stops[0].job == JobId(0) { 9 } else { 7 };
    assert_eq!(route.peak_load.get(0), expected_peak);
    let figures = lastmile::kpis(&problem, &solution);
    assert_eq!(figures.pickups, 1);
    assert_eq!(figures.deliveries, 2);
    assert!((figures.load_factor[0] - expected_peak as f64 / 10.0).abs() < 1e-12);
}

/// A mixed fleet: small vans (capacity 20, fixed cost 10) listed first and
/// large ones (capacity 60, fixed cost 30). Six parcels of 10 far out fill
/// one large van (three small ones would drive out three times); four of 5
/// near the depot fit a small van, the cheaper one for them (and more than
/// a string the local search relocates at once).
fn mixed_fleet(far: bool) -> lastmile::Problem {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    for k in 0..if far { 6 } else { 0 } {
        let site = b.add_location(100.0 + k as f64, 0.0);
        b.add_job(JobSpec::at(site).demand(&[10]));
    }
    for k in 0..4 {
        let site = b.add_location(0.0, 5.0 + k as f64);
        b.add_job(JobSpec::at(site).demand(&[5]));
    }
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 10, &[20]).costs(10.0, 1.0, 0.0));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 10, &[60]).costs(30.0, 1.0, 0.0));
    b.build().unwrap()
}

#[test]
fn a_mixed_fleet_sends_the_vehicle_the_load_needs() {
    let problem = mixed_fleet(true);
    let solution = Solver::new()
        .iteration_limit(300)
        .objective(Objective::Cost)
        .solve(&problem)
        .solution;
    common::assert_feasible(&problem, &solution, "mixed fleet");
    let mut routes: Vec<(VehicleTypeId, usize)> = solution
        .routes()
        .iter()
        .map(|r| (r.vehicle_type, r.stops.len()))
        .collect();
    routes.sort();
    assert_eq!(routes, vec![(VehicleTypeId(0), 4), (VehicleTypeId(1), 6)]);
}

/// The local search moves a whole route to a cheaper vehicle type (a
/// 2-opt* with an empty route of that type): the near four alone, on a
/// large van, where no relocation (three jobs at most) pays.
#[test]
fn local_search_moves_a_route_to_the_cheaper_type() {
    use lastmile::search::{LocalSearch, LocalSearchConfig};
    use lastmile::{Route, Solution};
    let problem = mixed_fleet(false);
    let route = |vehicle_type: usize, jobs: std::ops::Range<usize>| Route {
        vehicle_type: VehicleTypeId(vehicle_type),
        places: vec![0; jobs.len()],
        reloads: Vec::new(),
        jobs: jobs.map(JobId).collect(),
    };
    let start = Solution::new(&problem, vec![route(1, 0..4)], Vec::new()).unwrap();
    let search = LocalSearch::new(
        &problem,
        LocalSearchConfig {
            objective: Objective::Cost,
            ..LocalSearchConfig::default()
        },
    );
    let (improved, _) = search.improve(&problem, &start);
    common::assert_feasible(&problem, &improved, "retyped");
    let near_type = improved
        .routes()
        .iter()
        .map(|r| (r.vehicle_type, r.stops.len()))
        .collect::<Vec<_>>();
    assert_eq!(near_type, vec![(VehicleTypeId(0), 4)]);
    assert!(improved.cost().cost < start.cost().cost);
}

/// The savings start merges on the type it is told to (every job fits the
/// large van alone), and by default on the first type that serves a job.
#[test]
fn savings_merge_on_the_chosen_vehicle_type() {
    use lastmile::{savings, SavingsConfig};
    let problem = mixed_fleet(true);
    for (merge_type, expected) in [(None, 0), (Some(VehicleTypeId(1)), 1)] {
        let config = SavingsConfig {
            merge_type,
            ..SavingsConfig::default()
        };
        let start = savings(&problem, &config);
        common::assert_feasible(&problem, &start, "savings");
        assert!(start
            .routes()
            .iter()
            .all(|r| r.vehicle_type == VehicleTypeId(expected)));
        let routes = start.routes().len();
        assert!(if expected == 1 {
            routes == 2
        } else {
            routes >= 4
        });
    }
}
