-- Accounts, roles and visibility (issue 5). Secrets (passwords, session ids,
-- invitation/reset/API/feed tokens) are stored only as hashes: a copy of the
-- database lets nobody sign in. Times are Unix seconds (UTC).

CREATE TABLE persons (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER REFERENCES organizations (id) ON DELETE SET NULL,
    name             TEXT NOT NULL,
    email            TEXT NOT NULL UNIQUE,
    phone            TEXT,
    function         TEXT,
    language         TEXT NOT NULL,
    is_admin         INTEGER NOT NULL DEFAULT 0,
    password_hash    TEXT,
    feed_token_hash  TEXT UNIQUE,
    created_at       INTEGER NOT NULL
);
CREATE INDEX persons_organization ON persons (organization_id);

-- Roles granted to a person directly (guest, or coordinator); member and
-- partner also follow from the person's organisation's membership.
CREATE TABLE person_roles (
    person_id   INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    network_id  INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    PRIMARY KEY (person_id, network_id)
);

-- Who may edit an organisation's own profile.
CREATE TABLE organization_editors (
    person_id        INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, organization_id)
);

CREATE TABLE sessions (
    id_hash       TEXT PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    csrf          TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE invitations (
    id               INTEGER PRIMARY KEY,
    token_hash       TEXT NOT NULL UNIQUE,
    person_id        INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    network_id       INTEGER REFERENCES networks (id) ON DELETE CASCADE,
    role             TEXT,
    invited_by       INTEGER REFERENCES persons (id) ON DELETE SET NULL,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    used_at          INTEGER
);
CREATE INDEX invitations_person ON invitations (person_id);

CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    scope         TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- Series a person follows in their personal calendar feed.
CREATE TABLE follows (
    person_id  INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    series_id  INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, series_id)
);

-- Named groups inside a network, the third kind of visibility.
CREATE TABLE groups (
    id          INTEGER PRIMARY KEY,
    network_id  INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    slug        TEXT NOT NULL,
    name        TEXT NOT NULL,
    UNIQUE (network_id, slug)
);

CREATE TABLE group_members (
    group_id   INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, person_id)
);

-- Who changed what, when. The actor's name is copied so the entry still
-- reads right after the account is deleted (actor_id becomes NULL).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor_id    INTEGER REFERENCES persons (id) ON DELETE SET NULL,
    actor_name  TEXT NOT NULL,
    network_id  INTEGER REFERENCES networks (id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    detail      TEXT
);
CREATE INDEX audit_log_network ON audit_log (network_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

-- Minutes and agenda points were public before accounts existed; they keep
-- that, and new ones state their visibility explicitly.
ALTER TABLE agenda_points ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public';
ALTER TABLE minutes ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public';
