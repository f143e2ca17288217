//! Every variant of an enum as an array, taken from strum's `VariantArray`: an enum's `ALL` is
//! derived from its declaration, never a second list kept in step with it by hand.

use strum::VariantArray;

/// Every variant of `E` in declaration order, as an array of `N`, its count (a wrong `N` fails
/// the build). An array rather than strum's slice: `for e in E::ALL` gives values, and
/// `E::ALL.map(…)` gives an array.
pub const fn all<E: VariantArray + Copy, const N: usize>() -> [E; N] {
    let variants = E::VARIANTS;
    assert!(variants.len() == N, "N is not the number of variants");
    let mut out = [variants[0]; N];
    let mut i = 1;
    while i < N {
        out[i] = variants[i];
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, strum::VariantArray)]
    enum Three {
        A,
        B,
        C,
    }

    #[test]
    fn the_array_is_the_declaration_in_order() {
        const ALL: [Three; 3] = all();
        assert_eq!(ALL, [Three::A, Three::B, Three::C]);
    }
}
