//! Re-planning a day in progress, case by case: breakdowns, locks, released
//! locks, new orders, refused events. Each plan also passes the day
//! checker.

use lastmile::replan::{
    check_plan, replan, Day, DayPlan, Event, JobStatus, Outcome, ReplanConfig, ReplanError,
    VehicleId,
};
use lastmile::units::Duration;
use lastmile::{JobId, JobSpec, LocationId, Problem, ProblemBuilder, Rounding, Solver};
use lastmile::{UnassignedReason, VehicleTypeSpec};

/// A depot at 0 and six customers on a line at 10, 20, ... 60 (deliveries
/// of 1, windows [0, 500]); two vans of capacity 10, shift [0, 600].
fn line() -> Problem {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    for i in 1..=6 {
        let site = b.add_location(10.0 * i as f64, 0.0);
        b.add_job(JobSpec::at(site).demand(&[1]).time_window(0.0, 500.0));
    }
    b.add_location(25.0, 5.0); // location 7: for new orders
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[10]).shift(0.0, 600.0));
    b.build().unwrap()
}

fn solver() -> Solver {
    Solver::new().iteration_limit(300).seed(7)
}

fn clean_plan(day: &Day, config: &ReplanConfig) -> DayPlan {
    let plan = replan(day, &solver(), config);
    let violations = check_plan(day, config, &plan);
    assert!(violations.is_empty(), "{violations:?}\n{plan:?}");
    plan
}

/// The day after van 0 left and served its first stop at time 40.
fn day_under_way() -> (Day, JobId) {
    let problem = line();
    // Morning plan: every job on van 0 (one route serves all six).
    let morning = solver().solve(&problem).solution;
    let mut day = Day::start(&problem, &morning);
    let van = (0..2)
        .map(VehicleId)
        .find(|&v| !day.vehicle(v).planned.is_empty())
        .unwrap();
    assert_eq!(van, VehicleId(0));
    let first = day.vehicle(van).planned[0].0;
    day.apply(Event::Dispatched {
        vehicle: van,
        at: Duration(0),
    })
    .unwrap();
    day.apply(Event::Visited {
        vehicle: van,
        job: first,
        outcome: Outcome::Served,
        at: Duration(40),
    })
    .unwrap();
    (day, first)
}

/// Adds `order` (window [0, 500]) at minute 45; returns its job.
fn order_at_minute_45(day: &mut Day, order: JobSpec) -> JobId {
    day.apply(Event::NewOrder {
        job: order.time_window(0.0, 500.0),
        at: Duration(45),
    })
    .unwrap()
    .expect("a new order has an id")
}

#[test]
fn the_next_stop_stays_first_and_parcels_stay_on_their_van() {
    let (day, served) = day_under_way();
    let van = VehicleId(0);
    let next = day.vehicle(van).planned[0].0;
    let plan = clean_plan(&day, &ReplanConfig::default());
    assert_eq!(plan.vehicles[0].committed.len(), 1);
    assert_eq!(plan.vehicles[0].committed[0].job, next);
    // Every parcel loaded on van 0 is delivered by van 0.
    for &job in &day.vehicle(van).on_board {
        assert_eq!(plan.vehicle_of(job), Some(van), "{job:?}");
    }
    assert_eq!(plan.vehicle_of(served), None);
    assert!(plan.unassigned.is_empty());
}

#[test]
fn a_breakdown_strands_its_parcels_and_hands_its_pickups_to_another_van() {
    let (mut day, _) = day_under_way();
    // A return to collect, planned on van 0 by a replan.
    let pickup = order_at_minute_45(&mut day, JobSpec::at(LocationId(7)).pickup(&[2]));
    let plan = clean_plan(&day, &ReplanConfig::default());
    assert!(plan.vehicle_of(pickup).is_some());
    day.adopt(&plan);
    let carrying = day.vehicle(VehicleId(0)).on_board.clone();
    assert!(!carrying.is_empty());

    day.apply(Event::OutOfService {
        vehicle: VehicleId(0),
        at: Duration(50),
    })
    .unwrap();
    for &job in &carrying {
        assert_eq!(day.job_statuses()[job.0], JobStatus::Stranded);
    }
    let plan = clean_plan(&day, &ReplanConfig::default());
    assert!(plan.vehicles[0].stops().next().is_none());
    // The pickup needs no parcel from the depot: the other van takes it.
    assert_eq!(plan.vehicle_of(pickup), Some(VehicleId(1)));
}

#[test]
fn a_new_delivery_goes_only_to_a_van_still_at_the_depot() {
    let (mut day, _) = day_under_way();
    let delivery = order_at_minute_45(&mut day, JobSpec::at(LocationId(7)).demand(&[1]));
    let plan = clean_plan(&day, &ReplanConfig::default());
    assert_eq!(plan.vehicle_of(delivery), Some(VehicleId(1)));
    // With van 1 gone too, nobody can bring the parcel.
    day.apply(Event::OutOfService {
        vehicle: VehicleId(1),
        at: Duration(46),
    })
    .unwrap();
    let plan = clean_plan(&day, &ReplanConfig::default());
    assert!(plan.unassigned.iter().any(|u| u.job == delivery));
}

#[test]
fn a_lock_that_cannot_be_honoured_is_released() {
    let (mut day, _) = day_under_way();
    let next = day.vehicle(VehicleId(0)).planned[0].0;
    // The van is stuck until after the next stop's window closes.
    day.apply(Event::Delayed {
        vehicle: VehicleId(0),
        by: Duration(480),
        at: Duration(41),
    })
    .unwrap();
    let plan = clean_plan(&day, &ReplanConfig::default());
    assert_eq!(plan.released, vec![next]);
    assert!(plan.vehicles[0].committed.is_empty());
    let left_out = plan.unassigned.iter().find(|u| u.job == next).unwrap();
    assert_eq!(left_out.reason, UnassignedReason::TimeWindowUnreachable);
}

#[test]
fn refused_events_change_nothing() {
    let (mut day, served) = day_under_way();
    let before = format!("{:?} {:?}", day.vehicles(), day.job_statuses());
    let refusals = [
        (
            Event::Dispatched {
                vehicle: VehicleId(9),
                at: Duration(50),
            },
            "vehicle 9 does not exist",
        ),
        (
            Event::Cancelled {
                job: served,
                at: Duration(50),
            },
            "served already",
        ),
        (
            Event::Visited {
                vehicle: VehicleId(1),
                job: JobId(3),
                outcome: Outcome::Served,
                at: Duration(50),
            },
            "its plan does not hold",
        ),
        (
            Event::Delayed {
                vehicle: VehicleId(0),
                by: Duration(5),
                at: Duration(10),
            },
            "earlier than the state",
        ),
        (
            Event::NewOrder {
                job: JobSpec::at(LocationId(99)),
                at: Duration(50),
            },
            "location 99",
        ),
    ];
    for (event, message) in refusals {
        let error = day.apply(event).unwrap_err();
        assert!(error.to_string().contains(message), "{error}");
        assert_eq!(
            format!("{:?} {:?}", day.vehicles(), day.job_statuses()),
            before
        );
    }
    assert!(matches!(
        day.apply(Event::Dispatched {
            vehicle: VehicleId(0),
            at: Duration(50)
        }),
        Err(ReplanError::AlreadyDispatched { vehicle: 0 })
    ));
}

#[test]
fn a_day_file_round_trips_and_names_what_it_refers_to_wrongly() {
    use lastmile::io::json::{day_from_json, day_to_json};
    use lastmile::LoadError;
    let (day, _) = day_under_way();
    let text = day_to_json(&day);
    let back = day_from_json(day.problem(), &text).unwrap();
    assert_eq!(day_to_json(&back), text);
    let plan = clean_plan(&back, &ReplanConfig::default());
    assert!(plan.unassigned.is_empty());

    // A parcel on board that the problem does not have.
    let on_board = day.vehicle(VehicleId(0)).on_board[0].0;
    let broken = text.replacen(
        &format!("\"on_board\": [\n        {on_board}"),
        "\"on_board\": [\n        99",
        1,
    );
    assert_ne!(broken, text, "the edit applies");
    let error = day_from_json(day.problem(), &broken).unwrap_err();
    assert!(
        matches!(&error, LoadError::Reference { at, .. } if at == "vehicles[0].on_board[0]"),
        "{error}"
    );
    assert!(
        error.to_string().contains("job 99 does not exist"),
        "{error}"
    );
    // A status missing, an unknown field.
    let short = text.replacen("\"open\",", "", 1);
    assert!(matches!(
        day_from_json(day.problem(), &short),
        Err(LoadError::Reference { .. })
    ));
    let unknown = text.replacen("\"now\"", "\"speed\": 1, \"now\"", 1);
    assert!(matches!(
        day_from_json(day.problem(), &unknown),
        Err(LoadError::Json { .. })
    ));
}

#[test]
fn events_read_from_a_file_apply_in_order_and_bad_ones_are_named() {
    use lastmile::io::json::events_from_json;
    use lastmile::LoadError;
    let (mut day, _) = day_under_way();
    let next = day.vehicle(VehicleId(0)).planned[0].0;
    let text = format!(
        r#"{{"schema": "lastmile/events", "version": 1, "events": [
  {{"type": "visited", "vehicle": 0, "job": {}, "outcome": "failed", "at": 55}},
  {{"type": "new_order", "job": {{"location": 7, "pickup": [1], "time_windows": [[60, 400]]}}, "at": 56}},
  {{"type": "delayed", "vehicle": 0, "by": 5, "at": 57}}
]}}"#,
        next.0
    );
    let events = events_from_json(day.problem(), &text).unwrap();
    for event in events {
        day.apply(event).unwrap();
    }
    assert_eq!(day.job_statuses()[next.0], JobStatus::Failed);
    assert_eq!(day.problem().num_jobs(), 7);
    clean_plan(&day, &ReplanConfig::default());

    let unknown = text.replace("\"delayed\"", "\"teleported\"");
    let error = events_from_json(day.problem(), &unknown).unwrap_err();
    assert!(matches!(error, LoadError::Json { line: 4, .. }), "{error}");
    let negative = text.replace("\"at\": 57", "\"at\": -1");
    let error = events_from_json(day.problem(), &negative).unwrap_err();
    assert!(
        matches!(&error, LoadError::Reference { at, .. } if at == "events[2]"),
        "{error}"
    );
}

#[test]
fn stops_locked_as_a_set_stay_with_their_van() {
    // Returns to collect (nothing on board binds them): one van takes all.
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    for i in 1..=5 {
        let site = b.add_location(10.0 * i as f64, 0.0);
        b.add_job(JobSpec::at(site).pickup(&[1]).time_window(0.0, 500.0));
    }
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[10]).shift(0.0, 600.0));
    let problem = b.build().unwrap();
    let mut day = Day::start(&problem, &solver().solve(&problem).solution);
    let van = VehicleId(0);
    assert_eq!(day.vehicle(van).planned.len(), 5);
    let first = day.vehicle(van).planned[0].0;
    day.apply(Event::Visited {
        vehicle: van,
        job: first,
        outcome: Outcome::Served,
        at: Duration(10),
    })
    .unwrap();
    // Van 0 is held up until minute 470: van 1 must take some stops.
    day.apply(Event::Delayed {
        vehicle: van,
        by: Duration(460),
        at: Duration(11),
    })
    .unwrap();
    let ahead: Vec<JobId> = day.vehicle(van).planned.iter().map(|&(j, _)| j).collect();
    let free = clean_plan(&day, &ReplanConfig::default());
    assert!(
        !free.moved.is_empty(),
        "without the set lock stops move: {free:?}"
    );

    let locked = ReplanConfig {
        lock_set: ahead.len(),
        ..ReplanConfig::default()
    };
    let plan = clean_plan(&day, &locked);
    assert!(plan.moved.is_empty(), "{plan:?}");
    for job in &ahead[1..] {
        let on_van = plan.vehicle_of(*job) == Some(van);
        let left_out = plan.unassigned.iter().any(|u| u.job == *job);
        assert!(on_van || left_out, "{job:?}");
    }
}

#[test]
fn a_day_run_as_planned_serves_its_stops_in_time_order() {
    let problem = line();
    let mut day = Day::start(&problem, &solver().solve(&problem).solution);
    let made = day.advance_as_planned(Duration(35)).unwrap();
    let served = |day: &Day| {
        day.job_statuses()
            .iter()
            .filter(|s| **s == JobStatus::Served)
            .count()
    };
    // Stops 10 apart from the depot at 0: service starts at 10, 20, 30.
    assert_eq!((made, served(&day)), (3, 3));
    clean_plan(&day, &ReplanConfig::default());
    let rest = day.advance_as_planned(Duration(10_000)).unwrap();
    assert_eq!(made + rest, problem.num_jobs());
    assert_eq!(served(&day), problem.num_jobs());
}

#[test]
fn a_travel_time_event_slows_the_rest_of_the_day_and_moves_the_etas() {
    let (mut day, _) = day_under_way();
    let config = ReplanConfig {
        eta_threshold: Duration(5),
        ..ReplanConfig::default()
    };
    let before = clean_plan(&day, &config);
    day.adopt(&before);
    let (depot, far) = (LocationId(0), LocationId(6));
    let drive = |day: &Day, at: i64| {
        day.problem()
            .travel_time_at(0, depot, far, Duration(at))
            .get()
    };
    assert_eq!(drive(&day, 100), 60);
    // From minute 50 on, everything takes half as long again.
    day.apply(Event::TravelTimes {
        profile: 0,
        area: Vec::new(),
        factor: 1.5,
        at: Duration(50),
    })
    .unwrap();
    assert_eq!(drive(&day, 100), 90);
    assert_eq!(drive(&day, 0), 50 + 15, "50 before minute 50, 10 after");
    assert_eq!(drive(&day, 20), 30 + 45, "30 before minute 50, 30 after");
    // A second one multiplies: twice as long as the first says, from 80.
    day.apply(Event::TravelTimes {
        profile: 0,
        area: Vec::new(),
        factor: 2.0,
        at: Duration(80),
    })
    .unwrap();
    assert_eq!(drive(&day, 100), 180);
    assert_eq!(drive(&day, 0), 50 + 15);
    // 20 minutes to minute 80 cover 20 / 1.5 of the 60; the rest at 3.
    assert_eq!(drive(&day, 60), 20 + 140);
    let after = clean_plan(&day, &config);
    let last_eta = |plan: &DayPlan| {
        plan.vehicles
            .iter()
            .flat_map(|v| v.stops().map(|s| s.arrival))
            .max()
            .unwrap()
    };
    assert!(last_eta(&after) > last_eta(&before));
    assert!(!after.eta_changes.is_empty(), "customers are told");

    // Bad ones change nothing.
    let kept = |day: &Day| {
        format!(
            "{:?} {:?} {:?}",
            day.vehicles(),
            day.now(),
            day.problem().traffic(0)
        )
    };
    let before_refusals = kept(&day);
    let cases = [
        (1, 1.5, vec![]),
        (0, 0.0, vec![]),
        (0, f64::NAN, vec![]),
        (0, 100.0, vec![]),
        (0, 1.5, vec![LocationId(99)]),
    ];
    for (profile, factor, area) in cases {
        let event = Event::TravelTimes {
            profile,
            area,
            factor,
            at: Duration(90),
        };
        assert!(matches!(day.apply(event), Err(ReplanError::TravelTimes(_))));
        assert_eq!(kept(&day), before_refusals);
    }
}

#[test]
fn the_eta_stability_cost_keeps_promised_stops_on_time() {
    // Minutes later than promised, summed over the customers told.
    let delays = |eta_stability: f64| {
        let (mut day, _) = day_under_way();
        let config = ReplanConfig {
            eta_stability,
            ..ReplanConfig::default()
        };
        let adopted = clean_plan(&day, &config);
        day.adopt(&adopted);
        // At x = 25, 5 off the line, due by 90: cheapest between 20 and
        // 30 (the way back is too late), which makes every stop after it
        // later; van 1, still at the depot, could go instead.
        day.apply(Event::NewOrder {
            job: JobSpec::at(LocationId(7))
                .pickup(&[1])
                .time_window(45.0, 90.0),
            at: Duration(45),
        })
        .unwrap();
        let plan = clean_plan(&day, &config);
        plan.eta_changes
            .iter()
            .map(|c| (c.after - c.before).get().max(0))
            .sum::<i64>()
    };
    let free = delays(0.0);
    assert!(free > 0, "the case needs a delay to avoid");
    assert_eq!(delays(50.0), 0);
}

#[test]
fn a_travel_time_event_on_an_area_slows_only_its_arcs() {
    let (mut day, _) = day_under_way();
    let (depot, fifth, sixth) = (LocationId(0), LocationId(5), LocationId(6));
    day.apply(Event::TravelTimes {
        profile: 0,
        area: vec![sixth],
        factor: 3.0,
        at: Duration(50),
    })
    .unwrap();
    let drive = |from, to| {
        day.problem()
            .travel_time_at(0, from, to, Duration(100))
            .get()
    };
    assert_eq!(drive(depot, fifth), 50);
    assert_eq!(drive(depot, sixth), 180);
    assert_eq!(drive(sixth, fifth), 30);
    let config = ReplanConfig::default();
    let plan = clean_plan(&day, &config);
    // The area round-trips through the problem file.
    let text = lastmile::io::json::problem_to_json(day.problem());
    let reread = lastmile::io::json::problem_from_json(&text).unwrap();
    assert_eq!(
        reread.travel_time_at(0, depot, sixth, Duration(100)).get(),
        180
    );
    assert!(plan.vehicles.iter().any(|v| v.stops().next().is_some()));
}
