//! One pass over a string's UTF-16 code units: which of `{{`, `{%`, `{#` it holds and whether it
//! holds an unpaired surrogate. Runs of units with neither a `{` nor a surrogate are skipped
//! sixteen at a time (WebAssembly SIMD in the module), and only the units around a hit are
//! looked at one by one, so long text costs a few instructions per sixteen units.
//!
//! ```
//! use codearts_deploy_wasm::utf16_scan::{scan, CURLY, LONE};
//! let units: Vec<u16> = "a{{b😀".encode_utf16().collect();
//! assert_eq!(scan(&units), CURLY);
//! assert_eq!(scan(&[0x61, 0xd800, 0x62]), LONE);
//! ```

/// Flag of [`scan`]: the text holds `{{`.
pub const CURLY: u32 = 1;
/// Flag of [`scan`]: the text holds `{%`.
pub const PERCENT: u32 = 2;
/// Flag of [`scan`]: the text holds `{#`.
pub const HASH: u32 = 4;
/// Flag of [`scan`]: the text holds an unpaired surrogate.
pub const LONE: u32 = 8;

/// Units looked at together by [`clean_run`].
const BLOCK: usize = 16;

/// The flags of `units` ([`CURLY`], [`PERCENT`], [`HASH`], [`LONE`]).
pub fn scan(units: &[u16]) -> u32 {
    let unit = |i: usize| units.get(i).copied().unwrap_or(0);
    let mut flags = 0;
    let mut i = 0;
    while i < units.len() {
        i += clean_run(units.get(i..).unwrap_or(&[]));
        let end = (i + BLOCK).min(units.len());
        while i < end {
            let c = unit(i);
            i += 1;
            if c == u16::from(b'{') {
                flags |= match unit(i) {
                    0x7b => CURLY,
                    0x25 => PERCENT,
                    0x23 => HASH,
                    _ => 0,
                };
            } else if c & 0xf800 == 0xd800 {
                if c < 0xdc00 && i < units.len() && unit(i) & 0xfc00 == 0xdc00 {
                    i += 1;
                } else {
                    flags |= LONE;
                }
            }
        }
    }
    flags
}

/// How many leading units of `units` are, for sure, neither a `{` nor a surrogate: whole blocks
/// of [`BLOCK`] units, tested with SIMD (four blocks at a time while none has one). Each vector
/// of eight units costs an add, an xor and two unsigned minimums: a surrogate plus 0x2800
/// (wrapping) falls below 0x800 and a `{` xor 0x7b is 0, so a run is clean when the minimum of
/// the first stays at or above 0x800 and that of the second above 0.
#[cfg(all(target_arch = "wasm32", feature = "scan"))]
#[target_feature(enable = "simd128")]
fn clean_run(units: &[u16]) -> usize {
    use core::arch::wasm32::{
        i16x8_add, i16x8_eq, u16x8_lt, u16x8_min, u16x8_splat, v128, v128_any_true, v128_load,
        v128_or, v128_xor,
    };
    let (bias, brace) = (u16x8_splat(0x2800), u16x8_splat(0x7b));
    let (below, zero) = (u16x8_splat(0x800), u16x8_splat(0));
    // Folds the 8 units at `$at` into the two minimums `$low` (surrogates) and `$brace` (a macro:
    // a closure or a loop is neither inlined nor unrolled at the size-optimised level).
    macro_rules! fold {
        ($low:ident, $braces:ident, $at:expr) => {{
            let v = v128_load($at.cast::<v128>());
            $low = u16x8_min($low, i16x8_add(v, bias));
            $braces = u16x8_min($braces, v128_xor(v, brace));
        }};
    }
    // Whether the minimums show a hit.
    macro_rules! hit {
        ($low:ident, $braces:ident) => {
            v128_any_true(v128_or(u16x8_lt($low, below), i16x8_eq($braces, zero)))
        };
    }
    let mut clean = 0;
    for run in units.chunks_exact(4 * BLOCK) {
        let at: *const u16 = run.as_ptr();
        let (mut low, mut braces) = (u16x8_splat(0xffff), u16x8_splat(0xffff));
        // SAFETY: `run` holds 4 × 16 units; each load reads 8 of them (16 bytes) inside it, and
        // takes any alignment.
        unsafe {
            fold!(low, braces, at);
            fold!(low, braces, at.add(8));
            fold!(low, braces, at.add(16));
            fold!(low, braces, at.add(24));
            fold!(low, braces, at.add(32));
            fold!(low, braces, at.add(40));
            fold!(low, braces, at.add(48));
            fold!(low, braces, at.add(56));
        }
        if hit!(low, braces) {
            break;
        }
        clean += 4 * BLOCK;
    }
    for block in units.get(clean..).unwrap_or(&[]).chunks_exact(BLOCK) {
        let at: *const u16 = block.as_ptr();
        let (mut low, mut braces) = (u16x8_splat(0xffff), u16x8_splat(0xffff));
        // SAFETY: `block` holds 16 units; each load reads 8 of them inside it.
        unsafe {
            fold!(low, braces, at);
            fold!(low, braces, at.add(8));
        }
        if hit!(low, braces) {
            break;
        }
        clean += BLOCK;
    }
    clean
}

/// How many leading units of `units` are neither a `{` nor a surrogate.
#[cfg(not(all(target_arch = "wasm32", feature = "scan")))]
fn clean_run(units: &[u16]) -> usize {
    units
        .iter()
        .position(|&c| c == u16::from(b'{') || c & 0xf800 == 0xd800)
        .unwrap_or(units.len())
}
