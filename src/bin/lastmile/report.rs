//! The plan as one self-contained HTML page for a dispatcher: the map, the
//! key figures, a sortable table of the routes and a sheet per route
//! (stop, ETA, window, load on board). No network is needed to open it:
//! the map is inline SVG, the sorting a few lines of inline script.

use crate::files::{kpi_rows, percentages};
use crate::map::{plan_svg, route_colour};
use clap::ValueEnum;
use lastmile::{Kpis, Problem, Solution};
use std::fmt::Write as _;

/// How times are shown in the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Clock {
    /// As numbers in the instance's units.
    Plain,
    /// Instance times are minutes after midnight: shown as HH:MM.
    Minutes,
    /// Instance times are seconds (after midnight, or Unix timestamps):
    /// shown as HH:MM (UTC for timestamps).
    Seconds,
}

impl Clock {
    /// `internal` (a time of `problem`) as shown.
    fn show(self, problem: &Problem, internal: i64) -> String {
        let value = problem.to_instance_units(internal);
        let minutes = match self {
            Clock::Plain => return format!("{value:.1}"),
            Clock::Minutes => value.round() as i64,
            Clock::Seconds => (value / 60.0).round() as i64,
        };
        let of_day = minutes.rem_euclid(24 * 60);
        format!("{:02}:{:02}", of_day / 60, of_day % 60)
    }

    /// A window, whose end may be open ("any time" when it does not
    /// constrain at all).
    fn window(self, problem: &Problem, start: i64, end: i64) -> String {
        let open = end >= lastmile::units::Duration::UNBOUNDED.get();
        match (start, open) {
            (0, true) => "any time".into(),
            (_, true) => format!("from {}", self.show(problem, start)),
            _ => format!(
                "{} – {}",
                self.show(problem, start),
                self.show(problem, end)
            ),
        }
    }
}

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}
th{background:#f3f3f3;cursor:pointer;user-select:none}
th[data-dir=asc]::after{content:' ▲'}th[data-dir=desc]::after{content:' ▼'}
td.text,th.text{text-align:left}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:50%;vertical-align:middle}
.map svg{max-width:100%;height:auto;border:1px solid #ddd}
details{margin:.3em 0}summary{cursor:pointer}
.late{color:#b00}
";

/// Sorts a table by the clicked column (numbers by `data-v` or their
/// value, text otherwise); marks the page ready once wired, which the
/// browser test reads.
const SCRIPT: &str = "
for (const table of document.querySelectorAll('table.sortable')) {
  const heads = table.tHead.rows[0].cells;
  for (let i = 0; i < heads.length; i++) {
    heads[i].addEventListener('click', () => {
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      const ascending = heads[i].dataset.dir !== 'asc';
      for (const h of heads) delete h.dataset.dir;
      heads[i].dataset.dir = ascending ? 'asc' : 'desc';
      const key = r => r.cells[i].dataset.v ?? r.cells[i].textContent;
      rows.sort((a, b) => {
        const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
        const order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
        return ascending ? order : -order;
      });
      for (const r of rows) body.appendChild(r);
    });
  }
}
document.body.dataset.ready = 'yes';
";

/// The report of `solution`. Without coordinates the page has no map and
/// says so.
pub fn plan_html(problem: &Problem, solution: &Solution, figures: &Kpis, clock: Clock) -> String {
    let title = if problem.name().is_empty() {
        "lastmile plan".to_owned()
    } else {
        format!("{} · lastmile plan", problem.name())
    };
    let mut html = String::new();
    let _ = writeln!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>",
        escape(&title),
        escape(&title)
    );
    // Key figures.
    html.push_str("<h2>Key figures</h2>\n<table id=\"kpis\">\n<tbody>\n");
    for (name, value) in kpi_rows(figures) {
        let _ = writeln!(
            html,
            "<tr><th class=\"text\">{}</th><td>{}</td></tr>",
            escape(name),
            escape(&value)
        );
    }
    html.push_str("</tbody>\n</table>\n");
    // Map.
    html.push_str("<h2>Map</h2>\n<div class=\"map\">\n");
    match plan_svg(problem, solution, figures) {
        Ok(svg) => html.push_str(&svg),
        Err(why) => {
            let _ = writeln!(html, "<p>No map: {}</p>", escape(&why));
        }
    }
    html.push_str("</div>\n");
    routes_table(&mut html, problem, solution, figures, clock);
    route_sheets(&mut html, problem, solution, clock);
    unassigned_table(&mut html, problem, solution);
    let _ = writeln!(html, "<script>{SCRIPT}</script>\n</body>\n</html>");
    html
}

fn routes_table(
    html: &mut String,
    problem: &Problem,
    solution: &Solution,
    figures: &Kpis,
    clock: Clock,
) {
    html.push_str(
        "<h2>Routes</h2>\n<p>Click a column to sort.</p>\n<table class=\"sortable\" id=\"routes\">\n<thead><tr><th>route</th><th>vehicle type</th><th>stops</th><th>start</th><th>back</th><th>distance</th><th>duration</th><th>load</th><th>cost</th></tr></thead>\n<tbody>\n",
    );
    for (index, (route, kpi)) in solution.routes().iter().zip(&figures.routes).enumerate() {
        let load = percentages(&kpi.load_factor);
        let _ = writeln!(
            html,
            "<tr><td data-v=\"{n}\"><span class=\"swatch\" style=\"background:{colour}\"></span> {n}</td><td>{}</td><td>{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td>{:.1}</td><td>{:.1}</td><td data-v=\"{:.3}\">{}</td><td>{:.2}</td></tr>",
            route.vehicle_type.0,
            route.stops.len(),
            route.depot_departure.get(),
            clock.show(problem, route.depot_departure.get()),
            route.depot_arrival.get(),
            clock.show(problem, route.depot_arrival.get()),
            kpi.distance,
            kpi.duration,
            kpi.load_factor.first().copied().unwrap_or(0.0),
            load.join(" / "),
            kpi.cost,
            n = index + 1,
            colour = route_colour(index),
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

fn route_sheets(html: &mut String, problem: &Problem, solution: &Solution, clock: Clock) {
    html.push_str("<h2>Route sheets</h2>\n");
    let dimensions = problem.dimensions().max(1);
    for (index, route) in solution.routes().iter().enumerate() {
        let _ = writeln!(
            html,
            "<details class=\"sheet\"><summary><span class=\"swatch\" style=\"background:{}\"></span> Route {}: {} stops, leaves {}, back {}</summary>",
            route_colour(index),
            index + 1,
            route.stops.len(),
            clock.show(problem, route.depot_departure.get()),
            clock.show(problem, route.depot_arrival.get()),
        );
        html.push_str(
            "<table class=\"sortable\">\n<thead><tr><th>stop</th><th>job</th><th>ETA</th><th>window</th><th>service</th><th>leaves</th><th>waiting</th><th>load on board</th></tr></thead>\n<tbody>\n",
        );
        for (position, stop) in route.stops.iter().enumerate() {
            let job = problem.job(stop.job);
            let window = job.place(stop.place).time_window;
            let late = stop.service_start > window.end;
            let load: Vec<String> = (0..dimensions)
                .map(|d| format!("{}", stop.load.get(d)))
                .collect();
            let _ = writeln!(
                html,
                "<tr{}><td>{}</td><td>{}{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td>{}</td><td>{}</td></tr>",
                if late { " class=\"late\"" } else { "" },
                position + 1,
                stop.job.0,
                if stop.place > 0 { " (alternative place)" } else { "" },
                stop.arrival.get(),
                clock.show(problem, stop.arrival.get()),
                window.start.get(),
                clock.window(problem, window.start.get(), window.end.get()),
                stop.service_start.get(),
                clock.show(problem, stop.service_start.get()),
                stop.departure.get(),
                clock.show(problem, stop.departure.get()),
                problem.to_instance_units(stop.waiting.get()),
                load.join(" / "),
            );
        }
        for pause in &route.breaks {
            let _ = writeln!(
                html,
                "<tr><td data-v=\"{}.5\">break</td><td>after stop {}</td><td data-v=\"{}\">{}</td><td></td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td>{}</td><td></td></tr>",
                pause.after,
                pause.after,
                pause.start.get(),
                clock.show(problem, pause.start.get()),
                pause.start.get(),
                clock.show(problem, pause.start.get()),
                pause.end.get(),
                clock.show(problem, pause.end.get()),
                problem.to_instance_units(pause.waiting.get()),
            );
        }
        for reload in &route.reloads {
            let load: Vec<String> = (0..dimensions)
                .map(|d| format!("{}", reload.load.get(d)))
                .collect();
            let _ = writeln!(
                html,
                "<tr><td data-v=\"{}.6\">reload</td><td>after stop {} (location {})</td><td data-v=\"{}\">{}</td><td></td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td>{}</td><td>{}</td></tr>",
                reload.after,
                reload.after,
                reload.location.0,
                reload.arrival.get(),
                clock.show(problem, reload.arrival.get()),
                reload.start.get(),
                clock.show(problem, reload.start.get()),
                reload.departure.get(),
                clock.show(problem, reload.departure.get()),
                problem.to_instance_units((reload.start - reload.arrival).get()),
                load.join(" / "),
            );
        }
        html.push_str("</tbody>\n</table>\n</details>\n");
    }
}

fn unassigned_table(html: &mut String, problem: &Problem, solution: &Solution) {
    if solution.unassigned().is_empty() {
        html.push_str("<h2>Unassigned</h2>\n<p>Every job is in a route.</p>\n");
        return;
    }
    html.push_str(
        "<h2>Unassigned</h2>\n<table class=\"sortable\" id=\"unassigned\">\n<thead><tr><th>job</th><th class=\"text\">reason</th></tr></thead>\n<tbody>\n",
    );
    for left in solution.unassigned() {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td class=\"text\">{}{}</td></tr>",
            left.job.0,
            escape(&left.reason.to_string()),
            if problem.job(left.job).is_optional() {
                " (optional)"
            } else {
                ""
            }
        );
    }
    html.push_str("</tbody>\n</table>\n");
}
