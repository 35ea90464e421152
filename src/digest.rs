//! SHA-256 and HMAC-SHA256 for signing: computed in Rust ([`RustDigests`]) unless a runtime
//! hands the signer faster ones of its own (Node's OpenSSL, through the wasm skin).
//!
//! ```
//! use codearts_deploy_wasm::digest::{Digests, RustDigests};
//! assert_eq!(
//!     RustDigests.sha256_hex(b"abc"),
//!     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
//! );
//! ```

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The two hashes the signature needs, as lower-case hex.
pub trait Digests {
    /// SHA-256 of `data`.
    fn sha256_hex(&self, data: &[u8]) -> String;
    /// HMAC-SHA256 of `data` under `key`; `None` when the key cannot be used.
    fn hmac_sha256_hex(&self, key: &[u8], data: &[u8]) -> Option<String>;
}

/// The digests computed in Rust (the `sha2` and `hmac` crates).
#[derive(Debug, Clone, Copy, Default)]
pub struct RustDigests;

impl Digests for RustDigests {
    fn sha256_hex(&self, data: &[u8]) -> String {
        hex(&Sha256::digest(data))
    }

    fn hmac_sha256_hex(&self, key: &[u8], data: &[u8]) -> Option<String> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
        mac.update(data);
        Some(hex(&mac.finalize().into_bytes()))
    }
}

/// Lower-case hex of `bytes`, written into a buffer of the final size (a push per digit was a
/// visible part of signing a small request).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = vec![0; bytes.len() * 2];
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        if let [high, low] = pair {
            *high = DIGITS[usize::from(b >> 4)];
            *low = DIGITS[usize::from(b & 0x0f)];
        }
    }
    // Hex digits are ASCII, so this never falls back.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = RustDigests.hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            mac.as_deref(),
            Some("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        );
    }

    #[test]
    fn hex_is_lowercase_and_two_digits_per_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }
}
