//! `lastmile solve --report`: the HTML plan report, read as text and
//! opened in a real browser (Debian's headless Chromium).
//!
//! Without Chromium the browser test says it was skipped and why, unless
//! `LASTMILE_REQUIRE_BROWSER` is set (`.ci/run` installs Chromium and sets
//! it, so in CI a missing browser is a failure).
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lastmile-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Solves the shipped instance with a report and a JSON plan; returns the
/// report's text and the number of routes in the plan.
fn solved_report() -> (PathBuf, String, usize) {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/LM-RC1-100-s1.txt");
    let (report, plan) = (scratch("plan.html"), scratch("plan.json"));
    let out = Command::new(env!("CARGO_BIN_EXE_lastmile"))
        .arg("solve")
        .arg(&shipped)
        .args(["--iterations", "300", "-q", "--report"])
        .arg(&report)
        .arg("-o")
        .arg(&plan)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let routes = plan["routes"].as_array().unwrap().len();
    let html = std::fs::read_to_string(&report).unwrap();
    (report, html, routes)
}

#[test]
fn the_report_is_one_page_with_every_route_and_the_key_figures() {
    let (_, html, routes) = solved_report();
    assert!(routes > 0);
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Self-contained: nothing is fetched (the SVG namespace is a name, not
    // a download).
    for fetch in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(fetch), "the page fetches something: {fetch}");
    }
    assert!(html.contains("<svg"), "the map is inline");
    assert_eq!(html.matches("<details class=\"sheet\">").count(), routes);
    let route_rows = html
        .split("<table class=\"sortable\" id=\"routes\">")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .unwrap()
        .matches("<tr>")
        .count();
    assert_eq!(route_rows, routes + 1, "a header row and one per route");
    for figure in ["vehicles used", "distance", "on time", "cost per delivery"] {
        assert!(html.contains(figure), "{figure}");
    }
}

/// Debian's Chromium, or `$CHROMIUM`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Opens `page` headless and returns the DOM after its scripts ran, and
/// what the browser logged.
fn render(browser: &Path, page: &Path) -> (String, String) {
    let profile = scratch("chromium-profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_report_renders_in_headless_chromium_and_sorts() {
    let Some(browser) = chromium() else {
        if std::env::var_os("LASTMILE_REQUIRE_BROWSER").is_some() {
            panic!("LASTMILE_REQUIRE_BROWSER is set but Chromium is not installed");
        }
        eprintln!(
            "skipped: Chromium not found (apt-get install chromium, or set CHROMIUM); .ci/run installs it"
        );
        return;
    };
    let (report, html, routes) = solved_report();
    // A click on the distance column, as a user would, and the order the
    // table then shows.
    let clicked = scratch("clicked.html");
    let probe = "<script>
document.querySelector('#routes thead th:nth-child(6)').click();
document.body.dataset.sorted = Array.from(document.querySelectorAll('#routes tbody tr'))
  .map(r => r.cells[5].textContent).join(',');
</script>\n</body>";
    std::fs::write(&clicked, html.replace("</body>", probe)).unwrap();

    for page in [&report, &clicked] {
        let (dom, log) = render(&browser, page);
        assert!(
            dom.contains("data-ready=\"yes\""),
            "the page's script did not run to its end:\n{log}"
        );
        let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
        assert!(console.is_empty(), "console messages: {console:#?}");
        assert!(!log.contains("Uncaught"), "{log}");
        assert_eq!(dom.matches("<details class=\"sheet\"").count(), routes);
        assert!(dom.contains("vehicles used"));
    }
    let (dom, _) = render(&browser, &clicked);
    let sorted = dom
        .split("data-sorted=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the probe ran");
    let distances: Vec<f64> = sorted.split(',').map(|d| d.parse().unwrap()).collect();
    assert_eq!(distances.len(), routes);
    assert!(
        distances.windows(2).all(|w| w[0] <= w[1]),
        "sorted by distance: {distances:?}"
    );
}
