//! A plan drawn as an SVG map: depots, stops coloured by route, each
//! route's line in visiting order, stops served at an alternative place
//! (a locker) as squares, unassigned jobs as red crosses, and a legend with
//! the key figures. Sizes adapt so that 10,000 stops stay readable: thinner
//! lines and smaller dots, coordinates rounded to 0.1 px.

use crate::files::{depots, position};
use lastmile::{Kpis, LocationId, Problem, Solution};
use std::fmt::Write as _;

/// Width of the drawing area in pixels (the height follows the aspect).
const WIDTH: f64 = 1000.0;
/// Margin around the drawing area in pixels.
const MARGIN: f64 = 20.0;
/// Height of the legend band above the map.
const LEGEND: f64 = 44.0;

/// The colour of route `index`: hues a golden angle apart, so that
/// neighbouring indices differ.
pub fn route_colour(index: usize) -> String {
    let hue = (index as f64 * 137.507_764) % 360.0;
    format!("hsl({hue:.0},70%,42%)")
}

/// Maps instance coordinates to pixels (north up).
struct Frame {
    min_x: f64,
    max_y: f64,
    scale: f64,
    height: f64,
}

impl Frame {
    fn of(points: &[(f64, f64)]) -> Frame {
        let (mut min_x, mut max_x) = (f64::INFINITY, f64::NEG_INFINITY);
        let (mut min_y, mut max_y) = (f64::INFINITY, f64::NEG_INFINITY);
        for &(x, y) in points {
            min_x = min_x.min(x);
            max_x = max_x.max(x);
            min_y = min_y.min(y);
            max_y = max_y.max(y);
        }
        let span_x = (max_x - min_x).max(1e-9);
        let span_y = (max_y - min_y).max(1e-9);
        let scale = WIDTH / span_x.max(span_y);
        Frame {
            min_x,
            max_y,
            scale,
            height: span_y * scale,
        }
    }

    fn pixel(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            MARGIN + (x - self.min_x) * self.scale,
            LEGEND + MARGIN + (self.max_y - y) * self.scale,
        )
    }
}

/// The map of `solution`, or an error when a location it needs has no
/// coordinates (problems given by a matrix alone).
pub fn plan_svg(problem: &Problem, solution: &Solution, figures: &Kpis) -> Result<String, String> {
    let at = |location: LocationId| position(problem, location);
    // Every point drawn, to frame the map.
    let mut points = Vec::new();
    for depot in depots(problem) {
        points.push(at(depot)?);
    }
    for stop in solution.routes().iter().flat_map(|r| &r.stops) {
        points.push(at(stop.location)?);
    }
    for left in solution.unassigned() {
        points.push(at(problem.job(left.job).location)?);
    }
    let frame = Frame::of(&points);
    let stops = points.len().max(1) as f64;
    // Thinner lines and smaller dots as the plan grows.
    let (line, dot) = if stops > 3000.0 {
        (0.6, 1.2)
    } else if stops > 500.0 {
        (1.0, 2.0)
    } else {
        (1.8, 3.5)
    };
    let (width, height) = (WIDTH + 2.0 * MARGIN, frame.height + LEGEND + 2.0 * MARGIN);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" font-family="sans-serif">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="{MARGIN}" y="22" font-size="15">{} routes · {} deliveries · distance {:.1} · {} unassigned · on time {:.1}%</text>"#,
        figures.vehicles_used,
        figures.deliveries,
        figures.distance,
        figures.unassigned,
        100.0 * figures.on_time_share
    );
    let _ = writeln!(
        svg,
        r#"<text x="{MARGIN}" y="38" font-size="11" fill="dimgray">■ depot  ● stop (colour: route)  ◆ alternative place (locker)  ✕ unassigned</text>"#
    );
    let mut legs = String::new();
    for (index, route) in solution.routes().iter().enumerate() {
        let colour = route_colour(index);
        let vehicle = problem.vehicle_type(route.vehicle_type);
        let mut path = String::new();
        let point = |p: (f64, f64), path: &mut String| {
            let (x, y) = frame.pixel(p);
            let _ = write!(
                path,
                "{}{x:.1},{y:.1}",
                if path.is_empty() { "" } else { " " }
            );
        };
        // In large plans the legs to and from the depot would bury the
        // routes: they are drawn once, faint, for all routes (below).
        let faint_legs = stops > 500.0;
        if faint_legs {
            let first = route.stops.first().map(|s| s.location);
            let last = route.stops.last().map(|s| s.location);
            if let Some((first, last)) = first.zip(last) {
                for (a, b) in [(vehicle.start_depot, first), (last, vehicle.end_depot)] {
                    if b == vehicle.end_depot && vehicle.open_end {
                        continue;
                    }
                    let ((x1, y1), (x2, y2)) = (frame.pixel(at(a)?), frame.pixel(at(b)?));
                    let _ = write!(legs, "M{x1:.1},{y1:.1}L{x2:.1},{y2:.1}");
                }
            }
        } else {
            point(at(vehicle.start_depot)?, &mut path);
        }
        for stop in &route.stops {
            point(at(stop.location)?, &mut path);
        }
        if !vehicle.open_end && !faint_legs {
            point(at(vehicle.end_depot)?, &mut path);
        }
        let _ = writeln!(
            svg,
            r#"<g class="route" data-route="{}"><polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{line}" stroke-opacity="0.8"/>"#,
            index + 1
        );
        let _ = write!(svg, r#"<g fill="{colour}">"#);
        for stop in &route.stops {
            let (x, y) = frame.pixel(at(stop.location)?);
            let job = problem.job(stop.job);
            if stop.place > 0 && job.place(stop.place).location != job.location {
                let side = 2.4 * dot;
                let _ = write!(
                    svg,
                    r#"<rect x="{:.1}" y="{:.1}" width="{side:.1}" height="{side:.1}" transform="rotate(45 {x:.1} {y:.1})"/>"#,
                    x - side / 2.0,
                    y - side / 2.0
                );
            } else {
                let _ = write!(svg, r#"<circle cx="{x:.1}" cy="{y:.1}" r="{dot}"/>"#);
            }
        }
        let _ = writeln!(svg, "</g></g>");
    }
    if !legs.is_empty() {
        let _ = writeln!(
            svg,
            r#"<path class="legs" d="{legs}" fill="none" stroke="gray" stroke-width="{:.1}" stroke-opacity="0.25"/>"#,
            line * 0.6
        );
    }
    let side = 4.0 * dot;
    for depot in depots(problem) {
        let (x, y) = frame.pixel(at(depot)?);
        let _ = writeln!(
            svg,
            r#"<rect class="depot" x="{:.1}" y="{:.1}" width="{side:.1}" height="{side:.1}" fill="black"/>"#,
            x - side / 2.0,
            y - side / 2.0
        );
    }
    if !solution.unassigned().is_empty() {
        let mut crosses = String::new();
        let d = 1.5 * dot;
        for left in solution.unassigned() {
            let (x, y) = frame.pixel(at(problem.job(left.job).location)?);
            let _ = write!(
                crosses,
                "M{:.1},{:.1}L{:.1},{:.1}M{:.1},{:.1}L{:.1},{:.1}",
                x - d,
                y - d,
                x + d,
                y + d,
                x - d,
                y + d,
                x + d,
                y - d
            );
        }
        let _ = writeln!(
            svg,
            r#"<path class="unassigned" d="{crosses}" stroke="red" stroke-width="{:.1}"/>"#,
            line * 1.5
        );
    }
    svg.push_str("</svg>\n");
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lastmile::{kpis, JobSpec, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};

    /// A job that can only go to its locker, one too heavy for the van,
    /// and one plain stop.
    #[test]
    fn lockers_are_diamonds_and_unassigned_jobs_crosses() {
        let mut b = ProblemBuilder::new(Rounding::Precise);
        let depot = b.add_location(0.0, 0.0);
        let home = b.add_location(10.0, 0.0);
        let locker = b.add_location(1.0, 0.0);
        let far = b.add_location(0.0, 10.0);
        b.add_job(
            JobSpec::at(home)
                .demand(&[1])
                .time_window(0.0, 1.0)
                .alternative(locker, None),
        );
        b.add_job(JobSpec::at(far).demand(&[100]));
        b.add_job(JobSpec::at(far).demand(&[1]));
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[10]));
        let problem = b.build().unwrap();
        let solution = Solver::new().iteration_limit(50).solve(&problem).solution;
        assert_eq!(solution.unassigned().len(), 1);
        let svg = plan_svg(&problem, &solution, &kpis(&problem, &solution)).unwrap();
        let document = roxmltree::Document::parse(&svg).unwrap();
        let nodes: Vec<_> = document.descendants().collect();
        let count = |f: &dyn Fn(&roxmltree::Node) -> bool| nodes.iter().filter(|n| f(n)).count();
        assert_eq!(count(&|n| n.has_tag_name("circle")), 1, "the plain stop");
        assert_eq!(
            count(&|n| n.has_tag_name("rect") && n.attribute("transform").is_some()),
            1,
            "the locker"
        );
        assert_eq!(count(&|n| n.attribute("class") == Some("unassigned")), 1);
        assert_eq!(count(&|n| n.attribute("class") == Some("depot")), 1);
    }

    #[test]
    fn a_problem_without_coordinates_is_an_error() {
        let mut b = ProblemBuilder::new(Rounding::Exact);
        let depot = b.add_unplaced_location();
        let stop = b.add_unplaced_location();
        b.distance_matrix(vec![vec![0, 5], vec![5, 0]]);
        b.add_job(JobSpec::at(stop).demand(&[1]));
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10]));
        let problem = b.build().unwrap();
        let solution = Solver::new().iteration_limit(10).solve(&problem).solution;
        let error = plan_svg(&problem, &solution, &kpis(&problem, &solution)).unwrap_err();
        assert!(error.contains("no coordinates"), "{error}");
    }
}
