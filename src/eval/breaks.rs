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
use crate::problem::{BreakRule, LocationId, Problem, VehicleTypeId};
use crate::units::Duration;
use std::cell::OnceCell;

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
    let profile = problem.vehicle_type(vehicle_type).profile as u32;
    let pieces: Vec<Piece> = stops.into_iter().map(|s| s.in_profile(profile)).collect();
    let rules = vec![None; pieces.len()];
    place_breaks(problem, vehicle_type, Sequence::new(pieces, rules))
}

/// As [`route_with_breaks`], for `stops` already in the vehicle's profile
/// whose prefixes (joined stop by stop from the start) are `prefix`: a
/// route's caches have them, and need not join them again.
pub(crate) fn route_with_breaks_joined(
    problem: &Problem,
    vehicle_type: VehicleTypeId,
    stops: &[Piece],
    prefix: &[Piece],
) -> RouteWithBreaks {
    let mut route = Sequence::new(stops.to_vec(), vec![None; stops.len()]);
    route.prefix = OnceCell::from(prefix.to_vec());
    place_breaks(problem, vehicle_type, route)
}

/// [`route_with_breaks`] for the stops of `route`.
fn place_breaks(
    problem: &Problem,
    vehicle_type: VehicleTypeId,
    mut route: Sequence,
) -> RouteWithBreaks {
    let vehicle = problem.vehicle_type(vehicle_type);
    let rules = &vehicle.breaks;
    let serves_jobs = route.pieces.iter().any(|s| s.jobs > 0);
    let mut excess = Duration::ZERO;
    if serves_jobs && !rules.is_empty() {
        excess = route.place(problem, rules);
        let driven = route.driven(problem, rules);
        let late = driven.time().time_warp + excess > Duration::ZERO
            || vehicle
                .max_duration
                .is_some_and(|most| driven.time().duration > most);
        if late {
            if let Some((exhaustive, its_excess)) =
                route.without_breaks().place_exhaustively(problem, rules)
            {
                route = exhaustive;
                excess = its_excess;
            }
        }
    }
    let mut whole = route.driven(problem, rules);
    whole.time_mut().time_warp += excess;
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

/// With traffic by hour, for a route that takes `pauses` (in order) at its
/// start depot `depot` before it leaves for its first stop `first`, whose
/// service starts at `service_start`: the latest time it can start the
/// first of them, each at most at its window's end, and still leave in
/// time to start that service then (the schedule's rule, as
/// [`Piece::as_driven`] for a route without them: the route takes the
/// least time without moving any later time).
pub fn latest_start(
    problem: &Problem,
    profile: usize,
    depot: LocationId,
    first: LocationId,
    service_start: Duration,
    pauses: &[BreakRule],
) -> Duration {
    let leave = problem.latest_departure_at(profile, depot, first, service_start);
    pauses.iter().rev().fold(leave, |end, pause| {
        (end - pause.duration()).min(pause.window().end)
    })
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
    /// The prefixes, once asked for (cleared by every change).
    prefix: OnceCell<Vec<Piece>>,
}

impl Sequence {
    fn new(pieces: Vec<Piece>, rules: Vec<Option<usize>>) -> Sequence {
        Sequence {
            pieces,
            rules,
            prefix: OnceCell::new(),
        }
    }

    /// A copy to change (without the prefixes).
    fn copy(&self) -> Sequence {
        Sequence::new(self.pieces.clone(), self.rules.clone())
    }

    /// The stops alone, breaks taken out.
    fn without_breaks(&self) -> Sequence {
        let (pieces, rules) = self
            .pieces
            .iter()
            .zip(&self.rules)
            .filter(|(_, rule)| rule.is_none())
            .map(|(piece, rule)| (*piece, *rule))
            .unzip();
        Sequence::new(pieces, rules)
    }

    /// Puts `piece` (a break of `rule`, or a stop) at `at`.
    fn insert(&mut self, at: usize, piece: Piece, rule: Option<usize>) {
        self.pieces.insert(at, piece);
        self.rules.insert(at, rule);
        self.prefix = OnceCell::new();
    }

    /// Takes the element at `at` out.
    fn remove(&mut self, at: usize) -> (Piece, Option<usize>) {
        self.prefix = OnceCell::new();
        (self.pieces.remove(at), self.rules.remove(at))
    }

    /// Elements `0..=i` for every `i`, joined one by one from the start.
    fn prefixes(&self, problem: &Problem) -> &[Piece] {
        self.prefix.get_or_init(|| self.join_prefixes(problem))
    }

    fn join_prefixes(&self, problem: &Problem) -> Vec<Piece> {
        let mut prefix = Vec::with_capacity(self.pieces.len());
        prefix.push(self.pieces[0]);
        for i in 1..self.pieces.len() {
            // (A break is taken where the vehicle is, with no travel.)
            let joined = if self.rules[i].is_some() {
                prefix[i - 1].then_pausing(&self.pieces[i])
            } else {
                prefix[i - 1].then(problem, &self.pieces[i])
            };
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
                let leaving = prefix[i].time().earliest_end();
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

    /// The whole route as the schedule drives it: joined stop by stop,
    /// and with traffic by hour started as late as still starts its first
    /// service when starting at once would (see [`Piece::as_driven`] and,
    /// for breaks at the depot first, [`latest_start`]).
    fn driven(&self, problem: &Problem, rules: &[BreakRule]) -> Piece {
        let prefix = self.prefixes(problem);
        let mut whole = *prefix.last().expect("a route has its depots");
        let serves_jobs = whole.jobs > 0;
        let depot_breaks = self.rules[1..].iter().take_while(|r| r.is_some()).count();
        if depot_breaks == 0 || !problem.has_traffic() {
            return whole.as_driven(
                problem,
                &self.pieces[0],
                self.pieces.get(1).filter(|_| serves_jobs),
            );
        }
        if whole.time().time_warp > Duration::ZERO || depot_breaks + 1 >= self.pieces.len() - 1 {
            return whole;
        }
        // Breaks at the depot first: the route starts them as late as
        // still leaves in time for its first service.
        let (start, _) = self.start_under_traffic(problem, rules);
        whole.time_mut().duration = whole.time().earliest_end() - start;
        whole
    }

    /// With traffic by hour, when the route starts, as the schedule starts
    /// it: as late as still starts its first service when starting at once
    /// would, taking the breaks it takes at the depot first each as late as
    /// it can ([`latest_start`]); and those breaks.
    fn start_under_traffic(
        &self,
        problem: &Problem,
        rules: &[BreakRule],
    ) -> (Duration, Vec<BreakRule>) {
        let prefix = self.prefixes(problem);
        let first = 1 + self.rules[1..].iter().take_while(|r| r.is_some()).count();
        let service_start =
            prefix[first].time().earliest_end() - self.pieces[first].time().duration;
        let pauses: Vec<BreakRule> = self.rules[1..first]
            .iter()
            .map(|r| rules[r.expect("a depot break")])
            .collect();
        let start = latest_start(
            problem,
            self.pieces[0].profile as usize,
            self.pieces[0].first_location(),
            self.pieces[first].first_location(),
            service_start,
            &pauses,
        )
        .max(self.pieces[0].time().earliest_end())
        .max(prefix.last().map_or(Duration::ZERO, Piece::release));
        (start, pauses)
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
    /// back soonest (so that fewer windows of later breaks open on it),
    /// then where the break starts nearest the middle of its window (the
    /// latest for a driving break, whose window is the whole day).
    fn insert_best(
        &mut self,
        problem: &Problem,
        rules: &[BreakRule],
        index: usize,
        candidates: impl Iterator<Item = usize>,
    ) {
        let prefix = self.prefixes(problem);
        let suffix = self.suffixes(problem, prefix);
        let window = rules[index].window();
        let middle = Duration(window.start.get() + (window.end.get() - window.start.get()) / 2);
        type Key = (Duration, Duration, Duration, Duration);
        let key_of = |route: &Piece, after: usize| -> Key {
            let start = prefix[after].time().earliest_end().max(window.start);
            let off_middle = (middle - start).max(start - middle);
            let back = route.time().earliest_end();
            (
                route.time().time_warp,
                route.time().duration,
                back,
                off_middle,
            )
        };
        // Each candidate costed in O(1) from the prefixes and suffixes.
        let mut keyed: Vec<(Key, usize)> = candidates
            .map(|after| {
                let pause = self.pause(&rules[index], after);
                let route = prefix[after]
                    .then_pausing(&pause)
                    .then(problem, &suffix[after + 1]);
                (key_of(&route, after), after)
            })
            .collect();
        if problem.has_traffic() && keyed.len() > 1 {
            // Joined pieces guess the hour, and a later start cannot
            // absorb waiting: the best few estimates, as driven.
            keyed.sort_unstable();
            keyed.truncate(4);
            for (key, after) in &mut keyed {
                let mut candidate = self.copy();
                candidate.insert(*after + 1, self.pause(&rules[index], *after), Some(index));
                *key = key_of(&candidate.driven(problem, rules), *after);
            }
        }
        let best = keyed.into_iter().min();
        if let Some((_, after)) = best {
            let pause = self.pause(&rules[index], after);
            self.insert(after + 1, pause, Some(index));
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
                let back = self.joined(problem).time().earliest_end();
                if placed[rule] || back <= rules[rule].window().start {
                    continue;
                }
                let last = self.pieces.len() - 1;
                self.insert_best(problem, rules, rule, 0..last);
                placed[rule] = true;
                added = true;
            }
            if added && windows.len() > 1 {
                self.reposition(problem, rules, &windows);
                self.try_together(problem, rules);
            }
            if let Some(rule) = driving {
                excess = self.limit_driving(problem, rules, rule);
            }
            // Driving breaks may have made the route work into a window.
            let back = self.joined(problem).time().earliest_end();
            let needed = |&rule: &usize| !placed[rule] && back > rules[rule].window().start;
            if !windows.iter().any(needed) {
                return excess;
            }
        }
    }

    /// For a short route that the greedy placement leaves late (or too
    /// long): every choice of a stop (or none; for a window break only when
    /// the route is back before the window opens) for each rule's break,
    /// those at one stop in every order, then any further driving breaks;
    /// the best feasible one, with its excess driving. `None` when there
    /// are too many choices (more than 81 places) or none is feasible.
    fn place_exhaustively(
        &self,
        problem: &Problem,
        rules: &[BreakRule],
    ) -> Option<(Sequence, Duration)> {
        // Every rule's first break is enumerated (a driving rule's further
        // breaks are placed after).
        let mut windows: Vec<usize> = (0..rules.len()).collect();
        windows.sort_by_key(|&r| rules[r].window().end);
        let driving = (0..rules.len()).find(|&r| matches!(rules[r], BreakRule::Driving { .. }));
        // Per break: 0 none, `p + 1` after element `p`.
        let choices = self.pieces.len();
        let combos = choices
            .checked_pow(windows.len() as u32)
            .filter(|&c| c <= 81)?;
        let key = |route: &Sequence| {
            let whole = route.driven(problem, rules);
            (whole.time().time_warp, whole.time().duration)
        };
        let mut best: Option<((Duration, Duration), Sequence, Duration)> = None;
        let orders = permutations(windows.len());
        let by_end = windows.clone();
        for (code, order) in (0..combos).flat_map(|c| orders.iter().map(move |o| (c, o))) {
            let windows: Vec<usize> = order.iter().map(|&w| by_end[w]).collect();
            // (`at` follows the windows by end, `windows` the order tried.)
            let at: Vec<usize> = order
                .iter()
                .map(|&w| code / choices.pow(w as u32) % choices)
                .collect();
            // (A driving break is taken after driving, not before leaving.)
            let driving_at_depot = windows
                .iter()
                .zip(&at)
                .any(|(&r, &a)| a == 1 && matches!(rules[r], BreakRule::Driving { .. }));
            if driving_at_depot {
                continue;
            }
            let (mut pieces, mut kinds) = (Vec::new(), Vec::new());
            for (p, (piece, rule)) in self.pieces.iter().zip(&self.rules).enumerate() {
                pieces.push(*piece);
                kinds.push(*rule);
                for (w, &r) in windows.iter().enumerate() {
                    if at[w] == p + 1 && p + 1 < self.pieces.len() {
                        pieces.push(self.pause(&rules[r], p));
                        kinds.push(Some(r));
                    }
                }
            }
            let mut candidate = Sequence::new(pieces, kinds);
            let excess = match driving {
                Some(rule) => candidate.limit_driving(problem, rules, rule),
                None => Duration::ZERO,
            };
            let back = candidate.joined(problem).time().earliest_end();
            let skipped_needed = windows.iter().enumerate().any(|(w, &r)| {
                at[w] == 0
                    && matches!(rules[r], BreakRule::Window { .. })
                    && back > rules[r].window().start
            });
            if skipped_needed {
                continue;
            }
            let mut candidate_key = key(&candidate);
            candidate_key.0 += excess;
            if best.as_ref().is_none_or(|(b, _, _)| candidate_key < *b) {
                best = Some((candidate_key, candidate, excess));
            }
        }
        best.filter(|(k, _, _)| k.0 == Duration::ZERO)
            .map(|(_, route, excess)| (route, excess))
    }

    /// When the route is still late with two window breaks or more: tries
    /// them all at one stop, one after the other by the ends of their
    /// windows (a lunch break and a rest taken together), at each stop in
    /// turn, and keeps the best if it is better.
    fn try_together(&mut self, problem: &Problem, rules: &[BreakRule]) {
        let key = |route: &Sequence| {
            let whole = route.driven(problem, rules);
            (whole.time().time_warp, whole.time().duration)
        };
        let now = key(self);
        let is_window =
            |r: &Option<usize>| r.is_some_and(|r| matches!(rules[r], BreakRule::Window { .. }));
        if now.0 == Duration::ZERO || self.rules.iter().filter(|r| is_window(r)).count() < 2 {
            return;
        }
        let mut together: Vec<usize> = self
            .rules
            .iter()
            .filter(|r| is_window(r))
            .flatten()
            .copied()
            .collect();
        together.sort_by_key(|&r| rules[r].window().end);
        let (kept, kinds): (Vec<Piece>, Vec<Option<usize>>) = self
            .pieces
            .iter()
            .zip(&self.rules)
            .filter(|(_, rule)| !is_window(rule))
            .map(|(piece, rule)| (*piece, *rule))
            .unzip();
        let rest = Sequence::new(kept, kinds);
        let mut best: Option<((Duration, Duration), Sequence)> = None;
        for after in 0..rest.pieces.len() - 1 {
            let mut candidate = rest.copy();
            for (offset, &rule) in together.iter().enumerate() {
                let pause = rest.pause(&rules[rule], after);
                candidate.insert(after + 1 + offset, pause, Some(rule));
            }
            let candidate_key = key(&candidate);
            if best.as_ref().is_none_or(|(b, _)| candidate_key < *b) {
                best = Some((candidate_key, candidate));
            }
        }
        if let Some((best_key, best)) = best {
            if best_key < now {
                *self = best;
            }
        }
    }

    /// Takes each window break out in turn and puts it back where it is
    /// best with the others where they are, keeping the change if the
    /// route gets no later or longer (a break placed first may block one
    /// placed after it, or make it wait). Two rounds.
    fn reposition(&mut self, problem: &Problem, rules: &[BreakRule], windows: &[usize]) {
        let key = |route: &Sequence| {
            let whole = route.driven(problem, rules);
            (whole.time().time_warp, whole.time().duration)
        };
        for _ in 0..2 {
            for &rule in windows {
                let Some(at) = self.rules.iter().position(|&r| r == Some(rule)) else {
                    continue;
                };
                let before = key(self);
                let (piece, kind) = self.remove(at);
                let last = self.pieces.len() - 1;
                self.insert_best(problem, rules, rule, 0..last);
                if key(self) > before {
                    let now = self.rules.iter().position(|&r| r == Some(rule));
                    if let Some(now) = now {
                        self.remove(now);
                    }
                    self.insert(at, piece, kind);
                }
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
                    // Every element from the first after some driving up
                    // to `arc_from` has driven at most the limit, and a
                    // break after any of them shortens the stretch this
                    // arc is in (`start <= arc_from`: the first arc with
                    // driving is within the limit).
                    self.insert_best(problem, rules, rule, start..=arc_from);
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
        let depot_breaks = self.rules[1..].iter().take_while(|r| r.is_some()).count();
        let mut driven = Duration::ZERO;
        // The first element after some driving in the stretch (a break
        // before any is no use).
        let mut start = from;
        let arcs = self
            .pieces
            .windows(2)
            .zip(self.rules.windows(2))
            .zip(prefix);
        for (i, ((pair, kinds), before)) in arcs.enumerate().skip(from) {
            if kinds[0].is_some_and(|r| rules[r].duration() >= rest) {
                driven = Duration::ZERO;
            }
            let arc = if kinds[1].is_some() {
                Duration::ZERO
            } else {
                let (profile, from, to) = (
                    pair[0].profile as usize,
                    pair[0].last_location(),
                    pair[1].first_location(),
                );
                let mut leave = before.time().earliest_end();
                if i == depot_breaks && problem.has_traffic() {
                    // The first arc is driven when the schedule leaves:
                    // after the depot breaks, started as late as they can.
                    let (start, pauses) = self.start_under_traffic(problem, rules);
                    leave = pauses
                        .iter()
                        .fold(start, |t, p| t.max(p.window().start) + p.duration());
                }
                problem.travel_time_at(profile, from, to, leave)
            };
            // (With traffic by hour a break before an arc may shorten it:
            // an arc is too long alone only at the start of a stretch.)
            if arc > max_driving && driven == Duration::ZERO {
                return Overdrive::LongArc {
                    to: i + 1,
                    by: arc - max_driving,
                };
            }
            if driven + arc > max_driving {
                return Overdrive::Stretch { start, arc_from: i };
            }
            if driven == Duration::ZERO && arc > Duration::ZERO {
                start = i + 1;
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
    /// The stretch of driving goes over the limit on the arc from element
    /// `arc_from`; `start` is its first element after some driving.
    Stretch { start: usize, arc_from: usize },
}

/// Every order of `0..n`.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut all = Vec::new();
    for shorter in permutations(n - 1) {
        for slot in 0..=shorter.len() {
            let mut order = shorter.clone();
            order.insert(slot, n - 1);
            all.push(order);
        }
    }
    all
}
