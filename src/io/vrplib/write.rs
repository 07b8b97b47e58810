//! Writing a [`VrplibInstance`] as VRPLIB text (PyVRP's dialect for the
//! attributes the classic format lacks).

use super::VrplibInstance;
use std::fmt::{Display, Write};

impl VrplibInstance {
    /// The instance in VRPLIB form: the classic CVRP/VRPTW layout, plus
    /// the sections of PyVRP's dialect for the attributes it has
    /// (several depots, per-vehicle data, backhauls, prizes, release
    /// times, reload depots). [`parse_vrplib_instance`](super::parse_vrplib_instance)
    /// reads it back to the same instance.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let n = self.coordinates.len();
        let _ = writeln!(out, "NAME : {}", self.name);
        let _ = writeln!(out, "TYPE : {}", self.problem_type);
        let _ = writeln!(out, "DIMENSION : {n}");
        if let Some(vehicles) = self.vehicles {
            let _ = writeln!(out, "VEHICLES : {vehicles}");
        }
        let _ = writeln!(out, "CAPACITY : {}", self.capacity);
        out.push_str("EDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n");
        for (i, (x, y)) in self.coordinates.iter().enumerate() {
            let _ = writeln!(out, "{} {x} {y}", i + 1);
        }
        node_section(&mut out, "DEMAND_SECTION", &self.demands);
        if let Some(backhauls) = &self.backhauls {
            node_section(&mut out, "BACKHAUL_SECTION", backhauls);
        }
        out.push_str("DEPOT_SECTION\n");
        for depot in &self.depots {
            let _ = writeln!(out, "{}", depot + 1);
        }
        out.push_str("-1\n");
        if let Some(windows) = &self.time_windows {
            node_section(&mut out, "SERVICE_TIME_SECTION", &self.service_times);
            out.push_str("TIME_WINDOW_SECTION\n");
            for (i, (start, end)) in windows.iter().enumerate() {
                let _ = writeln!(out, "{} {start} {end}", i + 1);
            }
        } else if self.service_times.iter().any(|&s| s != 0.0) {
            node_section(&mut out, "SERVICE_TIME_SECTION", &self.service_times);
        }
        if let Some(prizes) = &self.prizes {
            node_section(&mut out, "PRIZE_SECTION", prizes);
        }
        if let Some(release) = &self.release_times {
            node_section(&mut out, "RELEASE_TIME_SECTION", release);
        }
        let fleet = &self.fleet;
        if let Some(capacities) = &fleet.capacities {
            node_section(&mut out, "CAPACITY_SECTION", capacities);
        }
        if let Some(depots) = &fleet.depots {
            let numbers: Vec<usize> = depots.iter().map(|d| d + 1).collect();
            node_section(&mut out, "VEHICLES_DEPOT_SECTION", &numbers);
        }
        let optional: [(&str, &Option<Vec<f64>>); 4] = [
            ("VEHICLES_FIXED_COST_SECTION", &fleet.fixed_costs),
            (
                "VEHICLES_UNIT_DISTANCE_COST_SECTION",
                &fleet.unit_distance_costs,
            ),
            ("VEHICLES_MAX_DURATION_SECTION", &fleet.max_durations),
            ("VEHICLES_MAX_DISTANCE_SECTION", &fleet.max_distances),
        ];
        for (section, values) in optional {
            if let Some(values) = values {
                node_section(&mut out, section, values);
            }
        }
        if let Some(reloads) = &fleet.max_reloads {
            node_section(&mut out, "VEHICLES_MAX_RELOADS_SECTION", reloads);
        }
        if let Some(depots) = &fleet.reload_depots {
            out.push_str("VEHICLES_RELOAD_DEPOT_SECTION\n");
            for (v, list) in depots.iter().enumerate() {
                let _ = write!(out, "{}", v + 1);
                for d in list {
                    let _ = write!(out, " {}", d + 1);
                }
                out.push('\n');
            }
        }
        out.push_str("EOF\n");
        out
    }
}

/// `name`, then a row `k value` per item, numbered from 1.
fn node_section<T: Display>(out: &mut String, name: &str, values: &[T]) {
    let _ = writeln!(out, "{name}");
    for (i, value) in values.iter().enumerate() {
        let _ = writeln!(out, "{} {value}", i + 1);
    }
}
