//! A network's published member figures as the settings form shows them:
//! one a line, "date; count; genau|mehr als; source", read back with every
//! bad line named.

use knotenpunkt_app::domain::limits::MAX_TEXT;
use knotenpunkt_app::domain::{FigureQualifier, NetworkFigure, PartialDate};

use crate::pages::ctx::Ctx;
use crate::pages::form::{Problem, within_lines};

/// The words a figure's line may use for each qualifier: the code and the
/// labels of both languages (what the form shows in either).
const QUALIFIER_WORDS: &[(FigureQualifier, &[&str])] = &[
    (FigureQualifier::Exact, &["exact", "genau"]),
    (
        FigureQualifier::MoreThan,
        &["more_than", "more than", "mehr als"],
    ),
];

/// The label of a qualifier in the page's language, as a figure's line uses it.
fn qualifier_label(ctx: &Ctx, q: FigureQualifier) -> String {
    ctx.t(match q {
        FigureQualifier::Exact => "profile-figure-exact",
        FigureQualifier::MoreThan => "profile-figure-more-than",
    })
}

fn qualifier_from_word(word: &str) -> Option<FigureQualifier> {
    let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
    let word = word.to_lowercase();
    QUALIFIER_WORDS
        .iter()
        .find(|(_, words)| words.contains(&word.as_str()))
        .map(|(q, _)| *q)
}

/// The figures as the textarea shows them, one a line.
pub(super) fn figures_text(ctx: &Ctx, figures: &[NetworkFigure]) -> String {
    figures
        .iter()
        .map(|f| {
            format!(
                "{}; {}; {}; {}",
                f.on,
                f.members,
                qualifier_label(ctx, f.qualifier),
                f.source
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What is wrong with one line of figures, if anything.
fn figure_line(ctx: &Ctx, line: usize, text: &str) -> Result<NetworkFigure, String> {
    let fields: Vec<&str> = text.splitn(4, ';').map(str::trim).collect();
    let field = |i: usize| fields.get(i).copied().unwrap_or("");
    let at = |id: &str| ctx.t1(id, "line", line);
    let at_value = |id: &str, value: &str| ctx.t2(id, "line", line, "value", value);
    let on = match field(0) {
        "" => return Err(at("profile-figure-error-date-missing")),
        d => d
            .parse::<PartialDate>()
            .map_err(|_| at_value("profile-figure-error-date", d))?,
    };
    let members = match field(1) {
        "" => return Err(at("profile-figure-error-count-missing")),
        n => n
            .parse::<u32>()
            .map_err(|_| at_value("profile-figure-error-count", n))?,
    };
    let qualifier = match field(2) {
        "" => return Err(at("profile-figure-error-qualifier-missing")),
        w => qualifier_from_word(w).ok_or_else(|| at_value("profile-figure-error-qualifier", w))?,
    };
    let source = match field(3) {
        "" => return Err(at("profile-figure-error-source-missing")),
        t if t.chars().count() > MAX_TEXT => {
            return Err(ctx.t2(
                "profile-figure-error-source-long",
                "line",
                line,
                "max",
                MAX_TEXT,
            ));
        }
        t => t.to_owned(),
    };
    Ok(NetworkFigure {
        on,
        members,
        qualifier,
        source,
    })
}

/// Reads the textarea of figures; every bad line is named.
pub(super) fn parse_figures(ctx: &Ctx, text: &str) -> Result<Vec<NetworkFigure>, Problem> {
    within_lines(ctx, text)?;
    let mut figures = Vec::new();
    let mut wrong = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match figure_line(ctx, i + 1, line) {
            Ok(f) => figures.push(f),
            Err(e) => wrong.push(e),
        }
    }
    if wrong.is_empty() {
        Ok(figures)
    } else {
        Err(Problem::new(wrong.join(" ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::form::MAX_LINES;

    #[test]
    fn the_labels_shown_are_read_back() {
        for q in ["", "lang=en"] {
            let ctx = Ctx::new("/", q, None);
            for (qualifier, _) in QUALIFIER_WORDS {
                let label = qualifier_label(&ctx, *qualifier);
                assert_eq!(qualifier_from_word(&label), Some(*qualifier), "{label}");
                assert_eq!(qualifier_from_word(qualifier.code()), Some(*qualifier));
            }
        }
        assert_eq!(
            qualifier_from_word("Mehr  Als"),
            Some(FigureQualifier::MoreThan)
        );
        assert_eq!(qualifier_from_word("mindestens"), None);
    }

    #[test]
    fn too_many_lines_are_refused_before_any_is_read() {
        let ctx = Ctx::new("/", "", None);
        let line = "2021-09; 29; genau; A\n";
        assert!(parse_figures(&ctx, &line.repeat(MAX_LINES)).is_ok());
        let e = parse_figures(&ctx, &line.repeat(MAX_LINES + 1)).unwrap_err();
        assert!(e.text.contains("200"), "{}", e.text);
    }

    #[test]
    fn figures_go_through_the_text_and_back() {
        let ctx = Ctx::new("/", "", None);
        let figures =
            parse_figures(&ctx, "2021-09; 29; genau; A\n\n2024; 30; more_than; B; C").unwrap();
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[1].source, "B; C");
        let text = figures_text(&ctx, &figures);
        assert_eq!(text, "2021-09; 29; genau; A\n2024; 30; mehr als; B; C");
        assert_eq!(parse_figures(&ctx, &text).unwrap(), figures);
        let e = parse_figures(&ctx, "2021; 1; genau; A\n2022\n; 3").unwrap_err();
        assert_eq!(e.text, "Zeile 2: Anzahl fehlt. Zeile 3: Datum fehlt.");
    }
}
