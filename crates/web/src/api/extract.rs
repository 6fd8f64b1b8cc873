//! Extractors that turn malformed requests into precise problems instead of
//! axum's plain-text rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use super::problem::Problem;

/// A JSON body; errors name the JSON path, line and column.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let v = v.split(';').next().unwrap_or("").trim();
                v == "application/json" || v.ends_with("+json")
            })
            .unwrap_or(false);
        if !is_json {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "send the body as JSON with Content-Type: application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body",
                "Body not readable",
                format!("the request body could not be read: {e}"),
            )
        })?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize(de) {
            Ok(v) => Ok(ApiJson(v)),
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let syntax = inner.is_syntax() || inner.is_eof();
                let (status, kind, title) = if syntax {
                    (StatusCode::BAD_REQUEST, "malformed-json", "Malformed JSON")
                } else {
                    (
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "validation",
                        "Invalid input",
                    )
                };
                let message = inner.to_string();
                let p = Problem::new(status, kind, title, message.clone());
                Err(if path == "." {
                    p
                } else {
                    p.field(path, message)
                })
            }
        }
    }
}
