//! Errors as `application/problem+json` (RFC 9457). Every input error names
//! the field it is about, so a client can put the message next to the input.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use knotenpunkt_app::AppError;
use knotenpunkt_app::access::Denial;
use serde::Serialize;
use utoipa::ToSchema;

/// A problem report.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Identifies the kind of problem.
    #[serde(rename = "type")]
    #[schema(example = "urn:knotenpunkt:problem:validation")]
    pub kind: String,
    /// Short summary of the kind.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What happened in this case.
    pub detail: String,
    /// Field-level problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// One field's problem.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// The field, as a JSON path into the request (`states[0]`) or a query
    /// parameter name.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl Problem {
    /// A problem of `kind` with the given status.
    pub fn new(status: StatusCode, kind: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("urn:knotenpunkt:problem:{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// Adds a field-level problem.
    pub fn field(mut self, field: impl Into<String>, message: impl Into<String>) -> Problem {
        self.errors.push(ProblemField {
            field: field.into(),
            message: message.into(),
        });
        self
    }

    pub(crate) fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not-found", "Not found", detail)
    }

    /// A 422 about one field of the body, worded as the domain's
    /// validation errors are.
    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Problem {
        let message = message.into();
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "Invalid input",
            format!("{field}: {message}"),
        )
        .field(field, message)
    }

    pub(crate) fn bad_request(field: &str, message: impl Into<String>) -> Problem {
        let message = message.into();
        Problem::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Bad request",
            format!("{field}: {message}"),
        )
        .field(field, message)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, axum::Json(&self)).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res
    }
}

impl From<AppError> for Problem {
    fn from(e: AppError) -> Problem {
        match e {
            AppError::NotFound { .. } => Problem::not_found(e.to_string()),
            AppError::Invalid(fields) => {
                let detail = fields
                    .iter()
                    .map(|f| f.to_string())
                    .collect::<Vec<_>>()
                    .join("; ");
                fields.into_iter().fold(
                    Problem::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "validation",
                        "Invalid input",
                        detail,
                    ),
                    |p, f| p.field(f.field, f.message),
                )
            }
            AppError::Conflict(f) => {
                let p = Problem::new(
                    StatusCode::CONFLICT,
                    "conflict",
                    "Conflict",
                    f.message.clone(),
                );
                if f.field.is_empty() {
                    p
                } else {
                    p.field(f.field, f.message)
                }
            }
            AppError::Denied(d) => match d {
                Denial::SignIn => Problem::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "Unauthorized",
                    "sign in, or send `Authorization: Bearer <personal API token>`",
                ),
                Denial::Forbidden => Problem::new(
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    "Forbidden",
                    "your role does not allow this",
                ),
                Denial::ReadOnly => Problem::new(
                    StatusCode::FORBIDDEN,
                    "read-only",
                    "Read-only token",
                    "this token has scope `read`; create one with scope `write` to change things",
                ),
                // Exactly the answer for something that does not exist.
                Denial::Hidden => Problem::not_found("not found"),
            },
            AppError::Unavailable(why) => {
                tracing::error!(error = %why, "service unavailable");
                Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "Service unavailable",
                    "a service the server needs (such as mail) failed; try again later",
                )
            }
            AppError::Import(i) => Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "import",
                "Import failed",
                i.to_string(),
            ),
            other => {
                // Details stay in the log; the client learns only that it
                // was not its fault.
                tracing::error!(error = %other, "request failed");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Internal error",
                    "the server could not complete the request; the details are in its log",
                )
            }
        }
    }
}

/// What every API handler returns on failure.
pub type ApiResult<T> = Result<T, Problem>;
