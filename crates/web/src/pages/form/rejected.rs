//! Why a form was not accepted: a problem per field, put next to its
//! control and into the summary, and what a refusing use case means for
//! the form.

use axum::http::StatusCode;
use knotenpunkt_app::AppError;

use super::control::Control;
use super::problem::{Problem, Problems, SummaryItem};
use crate::pages::ctx::Ctx;

/// Why a form was not accepted, field by field, and the status to answer.
pub(crate) struct Rejected {
    pub(crate) status: StatusCode,
    pub(crate) fields: Problems,
}

impl Rejected {
    /// Problems the page found itself (422).
    pub(crate) fn input(fields: Problems) -> Rejected {
        Rejected {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            fields,
        }
    }

    /// One problem of one field (422).
    pub(crate) fn field(field: &str, text: String) -> Rejected {
        Rejected::input(vec![(field.to_owned(), Problem::new(text))])
    }

    /// What a failed use case means for the form; errors that are not
    /// about the input come back for the error page.
    pub(crate) fn from_app(ctx: &Ctx, e: AppError) -> Result<Rejected, AppError> {
        let from_app = |field: &str, message: String| {
            // `rotation[2]` is the rotation field's third line.
            let field = field.split('[').next().unwrap_or(field).to_owned();
            (
                field,
                Problem {
                    text: ctx.t("manage-error-app"),
                    detail: Some(message),
                },
            )
        };
        match e {
            AppError::Invalid(list) => Ok(Rejected::input(
                list.into_iter()
                    .map(|f| from_app(&f.field, f.message))
                    .collect(),
            )),
            AppError::Conflict(f) => Ok(Rejected {
                status: if f.field.is_empty() {
                    StatusCode::CONFLICT
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                },
                fields: vec![from_app(&f.field, f.message)],
            }),
            AppError::Unavailable(message) => Ok(Rejected {
                status: StatusCode::SERVICE_UNAVAILABLE,
                fields: vec![(
                    String::new(),
                    Problem {
                        text: ctx.t("manage-error-unavailable"),
                        detail: Some(message),
                    },
                )],
            }),
            other => Err(other),
        }
    }

    /// The same problems, the ones of field `from` now about field `to`
    /// (the application names a thing the form asks about differently).
    pub(crate) fn renamed(self, from: &str, to: &str) -> Rejected {
        Rejected {
            status: self.status,
            fields: self
                .fields
                .into_iter()
                .map(|(k, p)| {
                    if k == from {
                        (to.to_owned(), p)
                    } else {
                        (k, p)
                    }
                })
                .collect(),
        }
    }

    /// Puts each problem next to its control and returns the summary;
    /// problems of no control on this form are listed only there.
    pub(crate) fn apply(self, controls: &mut [&mut Control]) -> Vec<SummaryItem> {
        let mut summary = Vec::new();
        for (field, problem) in self.fields {
            match controls.iter_mut().find(|c| c.name == field) {
                Some(c) => {
                    // A finding of the application is quoted as it is; the
                    // sentence that introduces it stands at the field.
                    summary.push(SummaryItem {
                        href: Some(c.anchor()),
                        text: match &problem.detail {
                            Some(_) => format!("{}:", c.label),
                            None => format!("{}: {}", c.label, problem.text),
                        },
                        detail: problem.detail.clone(),
                    });
                    if c.error.is_none() {
                        c.error = Some(problem);
                    }
                }
                None => summary.push(SummaryItem {
                    href: None,
                    text: problem.text,
                    detail: problem.detail,
                }),
            }
        }
        summary
    }

    /// The problem of a checkbox group that stands outside a [`Control`]
    /// (its boxes are laid out by the page): the summary, and the problem
    /// for the group's own message.
    pub(crate) fn apply_group(
        self,
        form: &str,
        name: &'static str,
        legend: String,
    ) -> (Vec<SummaryItem>, Option<Problem>) {
        let mut group = Control::input(form, name, "checkbox", legend, "");
        let summary = self.apply(&mut [&mut group]);
        (summary, group.error)
    }
}

#[cfg(test)]
mod tests {
    use knotenpunkt_app::access::Denial;
    use knotenpunkt_app::domain::FieldError;

    use super::*;

    #[test]
    fn problems_go_next_to_their_field_or_into_the_summary() {
        let ctx = Ctx::new("/", "", None);
        let mut rule = Control::input("series", "rule", "text", "Regel".into(), "X");
        let mut rotation = Control::input("series", "rotation", "textarea", "Reihe".into(), "");
        let rejected = Rejected::from_app(
            &ctx,
            AppError::Invalid(vec![
                FieldError::new("rule", "part FREQ is invalid"),
                FieldError::new("rotation[2]", "'x' takes no part"),
                FieldError::new("time_zone", "unknown zone"),
            ]),
        )
        .unwrap();
        assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
        let summary = rejected.apply(&mut [&mut rule, &mut rotation]);
        assert_eq!(
            rule.error.as_ref().and_then(|e| e.detail.as_deref()),
            Some("part FREQ is invalid")
        );
        assert_eq!(rule.describedby().as_deref(), Some("series-rule-error"));
        assert!(rotation.error.is_some());
        assert_eq!(summary.len(), 3);
        assert_eq!(summary[0].href.as_deref(), Some("#series-rule"));
        assert_eq!(summary[0].text, "Regel:");
        assert_eq!(summary[2].href, None);
        assert_eq!(summary[2].detail.as_deref(), Some("unknown zone"));
        // What is not about the input goes to the error page.
        assert!(Rejected::from_app(&ctx, AppError::Denied(Denial::Forbidden)).is_err());
    }

    #[test]
    fn a_group_outside_a_control_gets_its_problem_and_a_linked_summary() {
        let (summary, problem) = Rejected::field("organization", "Nein".into())
            .renamed("organization", "dates")
            .apply_group("unavailable", "dates", "Termine".into());
        assert_eq!(problem.map(|p| p.text).as_deref(), Some("Nein"));
        assert_eq!(summary[0].href.as_deref(), Some("#unavailable-dates-0"));
        assert_eq!(summary[0].text, "Termine: Nein");
    }
}
