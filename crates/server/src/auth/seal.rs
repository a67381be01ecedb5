//! Sealing at rest: text that carries a secret the server must read back
//! later (an outbox message with an invitation link, whose token is stored
//! only hashed elsewhere) is kept encrypted with ChaCha20-Poly1305 under the
//! deployment's secret key, so a copy of the database holds no usable token.

use anyhow::Context as _;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead as _, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, KeyInit as _, Nonce};
use rand::RngCore as _;
use std::io::Write as _;
use std::path::Path;
use std::str::FromStr;

/// What marks a sealed value (version 1: nonce and ciphertext, base64url).
pub const PREFIX: &str = "sealed:v1:";
/// The key file's name under the data directory.
pub const KEY_FILE: &str = "secret.key";

/// The deployment's 256-bit secret key (`ROSTER_SECRET_KEY`, base64).
/// `Debug` never shows it.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

impl FromStr for SecretKey {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let bytes = URL_SAFE_NO_PAD
            .decode(s.trim_end_matches('='))
            .or_else(|_| STANDARD.decode(s))
            .map_err(|_| "the secret key must be base64".to_owned())?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| "the secret key must be 32 bytes (44 base64 characters)".to_owned())?;
        Ok(SecretKey(key))
    }
}

impl SecretKey {
    /// A new random key.
    pub fn random() -> SecretKey {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        SecretKey(key)
    }

    /// The key in `dir/secret.key`, created (readable by its owner only) on
    /// first use. Several instances on one database must share the key:
    /// give them `ROSTER_SECRET_KEY` instead.
    pub fn from_dir(dir: &Path) -> anyhow::Result<SecretKey> {
        let file = dir.join(KEY_FILE);
        if !file.exists() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            // Written whole under a temporary name, then linked into place:
            // a crash or a second process never sees a half-written key.
            let tmp = dir.join(format!("{KEY_FILE}.{}.tmp", std::process::id()));
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut f = options
                .open(&tmp)
                .with_context(|| format!("creating {}", tmp.display()))?;
            f.write_all(URL_SAFE_NO_PAD.encode(SecretKey::random().0).as_bytes())?;
            f.sync_all()?;
            let linked = std::fs::hard_link(&tmp, &file);
            let _ = std::fs::remove_file(&tmp);
            match linked {
                Ok(()) => {}
                // Another process made it first: read theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e).with_context(|| format!("creating {}", file.display())),
            }
        }
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        text.parse()
            .map_err(|e: String| anyhow::anyhow!("{}: {e}", file.display()))
    }
}

/// Seals and opens values with one key.
#[derive(Clone)]
pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(…)")
    }
}

impl Sealer {
    /// A sealer with `key`.
    pub fn new(key: &SecretKey) -> Sealer {
        Sealer {
            cipher: ChaCha20Poly1305::new(Key::from_slice(&key.0)),
        }
    }

    /// `text`, encrypted under a fresh random nonce and bound to `context`
    /// (the row's id): a sealed value copied to another row does not open.
    pub fn seal(&self, text: &str, context: &str) -> String {
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let payload = Payload {
            msg: text.as_bytes(),
            aad: context.as_bytes(),
        };
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), payload)
            .expect("ChaCha20-Poly1305 encrypts any input that fits in memory");
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Whether `stored` is sealed.
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(PREFIX)
    }

    /// The text of a value sealed with the same `context`; a value that was
    /// never sealed (written before sealing existed) comes back as it is.
    pub fn open(&self, stored: &str, context: &str) -> anyhow::Result<String> {
        let Some(b64) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_owned());
        };
        let bytes = URL_SAFE_NO_PAD
            .decode(b64)
            .context("a sealed value that is not base64")?;
        anyhow::ensure!(bytes.len() > 12, "a sealed value too short to open");
        let (nonce, sealed) = bytes.split_at(12);
        let text = self
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| {
                anyhow::anyhow!("a sealed value this key cannot open (was the secret key changed?)")
            })?;
        String::from_utf8(text).context("a sealed value that is not UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_round_trips_and_hides_its_content() {
        let sealer = Sealer::new(&SecretKey::random());
        let text = "Accept: https://roster.example/invitations/accept?token=abc123secret";
        let sealed = sealer.seal(text, "msg_1");
        assert!(sealed.starts_with(PREFIX) && !sealed.contains("abc123secret"));
        assert_ne!(
            sealed,
            sealer.seal(text, "msg_1"),
            "every seal has its own nonce"
        );
        assert_eq!(sealer.open(&sealed, "msg_1").unwrap(), text);
        assert!(sealer.open(&sealed, "msg_2").is_err(), "bound to its row");
        let plain = "written in the clear";
        assert_eq!(sealer.open(plain, "msg_1").unwrap(), plain);
        let other = Sealer::new(&SecretKey::random());
        assert!(other.open(&sealed, "msg_1").is_err());
        // Flip one bit of the ciphertext: the tag no longer matches.
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed[PREFIX.len()..]).unwrap();
        bytes[20] ^= 1;
        let tampered = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
        assert!(sealer.open(&tampered, "msg_1").is_err());
    }

    #[test]
    fn the_key_file_is_made_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("data");
        let a = SecretKey::from_dir(&sub).unwrap();
        let b = SecretKey::from_dir(&sub).unwrap();
        assert_eq!(a.0, b.0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(sub.join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "only the owner may read the key");
        }
        assert!("c2hvcnQ".parse::<SecretKey>().is_err());
        let text = URL_SAFE_NO_PAD.encode([7u8; 32]);
        assert_eq!(text.parse::<SecretKey>().unwrap().0, [7u8; 32]);
        assert_eq!(
            STANDARD.encode([7u8; 32]).parse::<SecretKey>().unwrap().0,
            [7u8; 32]
        );
    }
}
