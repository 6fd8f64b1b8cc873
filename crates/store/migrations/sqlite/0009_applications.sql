-- Joint applications (issue 14): organisations of a network prepare an
-- application together, usually answering a recorded funding call. The
-- current status is kept on the row for lists; every status with its day in
-- application_steps, oldest first by id. Dates are ISO text.

CREATE TABLE joint_applications (
    id              INTEGER PRIMARY KEY,
    network_id      INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    slug            TEXT NOT NULL,
    title           TEXT NOT NULL,
    lead_id         INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    call_id         INTEGER REFERENCES funding_calls (id) ON DELETE SET NULL,
    cooperation_id  INTEGER REFERENCES cooperations (id) ON DELETE SET NULL,
    status          TEXT NOT NULL,
    status_on       TEXT NOT NULL,
    description     TEXT,
    visibility      TEXT NOT NULL,
    UNIQUE (network_id, slug)
);
CREATE INDEX joint_applications_cooperation ON joint_applications (cooperation_id);

CREATE TABLE application_partners (
    application_id   INTEGER NOT NULL REFERENCES joint_applications (id) ON DELETE CASCADE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    PRIMARY KEY (application_id, organization_id)
);

CREATE TABLE application_steps (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES joint_applications (id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    on_date         TEXT NOT NULL
);
CREATE INDEX application_steps_application ON application_steps (application_id);

CREATE TABLE application_tasks (
    id               INTEGER PRIMARY KEY,
    application_id   INTEGER NOT NULL REFERENCES joint_applications (id) ON DELETE CASCADE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    due              TEXT,
    -- 1 when done
    done             BIGINT NOT NULL
);
CREATE INDEX application_tasks_application ON application_tasks (application_id);
