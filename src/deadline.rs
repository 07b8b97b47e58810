//! [`Deadline`]: when a phase must stop, by the clock or on request.
//!
//! Every phase of a solve (construction, local search descents, route
//! elimination, fleet minimisation, the metaheuristic, the polish) asks its
//! deadline between units of work that take microseconds, so that a solve
//! returns within its time limit plus a few milliseconds at any size.
//!
//! ```
//! use lastmile::Deadline;
//! use std::sync::atomic::{AtomicBool, Ordering};
//! use std::sync::Arc;
//! use std::time::Duration;
//!
//! let cancel = Arc::new(AtomicBool::new(false));
//! let deadline = Deadline::after(Duration::from_secs(60)).with_cancel(cancel.clone());
//! assert!(!deadline.reached());
//! cancel.store(true, Ordering::Relaxed); // e.g. from another thread
//! assert!(deadline.reached());
//! assert!(deadline.cancelled());
//! ```

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A time limit given in seconds (as on a command line) as a `Duration`:
/// `None` for a negative or NaN value, and `Duration::MAX` (no limit) for
/// one too large to represent, instead of the panic of
/// `Duration::from_secs_f64`.
///
/// ```
/// use lastmile::deadline::seconds;
/// use std::time::Duration;
///
/// assert_eq!(seconds(1.5), Some(Duration::from_millis(1500)));
/// assert_eq!(seconds(1e20), Some(Duration::MAX));
/// assert_eq!(seconds(-1.0), None);
/// ```
pub fn seconds(secs: f64) -> Option<Duration> {
    if secs.is_nan() || secs < 0.0 {
        return None;
    }
    Some(Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX))
}

/// A point in time after which work stops, and an optional flag that stops
/// it at once when set. `Deadline::default()` never stops.
#[derive(Clone, Debug, Default)]
pub struct Deadline {
    at: Option<Instant>,
    cancel: Option<Arc<AtomicBool>>,
}

impl Deadline {
    /// A deadline that is never reached (unless cancelled).
    pub fn none() -> Deadline {
        Deadline::default()
    }

    /// Reached at `at`.
    pub fn at(at: Instant) -> Deadline {
        Deadline {
            at: Some(at),
            cancel: None,
        }
    }

    /// Reached `limit` from now (never, when `limit` is too far to
    /// represent).
    pub fn after(limit: Duration) -> Deadline {
        Deadline {
            at: Instant::now().checked_add(limit),
            cancel: None,
        }
    }

    /// The same deadline, also reached as soon as `flag` is set.
    pub fn with_cancel(mut self, flag: Arc<AtomicBool>) -> Deadline {
        self.cancel = Some(flag);
        self
    }

    /// The earlier of this deadline and `at` (keeping the cancel flag).
    pub fn min(&self, at: Option<Instant>) -> Deadline {
        let at = match (self.at, at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Deadline {
            at,
            cancel: self.cancel.clone(),
        }
    }

    /// When the clock part is reached, if it has one.
    pub fn instant(&self) -> Option<Instant> {
        self.at
    }

    /// True when the cancel flag is set.
    #[inline]
    pub fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
    }

    /// True when the time is up or the work was cancelled.
    #[inline]
    pub fn reached(&self) -> bool {
        self.cancelled() || self.at.is_some_and(|at| Instant::now() >= at)
    }

    /// Time left (`None`: no clock limit).
    pub fn remaining(&self) -> Option<Duration> {
        self.at
            .map(|at| at.saturating_duration_since(Instant::now()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_deadline_is_reached_and_none_is_not() {
        assert!(Deadline::after(Duration::ZERO).reached());
        assert!(!Deadline::none().reached());
        assert!(!Deadline::after(Duration::from_secs(3600)).reached());
        // Too far to represent: never.
        assert!(!Deadline::after(Duration::MAX).reached());
    }

    #[test]
    fn min_keeps_the_earlier_time_and_the_flag() {
        let flag = Arc::new(AtomicBool::new(false));
        let late = Deadline::after(Duration::from_secs(3600)).with_cancel(flag.clone());
        let early = late.min(Some(Instant::now()));
        assert!(early.reached());
        assert!(!late.min(None).reached());
        flag.store(true, Ordering::Relaxed);
        assert!(late.min(None).reached());
        assert!(Deadline::none().min(None).remaining().is_none());
    }
}
