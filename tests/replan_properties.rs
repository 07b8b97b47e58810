//! Re-planning under random days: random problems, a morning plan, then
//! random events (visits served and failed, new orders, cancellations,
//! changed slots, delays, breakdowns, spare vans, and events that do not
//! fit the state) with a re-plan after each few. Every plan must pass the
//! independent day checker (every job accounted for once, locks honoured,
//! parcels on their vans, windows, capacity, times), and an event that is
//! refused must leave the state as it was.
//!
//! `LASTMILE_FUZZ_CASES=N` sets the number of cases (default 40).

mod common;

use common::random::random_problem;
use lastmile::io::json::{day_from_json, day_to_json};
use lastmile::replan::{
    check_plan, replan, Day, Event, FailurePolicy, JobStatus, Outcome, ReplanConfig, VehicleId,
};
use lastmile::units::Duration;
use lastmile::{JobId, JobSpec, LocationId, Problem, Solver, VehicleTypeId};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct RawEvent {
    kind: u8,
    vehicle: usize,
    job: usize,
    step: i64,
    served: bool,
    replan_after: bool,
}

fn raw_event() -> impl Strategy<Value = RawEvent> {
    (
        0u8..11,
        0usize..20,
        0usize..60,
        0i64..40,
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.3),
    )
        .prop_map(
            |(kind, vehicle, job, step, served, replan_after)| RawEvent {
                kind,
                vehicle,
                job,
                step,
                served,
                replan_after,
            },
        )
}

/// The event `raw` stands for in `day`: mostly events that fit (the next
/// stop of a van, an open job), sometimes ones that do not.
fn concrete(day: &Day, raw: &RawEvent) -> Event {
    let scale = day.problem().scale();
    let at = day.now() + Duration(raw.step * scale);
    let vehicle = VehicleId(raw.vehicle % (day.vehicles().len() + 1));
    let job = JobId(raw.job % (day.problem().num_jobs() + 1));
    let next_stop = day
        .vehicles()
        .get(vehicle.0)
        .and_then(|v| v.planned.first())
        .map(|&(j, _)| j);
    match raw.kind {
        0..=3 => Event::Visited {
            vehicle,
            // Usually the van's next stop; sometimes any job.
            job: if raw.kind == 3 {
                job
            } else {
                next_stop.unwrap_or(job)
            },
            outcome: if raw.served {
                Outcome::Served
            } else {
                Outcome::Failed
            },
            at,
        },
        4 => Event::Dispatched { vehicle, at },
        5 => Event::NewOrder {
            job: JobSpec::at(LocationId(3 + raw.job % 5))
                .pickup(&[1, 0])
                .time_window(at.get() as f64 / scale as f64, 400.0),
            at,
        },
        6 => Event::Cancelled { job, at },
        7 => Event::Delayed {
            vehicle,
            by: Duration(raw.step * scale),
            at,
        },
        8 if raw.served => Event::VehicleAdded {
            vehicle_type: VehicleTypeId(raw.vehicle % 3),
            at,
        },
        8 => Event::OutOfService { vehicle, at },
        10 => Event::TravelTimes {
            // Profile 1 does not exist: refused.
            profile: usize::from(raw.vehicle.is_multiple_of(8)),
            // Half the time on one district.
            area: if raw.served {
                Vec::new()
            } else {
                vec![LocationId(3 + raw.job % 5)]
            },
            factor: 0.6 + 0.1 * (raw.step % 20) as f64,
            at,
        },
        _ => Event::Changed {
            job,
            spec: JobSpec::at(LocationId(2)).demand(&[1, 1]),
            at,
        },
    }
}

fn cases() -> u32 {
    std::env::var("LASTMILE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40)
}

fn assert_clean(day: &Day, config: &ReplanConfig, solver: &Solver) -> Result<(), TestCaseError> {
    let plan = replan(day, solver, config);
    let violations = check_plan(day, config, &plan);
    prop_assert!(violations.is_empty(), "{violations:?}\n{plan:?}");
    // Every job of the day is accounted for: over, planned or unassigned.
    for (index, status) in day.job_statuses().iter().enumerate() {
        let job = JobId(index);
        let planned = plan.vehicle_of(job).is_some();
        let out = plan.unassigned.iter().any(|u| u.job == job);
        prop_assert_eq!(*status == JobStatus::Open, planned || out, "job {}", index);
    }
    Ok(())
}

fn day_fingerprint(day: &Day) -> String {
    format!(
        "{:?} {:?} {:?} {}",
        day.now(),
        day.vehicles(),
        day.job_statuses(),
        day.problem().num_jobs()
    )
}

fn run_day(
    problem: &Problem,
    events: &[RawEvent],
    lock_first: usize,
    reattempt: bool,
    insert_only: bool,
    stability: f64,
    lock_set: usize,
) -> Result<(), TestCaseError> {
    let solver = Solver::new().iteration_limit(30).seed(3);
    let morning = solver.solve(problem).solution;
    let policy = if reattempt {
        FailurePolicy::Reattempt
    } else {
        FailurePolicy::ReturnToDepot
    };
    let mut day = Day::start(problem, &morning).with_failure_policy(policy);
    let config = ReplanConfig {
        lock_first,
        insert_only,
        stability,
        lock_set,
        ..ReplanConfig::default()
    };
    assert_clean(&day, &config, &solver)?;
    for raw in events {
        let event = concrete(&day, raw);
        let before = day_fingerprint(&day);
        if day.apply(event.clone()).is_err() {
            prop_assert_eq!(day_fingerprint(&day), before, "refused {:?}", event);
            continue;
        }
        // The state survives a trip through its JSON file.
        let back = day_from_json(day.problem(), &day_to_json(&day)).unwrap();
        prop_assert_eq!(day_fingerprint(&back), day_fingerprint(&day));
        prop_assert_eq!(day_to_json(&back), day_to_json(&day));
        if raw.replan_after {
            let plan = replan(&day, &solver, &config);
            let violations = check_plan(&day, &config, &plan);
            prop_assert!(
                violations.is_empty(),
                "after {event:?}: {violations:?}\nstate {:?}\nplan {:?}\njobs {:?}",
                day.vehicles(),
                plan.vehicles,
                day.problem().jobs()
            );
            day.adopt(&plan);
        }
    }
    assert_clean(&day, &config, &solver)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_global_rejects: 1_000_000, ..ProptestConfig::default() })]

    #[test]
    fn every_replan_is_clean_against_its_state(
        problem in random_problem(true),
        events in prop::collection::vec(raw_event(), 1..40),
        lock_first in 0usize..3,
        reattempt in any::<bool>(),
        insert_only in any::<bool>(),
        stability in prop::sample::select(vec![0.0, 0.5, 50.0]),
        lock_set in 0usize..3,
    ) {
        prop_assume!(problem.num_jobs() >= 5);
        run_day(&problem, &events, lock_first, reattempt, insert_only, stability, lock_set)?;
    }
}
