//! Searches and comparisons on the few bytes of one log field (a host, a tag, a queue id, an
//! address), eight bytes at a time. A field is too short for a vectorised search to repay its
//! set-up, and a byte-at-a-time loop pays a compare and a branch for every byte; a measured log
//! spends most of its time on such fields once the literal passes have found its lines.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The eight bytes of `s` at `at`, the first byte lowest.
#[inline(always)]
fn word(s: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[at..at + 8]);
    u64::from_le_bytes(w)
}

/// The high bit of every byte of `w` that is zero, and of no other byte.
#[inline(always)]
fn zeros(w: u64) -> u64 {
    !(((w & LOW7).wrapping_add(LOW7)) | w | LOW7)
}

/// The high bit of every byte of `w` equal to `b`.
#[inline(always)]
fn equal(w: u64, b: u8) -> u64 {
    zeros(w ^ (LO * u64::from(b)))
}

/// The first byte equal to `a` or `b` within the first `limit` bytes of `s`.
#[inline]
pub fn find2(s: &[u8], a: u8, b: u8, limit: usize) -> Option<usize> {
    let n = s.len().min(limit);
    let mut i = 0;
    while i + 8 <= n {
        let w = word(s, i);
        let m = equal(w, a) | equal(w, b);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    s[i..n]
        .iter()
        .position(|&x| x == a || x == b)
        .map(|p| i + p)
}

/// The first `b` within the first `limit` bytes of `s`.
#[inline]
pub fn find(s: &[u8], b: u8, limit: usize) -> Option<usize> {
    find2(s, b, b, limit)
}

/// The last `b` in `s`.
#[inline]
pub fn rfind(s: &[u8], b: u8) -> Option<usize> {
    let mut end = s.len();
    while end >= 8 {
        let m = equal(word(s, end - 8), b);
        if m != 0 {
            return Some(end - 8 + (63 - m.leading_zeros() as usize) / 8);
        }
        end -= 8;
    }
    s[..end].iter().rposition(|&x| x == b)
}

/// True when `a` and `b` hold the same bytes (a host, a tag: a few bytes each).
#[inline]
pub fn eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        // Not `a == b`: that calls `memcmp`, whose set-up costs more than these few bytes.
        return a.iter().zip(b).fold(0, |d, (x, y)| d | (x ^ y)) == 0;
    }
    let mut i = 0;
    while i + 8 <= n {
        if word(a, i) != word(b, i) {
            return false;
        }
        i += 8;
    }
    // The last word overlaps the one before: cheaper than the bytes one by one.
    word(a, n - 8) == word(b, n - 8)
}

/// Up to 16 bytes as a number, the first byte lowest and the rest zero: what
/// `u128::from_le_bytes` gives for `s` padded with zeros, read in two words rather than copied
/// byte by byte.
#[inline]
pub fn pack(s: &[u8]) -> u128 {
    let n = s.len();
    match n {
        0 => 0,
        1..=7 => s.iter().rev().fold(0u128, |k, &b| k << 8 | u128::from(b)),
        8 => u128::from(word(s, 0)),
        9..=15 => {
            // The last word overlaps the first: shift its overlap out.
            let high = word(s, n - 8) >> (8 * (16 - n));
            u128::from(word(s, 0)) | u128::from(high) << 64
        }
        _ => u128::from(word(s, 0)) | u128::from(word(s, 8)) << 64,
    }
}

/// True when every byte of `s` is an ASCII letter or digit. Without a branch per byte: in a
/// queue id letters and digits alternate at random, and a branch on each mispredicts often
/// enough to make this the costliest check of a line.
#[inline]
pub fn alnum(s: &[u8]) -> bool {
    s.iter().fold(true, |ok, &b| ok & ALNUM[usize::from(b)])
}

/// Which bytes are ASCII letters or digits.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// `s` lower-cased (ASCII letters only) into the start of `out`, which must be as long.
#[inline]
pub fn lower_into(s: &[u8], out: &mut [u8]) {
    let n = s.len();
    let mut i = 0;
    while i + 8 <= n {
        let w = word(s, i);
        let low = w & LOW7;
        // High bit set where a byte is at least `A`, and where it is past `Z`: ASCII only.
        let from_a = low.wrapping_add(LO * u64::from(0x80 - b'A'));
        let past_z = low.wrapping_add(LO * u64::from(0x80 - b'Z' - 1));
        let upper = from_a & !past_z & !w & HI;
        out[i..i + 8].copy_from_slice(&(w | (upper >> 2)).to_le_bytes());
        i += 8;
    }
    for (o, &b) in out[i..n].iter_mut().zip(&s[i..]) {
        *o = b.to_ascii_lowercase();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn finds_as_a_plain_loop_does(s in proptest::collection::vec(any::<u8>(), 0..40), a: u8, b: u8, limit in 0usize..48) {
            let n = s.len().min(limit);
            prop_assert_eq!(find2(&s, a, b, limit), s[..n].iter().position(|&x| x == a || x == b));
            prop_assert_eq!(find(&s, a, limit), s[..n].iter().position(|&x| x == a));
            prop_assert_eq!(rfind(&s, a), s.iter().rposition(|&x| x == a));
        }

        #[test]
        fn compares_and_lowers_as_the_standard_library_does(a in proptest::collection::vec(any::<u8>(), 0..40), flip in 0usize..40) {
            prop_assert!(eq(&a, &a));
            let mut b = a.clone();
            if let Some(x) = b.get_mut(flip) {
                *x ^= 1;
                prop_assert!(!eq(&a, &b));
            }
            prop_assert!(!eq(&a, &a[..a.len().saturating_sub(1)]) || a.is_empty());
            let mut out = vec![0u8; a.len()];
            lower_into(&a, &mut out);
            prop_assert_eq!(out, a.to_ascii_lowercase());
            prop_assert_eq!(alnum(&a), a.iter().all(u8::is_ascii_alphanumeric));
            let mut padded = [0u8; 16];
            let n = a.len().min(16);
            padded[..n].copy_from_slice(&a[..n]);
            prop_assert_eq!(pack(&a[..n]), u128::from_le_bytes(padded));
        }
    }

    #[test]
    fn bytes_next_to_a_match_are_not_matches() {
        // 0x01 just above a match is where the classic zero-byte trick reports a false one.
        let s = b"\x3a\x01\x3b\x3a\x01\x01\x01\x01\x01:";
        assert_eq!(rfind(s, b';'), Some(2));
        assert_eq!(find(b"\x00\x01\x01\x01\x01\x01\x01\x01\x01", 1, 9), Some(1));
        assert_eq!(lower_into_owned(b"Example.NET@[]`{Z"), b"example.net@[]`{z");
    }

    fn lower_into_owned(s: &[u8]) -> Vec<u8> {
        let mut out = vec![0; s.len()];
        lower_into(s, &mut out);
        out
    }
}
