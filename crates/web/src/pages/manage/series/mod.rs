//! A network's meeting series: the list with the form for a new series
//! ([`list`]), the series form itself ([`form`], read by [`build`]), a series' edit page
//! ([`edit`]), where one meeting can also be cancelled or moved, given
//! another host or swap hosts with another meeting ([`meeting_change`],
//! [`changes`]), such changes taken back, and the series deleted; a
//! series' lounge settings ([`lounge`]).

mod build;
pub(super) mod changes;
pub(super) mod edit;
mod form;
pub(super) mod list;
pub(super) mod lounge;
mod meeting_change;
