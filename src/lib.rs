//! confdesk: an offline conference registration desk.
//!
//! Layers, data flowing one way: [`domain`] (pure aggregates and the
//! registration process manager) ← [`app`] (dispatch, read models, clock,
//! authorisation) ← `cli` and `ui`. [`store`] is the append-only event log.

pub mod app;
pub mod cli;
pub mod domain;
pub mod store;
pub mod ui;
