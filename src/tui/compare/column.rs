//! The table's columns: what each shows, its header, and which way it sorts best first.

use mtafit_model::catalogue::{Capability, FactorId};

/// A table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum Column {
    /// The engine's name (kept in view when scrolling sideways).
    Name,
    /// Score, by the number (the ranking puts standing first; this column does not).
    Score,
    /// Where the engine stands before its score counts: candidate, caveat or out.
    Standing,
    /// Annual cost at the profile's volume.
    Cost,
    /// Licence.
    Licence,
    /// Self-hosted or managed.
    Kind,
    /// Development status: active, maintained, stalled, legacy.
    Status,
    /// Volume band.
    Band,
    /// Configuration style.
    Config,
    /// One factor's fit.
    Fit(FactorId),
    /// A capability that tells services apart (EU data, dedicated IPs, inbound, streams,
    /// suppression API).
    Cap(Capability),
    /// How many days a service keeps its events.
    Retention,
}

impl Column {
    /// Every column, in display order.
    pub const ALL: [Column;
        <Column as strum::EnumCount>::COUNT - 2 + FactorId::COUNT + Column::RENTERS.len()] = [
        Column::Name,
        Column::Score,
        Column::Standing,
        Column::Cost,
        Column::Licence,
        Column::Kind,
        Column::Status,
        Column::Band,
        Column::Config,
        Column::Fit(FactorId::Volume),
        Column::Fit(FactorId::Budget),
        Column::Fit(FactorId::Team),
        Column::Fit(FactorId::CloudNative),
        Column::Fit(FactorId::Support),
        Column::Fit(FactorId::Marketing),
        Column::Fit(FactorId::Capabilities),
        Column::Fit(FactorId::Reversibility),
        Column::Cap(Capability::EuDataResidency),
        Column::Cap(Capability::DedicatedIps),
        Column::Cap(Capability::InboundParsing),
        Column::Cap(Capability::MessageStreams),
        Column::Cap(Capability::SuppressionApi),
        Column::Retention,
    ];

    /// The capabilities renters are told apart by, each a column.
    pub const RENTERS: [Capability; 5] = [
        Capability::EuDataResidency,
        Capability::DedicatedIps,
        Capability::InboundParsing,
        Capability::MessageStreams,
        Capability::SuppressionApi,
    ];

    /// The column's place in [`Column::ALL`].
    pub fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    /// The header text.
    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "Engine",
            Column::Score => "Score",
            Column::Standing => "Standing",
            Column::Cost => "Cost/yr",
            Column::Licence => "Licence",
            Column::Kind => "Kind",
            Column::Status => "Status",
            Column::Band => "Volume band",
            Column::Config => "Config",
            Column::Fit(f) => f.short(),
            Column::Cap(Capability::EuDataResidency) => "EU data",
            Column::Cap(Capability::DedicatedIps) => "Own IPs",
            Column::Cap(Capability::InboundParsing) => "Inbound",
            Column::Cap(Capability::MessageStreams) => "Streams",
            Column::Cap(Capability::SuppressionApi) => "Suppr. API",
            Column::Cap(c) => c.label(),
            Column::Retention => "Events kept",
        }
    }

    /// True when the best values sort first by default (scores, standings, fits).
    pub fn best_first(self) -> bool {
        matches!(
            self,
            Column::Score | Column::Standing | Column::Fit(_) | Column::Cap(_) | Column::Retention
        )
    }

    /// True for the columns of numbers, aligned right.
    pub fn right_aligned(self) -> bool {
        matches!(
            self,
            Column::Score | Column::Cost | Column::Fit(_) | Column::Retention
        )
    }
}
