//! The plain inputs of the account pages (sign-in, passwords, tokens), as
//! the `field` macro of `account_macros.html` renders them: one input each,
//! always required, a password never sent back.

use super::problem::SummaryItem;
use crate::pages::ctx::Ctx;

/// One input of an account form.
pub(crate) struct Field {
    /// Unique on the page; also the target of error links.
    pub(crate) id: &'static str,
    /// The form field's name.
    pub(crate) name: &'static str,
    pub(crate) label: String,
    /// `email`, `password` or `text`.
    pub(crate) kind: &'static str,
    pub(crate) autocomplete: &'static str,
    /// What was typed; always empty for passwords.
    pub(crate) value: String,
    pub(crate) hint: Option<String>,
    pub(crate) error: Option<String>,
    /// Marked invalid without an error of its own (the sign-in mismatch).
    pub(crate) invalid: bool,
    /// A message elsewhere on the page that concerns this input too.
    pub(crate) also_described_by: Option<&'static str>,
}

impl Field {
    pub(crate) fn new(
        id: &'static str,
        name: &'static str,
        label: String,
        kind: &'static str,
        autocomplete: &'static str,
    ) -> Field {
        Field {
            id,
            name,
            label,
            kind,
            autocomplete,
            value: String::new(),
            hint: None,
            error: None,
            invalid: false,
            also_described_by: None,
        }
    }

    pub(crate) fn email(ctx: &Ctx, id: &'static str, value: &str) -> Field {
        Field::new(id, "email", ctx.t("form-email"), "email", "email").value(value)
    }

    pub(crate) fn password(
        id: &'static str,
        name: &'static str,
        label: String,
        autocomplete: &'static str,
    ) -> Field {
        Field::new(id, name, label, "password", autocomplete)
    }

    pub(crate) fn value(mut self, v: &str) -> Field {
        self.value = v.trim().to_owned();
        self
    }

    pub(crate) fn autocomplete(mut self, a: &'static str) -> Field {
        self.autocomplete = a;
        self
    }

    pub(crate) fn hint(mut self, h: String) -> Field {
        self.hint = Some(h);
        self
    }

    /// The ids of the hint and error, for `aria-describedby`.
    pub(crate) fn described_by(&self) -> Option<String> {
        let mut ids = Vec::new();
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        if let Some(other) = self.also_described_by {
            ids.push(other.to_owned());
        }
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    /// Whether the input is to be marked `aria-invalid`.
    pub(crate) fn is_invalid(&self) -> bool {
        self.invalid || self.error.is_some()
    }

    /// The summary of what is wrong with `fields`, in their order, each
    /// line linking to its input.
    pub(crate) fn summary(fields: &[&Field]) -> Vec<SummaryItem> {
        fields
            .iter()
            .filter_map(|f| {
                f.error.as_ref().map(|e| SummaryItem {
                    href: Some(format!("#{}", f.id)),
                    text: e.clone(),
                    detail: None,
                })
            })
            .collect()
    }
}
