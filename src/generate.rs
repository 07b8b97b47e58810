//! Seeded generator of Solomon-like VRPTW instances.
//!
//! In the spirit of Solomon's classes: [`Layout::Random`] (R) scatters
//! customers uniformly, [`Layout::Clustered`] (C) groups them, and
//! [`Layout::Mixed`] (RC) does half of each. Series 1 has short horizons and
//! narrow windows; series 2 long horizons, wide windows and large vehicles.
//! Every customer can be served alone from the depot within the horizon, so
//! instances are always feasible with enough vehicles. The same
//! configuration always gives the same instance (ChaCha8 random stream).
//!
//! ```
//! use lastmile::generate::{generate, GeneratorConfig, Layout};
//! let instance = generate(&GeneratorConfig::new(Layout::Mixed, 50, 7));
//! assert_eq!(instance.customers.len(), 51); // depot + 50 customers
//! let problem = instance.to_problem(lastmile::Rounding::Dimacs)?;
//! assert_eq!(problem.num_jobs(), 50);
//! # Ok::<(), lastmile::ModelError>(())
//! ```

use crate::io::solomon::{SolomonCustomer, SolomonInstance};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How customers are placed on the 100 x 100 square.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Uniformly at random (Solomon R).
    Random,
    /// Around a few cluster centres (Solomon C).
    Clustered,
    /// Half random, half clustered (Solomon RC).
    Mixed,
}

impl Layout {
    /// The Solomon class letters: "R", "C" or "RC".
    pub fn code(self) -> &'static str {
        match self {
            Layout::Random => "R",
            Layout::Clustered => "C",
            Layout::Mixed => "RC",
        }
    }
}

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratorConfig {
    /// Customer placement.
    pub layout: Layout,
    /// Number of customers (jobs).
    pub customers: usize,
    /// Random seed.
    pub seed: u64,
    /// Series 2: long horizon, wide windows, large vehicles. Series 1 otherwise.
    pub wide: bool,
}

impl GeneratorConfig {
    /// A series-1 instance of `customers` customers.
    pub fn new(layout: Layout, customers: usize, seed: u64) -> GeneratorConfig {
        GeneratorConfig {
            layout,
            customers,
            seed,
            wide: false,
        }
    }

    /// The instance name, e.g. `LM-RC1-100-s1`.
    pub fn name(&self) -> String {
        let series = if self.wide { 2 } else { 1 };
        format!(
            "LM-{}{}-{}-s{}",
            self.layout.code(),
            series,
            self.customers,
            self.seed
        )
    }
}

const SIDE: f64 = 100.0;
const DEPOT: (f64, f64) = (50.0, 50.0);

/// Generates an instance.
pub fn generate(config: &GeneratorConfig) -> SolomonInstance {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let clustered_service = config.layout == Layout::Clustered;
    let service = if clustered_service { 90.0 } else { 10.0 };
    let horizon: f64 = match (clustered_service, config.wide) {
        (false, false) => 250.0,
        (false, true) => 1000.0,
        (true, false) => 1200.0,
        (true, true) => 3400.0,
    };
    // Customers per vehicle in the fleet size: generous, so that the fleet
    // does not bind for a constructive heuristic.
    let (capacity, customers_per_vehicle) = if config.wide { (1000, 5) } else { (200, 2) };

    let centres: Vec<(f64, f64)> = (0..(config.customers / 10).clamp(3, 60))
        .map(|_| (rng.random_range(10.0..90.0), rng.random_range(10.0..90.0)))
        .collect();
    let mut customers = vec![SolomonCustomer {
        x: DEPOT.0,
        y: DEPOT.1,
        demand: 0,
        ready: 0.0,
        due: horizon,
        service: 0.0,
    }];
    for index in 0..config.customers {
        let clustered = match config.layout {
            Layout::Random => false,
            Layout::Clustered => true,
            Layout::Mixed => index % 2 == 1,
        };
        let (x, y) = if clustered {
            let (cx, cy) = centres[rng.random_range(0..centres.len())];
            let offset =
                |rng: &mut ChaCha8Rng| (0..3).map(|_| rng.random_range(-4.0..4.0)).sum::<f64>();
            let x: f64 = cx + offset(&mut rng);
            let y: f64 = cy + offset(&mut rng);
            (x.clamp(0.0, SIDE).round(), y.clamp(0.0, SIDE).round())
        } else {
            (
                rng.random_range(0..=100) as f64,
                rng.random_range(0..=100) as f64,
            )
        };
        let demand = if clustered_service {
            10 * rng.random_range(1..=4)
        } else {
            rng.random_range(1..=40)
        };
        // Service must start late enough to get there and early enough to get back.
        let reach = (x - DEPOT.0).hypot(y - DEPOT.1).ceil();
        let earliest = reach;
        let latest = horizon - service - reach - 1.0;
        let centre = rng
            .random_range(earliest..=latest)
            .round()
            .clamp(earliest, latest);
        let half_width = if config.wide {
            horizon * rng.random_range(0.05..0.25f64)
        } else if clustered_service {
            rng.random_range(30.0..90.0f64)
        } else {
            rng.random_range(5.0..15.0f64)
        }
        .round();
        customers.push(SolomonCustomer {
            x,
            y,
            demand,
            ready: (centre - half_width).max(0.0),
            due: (centre + half_width).min(latest).max(centre),
            service,
        });
    }
    SolomonInstance {
        name: config.name(),
        vehicles: config.customers.div_ceil(customers_per_vehicle).max(1),
        capacity,
        customers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, savings, Rounding, SavingsConfig};

    #[test]
    fn same_seed_same_instance() {
        let config = GeneratorConfig::new(Layout::Random, 30, 11);
        assert_eq!(generate(&config), generate(&config));
        let other = GeneratorConfig { seed: 12, ..config };
        assert_ne!(
            generate(&other).customers,
            generate(&GeneratorConfig::new(Layout::Random, 30, 11)).customers
        );
    }

    #[test]
    fn every_layout_is_solvable_by_savings() {
        for layout in [Layout::Random, Layout::Clustered, Layout::Mixed] {
            for wide in [false, true] {
                let config = GeneratorConfig {
                    wide,
                    ..GeneratorConfig::new(layout, 60, 3)
                };
                let problem = generate(&config).to_problem(Rounding::Dimacs).unwrap();
                let solution = savings(&problem, &SavingsConfig::default());
                assert!(solution.unassigned().is_empty(), "{}", config.name());
                assert!(
                    check(&problem, &solution).is_feasible(),
                    "{}",
                    config.name()
                );
            }
        }
    }
}
