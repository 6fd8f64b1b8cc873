//! What is wrong with a field, and a line of the summary above a form.

/// What is wrong with a field: a sentence in the page's language and, for
/// findings of the application (the calendar engine, the store), its own
/// English wording.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub(crate) text: String,
    pub(crate) detail: Option<String>,
}

impl Problem {
    pub(crate) fn new(text: String) -> Problem {
        Problem { text, detail: None }
    }
}

/// Problems by field name, in the order they were found.
pub(crate) type Problems = Vec<(String, Problem)>;

/// A line of the problem summary above a form: the message, linking to its
/// field where there is one.
pub(crate) struct SummaryItem {
    pub(crate) href: Option<String>,
    pub(crate) text: String,
    pub(crate) detail: Option<String>,
}
