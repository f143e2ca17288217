//! JSON helpers shared by every JSON output.

use serde_json::Value;

/// Pretty JSON with a final newline.
pub fn pretty(v: &Value) -> String {
    // A `Value` holds only strings and finite numbers, so writing it cannot fail.
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// A whole number as an integer (`10`, not `10.0`), anything else as a float.
pub fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_integers_when_whole() {
        assert_eq!(number(10.0).to_string(), "10");
        assert_eq!(number(9.5).to_string(), "9.5");
        assert!(pretty(&serde_json::json!({"a": 1})).ends_with("}\n"));
    }
}
