//! TEMPORARY: the registry's `ThreadingModel` values, until
//! `anycom::runtime::source::ThreadingModel` lands (then this file goes and
//! `anycom::server::ThreadingModel` re-exports that one).

/// Where an in-process server wants its objects created.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ThreadingModel {
    /// No `ThreadingModel` value: the main STA.
    #[default]
    Main,
    /// `Apartment`.
    Apartment,
    /// `Free`.
    Free,
    /// `Both`.
    Both,
    /// `Neutral`.
    Neutral,
}
