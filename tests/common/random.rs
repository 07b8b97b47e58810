//! Random small problems for property tests.

use lastmile::{JobSpec, Problem, ProblemBuilder, Rounding, VehicleTypeId, VehicleTypeSpec};
use proptest::prelude::*;

#[derive(Clone, Debug)]
pub struct RandomJob {
    pub x: f64,
    pub y: f64,
    pub demand: [i64; 2],
    pub start: f64,
    pub width: f64,
    pub service: f64,
    /// Needs the skill "cold" (only the second vehicle type has it).
    pub cold: bool,
    /// Optional, with this penalty (about one job in five).
    pub penalty: Option<f64>,
    /// A second delivery slot starting this much after the first ends
    /// (about one job in five).
    pub second_slot: Option<f64>,
    /// May go to the parcel locker instead (about one job in five).
    pub locker: bool,
    /// Picks this up (a return; about one job in four), besides its
    /// delivery when the flag is set.
    pub pickup: Option<([i64; 2], bool)>,
    /// Bound to the first vehicle type (`false`) or to the second (`true`,
    /// the first when there is one type): about one job in ten.
    pub bound: Option<bool>,
    /// Accepts lateness: (most, cost per time unit), about one job in five.
    pub lateness: Option<(f64, f64)>,
    /// Released at the depot at this time (about one job in five).
    pub release: Option<f64>,
}

pub fn random_job() -> impl Strategy<Value = RandomJob> {
    (
        0.0..50.0f64,
        0.0..50.0f64,
        0i64..15,
        0i64..15,
        0.0..150.0f64,
        0.0..80.0f64,
        0.0..10.0f64,
        0u8..4,
        (
            prop::option::weighted(0.2, 0.0..80.0f64),
            prop::option::weighted(0.2, 0.0..100.0f64),
            0u8..5,
            prop::option::weighted(0.25, ((0i64..15, 0i64..15), any::<bool>())),
            prop::option::weighted(0.1, any::<bool>()),
            prop::option::weighted(0.2, (0.0..60.0f64, 0.0..5.0f64)),
            prop::option::weighted(0.2, 0.0..100.0f64),
        ),
    )
        .prop_map(
            |(
                x,
                y,
                d0,
                d1,
                start,
                width,
                service,
                cold,
                (penalty, second_slot, locker, pickup, bound, lateness, release),
            )| {
                RandomJob {
                    x,
                    y,
                    demand: [d0, d1],
                    start,
                    width,
                    service,
                    cold: cold == 0,
                    penalty,
                    second_slot,
                    locker: locker == 0,
                    pickup: pickup.map(|((p0, p1), delivers)| ([p0, p1], delivers)),
                    bound,
                    lateness,
                    release,
                }
            },
        )
}

/// The most jobs a random problem has: 25, or `LASTMILE_PROPERTY_JOBS`
/// (e.g. 200 for a longer run).
pub fn max_jobs() -> usize {
    std::env::var("LASTMILE_PROPERTY_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(25)
}

/// Up to [`max_jobs`] jobs, two depots, two vehicle types with two capacity dimensions
/// (the second type only when `two_types`; then about a quarter of the jobs
/// need the skill "cold", which only the second type has; the first type
/// has maximum route distance, duration and stops (1 to 6) in about half
/// the problems, and costs overtime past 30% of its shift in the others).
/// Both types have fixed, distance and time costs; about one job in five
/// is optional with a penalty of up to 80; about one in five has a second
/// delivery slot, about one in five may go to a parcel locker instead, and
/// about one in four picks up a return (half of those deliver too); about
/// one in ten is bound to one vehicle type, and about one in five accepts
/// up to 60 late at up to 5 per time unit, and about one in five is
/// released at the depot at a time up to 100.
/// The second type's routes are open (end at the last stop) in the
/// problems without route limits, and 1.5 times slower in the others.
/// About one problem in four is under the VRPB rule (backhauls last).
pub fn random_problem(two_types: bool) -> impl Strategy<Value = Problem> {
    random_problem_in(
        two_types,
        Just(None),
        Just(None),
        prop::bool::weighted(0.25),
    )
}

/// As [`random_problem`]`(true)`, always under the VRPB rule (backhauls
/// after every linehaul, no route of backhauls only).
pub fn random_backhaul_problem() -> impl Strategy<Value = Problem> {
    random_problem_in(true, Just(None), Just(None), Just(true))
}

/// Traffic by hour: a rush from `start` for `length` at `factor`, then
/// a second period at `after` (all on the problem's own travel times,
/// which the slower vehicle type's times derive from).
#[derive(Clone, Debug)]
pub struct RandomTraffic {
    pub start: f64,
    pub length: f64,
    pub factor: f64,
    pub after: f64,
}

/// As [`random_problem`]`(true)`, with traffic by hour: a rush hour at a
/// random time with a factor from 0.7 (faster) to 2.5, then a second
/// period from 0.8 to 1.5.
pub fn random_traffic_problem() -> impl Strategy<Value = Problem> {
    random_problem_in(
        true,
        (0.0..150.0f64, 5.0..100.0f64, 0.7..2.5f64, 0.8..1.5f64).prop_map(
            |(start, length, factor, after)| {
                Some(RandomTraffic {
                    start,
                    length,
                    factor,
                    after,
                })
            },
        ),
        Just(None),
        Just(false),
    )
}

/// Driver breaks: the vans' lunch break of `duration` starting in
/// `[start, start + width]` (as shares of their shift), a second one in
/// some problems, and a driving limit for the vans or the bikes.
#[derive(Clone, Debug)]
pub struct RandomBreaks {
    pub start: f64,
    pub width: f64,
    pub duration: f64,
    pub second: bool,
    /// (most driving, break) for the vans (`true`) or the bikes.
    pub driving: Option<(f64, f64, bool)>,
}

/// As [`random_problem`]`(true)`, with driver breaks (and traffic by hour
/// in about half the problems).
pub fn random_break_problem() -> impl Strategy<Value = Problem> {
    let traffic = prop::option::of((0.0..150.0f64, 5.0..100.0f64, 0.7..2.5f64)).prop_map(|t| {
        t.map(|(start, length, factor)| RandomTraffic {
            start,
            length,
            factor,
            after: 1.0,
        })
    });
    let breaks = (
        0.1..0.6f64,
        0.0..0.3f64,
        2.0..30.0f64,
        any::<bool>(),
        prop::option::of((15.0..90.0f64, 3.0..20.0f64, any::<bool>())),
    )
        .prop_map(|(start, width, duration, second, driving)| {
            Some(RandomBreaks {
                start,
                width,
                duration,
                second,
                driving,
            })
        });
    random_problem_in(true, traffic, breaks, Just(false))
}

fn random_problem_in(
    two_types: bool,
    traffic: impl Strategy<Value = Option<RandomTraffic>>,
    breaks: impl Strategy<Value = Option<RandomBreaks>>,
    backhauls_last: impl Strategy<Value = bool>,
) -> impl Strategy<Value = Problem> {
    (
        prop::collection::vec(random_job(), 0..max_jobs()),
        (1usize..5, 10i64..40, 100.0..200.0f64),
        (0usize..3, 5i64..20, 50.0..200.0f64),
        prop::sample::select(vec![Rounding::Dimacs, Rounding::Round, Rounding::Precise]),
        (0.3..1.5f64, any::<bool>(), backhauls_last),
        traffic,
        breaks,
    )
        .prop_map(
            move |(
                jobs,
                (count_a, cap_a, shift_a),
                (count_b, cap_b, shift_b),
                rounding,
                (limit_share, limited, backhauls_last),
                traffic,
                breaks,
            )| {
                let mut b = ProblemBuilder::new(rounding);
                b.backhauls_last(backhauls_last);
                if let Some(t) = traffic {
                    b.traffic(0, &[(t.start, t.factor), (t.start + t.length, t.after)]);
                }
                let depot_a = b.add_location(25.0, 25.0);
                let depot_b = b.add_location(5.0, 45.0);
                let locker = b.add_location(30.0, 10.0);
                for job in &jobs {
                    let site = b.add_location(job.x, job.y);
                    let first = (job.start, job.start + job.width);
                    let mut spec = JobSpec::at(site).service(job.service);
                    spec = match job.pickup {
                        Some((pickup, true)) => spec.demand(&job.demand).pickup(&pickup),
                        Some((pickup, false)) => spec.pickup(&pickup),
                        None => spec.demand(&job.demand),
                    };
                    spec = match job.second_slot {
                        Some(gap) => {
                            spec.time_windows(&[first, (first.1 + gap, first.1 + gap + 30.0)])
                        }
                        None => spec.time_window(first.0, first.1),
                    };
                    if job.locker {
                        spec = spec.alternative(locker, None);
                    }
                    let spec = match job.penalty {
                        Some(penalty) => spec.optional(penalty),
                        None => spec,
                    };
                    let spec = match job.lateness {
                        Some((max, cost)) => spec.lateness(max, cost),
                        None => spec,
                    };
                    let spec = match job.release {
                        Some(time) => spec.release_time(time),
                        None => spec,
                    };
                    let spec = match job.bound {
                        Some(second) => {
                            spec.vehicle_type(VehicleTypeId(usize::from(second && two_types)))
                        }
                        None => spec,
                    };
                    b.add_job(if two_types && job.cold {
                        spec.skills(&["cold"])
                    } else {
                        spec
                    });
                }
                let mut vans = VehicleTypeSpec::new(depot_a, count_a, &[cap_a, cap_a])
                    .shift(0.0, shift_a)
                    .costs(20.0, 1.0, 0.5);
                let mut bike_breaks: Option<(f64, f64)> = None;
                if let Some(r) = &breaks {
                    let start = r.start * shift_a;
                    let end = start + r.width * shift_a;
                    vans = vans.break_window(start, end, r.duration);
                    if r.second {
                        vans = vans.break_window(end, end + 20.0, r.duration / 2.0);
                    }
                    match r.driving {
                        Some((most, rest, true)) => vans = vans.driving_break(most, rest),
                        Some((most, rest, false)) => bike_breaks = Some((most, rest)),
                        None => {}
                    }
                }
                b.add_vehicle_type(if limited {
                    // Route limits that bind on some routes.
                    vans.max_duration(limit_share * shift_a * 0.5)
                        .max_distance(limit_share * 100.0)
                        .max_stops(1 + (limit_share * 4.0) as usize)
                } else {
                    // Workload balance instead of limits.
                    vans.overtime(shift_a * 0.3, 2.0)
                });
                if two_types {
                    let bikes = VehicleTypeSpec::new(depot_b, count_b, &[cap_b, 2 * cap_b]);
                    // Open routes (ending at the last stop) when unlimited;
                    // slower than the vans (their own travel times) when
                    // limited.
                    let bikes = if limited {
                        bikes.speed_factor(1.5)
                    } else {
                        bikes.open_end()
                    };
                    let bikes = match bike_breaks {
                        Some((most, rest)) => bikes.driving_break(most, rest),
                        None => bikes,
                    };
                    b.add_vehicle_type(
                        bikes
                            .shift(20.0, shift_b)
                            .skills(&["cold"])
                            .costs(5.0, 0.6, 0.8),
                    );
                }
                b.build().expect("random problems are valid")
            },
        )
}
