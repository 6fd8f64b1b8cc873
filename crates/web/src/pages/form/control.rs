//! Form controls as the `control` macro of `manage/forms.html` renders them:
//! label, hint, problem and value in one value.

use knotenpunkt_app::domain::limits::MAX_SLUG_LEN;

use super::problem::Problem;
use crate::pages::ctx::Ctx;

/// What a slug field accepts, for the browser's own check.
pub(crate) const SLUG_PATTERN: &str = "[a-z0-9]+(-[a-z0-9]+)*";

/// The value of the checkbox that confirms a deletion.
pub(crate) const CONFIRM: &str = "yes";

/// One `<option>` (or radio button, or checkbox of a group).
pub(crate) struct Opt {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) selected: bool,
}

/// Options under an optional `<optgroup>` label.
pub(crate) struct OptGroup {
    pub(crate) label: Option<String>,
    pub(crate) options: Vec<Opt>,
}

/// Options with `chosen` selected.
pub(crate) fn options<V: Into<String>, L: Into<String>>(
    items: impl IntoIterator<Item = (V, L)>,
    chosen: &[String],
) -> Vec<Opt> {
    items
        .into_iter()
        .map(|(v, l)| {
            let value = v.into();
            Opt {
                selected: chosen.contains(&value),
                value,
                label: l.into(),
            }
        })
        .collect()
}

/// A form control with its label, hint and problem; `kind` is the input
/// type, or `textarea`, `select`, `radio` or `checkbox` (the last two a
/// group under a legend).
pub(crate) struct Control {
    pub(crate) id: String,
    pub(crate) name: &'static str,
    pub(crate) label: String,
    pub(crate) hint: Option<String>,
    pub(crate) kind: &'static str,
    pub(crate) value: String,
    pub(crate) groups: Vec<OptGroup>,
    pub(crate) required: bool,
    pub(crate) maxlength: Option<usize>,
    pub(crate) pattern: Option<&'static str>,
    pub(crate) min: Option<i64>,
    pub(crate) max: Option<i64>,
    /// Codes and rules: monospaced, no spell checking or capitals.
    pub(crate) code: bool,
    pub(crate) autocomplete: Option<&'static str>,
    /// Takes a whole row of the form's grid.
    pub(crate) wide: bool,
    pub(crate) error: Option<Problem>,
}

impl Control {
    /// A text-like input (`text`, `email`, `url`, `number`, `datetime-local`)
    /// or a `textarea`; `form` makes the id unique on a page with several forms.
    pub(crate) fn input(
        form: &str,
        name: &'static str,
        kind: &'static str,
        label: String,
        value: impl Into<String>,
    ) -> Control {
        Control {
            id: format!("{form}-{}", name.replace('_', "-")),
            name,
            label,
            hint: None,
            kind,
            value: value.into(),
            groups: Vec::new(),
            required: false,
            maxlength: None,
            pattern: None,
            min: None,
            max: None,
            code: false,
            autocomplete: None,
            wide: false,
            error: None,
        }
    }

    /// A `<select>` (or with `kind` `radio`/`checkbox`, a group of them).
    pub(crate) fn choice(
        form: &str,
        name: &'static str,
        kind: &'static str,
        label: String,
        groups: Vec<OptGroup>,
    ) -> Control {
        Control {
            groups,
            ..Control::input(form, name, kind, label, "")
        }
    }

    /// A `<select>`, a `radio` or a `checkbox` group of `items` without
    /// option groups, with `chosen` selected.
    pub(crate) fn pick<V: Into<String>, L: Into<String>>(
        form: &str,
        name: &'static str,
        kind: &'static str,
        label: String,
        items: impl IntoIterator<Item = (V, L)>,
        chosen: &[String],
    ) -> Control {
        let group = OptGroup {
            label: None,
            options: options(items, chosen),
        };
        Control::choice(form, name, kind, label, vec![group])
    }

    /// The slug of something new: optional (derived from the name when left
    /// empty), checked by the browser as the directory checks it.
    pub(crate) fn slug(form: &str, ctx: &Ctx, value: impl Into<String>, hint: String) -> Control {
        Control::input(form, "slug", "text", ctx.t("manage-slug"), value)
            .maxlength(MAX_SLUG_LEN)
            .pattern(SLUG_PATTERN)
            .code()
            .hint(hint)
    }

    /// The checkbox that confirms a deletion, under `legend`, saying `what`.
    pub(crate) fn confirm(legend: String, what: String) -> Control {
        Control::pick(
            "delete",
            "confirm",
            "checkbox",
            legend,
            [(CONFIRM, what)],
            &[],
        )
        .required()
    }

    pub(crate) fn hint(mut self, hint: String) -> Control {
        self.hint = Some(hint);
        self
    }

    pub(crate) fn required(mut self) -> Control {
        self.required = true;
        self
    }

    pub(crate) fn maxlength(mut self, n: usize) -> Control {
        self.maxlength = Some(n);
        self
    }

    pub(crate) fn pattern(mut self, p: &'static str) -> Control {
        self.pattern = Some(p);
        self
    }

    pub(crate) fn range(mut self, min: i64, max: i64) -> Control {
        self.min = Some(min);
        self.max = Some(max);
        self
    }

    pub(crate) fn code(mut self) -> Control {
        self.code = true;
        self
    }

    pub(crate) fn wide(mut self) -> Control {
        self.wide = true;
        self
    }

    pub(crate) fn autocomplete(mut self, a: &'static str) -> Control {
        self.autocomplete = Some(a);
        self
    }

    /// The ids that describe the control: its hint and its problem.
    pub(crate) fn describedby(&self) -> Option<String> {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    /// Whether the control is a group under a legend.
    pub(crate) fn is_group(&self) -> bool {
        matches!(self.kind, "radio" | "checkbox")
    }

    /// Where a link to the control leads: the input, or a group's first box.
    pub(crate) fn anchor(&self) -> String {
        if self.is_group() {
            format!("#{}-0", self.id)
        } else {
            format!("#{}", self.id)
        }
    }
}
