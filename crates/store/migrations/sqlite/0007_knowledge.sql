-- The knowledge exchange (issue 13): projects, experiences (lessons
-- learned) and the comments and questions on experiences. Each carries a
-- place like every readable item: an optional network and a visibility
-- (public, network, group:<slug>). Fields of action are stored as their
-- codes separated by spaces; contacts and links as JSON arrays, because
-- they are only ever read with their project. Times are Unix seconds.

CREATE TABLE projects (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    network_id       INTEGER REFERENCES networks (id) ON DELETE CASCADE,
    visibility       TEXT NOT NULL,
    title            TEXT NOT NULL,
    summary          TEXT NOT NULL,
    topics           TEXT NOT NULL,
    status           TEXT NOT NULL,
    started          TEXT,
    ended            TEXT,
    funding          TEXT,
    contacts         TEXT NOT NULL,
    links            TEXT NOT NULL,
    source           TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX projects_organization ON projects (organization_id);

CREATE TABLE project_partners (
    project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, organization_id)
);
CREATE INDEX project_partners_organization ON project_partners (organization_id);

CREATE TABLE experiences (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id       INTEGER REFERENCES projects (id) ON DELETE SET NULL,
    network_id       INTEGER REFERENCES networks (id) ON DELETE CASCADE,
    visibility       TEXT NOT NULL,
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    differently      TEXT,
    topics           TEXT NOT NULL,
    lang             TEXT NOT NULL,
    -- the author's name is kept when their account goes
    author_id        INTEGER REFERENCES persons (id) ON DELETE SET NULL,
    author_name      TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX experiences_organization ON experiences (organization_id);
CREATE INDEX experiences_project ON experiences (project_id);

CREATE TABLE experience_comments (
    id               INTEGER PRIMARY KEY,
    experience_id    INTEGER NOT NULL REFERENCES experiences (id) ON DELETE CASCADE,
    author_id        INTEGER REFERENCES persons (id) ON DELETE SET NULL,
    author_name      TEXT NOT NULL,
    organization_id  INTEGER REFERENCES organizations (id) ON DELETE SET NULL,
    body             TEXT NOT NULL,
    -- 1 for a follow-up question to the authors, 0 for a comment
    question         INTEGER NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX experience_comments_experience ON experience_comments (experience_id);
