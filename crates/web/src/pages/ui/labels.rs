//! Names of things that several pages print the same way.

use knotenpunkt_app::domain::{Cohort, NetworkRole};

use crate::pages::ctx::Ctx;

/// A cohort with its year: "Staffel 1 (2019)", or just its name.
pub(crate) fn cohort_name(ctx: &Ctx, c: &Cohort) -> String {
    match c.year {
        Some(year) => ctx.t2(
            "cohort-heading",
            "name",
            c.name.as_str(),
            "year",
            year.to_string(),
        ),
        None => c.name.clone(),
    }
}

/// A role granted in a network: "Koordination", "Gast".
pub(crate) fn network_role(ctx: &Ctx, r: NetworkRole) -> String {
    ctx.t(&format!("manage-network-role-{}", r.code()))
}
