-- PostgreSQL twin of migrations/sqlite/0012.
-- Working groups (issue 14): the named groups of a network become
-- working groups. A group keeps its slug (the visibility `group:<slug>`)
-- and its people; it gains a purpose, whether anyone of the network may
-- join at once, the organisations that lead it, the organisations that
-- take part (whose people see what the group sees), and people's
-- requests to join.

ALTER TABLE groups ADD COLUMN purpose TEXT;
-- 1: people of the network join at once; 0: they ask and a lead accepts
ALTER TABLE groups ADD COLUMN open_to_all BIGINT NOT NULL DEFAULT 0;

CREATE TABLE group_leads (
    group_id         BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, organization_id)
);

CREATE TABLE group_organizations (
    group_id         BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, organization_id)
);
CREATE INDEX group_organizations_organization ON group_organizations (organization_id);

CREATE TABLE group_requests (
    group_id    BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    person_id   BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (group_id, person_id)
);
