//! A profile as a file holds it: every field at the top level of `Profile(…)`, read and written
//! field by field from the table, so the parts of [`Profile`] never show in the file.
//!
//! serde's derive would need a flat copy of every field; reading through the table instead
//! keeps one list. It behaves as the derive did with `deny_unknown_fields` and `default`: an
//! unknown field is refused while its name is read (so the error points at the name, with the
//! known ones and a suggestion), a field given twice is refused, and a field left out keeps its
//! default.

use super::field::{Choice, Choices, FieldId, Kind};
use super::model::{Growth, Marketing, Profile, SupportNeed, Team};
use crate::catalogue::Capability;
use crate::units;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The name of the top level of a profile file.
const NAME: &str = "Profile";

impl Serialize for Profile {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let rows: Vec<_> = super::field::fields().collect();
        let len = rows.iter().filter(|f| f.is_written(self)).count();
        let mut out = s.serialize_struct(NAME, len)?;
        for f in &rows {
            let id = f.id.id();
            if !f.is_written(self) {
                out.skip_field(id)?;
                continue;
            }
            match &f.kind {
                Kind::Toggle(s) => out.serialize_field(id, (s.get)(self))?,
                Kind::Choice(c) => out.serialize_field(id, &c.get(self))?,
                Kind::Volume(s) | Kind::PerDay { slot: s, .. } => {
                    out.serialize_field(id, (s.get)(self))?
                }
                Kind::Budget(s) => out.serialize_field(id, (s.get)(self))?,
                Kind::Amount { slot: s, .. } | Kind::Within { slot: s, .. } => {
                    out.serialize_field(id, (s.get)(self))?
                }
                Kind::Count { slot: s, .. } => out.serialize_field(id, (s.get)(self))?,
                Kind::Engines(s) => out.serialize_field(id, (s.get)(self))?,
                Kind::Capabilities(s) => out.serialize_field(id, (s.get)(self))?,
                Kind::Growth(s) => out.serialize_field(id, (s.get)(self))?,
                Kind::Weights(s) => out.serialize_field(id, (s.get)(self))?,
            }
        }
        out.end()
    }
}

impl<'de> Deserialize<'de> for Profile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Profile, D::Error> {
        d.deserialize_struct(NAME, FieldId::IDS, ProfileVisitor)
    }
}

/// Reads the fields of `Profile(…)` one by one over the defaults.
struct ProfileVisitor;

impl<'de> Visitor<'de> for ProfileVisitor {
    type Value = Profile;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct Profile")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Profile, A::Error> {
        let mut p = Profile::default();
        let mut seen = [false; FieldId::IDS.len()];
        while let Some(id) = map.next_key::<FieldId>()? {
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(de::Error::duplicate_field(id.id()));
            }
            read_value(&mut map, &id.field().kind, &mut p)?;
        }
        Ok(p)
    }
}

/// Read the value of a field of `kind` into `p`.
fn read_value<'de, A: MapAccess<'de>>(
    map: &mut A,
    kind: &Kind,
    p: &mut Profile,
) -> Result<(), A::Error> {
    match kind {
        Kind::Toggle(s) => (s.set)(p, map.next_value::<bool>()?),
        Kind::Choice(c) => {
            let v = match c {
                Choices::Team(_) => Choice::Team(map.next_value::<Team>()?),
                Choices::Support(_) => Choice::Support(map.next_value::<SupportNeed>()?),
                Choices::Marketing(_) => Choice::Marketing(map.next_value::<Marketing>()?),
            };
            c.set(p, v);
        }
        Kind::Volume(s) => (s.set)(p, map.next_value_seed(VolumeSeed)?),
        Kind::PerDay { slot, .. } => (slot.set)(p, map.next_value::<u64>()?),
        Kind::Budget(s) => (s.set)(p, map.next_value::<Option<f64>>()?),
        Kind::Amount { slot, .. } | Kind::Within { slot, .. } => {
            (slot.set)(p, map.next_value::<f64>()?)
        }
        Kind::Count { slot, .. } => (slot.set)(p, map.next_value::<u32>()?),
        Kind::Engines(s) => (s.set)(p, map.next_value::<Vec<String>>()?),
        Kind::Capabilities(s) => (s.set)(p, map.next_value::<Vec<Capability>>()?),
        Kind::Growth(s) => (s.set)(p, map.next_value::<Option<Growth>>()?),
        Kind::Weights(s) => (s.set)(p, map.next_value_seed(UniqueMap)?),
    }
    Ok(())
}

impl<'de> Deserialize<'de> for FieldId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FieldId, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = FieldId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldId, E> {
                FieldId::from_id(v).ok_or_else(|| E::unknown_field(v, FieldId::IDS))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<FieldId, E> {
                let v = String::from_utf8_lossy(v);
                self.visit_str(&v)
            }
        }
        d.deserialize_identifier(Name)
    }
}

/// A volume: `7_421_043`, or a string such as `"7.4M"` or `"250k/day"`.
struct VolumeSeed;

impl<'de> DeserializeSeed<'de> for VolumeSeed {
    type Value = u64;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = u64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a number of messages a month, or a string such as \"7.4M\" or \"250k/day\"",
                )
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
                Ok(v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
                u64::try_from(v).map_err(|_| E::custom("expected a volume of 0 or more"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
                units::parse_volume(v).map_err(E::custom)
            }
            /// RON reads a whole number too large for 64 bits as a float (infinity past
            /// 1e308): it is a volume beyond the range, not a float where a whole number goes.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
                if v > units::MAX_VOLUME as f64 {
                    return Err(E::custom(format!(
                        "expected a volume of at most {}, found a number larger still; check \
                         its digits",
                        units::MAX_VOLUME_WORDS
                    )));
                }
                Err(E::invalid_type(de::Unexpected::Float(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// Weights by factor id, refusing an id given twice.
struct UniqueMap;

impl<'de> DeserializeSeed<'de> for UniqueMap {
    type Value = BTreeMap<String, f64>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        crate::ronfile::unique::map(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Assumptions, Session, Situation, parse};

    /// A profile that differs from the default in every field.
    fn every_field_set() -> Profile {
        Profile {
            situation: Situation {
                own_infrastructure: false,
                monthly_volume: 250_000,
                annual_budget_usd: Some(20000.0),
                team: Team::ConfigAsCode,
                team_knows: vec!["postfix".into()],
                licences_held: vec!["powermta".into(), "halon".into()],
                cloud_native: true,
                support: SupportNeed::VendorSla,
                marketing: Marketing::Wanted,
                must: vec![Capability::DkimSigning],
                want: vec![Capability::WebUi, Capability::HttpApi],
                growth: Some(Growth {
                    per_month: 0.0612,
                    months: 5,
                }),
            },
            assumptions: Assumptions {
                hourly_rate_usd: 110.5,
                node_cost_per_month_usd: 99.99,
                ops_base_hours_per_month: 7.25,
                ops_hours_per_node_per_month: 0.0,
                service_ops_hours_per_month: 3.0,
                busy_hours_per_day: 8.0,
                peak_day_factor: 2.0,
                spare_nodes: 2,
                spares_from_per_month: 5_000_000,
                messages_per_ip_per_day: 400_000,
                ip_cost_per_month_usd: 1.0,
                coordination_hours_per_node_per_month: 0.75,
                deliverability_hours_per_ip_per_month: 1.0,
                cap_counts_staff: true,
            },
            session: Session {
                weights: [("volume".to_owned(), 3.5), ("budget".to_owned(), 9.0)].into(),
                shortlist: vec!["kumomta".into()],
            },
        }
    }

    fn pretty(p: &Profile) -> String {
        ron::ser::to_string_pretty(p, ron::ser::PrettyConfig::default().struct_names(true)).unwrap()
    }

    // What serde's derive wrote for the flat `Profile` before the parts (and what state files
    // and exports on disk hold): the table writes the same bytes, in RON and in JSON.
    const DEFAULT_RON: &str = r#"Profile(
    own_infrastructure: true,
    monthly_volume: 7421043,
    annual_budget_usd: None,
    team: StaticConfig,
    team_knows: [],
    licences_held: [],
    cloud_native: false,
    support: Community,
    marketing: Indifferent,
    must: [],
    want: [],
    hourly_rate_usd: 90.0,
    node_cost_per_month_usd: 150.0,
    ops_base_hours_per_month: 6.0,
    ops_hours_per_node_per_month: 2.0,
    service_ops_hours_per_month: 2.0,
    busy_hours_per_day: 6.0,
    peak_day_factor: 1.5,
    spare_nodes: 1,
    spares_from_per_month: 10000000,
    messages_per_ip_per_day: 500000,
    ip_cost_per_month_usd: 3.65,
    coordination_hours_per_node_per_month: 1.0,
    deliverability_hours_per_ip_per_month: 0.5,
    cap_counts_staff: false,
)"#;
    const DEFAULT_JSON: &str = r#"{"own_infrastructure":true,"monthly_volume":7421043,"annual_budget_usd":null,"team":"StaticConfig","team_knows":[],"licences_held":[],"cloud_native":false,"support":"Community","marketing":"Indifferent","must":[],"want":[],"hourly_rate_usd":90.0,"node_cost_per_month_usd":150.0,"ops_base_hours_per_month":6.0,"ops_hours_per_node_per_month":2.0,"service_ops_hours_per_month":2.0,"busy_hours_per_day":6.0,"peak_day_factor":1.5,"spare_nodes":1,"spares_from_per_month":10000000,"messages_per_ip_per_day":500000,"ip_cost_per_month_usd":3.65,"coordination_hours_per_node_per_month":1.0,"deliverability_hours_per_ip_per_month":0.5,"cap_counts_staff":false}"#;
    const FULL_RON: &str = r#"Profile(
    own_infrastructure: false,
    monthly_volume: 250000,
    annual_budget_usd: Some(20000.0),
    team: ConfigAsCode,
    team_knows: [
        "postfix",
    ],
    licences_held: [
        "powermta",
        "halon",
    ],
    cloud_native: true,
    support: VendorSla,
    marketing: Wanted,
    must: [
        "dkim_signing",
    ],
    want: [
        "web_ui",
        "http_api",
    ],
    hourly_rate_usd: 110.5,
    node_cost_per_month_usd: 99.99,
    ops_base_hours_per_month: 7.25,
    ops_hours_per_node_per_month: 0.0,
    service_ops_hours_per_month: 3.0,
    busy_hours_per_day: 8.0,
    peak_day_factor: 2.0,
    spare_nodes: 2,
    spares_from_per_month: 5000000,
    messages_per_ip_per_day: 400000,
    ip_cost_per_month_usd: 1.0,
    coordination_hours_per_node_per_month: 0.75,
    deliverability_hours_per_ip_per_month: 1.0,
    cap_counts_staff: true,
    growth: Some(Growth(
        per_month: 0.0612,
        months: 5,
    )),
    weights: {
        "budget": 9.0,
        "volume": 3.5,
    },
    shortlist: [
        "kumomta",
    ],
)"#;
    const FULL_JSON: &str = r#"{"own_infrastructure":false,"monthly_volume":250000,"annual_budget_usd":20000.0,"team":"ConfigAsCode","team_knows":["postfix"],"licences_held":["powermta","halon"],"cloud_native":true,"support":"VendorSla","marketing":"Wanted","must":["dkim_signing"],"want":["web_ui","http_api"],"hourly_rate_usd":110.5,"node_cost_per_month_usd":99.99,"ops_base_hours_per_month":7.25,"ops_hours_per_node_per_month":0.0,"service_ops_hours_per_month":3.0,"busy_hours_per_day":8.0,"peak_day_factor":2.0,"spare_nodes":2,"spares_from_per_month":5000000,"messages_per_ip_per_day":400000,"ip_cost_per_month_usd":1.0,"coordination_hours_per_node_per_month":0.75,"deliverability_hours_per_ip_per_month":1.0,"cap_counts_staff":true,"growth":{"per_month":0.0612,"months":5},"weights":{"budget":9.0,"volume":3.5},"shortlist":["kumomta"]}"#;

    #[test]
    fn a_profile_is_written_as_the_flat_derive_wrote_it() {
        assert_eq!(pretty(&Profile::default()), DEFAULT_RON);
        assert_eq!(
            serde_json::to_string(&Profile::default()).unwrap(),
            DEFAULT_JSON
        );
        assert_eq!(pretty(&every_field_set()), FULL_RON);
        assert_eq!(
            serde_json::to_string(&every_field_set()).unwrap(),
            FULL_JSON
        );
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        for p in [Profile::default(), every_field_set()] {
            assert_eq!(parse("p.ron", pretty(&p).as_bytes()).unwrap(), p);
        }
        assert_eq!(
            parse("p.ron", FULL_RON.as_bytes()).unwrap(),
            every_field_set()
        );
    }

    #[test]
    fn an_unknown_field_is_blamed_on_its_name_with_every_known_one() {
        let e = parse("p.ron", b"Profile(\n    team: Api,\n    tema: Api,\n)").unwrap_err();
        assert_eq!(
            (e[0].pos.line, e[0].pos.col, e[0].len),
            (3, 5, 4),
            "{}",
            e[0]
        );
        let expected: Vec<String> = FieldId::IDS.iter().map(|i| format!("`{i}`")).collect();
        assert_eq!(
            e[0].message,
            format!(
                "unknown field `tema` in `Profile`; expected one of {} (did you mean `team`?)",
                expected.join(", ")
            )
        );
    }

    #[test]
    fn a_field_given_twice_is_refused_where_it_is_given_again() {
        let e = parse("p.ron", b"Profile(\n  team: Api,\n  team: Gui,\n)").unwrap_err();
        assert_eq!(
            e[0].message,
            "field `team` is given twice in `Profile`; keep one"
        );
        assert_eq!(e[0].pos.line, 3, "{}", e[0]);
    }

    #[test]
    fn a_wrong_value_is_blamed_on_the_value() {
        let e = parse("p.ron", b"Profile(\n  cloud_native: 5,\n)").unwrap_err();
        assert_eq!((e[0].pos.line, e[0].pos.col), (2, 17), "{}", e[0]);
        let e = parse("p.ron", b"Profile(team: Coders)").unwrap_err();
        assert!(
            e[0].message
                .starts_with("unknown value `Coders` for Team; expected one of `Api`"),
            "{}",
            e[0]
        );
        let e = parse("p.ron", b"Profile(weights: {\"team\": 1, \"team\": 2})").unwrap_err();
        assert!(
            e[0].message.contains("\"team\" is listed twice"),
            "{}",
            e[0]
        );
    }
}
