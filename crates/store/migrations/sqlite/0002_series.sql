-- Meeting series (issue 4): the rule as the coordinator entered it, manual
-- exceptions on top, and what belongs to single meetings (agenda points,
-- minutes, attendance). A meeting is keyed by the local date the rule gave
-- it (on_date, YYYY-MM-DD), never by a row: meetings are computed, not stored.

CREATE TABLE series (
    id                INTEGER PRIMARY KEY,
    slug              TEXT NOT NULL UNIQUE,
    network_id        INTEGER REFERENCES networks (id) ON DELETE CASCADE,
    cooperation_id    INTEGER REFERENCES cooperations (id) ON DELETE CASCADE,
    title             TEXT NOT NULL,
    description       TEXT,
    rule              TEXT NOT NULL,
    start_local       TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL,
    time_zone         TEXT NOT NULL,
    video_url         TEXT,
    holidays          TEXT NOT NULL,
    hosting           TEXT NOT NULL,
    host_id           INTEGER REFERENCES organizations (id) ON DELETE RESTRICT,
    rotation_order    TEXT NOT NULL,
    visibility        TEXT NOT NULL,
    CHECK ((network_id IS NULL) <> (cooperation_id IS NULL))
);
CREATE INDEX series_network ON series (network_id);
CREATE INDEX series_cooperation ON series (cooperation_id);

CREATE TABLE series_rotation (
    series_id        INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    PRIMARY KEY (series_id, organization_id)
);

CREATE TABLE series_cohorts (
    series_id  INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    cohort_id  INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE RESTRICT,
    PRIMARY KEY (series_id, cohort_id)
);

CREATE TABLE series_agenda_template (
    series_id  INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (series_id, position)
);

-- slot is 'time' (cancel, move) or 'host' (host, swap): one of each per meeting.
CREATE TABLE series_exceptions (
    series_id  INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    on_date    TEXT NOT NULL,
    slot       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    moved_to   TEXT,
    note       TEXT,
    host_id    INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    swap_with  TEXT,
    PRIMARY KEY (series_id, on_date, slot)
);

-- Dates a member declared it cannot host.
CREATE TABLE series_unavailable (
    series_id        INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    on_date          TEXT NOT NULL,
    PRIMARY KEY (series_id, organization_id, on_date)
);

CREATE TABLE agenda_points (
    id          INTEGER PRIMARY KEY,
    series_id   INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    on_date     TEXT NOT NULL,
    text        TEXT NOT NULL,
    by_id       INTEGER REFERENCES organizations (id) ON DELETE SET NULL
);
CREATE INDEX agenda_points_meeting ON agenda_points (series_id, on_date);

CREATE TABLE minutes (
    series_id   INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    on_date     TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (series_id, on_date)
);

CREATE TABLE attendance (
    series_id        INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    on_date          TEXT NOT NULL,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (series_id, on_date, organization_id)
);

-- What each meeting looked like when a feed last showed it: SEQUENCE is
-- raised and DTSTAMP moved whenever the fingerprint changes.
CREATE TABLE feed_events (
    series_id    INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    on_date      TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    sequence     INTEGER NOT NULL,
    stamp        TEXT NOT NULL,
    PRIMARY KEY (series_id, on_date)
);
