//! Load segments: the summary of a sequence of visits that deliver and pick
//! up goods, joinable in O(1).
//!
//! A vehicle leaves its depot with every delivery of its route on board,
//! drops each delivery at its stop and collects each pickup (a return), and
//! brings the pickups back to its end depot. The load on board therefore
//! changes along the route, and the route respects its capacity exactly
//! when the highest load on board fits. A segment records, per capacity
//! dimension, what its visits deliver, what they pick up, and the highest
//! load on board inside it counting only its own goods (its deliveries not
//! yet dropped plus its pickups already collected).
//!
//! Without pickups the peak is the sum of the deliveries, as in the plain
//! capacitated problem.

use crate::units::{Load, MAX_DIMENSIONS};

/// Amounts per dimension, stored as `i32` so that a segment (three of
/// them) stays small: pieces are copied and joined in the search's hot
/// loop. The problem builder rejects problems whose total deliveries plus
/// pickups in a dimension exceed [`MAX_TOTAL_LOAD`](crate::units::MAX_TOTAL_LOAD),
/// so no sum of a problem's amounts overflows.
type Amounts = [i32; MAX_DIMENSIONS];

/// Deliveries, pickups and peak load of a sequence of visits.
///
/// ```
/// use lastmile::search::LoadSegment;
/// use lastmile::units::Load;
/// let drop = LoadSegment::visit(Load::new(&[6]), Load::ZERO);
/// let collect = LoadSegment::visit(Load::ZERO, Load::new(&[6]));
/// // Delivering first never carries more than 6; collecting first carries 12.
/// assert_eq!(drop.then(&collect).peak(), Load::new(&[6]));
/// assert_eq!(collect.then(&drop).peak(), Load::new(&[12]));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadSegment {
    delivery: Amounts,
    pickup: Amounts,
    peak: Amounts,
}

/// Per-dimension sum.
#[inline(always)]
fn add(a: &Amounts, b: &Amounts) -> Amounts {
    std::array::from_fn(|d| a[d] + b[d])
}

/// Amounts of a [`Load`], saturated to the `i32` range (problems built
/// by the builder never reach it).
fn narrow(load: Load) -> Amounts {
    load.as_array()
        .map(|v| v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
}

#[inline(always)]
fn widen(amounts: &Amounts) -> Load {
    Load::new(&amounts.map(i64::from))
}

impl LoadSegment {
    /// No visit: nothing carried.
    pub const EMPTY: LoadSegment = LoadSegment {
        delivery: [0; MAX_DIMENSIONS],
        pickup: [0; MAX_DIMENSIONS],
        peak: [0; MAX_DIMENSIONS],
    };

    /// One visit that drops `delivery` and collects `pickup` (amounts
    /// beyond the `i32` range saturate).
    #[inline]
    pub fn visit(delivery: Load, pickup: Load) -> LoadSegment {
        let (delivery, pickup) = (narrow(delivery), narrow(pickup));
        LoadSegment {
            delivery,
            pickup,
            peak: std::array::from_fn(|d| delivery[d].max(pickup[d])),
        }
    }

    /// `self` followed by `next`: while `self` is driven, `next`'s
    /// deliveries are on board too; while `next` is driven, `self`'s
    /// pickups are.
    #[inline(always)]
    pub fn then(&self, next: &LoadSegment) -> LoadSegment {
        let early = add(&self.peak, &next.delivery);
        let late = add(&next.peak, &self.pickup);
        LoadSegment {
            delivery: add(&self.delivery, &next.delivery),
            pickup: add(&self.pickup, &next.pickup),
            peak: std::array::from_fn(|d| early[d].max(late[d])),
        }
    }

    /// Goods the visits deliver (on board when the segment starts).
    pub fn delivery(&self) -> Load {
        widen(&self.delivery)
    }

    /// Goods the visits pick up (on board when the segment ends).
    pub fn pickup(&self) -> Load {
        widen(&self.pickup)
    }

    /// Highest load on board inside the segment, per dimension.
    #[inline]
    pub fn peak(&self) -> Load {
        widen(&self.peak)
    }

    /// True when the peak load fits `capacity` in every dimension.
    #[inline]
    pub fn fits_in(&self, capacity: &Load) -> bool {
        self.peak().fits_in(capacity)
    }

    /// The sum over dimensions of the amount by which the peak load
    /// exceeds `capacity`.
    #[inline]
    pub fn excess_over(&self, capacity: &Load) -> i64 {
        self.peak().excess_over(capacity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(delivery: i64, pickup: i64) -> LoadSegment {
        LoadSegment::visit(Load::new(&[delivery]), Load::new(&[pickup]))
    }

    /// The peak by walking the visits one by one.
    fn walked(visits: &[(i64, i64)]) -> i64 {
        let mut on_board: i64 = visits.iter().map(|v| v.0).sum();
        let mut peak = on_board;
        for &(delivery, pickup) in visits {
            on_board += pickup - delivery;
            peak = peak.max(on_board);
        }
        peak
    }

    #[test]
    fn deliveries_alone_peak_at_the_start() {
        let route = visit(3, 0).then(&visit(4, 0)).then(&visit(5, 0));
        assert_eq!(route.peak(), Load::new(&[12]));
        assert_eq!(route.delivery(), Load::new(&[12]));
        assert_eq!(route.pickup(), Load::ZERO);
    }

    #[test]
    fn peak_matches_a_walk_and_joins_associate() {
        let visits = [(5, 0), (0, 7), (2, 2), (9, 1), (0, 4), (3, 0)];
        let segments: Vec<LoadSegment> = visits.iter().map(|&(d, p)| visit(d, p)).collect();
        let left = segments[1..].iter().fold(segments[0], |acc, s| acc.then(s));
        assert_eq!(left.peak(), Load::new(&[walked(&visits)]));
        let right = segments[..segments.len() - 1]
            .iter()
            .rev()
            .fold(segments[segments.len() - 1], |acc, s| s.then(&acc));
        assert_eq!(left, right);
        for split in 1..segments.len() {
            let head = segments[1..split]
                .iter()
                .fold(segments[0], |a, s| a.then(s));
            let tail = segments[split + 1..]
                .iter()
                .fold(segments[split], |a, s| a.then(s));
            assert_eq!(head.then(&tail), left, "split at {split}");
        }
    }

    #[test]
    fn dimensions_peak_independently() {
        let a = LoadSegment::visit(Load::new(&[5, 0]), Load::new(&[0, 3]));
        let b = LoadSegment::visit(Load::new(&[0, 4]), Load::new(&[2, 0]));
        // Dimension 0: 5 on board, then 0, then 2. Dimension 1: 4, then 7, then 3.
        assert_eq!(a.then(&b).peak(), Load::new(&[5, 7]));
    }
}
