//! Shared helpers for anycom's integration tests (fixture building, paths).
