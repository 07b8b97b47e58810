//! The VRPLIB reader handles the Gehring–Homberger VRPTW layout: Solomon
//! instances converted to it give the same problem and the same best-known
//! cost.

mod common;

use lastmile::io::solomon::parse_solomon_instance;
use lastmile::io::vrplib::parse_vrplib_instance;
use lastmile::io::{parse_instance, read_sol, InstanceFormat};
use lastmile::{LocationId, Rounding};

#[test]
fn solomon_instances_read_the_same_in_vrplib_form() {
    let Some(data) = common::datasets() else {
        return;
    };
    for file in [
        "homberger/C1_2_1.txt",
        "solomon/R101.txt",
        "solomon/RC208.txt",
    ] {
        let path = data.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let solomon = parse_solomon_instance(&text).unwrap();
        let vrplib_text = solomon.to_vrplib().to_text();
        assert_eq!(InstanceFormat::detect(&vrplib_text), InstanceFormat::Vrplib);
        assert_eq!(
            parse_vrplib_instance(&vrplib_text).unwrap(),
            solomon.to_vrplib()
        );

        let from_solomon = parse_instance(&text, None).unwrap();
        let from_vrplib = parse_instance(&vrplib_text, None).unwrap();
        assert_eq!(from_vrplib.rounding(), Rounding::Dimacs);
        assert_eq!(from_vrplib.jobs(), from_solomon.jobs());
        assert_eq!(from_vrplib.vehicle_types(), from_solomon.vehicle_types());
        let n = from_solomon.num_locations();
        for (a, b) in (0..n).zip((0..n).rev()) {
            assert_eq!(
                from_vrplib.distance(LocationId(a), LocationId(b)),
                from_solomon.distance(LocationId(a), LocationId(b))
            );
        }

        let sol = read_sol(path.with_extension("sol")).unwrap();
        let solution = sol.to_solution(&from_vrplib).unwrap();
        common::assert_feasible(&from_vrplib, &solution, file);
        let published = from_vrplib.from_instance_units(sol.cost.unwrap());
        assert_eq!(solution.cost().distance.get(), published, "{file}");
    }
}
