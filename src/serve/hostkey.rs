//! The server's Ed25519 host key: made once by `--init-host-key` (mode
//! 0600, its fingerprint printed), read at every start, never made
//! silently, so clients' known_hosts stay true across restarts.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use russh::keys::{Algorithm, HashAlg, PrivateKey, ssh_key::LineEnding};

/// Makes a new key at `path` (which must not exist) and returns its
/// SHA-256 fingerprint.
pub fn init(path: &Path) -> Result<String, String> {
    let key =
        PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).map_err(|e| format!("cannot make a key: {e}"))?;
    let text = key.to_openssh(LineEnding::LF).map_err(|e| format!("cannot encode the key: {e}"))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(fingerprint(&key))
}

/// Reads the key at `path`: an Ed25519 key that only its owner can read.
pub fn load(path: &Path) -> Result<PrivateKey, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("{shown}: {e}; make a host key first with `praktyki serve --init-host-key {shown}`"))?;
    // What the file is comes first: a public key or a store needs no chmod.
    let key = russh::keys::load_secret_key(path, None).map_err(|e| {
        format!("{shown}: not an OpenSSH private key ({e}); make one with `praktyki serve --init-host-key PATH`")
    })?;
    if meta.permissions().mode() & 0o077 != 0 {
        return Err(format!("{shown}: others can read this private key; `chmod 600 {shown}`"));
    }
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(format!("{shown}: a {} key; the server uses Ed25519 only", key.algorithm()));
    }
    Ok(key)
}

/// What `ssh` shows a user on first connection ("SHA256:…").
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("host_ed25519");
        let made = init(&path).unwrap();
        assert!(made.starts_with("SHA256:"), "{made}");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fingerprint(&load(&path).unwrap()), made);
        assert!(init(&path).is_err(), "never overwritten");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(load(&path).unwrap_err().contains("chmod 600"));
        assert!(load(&dir.path().join("none")).unwrap_err().contains("--init-host-key"));
        let public = dir.path().join("key.pub");
        std::fs::write(&public, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKAxb0DiMQ7c8dA3Uh6Hd5c9PkYV3cGg1R+3T9a0XwZ9 x\n")
            .unwrap();
        std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(load(&public).unwrap_err().contains("not an OpenSSH private key"), "no chmod advice for a public key");
    }
}
