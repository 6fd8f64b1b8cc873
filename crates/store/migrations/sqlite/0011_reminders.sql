-- Reminder mails (issue 14): a job table with leases, the people's
-- settings and the installation's signing key.
--
-- Every reminder is one row per recipient, keyed by what it is about
-- (`host:<series>:<date>:<weeks>:p:<person>`), so planning it twice — two
-- server processes, or a pass after a restart — inserts it once. A process
-- sends a row only after it took its lease with one conditional UPDATE,
-- and marks it sent under that lease; a lease that ran out (the process
-- died while sending) is taken again by the next pass.

CREATE TABLE reminders (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    -- host, agenda, events, deadlines: the settings' kinds
    kind         TEXT NOT NULL,
    -- 'p:<person id>' or 'g:<address>' for a guest of an event
    recipient    TEXT NOT NULL,
    email        TEXT NOT NULL,
    name         TEXT,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    unsubscribe  TEXT NOT NULL,
    -- when it may go (Unix seconds)
    due_at       INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    lease_owner  TEXT,
    lease_until  INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    -- set once: when it was sent, or found unsubscribed, or given up
    done_at      INTEGER,
    -- sent, unsubscribed, failed
    outcome      TEXT
);
CREATE INDEX reminders_open ON reminders (due_at) WHERE done_at IS NULL;
CREATE INDEX reminders_recipient ON reminders (recipient);

CREATE TABLE reminder_optouts (
    recipient   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (recipient, kind)
);

-- Keys the installation signs with (the unsubscribe links); the first
-- process to need one inserts it, every other reads the same.
CREATE TABLE installation_keys (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
