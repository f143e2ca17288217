//! Maps that refuse a key given twice: serde's own `BTreeMap` keeps the last silently, so
//! `"volume": 1, "volume": 9` would mean 9 without a word.

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// Deserialize a map, failing at the second occurrence of a key with a sentence naming it.
pub fn map<'de, D, K, V>(d: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    struct Visit<K, V>(PhantomData<(K, V)>);
    impl<'de, K, V> Visitor<'de> for Visit<K, V>
    where
        K: Deserialize<'de> + Ord + fmt::Display,
        V: Deserialize<'de>,
    {
        type Value = BTreeMap<K, V>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = m.next_entry::<K, V>()? {
                if out.contains_key(&k) {
                    return Err(A::Error::custom(format!(
                        "\"{k}\" is listed twice; keep one entry"
                    )));
                }
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Visit(PhantomData))
}
