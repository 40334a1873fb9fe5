//! Writing a cache file: the parts that need no index first (the heads are
//! nine tenths of it), which a lookup writes while it indexes the names;
//! then the index's parts and the table; then the file is put in place.

use std::fs::File;
use std::io::{self, Seek, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::{INDEX, Key, MAGIC, NameRows, PRACTICES, PROBLEMS, Problems, ROWS, SPANS, TABLE_ENTRY, TOPICS};
use crate::search::Index;
use crate::store::Store;

/// A cache file begun: every part that needs no index is written (the
/// heads are nine tenths of it), while the names are indexed; the index's
/// parts and the table are still to come.
pub(super) struct Begun {
    tmp: tempfile::NamedTempFile,
    /// Where the table is.
    table_at: u64,
    /// Each part's place and CRC-32, in part order, once written.
    table: Vec<Option<(u64, u64, u32)>>,
    /// The name rows written, for a search to print from.
    pub(super) rows: Option<NameRows>,
}

/// Writes `part` as part `i` at the end of the file so far, noting its place.
fn put(table: &mut [Option<(u64, u64, u32)>], out: &mut io::BufWriter<&File>, i: usize, part: &[u8]) -> io::Result<()> {
    let at = out.stream_position()?;
    let entry = table.get_mut(i).ok_or_else(|| io::Error::other("no such part"))?;
    *entry = Some((at, part.len() as u64, crc32fast::hash(part)));
    out.write_all(part)
}

fn stopped(stop: &AtomicBool) -> io::Result<()> {
    if stop.load(Ordering::Relaxed) { Err(io::Error::other("stopped")) } else { Ok(()) }
}

fn encode<T: Serialize + ?Sized>(value: &T) -> io::Result<Vec<u8>> {
    postcard::to_stdvec(value).map_err(io::Error::other)
}

/// Begins the cache file of `store`: its key, a blank table, the heads, then
/// the other parts that need no index.
pub(super) fn begin_cache(cache_file: &Path, key: &Key, store: &Store, stop: &AtomicBool) -> io::Result<Begun> {
    let count = PRACTICES + store.practices.parts().len();
    let dir = cache_file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // A cache needs no fsync: a file cut short by a crash fails its CRC and
    // is made again. It does need the rename, so that no reader sees half.
    let tmp = tempfile::Builder::new().prefix(".praktyki-").suffix(".tmp").tempfile_in(dir)?;
    let mut out = io::BufWriter::new(tmp.as_file());
    out.write_all(MAGIC)?;
    out.write_all(&encode(key)?)?;
    out.write_all(&u32::try_from(count).map_err(io::Error::other)?.to_le_bytes())?;
    let table_at = out.stream_position()?;
    out.write_all(&vec![0; count * TABLE_ENTRY])?;
    let mut table = vec![None; count];
    let mut at = PRACTICES;
    for batch in store.practices.parts().chunks(rayon::current_num_threads().max(1)) {
        // The temporary file goes with the error: nothing half-written stays.
        stopped(stop)?;
        // The heads are kept as parts already: written as they are.
        let parts: Vec<io::Result<Vec<u8>>> = batch.par_iter().map(encode).collect();
        for part in parts {
            put(&mut table, &mut out, at, &part?)?;
            at += 1;
        }
    }
    // What needs no index either: problems, name rows, places in the store.
    let spans = store.spans().ok_or_else(|| io::Error::other("not a lazy load"))?;
    let problems = Problems { errors: store.errors.clone(), warnings: store.warnings.clone() };
    put(&mut table, &mut out, PROBLEMS, &encode(&problems)?)?;
    stopped(stop)?;
    let rows = NameRows::of(&store.practices);
    put(&mut table, &mut out, ROWS, &encode(&rows)?)?;
    put(&mut table, &mut out, SPANS, &encode(spans)?)?;
    out.flush()?;
    drop(out);
    Ok(Begun { tmp, table_at, table, rows: Some(rows) })
}

/// Writes the index's parts and the table of a begun cache file and puts
/// it in place.
pub(super) fn finish_cache(mut begun: Begun, cache_file: &Path, index: &Index, stop: &AtomicBool) -> io::Result<()> {
    let file = begun.tmp.as_file().try_clone()?;
    let mut out = io::BufWriter::new(&file);
    out.seek(io::SeekFrom::End(0))?;
    put(&mut begun.table, &mut out, INDEX, &encode(index.names_data())?)?;
    stopped(stop)?;
    put(&mut begun.table, &mut out, TOPICS, &encode(&index.topics())?)?;
    let mut table = Vec::with_capacity(begun.table.len() * TABLE_ENTRY);
    for entry in &begun.table {
        let (at, len, crc) = entry.ok_or_else(|| io::Error::other("a part was not written"))?;
        table.extend(at.to_le_bytes().into_iter().chain(len.to_le_bytes()).chain(crc.to_le_bytes()));
    }
    out.seek(io::SeekFrom::Start(begun.table_at))?;
    out.write_all(&table)?;
    out.into_inner().map_err(|e| e.into_error())?;
    begun.tmp.persist(cache_file).map_err(|e| e.error)?;
    Ok(())
}
