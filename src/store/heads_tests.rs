//! Tests of packing heads.
use super::*;
use crate::store::model::Practice;

fn full() -> Practice {
    Practice {
        id: "a-1".into(),
        title: "Łódź: współpraca".into(),
        area: Some(String::new()),
        town: Some("Łódź".into()),
        population: Some(u64::MAX),
        partners: vec!["Gmina X".into(), String::new()],
        contacts: vec![
            Contact { name: "Anna".into(), role: None, email: Some("a@x.pl".into()), phone: Some(String::new()) },
            Contact { name: String::new(), role: Some("r".into()), email: None, phone: None },
        ],
        extra: [("Etykieta".to_owned(), "wartość".to_owned()), ("".to_owned(), "".to_owned())].into(),
        problems: vec!["no attachments".into()],
        source_url: Some("https://example.org/p".into()),
        summary: "long".into(),
        ..Practice::default()
    }
}

#[test]
fn heads_come_back_as_they_went_in_absent_apart_from_empty() {
    let practices = vec![full(), Practice { id: "b".into(), title: "B".into(), ..Practice::default() }, full()];
    let heads = Heads::of(&practices);
    assert_eq!(heads.len(), 3);
    let want: Vec<Head> = practices.iter().map(|p| p.clone().with_texts(Skipped, Skipped, Skipped)).collect();
    assert_eq!(heads.to_vec(), want);
    let a = heads.get(0).unwrap();
    assert_eq!((a.area(), a.county(), a.population()), (Some(""), None, Some(u64::MAX)));
    assert_eq!(a.partners().collect::<Vec<_>>(), ["Gmina X", ""]);
    assert_eq!(a.contacts().nth(1).map(|c| (c.name, c.role, c.email)), Some(("", Some("r"), None)));
    assert_eq!(a.problems().collect::<Vec<_>>(), ["no attachments"]);
    assert!(heads.get(3).is_none());
    assert_eq!(heads.iter().map(|h| h.id()).collect::<Vec<_>>(), ["a-1", "b", "a-1"]);
}

#[test]
fn a_store_larger_than_a_part_is_read_across_parts() {
    let practices: Vec<Practice> = (0..PART + 3)
        .map(|i| Practice { id: format!("p{i}"), title: format!("T{i}"), ..Practice::default() })
        .collect();
    let heads = Heads::of(&practices);
    assert_eq!(heads.parts().len(), 2);
    for i in [0, PART - 1, PART, PART + 2] {
        assert_eq!(heads.get(i).map(|h| h.id().to_owned()), Some(format!("p{i}")));
    }
    assert_eq!(heads.iter().count(), PART + 3);
    let again = Heads::from_parts(heads.parts().to_vec()).unwrap();
    assert_eq!(again, heads);
}

#[test]
fn a_damaged_part_is_refused_and_never_read_out_of_bounds() {
    let heads = Heads::of(&[full()]);
    let good = heads.parts()[0].clone();
    assert!(good.is_sound());
    let mut fewer_slots = good.clone();
    fewer_slots.shape[0] = [100, 0, 0];
    let mut first_past_end = good.clone();
    first_past_end.firsts[0] = 5;
    let mut no_bits = good.clone();
    no_bits.absent.clear();
    let mut shape_missing = good.clone();
    shape_missing.shape.clear();
    let mut overflow = good.clone();
    overflow.shape[0] = [u32::MAX; 3];
    for bad in [fewer_slots, first_past_end, no_bits, shape_missing, overflow] {
        assert!(!bad.is_sound(), "{bad:?}");
        assert!(Heads::from_parts(vec![bad.clone()]).is_none());
        // Read anyway, a damaged part gives blanks, not a panic.
        if let Some(h) = bad.head(0) {
            let _ = h.to_head();
        }
    }
    assert!(Heads::from_parts(vec![Part::default()]).is_none(), "an empty part is no part");
    // Sound parts in the wrong order: each knows its place.
    let practices: Vec<Practice> = (0..PART * 2 + 1)
        .map(|i| Practice { id: format!("p{i}"), title: format!("T{i}"), ..Practice::default() })
        .collect();
    let mut parts = Heads::of(&practices).parts().to_vec();
    parts.swap(0, 1);
    assert!(Heads::from_parts(parts.clone()).is_none(), "swapped");
    parts.swap(0, 1);
    parts.remove(1);
    assert!(Heads::from_parts(parts).is_none(), "one left out");
}

#[test]
fn heads_copied_in_runs_are_the_heads_pushed_one_at_a_time() {
    // Heads of varied slot counts, so that absent bits fall anywhere in
    // a word, copied in runs that cross parts on both sides.
    let practices: Vec<Practice> = (0..PART * 2 + 300)
        .map(|i| Practice {
            id: format!("p{i}"),
            title: format!("T{i}"),
            town: (i % 3 == 0).then(|| "Łódź".to_owned()),
            partners: vec!["G".into(); i % 5],
            ..if i % 7 == 0 { full() } else { Practice::default() }
        })
        .collect();
    let src = Heads::of(&practices);
    assert!(src.parts().len() > 2);
    let mut copied = Heads::of(&practices[..3]);
    let mut want = practices[..3].to_vec();
    for run in [0..1, 1..1, 5..70, 70..PART + 10, PART + 10..PART * 2 + 300] {
        copied.extend_from(&src, run.clone()).unwrap();
        want.extend_from_slice(&practices[run]);
    }
    assert_eq!(copied.len(), want.len());
    assert_eq!(copied.to_vec(), Heads::of(&want).to_vec());
    assert!(copied.parts().iter().all(|p| p.is_sound() && p.len() <= PART));
    let parts = copied.parts().to_vec();
    assert_eq!(Heads::from_parts(parts).map(|h| h.to_vec()), Some(copied.to_vec()), "each part knows its place");
}

#[test]
// A reversed range is one of the ranges a source does not have.
#[allow(clippy::reversed_empty_ranges)]
fn a_range_the_source_does_not_have_copies_nothing() {
    let practices: Vec<Practice> =
        (0..5).map(|i| Practice { id: format!("p{i}"), title: format!("T{i}"), ..full() }).collect();
    let src = Heads::of(&practices);
    let mut copied = Heads::of(&practices[..2]);
    let want = copied.to_vec();
    for range in [4..6, 6..7, 3..2] {
        assert_eq!(copied.extend_from(&src, range.clone()), Err(TooLarge), "{range:?}");
        assert_eq!((copied.len(), copied.to_vec()), (2, want.clone()), "{range:?} added nothing");
    }
    copied.extend_from(&src, 5..5).unwrap();
    assert_eq!(copied.len(), 2, "an empty range adds nothing");
}
