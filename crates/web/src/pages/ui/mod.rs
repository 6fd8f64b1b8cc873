//! The display pieces many pages share: links, badges, dates, breadcrumbs,
//! pagers and meeting rows — plain values, already translated and with their
//! addresses built, that templates only place.
//!
//! Nothing here reads the directory or answers a request; every page module
//! may use these, and these use no page module.

mod labels;
mod links;
mod markdown;
mod meeting_row;
mod moment;
mod pager;

pub(crate) use labels::{cohort_name, network_role};
pub(crate) use links::{Badge, Crumb, DateView, Link, OrgLink};
pub(crate) use markdown::markdown;
pub(crate) use meeting_row::{
    MeetingRow, meeting_href, meeting_path, network_feed, series_feed, series_href, split, when,
};
pub(crate) use moment::moment;
pub(crate) use pager::Pager;
