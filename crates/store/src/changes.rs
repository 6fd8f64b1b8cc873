//! The change counters: one row that every write raises inside its own
//! transaction, and that readers compare to know whether what they keep in
//! memory is still current (see migration `0004_changes`).

use sqlx::Row;

use crate::{Result, Store, Tx};

/// How often the directory and the accounts have changed, as the database
/// says. Two equal values mean nothing changed in between, whichever
/// process made the changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Counters {
    /// Raised by every change of the directory, its meeting series and
    /// anything a page shows.
    pub directory: i64,
    /// Raised by every change of who someone is or may do: sign-out, roles,
    /// groups, revoked tokens, deleted accounts.
    pub accounts: i64,
}

/// Which counters a change raises.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Raise {
    /// What pages show changed.
    pub directory: bool,
    /// Who someone is or may do changed.
    pub accounts: bool,
}

impl Raise {
    /// Raises nothing.
    pub const NONE: Raise = Raise {
        directory: false,
        accounts: false,
    };
    /// Raises the directory counter.
    pub const DIRECTORY: Raise = Raise {
        directory: true,
        accounts: false,
    };
    /// Raises the accounts counter.
    pub const ACCOUNTS: Raise = Raise {
        directory: false,
        accounts: true,
    };
    /// Raises both.
    pub const BOTH: Raise = Raise {
        directory: true,
        accounts: true,
    };

    /// Both sets of reasons.
    pub fn and(self, other: Raise) -> Raise {
        Raise {
            directory: self.directory || other.directory,
            accounts: self.accounts || other.accounts,
        }
    }
}

impl Store {
    /// The counters as committed now.
    pub async fn counters(&self) -> Result<Counters> {
        let r = sqlx::query("SELECT directory, accounts FROM change_counters WHERE id = 1")
            .fetch_one(&mut *self.conn().await?)
            .await?;
        Ok(Counters {
            directory: r.try_get(0)?,
            accounts: r.try_get(1)?,
        })
    }
}

impl Tx {
    /// Raises the counters as part of this transaction. Call it last: the
    /// row is then locked only for the moment before the commit, and two
    /// writers always take their locks in the same order (data, then this).
    ///
    /// Answers the counters as this transaction leaves them (`None` when it
    /// raises nothing).
    pub async fn raise(&mut self, raise: Raise) -> Result<Option<Counters>> {
        if raise == Raise::NONE {
            return Ok(None);
        }
        let r = sqlx::query(
            "UPDATE change_counters SET directory = directory + $1, accounts = accounts + $2 \
             WHERE id = 1 RETURNING directory, accounts",
        )
        .bind(i64::from(raise.directory))
        .bind(i64::from(raise.accounts))
        .fetch_one(self.conn())
        .await?;
        Ok(Some(Counters {
            directory: r.try_get(0)?,
            accounts: r.try_get(1)?,
        }))
    }
}
