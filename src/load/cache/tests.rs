//! The start-up cache against parsing: same answers, and never a stale or damaged cache used.
use super::*;
use std::borrow::Cow;

const LAZY: LoadOptions = LoadOptions { strict: false, lazy: true };

/// A store with what a cache must carry: metadata, contacts, an unknown
/// field kept under `extra`, a skipped practice and a warning.
fn store_text(town: &str) -> String {
    format!(
        r#"{{"format": "praktyki/1", "practices": [
  {{"id": "a", "title": "Aglomeracja opolska", "town": "{town}", "voivodeship": "opolskie",
   "summary": "Skrót", "presentation": [{{"heading": "Opis", "body": "Treść"}}],
   "contacts": [{{"name": "Krzysztof Początek", "email": "k@example.org"}}], "extra": {{"Wirtyna": "x"}}}},
  {{"id": "b", "title": "Łódzki obszar", "town": "Łódź", "tytul": 1}},
  {{"title": "no id"}},
  {{"id": "c", "title": "Związek Gmin Żywiecczyzny", "town": "Żywiec", "partners": ["Gmina Węgierska Górka"]}}
]}}"#
    )
}

fn setup(town: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store.json");
    std::fs::write(&store, store_text(town)).unwrap();
    let dir = tmp.path().join("cache");
    (tmp, store, dir)
}

fn load(store: &Path, dir: &Path) -> Loaded {
    let mut loaded = load_path_from(store, LAZY, Some(dir), 0).unwrap();
    loaded.write_cache(true);
    loaded
}

/// A store whose cache was written, and the cache's parts located.
fn written(town: &str) -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf, Parts) {
    let (tmp, store_path, dir) = setup(town);
    let Outcome::Written(cache_file) = load(&store_path, &dir).outcome else { panic!("not written") };
    let meta = std::fs::metadata(&store_path).unwrap();
    let (_, key, _) = locate(&store_path, &meta, &dir).unwrap();
    let parts = read_cache(&cache_file, &key).unwrap();
    (tmp, store_path, dir, cache_file, parts)
}

fn ids(index: &Index, store: &Store, q: &str) -> Vec<String> {
    index.search(q).iter().map(|h| store.practices.get(h.index).unwrap().id().to_owned()).collect()
}

#[test]
fn a_cached_load_gives_what_parsing_gives() {
    let (_tmp, store_path, dir) = setup("Opole");
    let first = load(&store_path, &dir);
    let cache_file = match &first.outcome {
        Outcome::Written(f) => f.clone(),
        other => panic!("{other:?}"),
    };
    let second = load(&store_path, &dir);
    assert_eq!(second.outcome, Outcome::Hit(cache_file));
    let (a, ai) = first.write_cache_and_index();
    let (b, bi) = second.write_cache_and_index();
    assert_eq!(a.practices, b.practices);
    assert_eq!(b.practices.to_vec()[0].extra.get("Wirtyna").map(String::as_str), Some("x"));
    assert_eq!((a.errors.clone(), a.warnings.clone()), (b.errors.clone(), b.warnings.clone()));
    assert_eq!(b.skipped(), 1);
    assert_eq!(b.warnings.len(), 1, "the unknown field 'tytul'");
    for i in 0..a.practices.len() {
        assert_eq!(a.read_full(i).unwrap(), b.read_full(i).unwrap(), "practice {i} read from the file");
        assert!(matches!(b.read_full(i), Ok(Cow::Owned(_))));
    }
    assert_eq!(b.read_full(0).unwrap().presentation[0].body, "Treść");
    for q in ["opole", "lodz", "gorka", "woj:opol", ""] {
        assert_eq!(ids(&ai, &a, q), ids(&bi, &b, q), "{q}");
    }
    let (rows, index, skipped) = names_from(&store_path, &dir, 0).unwrap();
    assert_eq!(rows, NameRows::of(&a.practices));
    assert_eq!(index.search("zywiec").first().map(|h| rows.get(h.index).id), Some("c"));
    assert_eq!(skipped, 1);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 24,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5EED_2026_1128),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Synthetic stores of any size, with or without long texts, with
    /// broken practices among them: read from the cache, everything is
    /// as parsed.
    #[test]
    fn cached_loads_are_parsed_loads(count in 0usize..40, seed: u64, names_only: bool, broken in 0usize..3) {
        let tmp = tempfile::tempdir().unwrap();
        let (path, dir) = (tmp.path().join("s.json"), tmp.path().join("cache"));
        let file = if names_only { crate::store::synth::names_only(count, seed) } else { crate::store::synth::store(count, seed) };
        let mut json = serde_json::to_value(&file).unwrap();
        for i in 0..broken {
            let list = json["practices"].as_array_mut().unwrap();
            let at = (seed as usize + i) % (list.len() + 1);
            list.insert(at, serde_json::json!({"title": "no id", "population": "many"}));
        }
        std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
        let (parsed, parsed_index) = load(&path, &dir).write_cache_and_index();
        let cached = load(&path, &dir);
        proptest::prop_assert!(matches!(cached.outcome, Outcome::Hit(_)), "{:?}", cached.outcome);
        let (cached, cached_index) = cached.write_cache_and_index();
        proptest::prop_assert_eq!(&parsed.practices, &cached.practices);
        proptest::prop_assert_eq!(&parsed.errors, &cached.errors);
        proptest::prop_assert_eq!(cached.skipped(), broken);
        for i in 0..parsed.practices.len() {
            proptest::prop_assert_eq!(parsed.read_full(i).unwrap(), cached.read_full(i).unwrap());
        }
        for q in ["", "gmin", "woj:slaskie zwiazek", "lodz"] {
            proptest::prop_assert_eq!(ids(&parsed_index, &parsed, q), ids(&cached_index, &cached, q));
        }
        let (rows, _, skipped) = names_from(&path, &dir, 0).unwrap();
        proptest::prop_assert_eq!(rows, NameRows::of(&parsed.practices));
        proptest::prop_assert_eq!(skipped, broken);
    }
}

#[test]
fn eager_and_strict_loads_use_no_cache_and_small_stores_do() {
    let (_tmp, store_path, dir) = setup("Opole");
    assert_eq!(load_path_from(&store_path, LAZY, Some(&dir), 1 << 20).unwrap().outcome, Outcome::Unused);
    let eager = LoadOptions { strict: false, lazy: false };
    assert_eq!(load_path_from(&store_path, eager, Some(&dir), 0).unwrap().outcome, Outcome::Unused);
    let strict = LoadOptions { strict: true, lazy: true };
    assert!(load_path_from(&store_path, strict, Some(&dir), 0).is_err(), "a skipped practice is fatal");
    assert_eq!(load_path_from(&store_path, LAZY, None, 0).unwrap().outcome, Outcome::Unused);
    assert!(!dir.exists());
    assert!(names_from(&store_path, &dir, 0).is_none(), "no cache yet");
    // A store of a few hundred bytes is cached like any other; a lookup
    // of names writes it without the texts' index, which a later load
    // that has one adds.
    let mut small = load_path(&store_path, LAZY, Some(&dir)).unwrap();
    assert_eq!(small.outcome, Outcome::Pending);
    small.write_cache(false);
    let mut names_only = load_path(&store_path, LAZY, Some(&dir)).unwrap();
    assert!(matches!(names_only.outcome, Outcome::Hit(_)));
    assert!(!names_only.index.as_ref().unwrap().has_topics());
    names_only.write_cache(false);
    assert!(matches!(names_only.outcome, Outcome::Hit(_)), "nothing new to write");
    names_only.write_cache(true);
    assert!(matches!(names_only.outcome, Outcome::Written(_)));
    let whole = load_path(&store_path, LAZY, Some(&dir)).unwrap();
    assert!(matches!(whole.outcome, Outcome::Hit(_)) && whole.index.unwrap().has_topics());
    assert!(whole.pending.is_none());
}

#[test]
fn a_changed_store_is_parsed_again() {
    let (_tmp, store_path, dir) = setup("Opole");
    load(&store_path, &dir);
    // Same length, other content: the modification time and inode change tell.
    std::fs::write(&store_path, store_text("Opale")).unwrap();
    let again = load(&store_path, &dir);
    assert!(matches!(again.outcome, Outcome::Written(_)), "{:?}", again.outcome);
    assert_eq!(again.store.practices.to_vec()[0].town.as_deref(), Some("Opale"));
    assert!(matches!(load(&store_path, &dir).outcome, Outcome::Hit(_)));
}

#[test]
fn a_damaged_cache_is_made_again() {
    let (_tmp, store_path, dir) = setup("Opole");
    let Outcome::Written(cache_file) = load(&store_path, &dir).outcome else { panic!("not written") };
    let good = std::fs::read(&cache_file).unwrap();
    type Damage = fn(&mut Vec<u8>);
    let damages: [(&str, Damage); 4] = [
        ("flipped byte in the practices", |b| *b.last_mut().unwrap() ^= 0x55),
        ("cut short", |b| b.truncate(b.len() / 2)),
        ("empty", |b| b.clear()),
        ("not a cache", |b| b[0] = b'{'),
    ];
    for (what, damage) in damages {
        let mut bytes = good.clone();
        damage(&mut bytes);
        std::fs::write(&cache_file, &bytes).unwrap();
        let loaded = load(&store_path, &dir);
        assert_eq!(loaded.outcome, Outcome::Written(cache_file.clone()), "{what}");
        assert_eq!(loaded.store.practices.len(), 3, "{what}");
        assert_eq!(std::fs::read(&cache_file).unwrap(), good, "{what}: written again the same");
    }
}

#[test]
fn long_texts_come_from_the_file_that_was_checked() {
    let (_tmp, store_path, dir) = setup("Opole");
    load(&store_path, &dir);
    let cached = load(&store_path, &dir).store;
    // Replaced by rename, as editors and `praktyki import` do: the open
    // handle still reads the file the cache was checked against.
    let new = store_path.with_extension("new");
    std::fs::write(&new, store_text("Opale").replace("Treść", "Nowa treść")).unwrap();
    std::fs::rename(&new, &store_path).unwrap();
    assert_eq!(cached.read_full(0).unwrap().presentation[0].body, "Treść");
    // Rewritten in place: other bytes at the practice's place are refused.
    assert!(matches!(load(&store_path, &dir).outcome, Outcome::Written(_)));
    let cached = load(&store_path, &dir).store;
    let text = std::fs::read_to_string(&store_path).unwrap();
    std::fs::write(&store_path, format!("{}{}", " ".repeat(40), text)).unwrap();
    let err = cached.read_full(0).unwrap_err();
    assert!(err.contains("changed since it was loaded"), "{err}");
}

#[test]
fn after_a_first_parse_long_texts_come_from_the_file_not_kept_bytes() {
    let (_tmp, store_path, dir) = setup("Opole");
    let parsed = load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap();
    assert_eq!(parsed.outcome, Outcome::Pending);
    assert_eq!(parsed.store.read_full(0).unwrap().presentation[0].body, "Treść");
    // Rewritten in place to other bytes of the same length, its modification
    // time put back (`cp -p`, `touch -r`): refused, after a parse and from
    // the cache, not shown as the practice's texts.
    let cached = {
        let mut first = load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap();
        first.write_cache(true);
        load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap()
    };
    assert!(matches!(cached.outcome, Outcome::Hit(_)));
    let before = std::fs::metadata(&store_path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&store_path, store_text("Opole").replace("Treść", "Trećś")).unwrap();
    std::fs::File::options().append(true).open(&store_path).unwrap().set_modified(before).unwrap();
    for store in [&parsed.store, &cached.store] {
        let err = store.read_full(0).unwrap_err();
        assert!(err.contains("changed since it was loaded"), "{err}");
        // A sentence under a search result is not read from it either.
        let err = store.read_full_unlocated(0).unwrap_err();
        assert!(err.contains("changed since it was loaded"), "{err}");
    }
    // Indexing leaves the change to the practice's own bytes: a shorter
    // record of the same id with other bytes after it in its place is not it.
    let text = store_text("Opole");
    let span = parsed.store.spans().unwrap()[0];
    let short = r#"{"id": "a", "title": "X"}, "summary": "Obcy""#;
    let mut bytes = text.clone().into_bytes();
    bytes[span.0..span.0 + short.len()].copy_from_slice(short.as_bytes());
    std::fs::write(&store_path, &bytes).unwrap();
    let err = parsed.store.read_full_in_order(0).unwrap_err();
    assert!(err.contains("changed since it was loaded"), "{err}");
    std::fs::write(&store_path, store_text("Opole")).unwrap();
    let parsed = load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap();
    // Replaced by rename: the handle that was parsed still reads the old file.
    let new = store_path.with_extension("new");
    std::fs::write(&new, store_text("Opale").replace("Treść", "Nowa treść")).unwrap();
    std::fs::rename(&new, &store_path).unwrap();
    assert_eq!(parsed.store.read_full(0).unwrap().presentation[0].body, "Treść");
    // Rewritten in place: refused, as after a cached load, never shown wrong.
    let parsed = load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap();
    let text = std::fs::read_to_string(&store_path).unwrap();
    std::fs::write(&store_path, format!("{}{}", " ".repeat(40), text)).unwrap();
    let err = parsed.store.read_full(0).unwrap_err();
    assert!(err.contains("changed since it was loaded"), "{err}");
}

#[test]
fn the_browser_writes_the_cache_after_its_first_frame() {
    let (_tmp, store_path, dir) = setup("Opole");
    let loaded = load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap();
    assert_eq!(loaded.outcome, Outcome::Pending);
    let (store, index, job) = loaded.deferred();
    assert!(!dir.exists(), "nothing written before the job runs");
    assert_eq!(ids(&index, &store, "lodz"), ["b"]);
    assert!(!index.has_topics(), "the first frame does not wait for the texts");
    let Some((Some(whole), Outcome::Written(file))) = job.map(CacheJob::run) else { panic!("no job or not written") };
    assert!(whole.has_topics());
    let cached = load(&store_path, &dir);
    assert_eq!(cached.outcome, Outcome::Hit(file));
    assert!(cached.index.as_ref().is_some_and(Index::has_topics), "the texts' index is in the cache");
    // A job stopped (the browser quit) gives up and leaves no file behind.
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::write(&store_path, std::fs::read(&store_path).unwrap()).unwrap();
    let (_, _, job) = load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap().deferred();
    let job = job.expect("work to do");
    job.stopper().store(true, std::sync::atomic::Ordering::Relaxed);
    let (whole, outcome) = job.run();
    assert!(whole.is_none());
    assert_eq!(outcome, Outcome::NotWritten("stopped".into()));
    assert!(std::fs::read_dir(&dir).map_or(true, |mut d| d.next().is_none()), "nothing written");
    let (_, _, job) = load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap().deferred();
    let Some((Some(_), Outcome::Written(_))) = job.map(CacheJob::run) else { panic!("not written") };
    // A cached load leaves nothing to do.
    assert!(load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap().deferred().2.is_none());
}

#[test]
fn caches_of_deleted_stores_are_removed() {
    let (tmp, store_path, dir) = setup("Opole");
    let other = tmp.path().join("other.json");
    std::fs::write(&other, store_text("Opole")).unwrap();
    let Outcome::Written(other_cache) = load(&other, &dir).outcome else { panic!("not written") };
    std::fs::remove_file(&other).unwrap();
    // A temporary file a killed process left an hour ago goes; one being written stays.
    let (stale, fresh) = (dir.join(".praktyki-killed.tmp"), dir.join(".praktyki-writing.tmp"));
    std::fs::write(&stale, "half").unwrap();
    std::fs::write(&fresh, "half").unwrap();
    let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    File::options().write(true).open(&stale).unwrap().set_modified(hours_ago).unwrap();
    let Outcome::Written(kept) = load(&store_path, &dir).outcome else { panic!("not written") };
    assert!(!other_cache.exists(), "the cache of a deleted store goes");
    assert!(kept.exists());
    assert!(!stale.exists() && fresh.exists());
}

#[test]
fn an_unusable_cache_directory_only_costs_the_cache() {
    let (tmp, store_path, _) = setup("Opole");
    let blocker = tmp.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let loaded = load(&store_path, &blocker.join("cache"));
    assert!(matches!(loaded.outcome, Outcome::NotWritten(_)), "{:?}", loaded.outcome);
    assert_eq!(loaded.store.practices.len(), 3);
}

#[test]
fn a_cache_damaged_where_only_a_search_looks_is_made_again() {
    // The name rows are read by a search of names and by nothing else.
    let (_tmp, store_path, dir, cache_file, parts) = written("Opole");
    let (start, end, _) = parts.table[ROWS];
    let mut bytes = std::fs::read(&cache_file).unwrap();
    bytes[(start + end) / 2] ^= 0x55;
    std::fs::write(&cache_file, &bytes).unwrap();
    assert!(names_from(&store_path, &dir, 0).is_none(), "the damage is seen");
    assert!(matches!(load(&store_path, &dir).outcome, Outcome::Written(_)), "and the cache made again");
    assert!(names_from(&store_path, &dir, 0).is_some());
}

#[test]
fn places_out_of_order_are_a_damaged_cache() {
    let (_tmp, store_path, dir, cache_file, parts) = written("Opole");
    let mut spans: Vec<(usize, usize)> = parts.decode(SPANS).unwrap();
    spans.swap(0, 1);
    // The part rewritten with its CRC-32: only the order tells.
    let part = postcard::to_stdvec(&spans).unwrap();
    let (start, end, _) = parts.table[SPANS];
    assert_eq!(part.len(), end - start);
    let mut bytes = std::fs::read(&cache_file).unwrap();
    bytes[start..end].copy_from_slice(&part);
    let header = read_key(&bytes).map(|(_, rest)| bytes.len() - rest.len()).unwrap();
    let entry = header + 4 + SPANS * TABLE_ENTRY + 16;
    bytes[entry..entry + 4].copy_from_slice(&crc32fast::hash(&part).to_le_bytes());
    std::fs::write(&cache_file, &bytes).unwrap();
    let loaded = load(&store_path, &dir);
    assert!(matches!(loaded.outcome, Outcome::Written(_)), "{:?}", loaded.outcome);
    assert_eq!(loaded.store.read_full(0).unwrap().id, loaded.store.practices.get(0).unwrap().id());
}

#[test]
fn the_rows_written_while_the_names_are_indexed_are_those_a_search_prints() {
    let (_tmp, store_path, dir) = setup("Opole");
    let mut loaded = load_path_from(&store_path, LAZY, Some(&dir), 0).unwrap();
    loaded.write_cache(false);
    assert!(matches!(loaded.outcome, Outcome::Written(_)), "{:?}", loaded.outcome);
    assert!(loaded.rows.is_some(), "kept from writing the cache");
    let rows = loaded.take_rows();
    assert_eq!(rows, NameRows::of(&loaded.store.practices));
    assert!(loaded.rows.is_none());
    assert_eq!(loaded.take_rows(), rows, "made again when there are none");
}
