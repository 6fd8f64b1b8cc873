use std::fmt;

use knotenpunkt_domain::{FieldError, Invalid};
use knotenpunkt_store::StoreError;

/// Why a use case did not happen.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// What was asked for does not exist.
    #[error("{entity} '{key}' not found")]
    NotFound {
        /// Kind of entity.
        entity: &'static str,
        /// Its key.
        key: String,
    },
    /// The input breaks the rules; each field says how.
    #[error("invalid input: {}", Invalid(.0.clone()))]
    Invalid(Vec<FieldError>),
    /// The input clashes with what is stored (a taken slug, an entry in use).
    #[error("{}", .0.message)]
    Conflict(FieldError),
    /// A file could not be imported; nothing was written.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The policy said no; the surface answers 401, 403 or — for things the
    /// actor may not even know exist — 404.
    #[error("{}", denial_text(.0))]
    Denied(knotenpunkt_access::Denial),
    /// A service the use case needs (mail, randomness) failed.
    #[error("{0}")]
    Unavailable(String),
    /// The system failed; the input may be fine.
    #[error("internal error: {0}")]
    Internal(StoreError),
}

impl From<Invalid> for AppError {
    fn from(e: Invalid) -> Self {
        AppError::Invalid(e.0)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { entity, key } => AppError::NotFound { entity, key },
            StoreError::UnknownReference { field, entity, key } => {
                AppError::Invalid(vec![FieldError::new(
                    field,
                    format!("{entity} '{key}' does not exist"),
                )])
            }
            StoreError::Conflict { field, message } => {
                AppError::Conflict(FieldError::new(field, message))
            }
            StoreError::InUse(message) => AppError::Conflict(FieldError::new("", message)),
            other => AppError::Internal(other),
        }
    }
}

/// A problem in an import file, located as precisely as the format allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    /// The file's name as the user gave it.
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// The field (JSON path or CSV column), where known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    /// A problem with the file as a whole.
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_owned(),
            line: None,
            field: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field '{field}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

fn denial_text(d: &knotenpunkt_access::Denial) -> &'static str {
    use knotenpunkt_access::Denial;
    match d {
        Denial::SignIn => "sign in first",
        Denial::Forbidden => "you may not do this",
        Denial::Hidden => "not found",
        Denial::ReadOnly => "this token may only read",
    }
}
