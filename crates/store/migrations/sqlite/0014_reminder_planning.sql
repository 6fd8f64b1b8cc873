-- Planning reminders reads every person and a month of meetings; one
-- process plans for all, at most every few minutes. Its one row holds when
-- planning last began, and a process takes the turn with one conditional
-- UPDATE, so of several processes exactly one plans each time.
CREATE TABLE reminder_planning (
    id          INTEGER PRIMARY KEY,
    planned_at  INTEGER NOT NULL
);
INSERT INTO reminder_planning (id, planned_at) VALUES (1, 0);
