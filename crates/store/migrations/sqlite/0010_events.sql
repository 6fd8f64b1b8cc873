-- Events with seats and a waiting list (issue 14). Times are kept as
-- entered (RFC 3339 with their offset) and as Unix seconds for ordering.
-- `seated` and `arrivals` are counters on the event's row: a registration
-- raises `arrivals` first, which locks the row (PostgreSQL) or holds the
-- write lock (SQLite), so registrations of one event take their place in
-- line one after the other and the last seat goes to exactly one of them.

CREATE TABLE events (
    id                  INTEGER PRIMARY KEY,
    network_id          INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    title               TEXT NOT NULL,
    kind                TEXT NOT NULL,
    description         TEXT,
    starts_at           TEXT NOT NULL,
    ends_at             TEXT NOT NULL,
    starts_utc          BIGINT NOT NULL,
    ends_utc            BIGINT NOT NULL,
    online              TEXT,
    address             TEXT,
    capacity            BIGINT NOT NULL,
    registration_until  TEXT,
    registration        TEXT NOT NULL,
    question            TEXT,
    -- 1 when the organisers closed registration
    closed              BIGINT NOT NULL,
    seated              BIGINT NOT NULL,
    arrivals            BIGINT NOT NULL,
    created_at          BIGINT NOT NULL,
    -- raised by every change, for the calendar's SEQUENCE
    revision            BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX events_network ON events (network_id, starts_utc);

CREATE TABLE event_registrations (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- the place in line: the event's `arrivals` when it came
    arrival          BIGINT NOT NULL,
    person_id        INTEGER REFERENCES persons (id) ON DELETE SET NULL,
    name             TEXT NOT NULL,
    email            TEXT NOT NULL,
    organization     TEXT,
    status           TEXT NOT NULL,
    answer           TEXT,
    created_at       BIGINT NOT NULL,
    UNIQUE (event_id, arrival)
);
CREATE UNIQUE INDEX event_registrations_once ON event_registrations (event_id, email) WHERE status <> 'cancelled';
CREATE INDEX event_registrations_line ON event_registrations (event_id, status, arrival);
CREATE INDEX event_registrations_person ON event_registrations (person_id);

-- Registrations asked for by name and address (public events), waiting for
-- the confirmation link; only the link's SHA-256 digest is kept. Confirmed,
-- the row goes and a registration takes its place in line.
CREATE TABLE event_requests (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    answer      TEXT,
    digest      TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);
