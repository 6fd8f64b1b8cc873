-- PostgreSQL twin of migrations/sqlite/0004.
-- How often the directory and the accounts changed. Every write raises a
-- counter in the same transaction as the change; every server process reads
-- the row once per request and keys its caches (rendered pages, views,
-- sessions) on it, so a change made through one process is seen through
-- every other on its next request.
CREATE TABLE change_counters (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    directory  BIGINT NOT NULL,
    accounts   BIGINT NOT NULL
);
INSERT INTO change_counters (id, directory, accounts) VALUES (1, 0, 0);
