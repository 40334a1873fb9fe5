use std::collections::HashSet;

use super::*;
use crate::store::checks::VOIVODESHIPS;

fn index(name: &str) -> usize {
    VOIVODESHIPS.iter().position(|v| *v == name).unwrap()
}

fn points(r: &Region) -> HashSet<(u64, u64)> {
    r.rings.iter().flatten().map(|[x, y]| (x.to_bits(), y.to_bits())).collect()
}

#[test]
fn the_embedded_outlines_are_the_sixteen_voivodeships_in_order() {
    let rs = regions();
    assert_eq!(rs.regions.len(), COUNT);
    for (r, name) in rs.regions.iter().zip(VOIVODESHIPS) {
        assert_eq!(r.name, name);
        assert!(r.rings.iter().all(|ring| ring.len() >= 4 && ring.first() == ring.last()), "{name}: rings closed");
    }
    let teryt: Vec<&str> = rs.regions.iter().map(|r| r.teryt.as_str()).collect();
    assert_eq!(teryt[0], "02");
    assert_eq!(teryt[15], "32");
}

#[test]
fn each_capital_falls_inside_its_own_voivodeship_and_no_other() {
    for (i, r) in regions().regions.iter().enumerate() {
        let (lon, lat) = (r.capital.lon, r.capital.lat);
        let inside: Vec<usize> =
            regions().regions.iter().enumerate().filter(|(_, o)| o.contains(lon, lat)).map(|(j, _)| j).collect();
        assert_eq!(inside, vec![i], "{} ({})", r.capital.name, r.name);
        assert!(r.contains(r.label.lon, r.label.lat), "{}: label point inside", r.name);
    }
}

#[test]
fn every_move_crosses_a_shared_border() {
    let rs = &regions().regions;
    for (i, r) in rs.iter().enumerate() {
        for dir in [Dir::Up, Dir::Down, Dir::Left, Dir::Right] {
            if let Some(j) = neighbour(i, dir) {
                let shared = points(r).intersection(&points(&rs[j])).count();
                assert!(shared >= 2, "{} {dir:?} → {}: {shared} shared points", r.name, rs[j].name);
            }
        }
    }
}

#[test]
fn neighbours_share_their_border_points_exactly() {
    // Every point on a border between two voivodeships is a point of both:
    // no gap, no overlap. Points of one region only are Poland's edge.
    let rs = &regions().regions;
    let kp = points(&rs[index("kujawsko-pomorskie")]);
    let pm = points(&rs[index("pomorskie")]);
    assert!(kp.intersection(&pm).count() >= 3);
    let pairs = [("małopolskie", "podkarpackie"), ("śląskie", "opolskie"), ("mazowieckie", "podlaskie")];
    for (a, b) in pairs {
        assert!(points(&rs[index(a)]).intersection(&points(&rs[index(b)])).count() >= 2, "{a}/{b}");
    }
    // Not neighbours: nothing shared.
    assert_eq!(points(&rs[index("lubuskie")]).intersection(&points(&rs[index("lubelskie")])).count(), 0);
}

#[test]
fn arrows_go_to_the_neighbour_in_that_direction() {
    let ma = index("małopolskie");
    assert_eq!(neighbour(ma, Dir::Right), Some(index("podkarpackie")));
    assert_eq!(neighbour(ma, Dir::Up), Some(index("świętokrzyskie")));
    assert_eq!(neighbour(ma, Dir::Left), Some(index("śląskie")));
    assert_eq!(neighbour(ma, Dir::Down), None, "the Tatras are the end");
    assert_eq!(neighbour(index("mazowieckie"), Dir::Up), Some(index("warmińsko-mazurskie")));
    assert_eq!(neighbour(index("pomorskie"), Dir::Left), Some(index("zachodniopomorskie")));
}

#[test]
fn voivodeships_are_found_by_folded_name() {
    assert_eq!(region_of("małopolskie"), Some(index("małopolskie")));
    assert_eq!(region_of(" Malopolskie "), Some(index("małopolskie")));
    assert_eq!(region_of("Województwo ŚLĄSKIE"), Some(index("śląskie")));
    assert_eq!(region_of("woj. łódzkie"), Some(index("łódzkie")));
    assert_eq!(region_of("Bawaria"), None);
    assert_eq!(region_of(""), None);
}

#[test]
fn counts_and_shade_steps() {
    let c = Counts::of([Some("opolskie"), Some("Opolskie"), Some("śląskie"), None, Some("x")]);
    assert_eq!(c.per_region[index("opolskie")], 2);
    assert_eq!(c.per_region[index("śląskie")], 1);
    assert_eq!(c.elsewhere, 2);
    assert_eq!(c.step(index("opolskie")), 4);
    assert_eq!(c.step(index("śląskie")), 2);
    assert_eq!(c.step(index("lubuskie")), 0);
}

#[test]
fn the_fallback_grid_puts_each_voivodeship_in_a_cell_of_its_own() {
    let cells: HashSet<(u8, u8)> = GRID.iter().copied().collect();
    assert_eq!(cells.len(), COUNT);
}
