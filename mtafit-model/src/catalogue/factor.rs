//! The eight decision factors: their ids (a contract), their names, and one value per factor.
//!
//! `FactorId::ALL` is the one list of factors, derived from the enum; every table indexed by
//! factor is a [`PerFactor`], so no list of eight is kept in step with another by hand.

/// The eight factors, in contract order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumCount,
    strum::VariantArray,
    strum::VariantNames,
    strum::IntoStaticStr,
    strum::EnumString,
    enum_map::Enum,
)]
#[strum(serialize_all = "snake_case")]
pub enum FactorId {
    /// The engine's volume band against the monthly volume.
    Volume,
    /// Annual cost of ownership against the budget.
    Budget,
    /// What configuring it demands against what the team can do.
    Team,
    /// Containers, Kubernetes and Prometheus, when the profile asks.
    CloudNative,
    /// A vendor SLA, when the profile needs one.
    Support,
    /// Bundled list and campaign tooling.
    Marketing,
    /// Share of wanted capabilities.
    Capabilities,
    /// How cheaply the team could leave.
    Reversibility,
}

impl FactorId {
    /// How many factors there are.
    pub const COUNT: usize = <FactorId as strum::EnumCount>::COUNT;

    /// Every factor, in contract order.
    pub const ALL: [FactorId; FactorId::COUNT] = crate::variants::all();

    /// Every contract id, in the same order (for messages that list them and for suggestions).
    pub const IDS: &'static [&'static str] = <FactorId as strum::VariantNames>::VARIANTS;

    /// The contract id, e.g. `cloud_native`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The factor with this contract id.
    pub fn from_id(id: &str) -> Option<FactorId> {
        id.parse().ok()
    }

    /// Its position in [`FactorId::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The factor `delta` places along [`FactorId::ALL`], stopping at either end.
    pub fn step(self, delta: isize) -> FactorId {
        let last = FactorId::COUNT as isize - 1;
        FactorId::ALL[(self.index() as isize).saturating_add(delta).clamp(0, last) as usize]
    }

    /// The last factor.
    pub const LAST: FactorId = FactorId::ALL[FactorId::COUNT - 1];

    /// A short column header.
    pub fn short(self) -> &'static str {
        match self {
            FactorId::Volume => "vol",
            FactorId::Budget => "budget",
            FactorId::Team => "team",
            FactorId::CloudNative => "cloud",
            FactorId::Support => "supp",
            FactorId::Marketing => "mkt",
            FactorId::Capabilities => "caps",
            FactorId::Reversibility => "rev",
        }
    }

    /// A display name, e.g. "Cloud-native".
    pub fn name(self) -> &'static str {
        match self {
            FactorId::Volume => "Volume",
            FactorId::Budget => "Budget",
            FactorId::Team => "Team skill",
            FactorId::CloudNative => "Cloud-native",
            FactorId::Support => "Support",
            FactorId::Marketing => "Marketing",
            FactorId::Capabilities => "Capabilities",
            FactorId::Reversibility => "Reversibility",
        }
    }
}

/// One value per factor, indexed by [`FactorId`]: an array in contract order, so a lookup is an
/// index (the ranking looks up every factor of every engine, for ten thousand engines a frame).
pub type PerFactor<T> = enum_map::EnumMap<FactorId, T>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_in_contract_order() {
        assert_eq!(
            FactorId::IDS,
            [
                "volume",
                "budget",
                "team",
                "cloud_native",
                "support",
                "marketing",
                "capabilities",
                "reversibility"
            ]
        );
        assert_eq!(FactorId::ALL.len(), FactorId::COUNT);
        for (i, f) in FactorId::ALL.into_iter().enumerate() {
            assert_eq!(FactorId::from_id(f.id()), Some(f));
            assert_eq!(f.id(), FactorId::IDS[i]);
            assert_eq!(f.index(), i);
        }
        assert_eq!(FactorId::from_id("nope"), None);
        // Ids are exact: no other spelling reads as a factor.
        assert_eq!(FactorId::from_id("Volume"), None);
        assert_eq!(FactorId::from_id("cloudNative"), None);
        assert_eq!(FactorId::Volume.step(-1), FactorId::Volume);
        assert_eq!(FactorId::Volume.step(2), FactorId::Team);
        assert_eq!(FactorId::Team.step(isize::MAX), FactorId::LAST);
    }

    #[test]
    fn per_factor_values_follow_their_factor() {
        let mut v = PerFactor::from_fn(|f: FactorId| f.index() * 10);
        v[FactorId::Team] = 99;
        assert_eq!(v[FactorId::Budget], 10);
        assert_eq!(v[FactorId::Team], 99);
        let pairs: Vec<_> = v.iter().map(|(f, x)| (f, *x)).collect();
        assert_eq!(pairs[2], (FactorId::Team, 99));
        assert_eq!(pairs.len(), FactorId::COUNT);
        // The array is in contract order, as `from_array` callers rely on.
        assert_eq!(v.as_slice()[FactorId::Reversibility.index()], 70);
        assert_eq!(PerFactor::from_fn(|_| 1.5).values().sum::<f64>(), 12.0);
    }
}
