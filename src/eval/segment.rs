//! Time-window segments (Vidal et al. 2013): the summary of a sequence of
//! visits that lets two sequences be joined in O(1).
//!
//! A segment records the minimal duration of serving its visits in order, the
//! time warp that cannot be avoided (how much one would have to travel back in
//! time to meet every window), and the interval `[earliest_start,
//! latest_start]` of start times at its first visit that achieve both.
//! A route is feasible in time exactly when its full segment (start depot,
//! visits, end depot) has zero time warp.

use crate::problem::TimeWindow;
use crate::units::Duration;

/// Duration, time warp and start interval of a sequence of visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeWindowSegment {
    /// Minimal time worked: travel, service and waiting. Time warp takes
    /// the clock back, so the clock advances by `duration - time_warp`
    /// (negative for badly late sequences); `duration` itself never is.
    pub duration: Duration,
    /// Unavoidable lateness summed over the visits.
    pub time_warp: Duration,
    /// Earliest start at the first visit that achieves the minimal duration.
    pub earliest_start: Duration,
    /// Latest start at the first visit without adding time warp.
    pub latest_start: Duration,
}

impl TimeWindowSegment {
    /// A point in time without a window or duration: joined after a
    /// segment by an arc, it leaves that arc open at its end (the arc is
    /// counted, and what comes next starts when the arc arrives); joined
    /// by no arc before a segment, it is that segment.
    pub const FREE: TimeWindowSegment = TimeWindowSegment {
        duration: Duration::ZERO,
        time_warp: Duration::ZERO,
        earliest_start: Duration(-Duration::UNBOUNDED.0),
        latest_start: Duration::UNBOUNDED,
    };

    /// The segment started no earlier than `release` (the first visit
    /// waits for it; starting later than the latest start is time warp):
    /// `self` after a zero-length visit whose window opens at `release`.
    #[inline(always)]
    pub fn gated(&self, release: Duration) -> TimeWindowSegment {
        TimeWindowSegment {
            duration: self.duration,
            time_warp: self.time_warp + (release - self.latest_start).max(Duration::ZERO),
            earliest_start: self.earliest_start.max(release),
            latest_start: self.latest_start.max(release),
        }
    }

    /// One visit with service duration `service` that must start inside `window`.
    pub fn visit(window: TimeWindow, service: Duration) -> TimeWindowSegment {
        TimeWindowSegment {
            duration: service,
            time_warp: Duration::ZERO,
            earliest_start: window.start,
            latest_start: window.end,
        }
    }

    /// The earliest time the last visit can end: started at the earliest
    /// start, served without time warp.
    #[inline(always)]
    pub fn earliest_end(&self) -> Duration {
        self.earliest_start + self.duration - self.time_warp
    }

    /// The segment formed by `self`, a travel of `travel`, then `next`.
    #[inline]
    pub fn then(&self, travel: Duration, next: &TimeWindowSegment) -> TimeWindowSegment {
        let delta = self.duration - self.time_warp + travel;
        let wait = (next.earliest_start - delta - self.latest_start).max(Duration::ZERO);
        let warp = (self.earliest_start + delta - next.latest_start).max(Duration::ZERO);
        TimeWindowSegment {
            duration: self.duration + next.duration + travel + wait,
            time_warp: self.time_warp + next.time_warp + warp,
            earliest_start: (next.earliest_start - delta).max(self.earliest_start) - wait,
            latest_start: (next.latest_start - delta).min(self.latest_start) + warp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(start: i64, end: i64) -> TimeWindow {
        TimeWindow {
            start: Duration(start),
            end: Duration(end),
        }
    }

    #[test]
    fn waiting_is_counted_in_duration() {
        let a = TimeWindowSegment::visit(window(0, 10), Duration(2));
        let b = TimeWindowSegment::visit(window(50, 60), Duration(3));
        let ab = a.then(Duration(5), &b);
        // Leaving a as late as possible (start 10) still waits 33 at b.
        assert_eq!(ab.time_warp, Duration(0));
        assert_eq!(ab.duration, Duration(2 + 5 + 33 + 3));
        assert_eq!(ab.earliest_start, Duration(10));
        assert_eq!(ab.latest_start, Duration(10));
    }

    #[test]
    fn lateness_becomes_time_warp() {
        let a = TimeWindowSegment::visit(window(20, 30), Duration(10));
        let b = TimeWindowSegment::visit(window(0, 25), Duration(0));
        let ab = a.then(Duration(5), &b);
        assert_eq!(ab.time_warp, Duration(20 + 10 + 5 - 25));
    }

    #[test]
    fn free_points_and_gates_are_visits() {
        let a = TimeWindowSegment::visit(window(0, 100), Duration(4));
        let b = TimeWindowSegment::visit(window(30, 40), Duration(4));
        let free = TimeWindowSegment::FREE;
        assert_eq!(free.then(Duration::ZERO, &b), b);
        assert_eq!(
            a.then(Duration(7), &free).then(Duration::ZERO, &b),
            a.then(Duration(7), &b)
        );
        for release in [0, 20, 35, 60] {
            let gate = TimeWindowSegment::visit(window(release, i64::MAX / 8), Duration(0));
            assert_eq!(b.gated(Duration(release)), gate.then(Duration::ZERO, &b));
            assert_eq!(
                a.then(Duration(9), &b).gated(Duration(release)),
                gate.then(Duration::ZERO, &a.then(Duration(9), &b))
            );
        }
    }

    #[test]
    fn concatenation_is_associative() {
        let a = TimeWindowSegment::visit(window(0, 100), Duration(4));
        let b = TimeWindowSegment::visit(window(30, 40), Duration(4));
        let c = TimeWindowSegment::visit(window(10, 45), Duration(4));
        let left = a.then(Duration(7), &b).then(Duration(9), &c);
        let right = a.then(Duration(7), &b.then(Duration(9), &c));
        assert_eq!(left, right);
    }
}
