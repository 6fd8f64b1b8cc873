-- Funding calls (issue 14) that a network's coordinators record. States,
-- kinds of organisation and fields of action are stored as their codes
-- separated by spaces, like the fields of action of projects; the deadline
-- as an ISO date, which sorts as text on both backends.

CREATE TABLE funding_calls (
    id           INTEGER PRIMARY KEY,
    network_id   INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    slug         TEXT NOT NULL,
    funder       TEXT NOT NULL,
    programme    TEXT,
    title        TEXT NOT NULL,
    link         TEXT,
    deadline     TEXT NOT NULL,
    states       TEXT NOT NULL,
    kinds        TEXT NOT NULL,
    topics       TEXT NOT NULL,
    description  TEXT,
    UNIQUE (network_id, slug)
);
CREATE INDEX funding_calls_deadline ON funding_calls (network_id, deadline);
