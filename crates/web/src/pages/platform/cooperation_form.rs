//! The form of a cooperation between organisations, for platform admins:
//! its fields, and reading it into what `POST /api/v1/cooperations` takes.

use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT};
use knotenpunkt_app::domain::{Cooperation, Slug};
use knotenpunkt_app::{AppError, Directory, OrgFilter, Page as StorePage};

use crate::pages::ctx::Ctx;
use crate::pages::form::{
    Control, FormData, Problem, Problems, Rejected, SummaryItem, choose, name, partial_date, text,
    too_long,
};

/// A cooperation's edit page.
pub(super) fn edit_path(id: i64) -> String {
    format!("/verwaltung/kooperationen/{id}")
}

/// What the form shows: as submitted, or as stored.
#[derive(Default)]
pub(super) struct Values {
    name: String,
    partners: Vec<String>,
    topic: String,
    since: String,
    cadence: String,
    source: String,
}

impl Values {
    pub(super) fn from_form(f: &FormData) -> Values {
        Values {
            name: f.get("name"),
            partners: f.all("partners"),
            topic: f.get("topic"),
            since: f.get("since"),
            cadence: f.get("cadence"),
            source: f.get("source"),
        }
    }

    pub(super) fn from_stored(c: &Cooperation) -> Values {
        Values {
            name: c.name.clone(),
            partners: c.partners.iter().map(ToString::to_string).collect(),
            topic: c.topic.clone(),
            since: c
                .since
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            cadence: c.cadence.clone().unwrap_or_default(),
            source: c.source.clone().unwrap_or_default(),
        }
    }
}

/// The form of a cooperation: to create one, or on its edit page.
pub(super) struct CoopForm {
    pub(super) action: String,
    pub(super) name: Control,
    pub(super) partners: Control,
    pub(super) topic: Control,
    pub(super) since: Control,
    pub(super) cadence: Control,
    pub(super) source: Control,
    pub(super) summary: Vec<SummaryItem>,
}

impl CoopForm {
    pub(super) fn new(ctx: &Ctx, action: String, orgs: &[(String, String)], v: Values) -> CoopForm {
        CoopForm {
            action,
            name: Control::input(
                "cooperation",
                "name",
                "text",
                ctx.t("platform-coop-name"),
                v.name,
            )
            .required()
            .maxlength(MAX_NAME),
            partners: Control::pick(
                "cooperation",
                "partners",
                "checkbox",
                ctx.t("cooperation-partners"),
                orgs.iter().cloned(),
                &v.partners,
            )
            .required()
            .wide()
            .hint(ctx.t("platform-coop-partners-hint")),
            topic: Control::input(
                "cooperation",
                "topic",
                "textarea",
                ctx.t("cooperation-topic"),
                v.topic,
            )
            .maxlength(MAX_TEXT)
            .wide(),
            since: Control::input(
                "cooperation",
                "since",
                "text",
                ctx.t("cooperation-since"),
                v.since,
            )
            .maxlength(10)
            .hint(ctx.t("manage-partial-date-hint")),
            cadence: Control::input(
                "cooperation",
                "cadence",
                "text",
                ctx.t("cooperation-cadence"),
                v.cadence,
            )
            .maxlength(MAX_TEXT)
            .hint(ctx.t("platform-coop-cadence-hint")),
            source: Control::input(
                "cooperation",
                "source",
                "textarea",
                ctx.t("profile-source"),
                v.source,
            )
            .maxlength(MAX_TEXT)
            .wide()
            .hint(ctx.t("profile-source-hint")),
            summary: Vec::new(),
        }
    }

    pub(super) fn reject(&mut self, r: Rejected) {
        self.summary = r.apply(&mut [
            &mut self.name,
            &mut self.partners,
            &mut self.topic,
            &mut self.since,
            &mut self.cadence,
            &mut self.source,
        ]);
    }
}

/// Every organisation as (slug, name), for the partner checkboxes.
pub(super) async fn organizations(dir: &Directory) -> Result<Vec<(String, String)>, AppError> {
    Ok(dir
        .organizations(&OrgFilter::default(), StorePage::ALL)
        .await?
        .items
        .into_iter()
        .map(|o| (o.slug.to_string(), o.name))
        .collect())
}

/// Reads the form into a cooperation, as `POST /api/v1/cooperations` takes it.
pub(super) fn parse(
    ctx: &Ctx,
    f: &FormData,
    known: &[(String, String)],
) -> Result<Cooperation, Rejected> {
    let mut problems: Problems = Vec::new();
    let name = name(ctx, &mut problems, f, "name");
    let mut partners: Vec<Slug> = Vec::new();
    let mut unknown = false;
    for p in f.all("partners") {
        match p.parse::<Slug>() {
            Ok(s) if known.iter().any(|(k, _)| *k == p) => {
                if !partners.contains(&s) {
                    partners.push(s);
                }
            }
            _ => unknown = true,
        }
    }
    if unknown {
        problems.push(("partners".into(), choose(ctx)));
    } else if partners.len() < 2 {
        problems.push((
            "partners".into(),
            Problem::new(ctx.t("platform-error-partners")),
        ));
    }
    let topic = f.get("topic");
    too_long(ctx, &mut problems, "topic", &topic, MAX_TEXT);
    let since = partial_date(ctx, &mut problems, "since", &f.get("since"));
    let cadence = text(ctx, &mut problems, f, "cadence");
    let source = text(ctx, &mut problems, f, "source");
    match name {
        Some(name) if problems.is_empty() => Ok(Cooperation {
            name,
            partners,
            topic,
            since,
            cadence,
            source,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &str) -> FormData {
        FormData::parse(body.as_bytes())
    }

    fn fields(r: Rejected) -> Vec<String> {
        r.fields.into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn a_cooperation_form_reads_into_what_the_api_takes() {
        let ctx = Ctx::new("/", "", None);
        let known = vec![
            ("kaiserslautern".to_owned(), "Kaiserslautern".to_owned()),
            ("musterstadt".to_owned(), "Musterstadt".to_owned()),
        ];
        let c = parse(
            &ctx,
            &form("name=Labor&partners=kaiserslautern&partners=musterstadt&since=2024-05&cadence=monatlich"),
            &known,
        )
        .unwrap_or_else(|r| panic!("{:?}", fields(r)));
        assert_eq!(c.partners.len(), 2);
        assert_eq!(c.cadence.as_deref(), Some("monatlich"));
        assert_eq!(c.source, None);
        let bad = parse(
            &ctx,
            &form("name=&partners=kaiserslautern&since=Mai"),
            &known,
        )
        .err()
        .unwrap();
        assert_eq!(fields(bad), ["name", "partners", "since"]);
        let unknown = parse(
            &ctx,
            &form("name=X&partners=kaiserslautern&partners=atlantis"),
            &known,
        )
        .err()
        .unwrap();
        assert_eq!(fields(unknown), ["partners"]);
    }
}
