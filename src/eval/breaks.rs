//! Driver breaks: where a route's breaks go, given its stops in order.
//!
//! A break is a pseudo-stop with no load or distance, taken where the
//! vehicle is (after a stop's service, or at the start depot before
//! leaving), starting within its window and lasting its duration, so the
//! time-window segments cost it like any stop: waiting it overlaps is
//! free. Window breaks are placed in the order of their windows, each
//! where the route gets least late and then shortest; driving breaks then
//! go where continuous driving would exceed its limit, each at the best
//! stop before that. Breaks are not in the pieces the operators join: the
//! search costs its moves without them and checks the exact route
//! ([`Problem::estimates_moves`]).

use super::piece::Piece;
use crate::problem::{BreakRule, Problem, VehicleTypeId};
use crate::units::Duration;

/// A break placed in a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PlacedBreak {
    /// The rule it follows: an index into
    /// [`VehicleType::breaks`](crate::VehicleType::breaks).
    pub rule: usize,
    /// Jobs served before it: 0 at the start depot before leaving, `i`
    /// right after the service of the route's `i`-th job.
    pub after: usize,
}

/// A whole route with its breaks placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteWithBreaks {
    /// The route, start depot to end depot, breaks included, joined stop
    /// by stop ([as driven](Piece::as_driven)); driving beyond a limit
    /// that no break can cure (one arc longer than the limit) counts as
    /// time warp.
    pub route: Piece,
    /// The breaks in the order they are taken.
    pub breaks: Vec<PlacedBreak>,
}

/// The exact whole route of a vehicle of `vehicle_type` serving `stops`
/// (start depot, jobs, end depot; all in the vehicle's profile): joined
/// stop by stop, its breaks placed, [as driven](Piece::as_driven).
pub fn route_with_breaks(
    problem: &Problem,
    vehicle_type: VehicleTypeId,
    stops: impl IntoIterator<Item = Piece>,
) -> RouteWithBreaks {
    let vehicle = problem.vehicle_type(vehicle_type);
    let rules = &vehicle.breaks;
    let profile = vehicle.profile as u32;
    let pieces: Vec<Piece> = stops.into_iter().map(|s| s.in_profile(profile)).collect();
    let serves_jobs = pieces.iter().any(|s| s.jobs > 0);
    let mut route = Sequence {
        rules: vec![None; pieces.len()],
        pieces,
    };
    let mut excess = Duration::ZERO;
    if serves_jobs && !rules.is_empty() {
        excess = route.place(problem, rules);
    }
    let mut whole = route.joined(problem).as_driven(
        problem,
        &route.pieces[0],
        route.pieces.get(1).filter(|_| serves_jobs),
    );
    whole.time.time_warp += excess;
    let mut breaks = Vec::new();
    let mut jobs_before = 0;
    for (piece, rule) in route.pieces.iter().zip(&route.rules) {
        match rule {
            Some(rule) => breaks.push(PlacedBreak {
                rule: *rule,
                after: jobs_before,
            }),
            None => jobs_before += piece.jobs as usize,
        }
    }
    RouteWithBreaks {
        route: whole,
        breaks,
    }
}

/// The exact whole route of a vehicle of `vehicle_type` serving `stops`
/// (start depot, jobs, end depot): [`route_with_breaks`]'s route. What
/// constructions check a route with when joined pieces are estimates
/// ([`Problem::joins_are_estimates`]).
pub fn exact_route(
    problem: &Problem,
    vehicle_type: VehicleTypeId,
    stops: impl IntoIterator<Item = Piece>,
) -> Piece {
    route_with_breaks(problem, vehicle_type, stops).route
}

/// A route's stops and breaks in order.
struct Sequence {
    pieces: Vec<Piece>,
    /// Per element: the rule of a break, `None` for a stop.
    rules: Vec<Option<usize>>,
}

impl Sequence {
    /// `a` then `b`: a break is taken where the vehicle is, with no travel.
    fn join(&self, problem: &Problem, a: &Piece, b: &Piece, b_is_break: bool) -> Piece {
        if b_is_break {
            a.then_pausing(b)
        } else {
            a.then(problem, b)
        }
    }

    /// Elements `0..=i` for every `i`, joined one by one from the start.
    fn prefixes(&self, problem: &Problem) -> Vec<Piece> {
        let mut prefix = Vec::with_capacity(self.pieces.len());
        prefix.push(self.pieces[0]);
        for i in 1..self.pieces.len() {
            let joined = self.join(
                problem,
                &prefix[i - 1],
                &self.pieces[i],
                self.rules[i].is_some(),
            );
            prefix.push(joined);
        }
        prefix
    }

    /// Elements `i..` for every `i`, each arc driven when the prefixes
    /// drive it.
    fn suffixes(&self, problem: &Problem, prefix: &[Piece]) -> Vec<Piece> {
        let n = self.pieces.len();
        let mut suffix = self.pieces.clone();
        for i in (0..n - 1).rev() {
            suffix[i] = if self.rules[i + 1].is_some() {
                self.pieces[i].then_pausing(&suffix[i + 1])
            } else {
                let leaving = prefix[i].time.earliest_end();
                self.pieces[i].then_leaving(problem, &suffix[i + 1], leaving)
            };
        }
        suffix
    }

    fn joined(&self, problem: &Problem) -> Piece {
        *self
            .prefixes(problem)
            .last()
            .expect("a route has its depots")
    }

    /// The break of `rule` as a piece at the end of element `after`.
    fn pause(&self, rule: &BreakRule, after: usize) -> Piece {
        let at = &self.pieces[after];
        Piece::pause(
            at.last_location(),
            rule.window(),
            rule.duration(),
            at.profile,
        )
    }

    /// Inserts the break of `rules[index]` after the element among
    /// `candidates` where the route gets least late, then shortest, then
    /// where the break starts nearest the middle of its window (the latest
    /// for a driving break, whose window is the whole day).
    fn insert_best(
        &mut self,
        problem: &Problem,
        rules: &[BreakRule],
        index: usize,
        candidates: impl Iterator<Item = usize>,
    ) {
        let prefix = self.prefixes(problem);
        let suffix = self.suffixes(problem, &prefix);
        let window = rules[index].window();
        let middle = Duration(window.start.get() + (window.end.get() - window.start.get()) / 2);
        let mut best: Option<((Duration, Duration, Duration), usize)> = None;
        for after in candidates {
            let pause = self.pause(&rules[index], after);
            let route = prefix[after]
                .then_pausing(&pause)
                .then(problem, &suffix[after + 1]);
            let start = prefix[after].time.earliest_end().max(window.start);
            let off_middle = (middle - start).max(start - middle);
            let key = (route.time.time_warp, route.time.duration, off_middle);
            if best.is_none_or(|(b, _)| key < b) {
                best = Some((key, after));
            }
        }
        if let Some((_, after)) = best {
            let pause = self.pause(&rules[index], after);
            self.pieces.insert(after + 1, pause);
            self.rules.insert(after + 1, Some(index));
        }
    }

    /// Places the breaks `rules` asks of the route; returns the driving
    /// beyond the limit that no break can cure.
    fn place(&mut self, problem: &Problem, rules: &[BreakRule]) -> Duration {
        let mut windows: Vec<usize> = (0..rules.len())
            .filter(|&r| matches!(rules[r], BreakRule::Window { .. }))
            .collect();
        windows.sort_by_key(|&r| rules[r].window().start);
        let driving = (0..rules.len()).find(|&r| matches!(rules[r], BreakRule::Driving { .. }));
        let mut placed = vec![false; rules.len()];
        let mut excess = Duration::ZERO;
        loop {
            let mut added = false;
            for &rule in &windows {
                let back = self.joined(problem).time.earliest_end();
                if placed[rule] || back <= rules[rule].window().start {
                    continue;
                }
                let last = self.pieces.len() - 1;
                self.insert_best(problem, rules, rule, 0..last);
                placed[rule] = true;
                added = true;
            }
            if let Some(rule) = driving {
                excess = self.limit_driving(problem, rules, rule);
            }
            if !added {
                return excess;
            }
        }
    }

    /// Inserts driving breaks of `rules[rule]` until no stretch of driving
    /// between breaks of at least its duration exceeds its limit; returns
    /// the driving beyond the limit on arcs longer than the limit alone.
    fn limit_driving(&mut self, problem: &Problem, rules: &[BreakRule], rule: usize) -> Duration {
        let BreakRule::Driving {
            max_driving,
            duration,
        } = rules[rule]
        else {
            return Duration::ZERO;
        };
        let mut excess = Duration::ZERO;
        // From the start, or from the last arc too long to cure: find the
        // first arc that takes the driving since the last reset over the
        // limit, and break at the best element before it.
        let mut from = 0;
        loop {
            match self.first_overdrive(problem, rules, from, max_driving, duration) {
                Overdrive::None => return excess,
                Overdrive::LongArc { to, by } => {
                    excess += by;
                    from = to;
                }
                Overdrive::Stretch { start, arc_from } => {
                    // Every element after the stretch's start up to
                    // `arc_from` has driven at most the limit, and a break
                    // after any of them shortens the stretch this arc is
                    // in (`arc_from` is past the start: the first arc of a
                    // stretch is within the limit).
                    self.insert_best(problem, rules, rule, start + 1..=arc_from);
                    from = start;
                }
            }
        }
    }

    /// The first arc from element `from` on that takes the driving since
    /// the last break of at least `rest` (or since `from`) over
    /// `max_driving`.
    fn first_overdrive(
        &self,
        problem: &Problem,
        rules: &[BreakRule],
        from: usize,
        max_driving: Duration,
        rest: Duration,
    ) -> Overdrive {
        let prefix = self.prefixes(problem);
        let mut driven = Duration::ZERO;
        let mut start = from;
        let arcs = self
            .pieces
            .windows(2)
            .zip(self.rules.windows(2))
            .zip(&prefix);
        for (i, ((pair, kinds), before)) in arcs.enumerate().skip(from) {
            if kinds[0].is_some_and(|r| rules[r].duration() >= rest) {
                driven = Duration::ZERO;
                start = i;
            }
            let arc = if kinds[1].is_some() {
                Duration::ZERO
            } else {
                problem.travel_time_at(
                    pair[0].profile as usize,
                    pair[0].last_location(),
                    pair[1].first_location(),
                    before.time.earliest_end(),
                )
            };
            if arc > max_driving {
                return Overdrive::LongArc {
                    to: i + 1,
                    by: arc - max_driving,
                };
            }
            if driven + arc > max_driving {
                return Overdrive::Stretch { start, arc_from: i };
            }
            driven += arc;
        }
        Overdrive::None
    }
}

/// What [`Sequence::first_overdrive`] finds.
enum Overdrive {
    /// No driving over the limit.
    None,
    /// The arc into element `to` alone is longer than the limit, by `by`.
    LongArc { to: usize, by: Duration },
    /// The stretch of driving from element `start` on goes over the limit
    /// on the arc from element `arc_from`.
    Stretch { start: usize, arc_from: usize },
}
