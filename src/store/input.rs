//! Opening what a user names as input. Only a regular file is read, or a
//! pipe where one is promised (`--store <(zcat store.json.gz)`); a device
//! (`/dev/zero`), a folder or a socket is refused by name, and so is a FIFO
//! where a file is expected (opening one with no writer blocks forever).
//! Whatever is read is capped, so no input can take all memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The largest store praktyki reads (a million practices with full texts
/// are about 10 GB).
pub const MAX_STORE: u64 = 16 << 30;
/// The largest saved page (a BDP page is tens of kilobytes).
pub const MAX_PAGE: u64 = 64 << 20;
/// The largest config or bookmarks file.
pub const MAX_SMALL: u64 = 64 << 20;

/// Opens `path` for reading if it is a regular file, or a pipe when
/// `pipes` allows it; anything else is an error that says what it is.
pub fn open(path: &Path, pipes: bool) -> io::Result<File> {
    let meta = std::fs::metadata(path)?;
    let kind = meta.file_type();
    if kind.is_file() {
        return File::open(path);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() && pipes {
            return File::open(path);
        }
        let what = if kind.is_dir() {
            "a folder"
        } else if kind.is_fifo() {
            "a pipe (FIFO)"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        };
        Err(io::Error::new(io::ErrorKind::InvalidInput, format!("{what}, not a file")))
    }
    #[cfg(not(unix))]
    {
        let _ = pipes;
        Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"))
    }
}

/// Reads what `file` holds, but no more than `cap` bytes: more is an error
/// that says the limit.
pub fn read_capped(file: &File, cap: u64) -> io::Result<Vec<u8>> {
    let known = file.metadata().map(|m| if m.is_file() { m.len() } else { 0 }).unwrap_or(0);
    if known > cap {
        return Err(too_large(cap));
    }
    let mut buf = Vec::with_capacity(usize::try_from(known).unwrap_or(0).saturating_add(1));
    let reader = file;
    reader.take(cap + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        return Err(too_large(cap));
    }
    Ok(buf)
}

/// Files from this size are read by several threads at once.
const PARALLEL_READ_FROM: usize = 32 << 20;

/// Reads a whole file from its start. A large one is read in parts on
/// every core: most of the time goes into the kernel zeroing and filling
/// fresh pages (0.7 s for 1 GB on one core), which parts read at once share.
pub fn read_all(file: &std::fs::File) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek};
    use std::os::unix::fs::FileExt;
    let meta = file.metadata()?;
    if !meta.is_file() {
        // A pipe: read to its end, but not past the largest store.
        return read_capped(file, MAX_STORE);
    }
    if meta.len() > MAX_STORE {
        return Err(too_large(MAX_STORE));
    }
    let len = usize::try_from(meta.len()).map_err(std::io::Error::other)?;
    let mut reader = file;
    if len >= PARALLEL_READ_FROM {
        let mut buf = vec![0u8; len];
        let chunk = len.div_ceil(rayon::current_num_threads().max(1));
        let read: std::io::Result<()> = std::thread::scope(|s| {
            let parts: Vec<_> = buf
                .chunks_mut(chunk)
                .enumerate()
                .map(|(i, part)| s.spawn(move || file.read_exact_at(part, (i * chunk) as u64)))
                .collect();
            parts
                .into_iter()
                .try_for_each(|p| p.join().unwrap_or_else(|_| Err(std::io::Error::other("reader panicked"))))
        });
        // Reads at an offset leave the file's position at its start. A file
        // that shrank meanwhile is read again below, as it is now; one that
        // grew gets the rest appended.
        if read.is_ok() {
            reader.seek(std::io::SeekFrom::Start(len as u64))?;
            reader.read_to_end(&mut buf)?;
            return Ok(buf);
        }
    }
    // No seek here: a pipe (`--store <(zcat store.json.gz)`) cannot seek,
    // and nothing has moved the position yet.
    let mut buf = Vec::with_capacity(len + 1);
    reader.read_to_end(&mut buf)?;
    Ok(buf)
}

/// [`open`] and [`read_capped`] as text, for config and bookmarks.
pub fn read_small_text(path: &Path) -> io::Result<String> {
    let bytes = read_capped(&open(path, false)?, MAX_SMALL)?;
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

pub fn too_large(cap: u64) -> io::Error {
    let size = if cap >= 1 << 30 { format!("{} GiB", cap >> 30) } else { format!("{} MiB", cap >> 20) };
    io::Error::new(io::ErrorKind::FileTooLarge, format!("larger than {size}, the most praktyki reads"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn devices_folders_and_fifos_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = |p: &Path, pipes| open(p, pipes).unwrap_err().to_string();
        assert_eq!(err(Path::new("/dev/zero"), true), "a device, not a file");
        assert_eq!(err(dir.path(), true), "a folder, not a file");
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        // Refused without opening: opening a FIFO with no writer blocks.
        assert_eq!(err(&fifo, false), "a pipe (FIFO), not a file");
        let file = dir.path().join("f");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read_capped(&open(&file, false).unwrap(), 5).unwrap(), b"12345");
        assert!(read_capped(&open(&file, false).unwrap(), 4).unwrap_err().to_string().contains("larger than"));
    }

    #[test]
    fn large_files_are_read_whole_in_parts() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("big");
        // Not zeros: the parts are read into a zeroed buffer.
        let bytes: Vec<u8> = (0..PARALLEL_READ_FROM + 12_345).map(|i| (i % 251) as u8 + 1).collect();
        std::fs::write(&path, &bytes).unwrap();
        let read = read_all(&std::fs::File::open(&path).unwrap()).unwrap();
        assert!(read == bytes, "{} bytes read of {}", read.len(), bytes.len());
    }

    #[test]
    #[cfg(unix)]
    fn a_pipe_is_read_up_to_the_cap() {
        let mut child =
            std::process::Command::new("cat").arg("/dev/zero").stdout(std::process::Stdio::piped()).spawn().unwrap();
        let pipe: std::os::fd::OwnedFd = child.stdout.take().unwrap().into();
        let err = read_capped(&File::from(pipe), 1 << 20).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        let _ = child.kill();
        let _ = child.wait();
    }
}
