//! The eight decision factors: their ids (a contract), their names, and one value per factor.
//!
//! `FactorId::ALL` is the one list of factors; every table indexed by factor is a
//! [`PerFactor`], so no list of eight is kept in step with another by hand.

use std::ops::{Index, IndexMut};

/// The eight factors, in contract order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumCount)]
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
    /// How many factors there are: counted from the enum, so `ALL` cannot miss one.
    pub const COUNT: usize = <FactorId as strum::EnumCount>::COUNT;

    /// Every factor, in contract order.
    pub const ALL: [FactorId; FactorId::COUNT] = [
        FactorId::Volume,
        FactorId::Budget,
        FactorId::Team,
        FactorId::CloudNative,
        FactorId::Support,
        FactorId::Marketing,
        FactorId::Capabilities,
        FactorId::Reversibility,
    ];

    /// The contract id, e.g. `cloud_native`.
    pub fn id(self) -> &'static str {
        match self {
            FactorId::Volume => "volume",
            FactorId::Budget => "budget",
            FactorId::Team => "team",
            FactorId::CloudNative => "cloud_native",
            FactorId::Support => "support",
            FactorId::Marketing => "marketing",
            FactorId::Capabilities => "capabilities",
            FactorId::Reversibility => "reversibility",
        }
    }

    /// Every contract id, in order (for messages that list them and for suggestions).
    pub fn ids() -> [&'static str; FactorId::COUNT] {
        FactorId::ALL.map(FactorId::id)
    }

    /// The factor with this contract id.
    pub fn from_id(id: &str) -> Option<FactorId> {
        FactorId::ALL.into_iter().find(|f| f.id() == id)
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

/// One value per factor, indexed by [`FactorId`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PerFactor<T>(pub [T; FactorId::COUNT]);

impl<T> PerFactor<T> {
    /// Each factor with its value, in contract order.
    pub fn iter(&self) -> impl Iterator<Item = (FactorId, &T)> {
        FactorId::ALL.into_iter().zip(self.0.iter())
    }

    /// The values, in contract order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }

    /// Each value through `f`.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> PerFactor<U> {
        PerFactor(self.0.map(f))
    }
}

impl<T: Copy> PerFactor<T> {
    /// The same value for every factor.
    pub fn splat(v: T) -> PerFactor<T> {
        PerFactor([v; FactorId::COUNT])
    }
}

impl<T> Index<FactorId> for PerFactor<T> {
    type Output = T;
    fn index(&self, f: FactorId) -> &T {
        &self.0[f as usize]
    }
}

impl<T> IndexMut<FactorId> for PerFactor<T> {
    fn index_mut(&mut self, f: FactorId) -> &mut T {
        &mut self.0[f as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_in_contract_order() {
        assert_eq!(
            FactorId::ids(),
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
        for (i, f) in FactorId::ALL.into_iter().enumerate() {
            assert_eq!(FactorId::from_id(f.id()), Some(f));
            assert_eq!(f.index(), i);
        }
        assert_eq!(FactorId::from_id("nope"), None);
        assert_eq!(FactorId::Volume.step(-1), FactorId::Volume);
        assert_eq!(FactorId::Volume.step(2), FactorId::Team);
        assert_eq!(FactorId::Team.step(isize::MAX), FactorId::LAST);
    }

    #[test]
    fn per_factor_values_follow_their_factor() {
        let mut v = PerFactor(FactorId::ALL.map(|f| f.index() * 10));
        v[FactorId::Team] = 99;
        assert_eq!(v[FactorId::Budget], 10);
        assert_eq!(v[FactorId::Team], 99);
        let pairs: Vec<_> = v.iter().map(|(f, x)| (f, *x)).collect();
        assert_eq!(pairs[2], (FactorId::Team, 99));
        assert_eq!(PerFactor::splat(1.5).values().sum::<f64>(), 12.0);
    }
}
