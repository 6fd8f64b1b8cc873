//! A tiny builder for the few queries whose WHERE clause depends on filters.
//! Every fragment it joins is a literal in this crate; user values only ever
//! travel as bound parameters.

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AssertSqlSafe};

/// A bound value; the `Any` driver accepts text and 64-bit integers on both
/// backends, which is all the schema uses.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Text(String),
    Int(i64),
}

#[derive(Debug, Default)]
pub(crate) struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub(crate) fn new(start: &'static str) -> Sql {
        Sql {
            text: start.to_owned(),
            args: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, fragment: &'static str) -> &mut Self {
        self.text.push_str(fragment);
        self
    }

    /// Appends a placeholder for `arg`.
    pub(crate) fn bind(&mut self, arg: Arg) -> &mut Self {
        self.args.push(arg);
        self.text.push('$');
        self.text.push_str(&self.args.len().to_string());
        self
    }

    /// Appends `$a, $b, …` for a list of ids.
    pub(crate) fn bind_ids(&mut self, ids: &[i64]) -> &mut Self {
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(Arg::Int(*id));
        }
        self
    }

    /// Appends the placeholders of arguments already bound, `$first` to
    /// `$first + n - 1`: the same list used a second time in one statement
    /// (both backends bind a repeated `$n` to the same value).
    pub(crate) fn rebind(&mut self, first: usize, n: usize) -> &mut Self {
        for i in 0..n {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.text.push('$');
            self.text.push_str(&(first + i).to_string());
        }
        self
    }

    pub(crate) fn build(&self) -> Query<'_, Any, AnyArguments> {
        let mut q = sqlx::query(AssertSqlSafe(self.text.clone()));
        for a in &self.args {
            q = match a {
                Arg::Text(s) => q.bind(s.clone()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }

    pub(crate) fn build_scalar(&self) -> sqlx::query::QueryScalar<'_, Any, i64, AnyArguments> {
        let mut q = sqlx::query_scalar(AssertSqlSafe(self.text.clone()));
        for a in &self.args {
            q = match a {
                Arg::Text(s) => q.bind(s.clone()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

/// The total of a list query that carries `COUNT(*) OVER ()` in column
/// `column`: one statement for a page and its total. A page past the end has
/// no row to carry it; `count` is asked then.
pub(crate) async fn total_of(
    rows: &[sqlx::any::AnyRow],
    column: usize,
    offset: u64,
    count: impl std::future::Future<Output = crate::Result<i64>>,
) -> crate::Result<u64> {
    use sqlx::Row;
    match rows.first() {
        Some(r) => Ok(r.try_get::<i64, _>(column)?.max(0) as u64),
        None if offset == 0 => Ok(0),
        None => Ok(count.await?.max(0) as u64),
    }
}

/// Escapes `%` and `_` so a search for "50%" means the text, not a pattern.
pub(crate) fn like_pattern(q: &str) -> String {
    let mut p = String::from("%");
    for c in q.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Parses a stored code back into a domain value.
pub(crate) fn parse<T: std::str::FromStr<Err = String>>(what: &str, s: &str) -> crate::Result<T> {
    s.parse::<T>()
        .map_err(|e| crate::StoreError::Corrupt(format!("{what}: {e}")))
}

/// Codes in one column, separated by spaces (fields of action, states,
/// kinds of organisation).
pub(crate) fn codes_text<T: std::fmt::Display>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The codes of a [`codes_text`] column.
pub(crate) fn codes_of<T: std::str::FromStr<Err = String>>(
    what: &str,
    text: &str,
) -> crate::Result<Vec<T>> {
    text.split_whitespace().map(|c| parse(what, c)).collect()
}

pub(crate) fn parse_opt<T: std::str::FromStr<Err = String>>(
    what: &str,
    s: Option<String>,
) -> crate::Result<Option<T>> {
    s.map(|s| parse(what, &s)).transpose()
}

/// Loads `(owner id, code)` rows for `ids` — the states or parts of
/// organisations, the partners of cooperations — grouped by owner in the
/// query's order. `select` ends with `IN (`, `order` starts with `)`; ids go
/// in chunks so no backend's parameter limit is reached (SQLite allows
/// 32,766 parameters, PostgreSQL 65,535): one query for any list a page
/// shows, which keeps the number of statements per page fixed.
/// Ids bound in one query at most.
pub(crate) const CHUNK: usize = 10_000;

pub(crate) async fn children<T: std::str::FromStr<Err = String>>(
    c: &mut sqlx::AnyConnection,
    select: &'static str,
    order: &'static str,
    ids: &[i64],
    what: &str,
) -> crate::Result<std::collections::HashMap<i64, Vec<T>>> {
    use sqlx::Row;
    let mut out: std::collections::HashMap<i64, Vec<T>> = std::collections::HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let mut q = Sql::new(select);
        q.bind_ids(chunk).push(order);
        for r in q.build().fetch_all(&mut *c).await? {
            let id: i64 = r.try_get(0)?;
            let code: String = r.try_get(1)?;
            out.entry(id).or_default().push(parse(what, &code)?);
        }
    }
    Ok(out)
}
