-- The directory: organisations, networks, cohorts, memberships, cooperations.
-- Dates are stored as ISO text (YYYY, YYYY-MM or YYYY-MM-DD) because sources
-- often know only a year or a month; ISO text sorts correctly.

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    -- name folded for German ordering (ä as a, case ignored), computed by the store
    sort_name   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    ags         TEXT,
    population  INTEGER,
    website     TEXT,
    source      TEXT
);
CREATE INDEX organizations_sort_name ON organizations (sort_name);
CREATE INDEX organizations_kind ON organizations (kind);

CREATE TABLE organization_states (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    state           TEXT NOT NULL,
    PRIMARY KEY (organization_id, state)
);
CREATE INDEX organization_states_state ON organization_states (state);

CREATE TABLE organization_parts (
    cooperation_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    part_id         INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    PRIMARY KEY (cooperation_id, part_id)
);
CREATE INDEX organization_parts_part ON organization_parts (part_id);

CREATE TABLE networks (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL,
    coordinator_id  INTEGER REFERENCES organizations (id) ON DELETE RESTRICT,
    founded_on      TEXT,
    visibility      TEXT NOT NULL,
    website         TEXT,
    source          TEXT
);

CREATE TABLE network_figures (
    network_id  INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    on_date     TEXT NOT NULL,
    members     INTEGER NOT NULL,
    qualifier   TEXT NOT NULL,
    source      TEXT NOT NULL,
    PRIMARY KEY (network_id, position)
);

CREATE TABLE cohorts (
    id          INTEGER PRIMARY KEY,
    network_id  INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    slug        TEXT NOT NULL,
    name        TEXT NOT NULL,
    year        INTEGER,
    motto       TEXT,
    source      TEXT,
    UNIQUE (network_id, slug)
);

CREATE TABLE memberships (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    network_id       INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    cohort_id        INTEGER REFERENCES cohorts (id) ON DELETE RESTRICT,
    role             TEXT NOT NULL,
    joined_on        TEXT,
    left_on          TEXT,
    source           TEXT
);
CREATE INDEX memberships_network ON memberships (network_id);
CREATE INDEX memberships_organization ON memberships (organization_id);
CREATE INDEX memberships_cohort ON memberships (cohort_id);

CREATE TABLE cooperations (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    topic    TEXT NOT NULL,
    since    TEXT,
    cadence  TEXT,
    source   TEXT
);

CREATE TABLE cooperation_partners (
    cooperation_id   INTEGER NOT NULL REFERENCES cooperations (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    PRIMARY KEY (cooperation_id, organization_id)
);
CREATE INDEX cooperation_partners_organization ON cooperation_partners (organization_id);
