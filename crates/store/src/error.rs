use sqlx::error::ErrorKind;

/// What can go wrong in the store, in terms a caller can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The entity asked for does not exist.
    #[error("{entity} '{key}' not found")]
    NotFound {
        /// Kind of entity ("organisation", "network", …).
        entity: &'static str,
        /// The key that was looked up.
        key: String,
    },
    /// A value that must be unique is taken.
    #[error("{field}: {message}")]
    Conflict {
        /// Field that clashes.
        field: String,
        /// What clashes with what.
        message: String,
    },
    /// A field refers to something that does not exist.
    #[error("{field}: {entity} '{key}' does not exist")]
    UnknownReference {
        /// The referring field.
        field: String,
        /// Kind of the missing entity.
        entity: &'static str,
        /// Its key.
        key: String,
    },
    /// A delete was refused because other entries still refer to the item.
    #[error("{0}")]
    InUse(String),
    /// The database holds a value the domain rejects.
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// The connection settings are unusable.
    #[error("{0}")]
    Config(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            match db.kind() {
                ErrorKind::UniqueViolation => {
                    return StoreError::Conflict {
                        field: "slug".into(),
                        message: "an entry with this key exists already".into(),
                    };
                }
                ErrorKind::ForeignKeyViolation => {
                    return StoreError::InUse(
                        "other entries still refer to this one; remove those references first"
                            .into(),
                    );
                }
                _ => {}
            }
        }
        StoreError::Database(e)
    }
}

impl StoreError {
    /// True for errors caused by the caller's input rather than the system.
    pub fn is_input_error(&self) -> bool {
        !matches!(
            self,
            StoreError::Database(_)
                | StoreError::Migrate(_)
                | StoreError::Corrupt(_)
                | StoreError::Config(_)
        )
    }
}
