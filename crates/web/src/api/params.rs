//! What the API's handlers share in reading a request: paging, slugs and
//! ids from the path, query parameters, and the page of a list they answer
//! with. A leaf: every API module uses it, it uses none of them.

use axum::extract::rejection::QueryRejection;
use knotenpunkt_app::Page;
use knotenpunkt_domain::Slug;
use serde::Serialize;
use utoipa::ToSchema;

use super::problem::Problem;

/// Checks `limit` (1–500, default 50) and `offset` (0 up to
/// [`MAX_OFFSET`], default 0).
pub(super) fn page(limit: Option<u64>, offset: Option<u64>) -> Result<Page, Problem> {
    let limit = limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(Problem::bad_request(
            "limit",
            format!("{limit} is outside 1–500"),
        ));
    }
    let offset = offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(Problem::bad_request(
            "offset",
            format!("{offset} is larger than {MAX_OFFSET}"),
        ));
    }
    Ok(Page {
        limit: Some(limit),
        offset,
    })
}

/// The largest `offset`: the databases count rows in signed 64 bits, and a
/// larger offset made PostgreSQL fail the query.
const MAX_OFFSET: u64 = i64::MAX as u64;

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Listing<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items match in all.
    pub total: u64,
    /// The limit applied.
    pub limit: u64,
    /// The offset applied.
    pub offset: u64,
}

impl<T> Listing<T> {
    pub(super) fn new(items: Vec<T>, total: u64, page: Page) -> Self {
        Listing {
            items,
            total,
            limit: page.limit.unwrap_or(total),
            offset: page.offset,
        }
    }

    /// Pages a list the store returned whole (cohorts, cooperations: few).
    pub(super) fn slice(all: Vec<T>, page: Page) -> Self {
        let total = all.len() as u64;
        let items = all
            .into_iter()
            .skip(page.offset as usize)
            .take(page.limit.unwrap_or(u64::MAX) as usize)
            .collect();
        Listing::new(items, total, page)
    }
}

/// A slug from the path; one that cannot be valid cannot exist either.
pub(super) fn path_slug(raw: &str, entity: &str) -> Result<Slug, Problem> {
    raw.parse()
        .map_err(|_| Problem::not_found(format!("{entity} '{raw}' not found")))
}

/// Turns axum's query rejection into a problem naming the parameter.
pub(super) fn query<T>(q: Result<axum::extract::Query<T>, QueryRejection>) -> Result<T, Problem> {
    q.map(|q| q.0).map_err(|e| {
        let text = e.body_text();
        // serde names a missing or unknown field in backticks, and a value
        // it cannot read as "query string: <name>: <why>".
        let field = text
            .split('`')
            .nth(1)
            .filter(|_| text.contains("field"))
            .or_else(|| {
                text.split_once("query string: ")
                    .and_then(|(_, rest)| rest.split_once(": "))
                    .map(|(name, _)| name)
                    .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            })
            .unwrap_or("query")
            .to_owned();
        Problem::bad_request(&field, text)
    })
}

/// A parsed filter value from the query string, or a 400 naming the parameter.
pub(super) fn parse_param<T: std::str::FromStr<Err = String>>(
    field: &str,
    v: Option<&str>,
) -> Result<Option<T>, Problem> {
    match v.filter(|s| !s.is_empty()) {
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|e| Problem::bad_request(field, e)),
        None => Ok(None),
    }
}

/// A date from the path (`YYYY-MM-DD`); anything else is a 400 naming
/// `field`.
pub(super) fn path_date(raw: &str, field: &str) -> Result<chrono::NaiveDate, Problem> {
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        Problem::bad_request(
            field,
            format!("'{raw}' is not a date of the form YYYY-MM-DD"),
        )
    })
}

/// A numeric id from the path; one that is not a number cannot exist.
pub(super) fn path_id(raw: &str) -> Result<i64, Problem> {
    raw.parse()
        .map_err(|_| Problem::not_found(format!("'{raw}' is not an id; ids are whole numbers")))
}

#[cfg(test)]
mod tests {
    use super::{MAX_OFFSET, page};

    #[test]
    fn paging_is_checked_against_its_documented_bounds() {
        assert_eq!(page(None, None).unwrap().limit, Some(50));
        for limit in [0, 501] {
            let p = page(Some(limit), None).unwrap_err();
            assert_eq!((p.status, p.errors[0].field.as_str()), (400, "limit"));
        }
        assert_eq!(
            page(Some(500), Some(MAX_OFFSET)).unwrap().offset,
            MAX_OFFSET
        );
        let p = page(None, Some(MAX_OFFSET + 1)).unwrap_err();
        assert_eq!((p.status, p.errors[0].field.as_str()), (400, "offset"));
    }
}
