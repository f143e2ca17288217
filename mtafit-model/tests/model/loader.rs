//! The loader never panics, whatever the bytes, and never lets a control character through.

use mtafit_model::catalogue::{parse_engine, parse_factors};
use proptest::prelude::*;

const VALID: &str = include_str!("../../../tests/fixtures/good/acme-mta.ron");

fn check_no_escape(bytes: &[u8]) {
    let (parsed, diags) = parse_engine("p.ron", Some("acme-mta"), bytes);
    for d in &diags {
        let text = d.render(false);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(d.pos.line >= 1 && d.pos.col >= 1);
    }
    if let Some(p) = parsed {
        let e = &p.engine;
        for s in [
            &e.name,
            &e.vendor,
            &e.good_at,
            &e.cautions,
            &e.language,
            &e.checked,
        ] {
            assert!(!s.chars().any(char::is_control), "{s:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        check_no_escape(&bytes);
        let _ = parse_factors("f.ron", &bytes);
    }

    #[test]
    fn mutations_of_a_valid_file_never_panic(
        edits in proptest::collection::vec((0usize..VALID.len(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let mut bytes = VALID.as_bytes().to_vec();
        for (at, byte, op) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match op {
                0 if !bytes.is_empty() => { bytes[at] = byte; }
                1 if !bytes.is_empty() => { bytes.remove(at); }
                _ => bytes.insert(at, byte),
            }
        }
        check_no_escape(&bytes);
    }

    #[test]
    fn any_text_in_a_name_is_made_safe(name in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}a-z]{0,40}") {
        let escaped: String = name.chars().map(|c| format!("\\u{{{:x}}}", c as u32)).collect();
        let src = VALID.replacen("name: \"Acme MTA\"", &format!("name: \"{escaped}\""), 1);
        check_no_escape(src.as_bytes());
    }
}
