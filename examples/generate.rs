//! Writes a seeded Solomon-like instance (see `lastmile::generate`).
//!
//! ```text
//! cargo run --example generate -- --layout rc --customers 1000 --seed 1 > LM-RC1-1000-s1.txt
//! ```

use clap::{Parser, ValueEnum};
use lastmile::generate::{generate, GeneratorConfig, Layout};

#[derive(Clone, Copy, ValueEnum)]
enum LayoutArg {
    R,
    C,
    Rc,
}

/// Generate a Solomon-format VRPTW instance.
#[derive(Parser)]
struct Args {
    /// Customer placement: r (random), c (clustered), rc (mixed).
    #[arg(long, value_enum, default_value = "rc")]
    layout: LayoutArg,
    /// Number of customers.
    #[arg(long, default_value_t = 100)]
    customers: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Series 2: long horizon, wide windows, large vehicles.
    #[arg(long)]
    wide: bool,
}

fn main() {
    let args = Args::parse();
    let layout = match args.layout {
        LayoutArg::R => Layout::Random,
        LayoutArg::C => Layout::Clustered,
        LayoutArg::Rc => Layout::Mixed,
    };
    let config = GeneratorConfig {
        wide: args.wide,
        ..GeneratorConfig::new(layout, args.customers, args.seed)
    };
    // A closed stdout (`| head`) ends the output quietly.
    use std::io::Write as _;
    let _ = std::io::stdout().write_all(generate(&config).to_text().as_bytes());
}
