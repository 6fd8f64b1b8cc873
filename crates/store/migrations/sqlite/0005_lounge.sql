-- The After Work Lounge (issue 12): a series that is a lounge, who checked
-- in to an evening, and the rounds drawn with their rooms and seats. The
-- seats are the record of who met whom; encounters are computed from them,
-- never stored twice. Times are Unix seconds (UTC); an evening is keyed by
-- its series and local date (on_date, YYYY-MM-DD) like every meeting.

CREATE TABLE lounge_settings (
    series_id      INTEGER PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
    room_size      INTEGER NOT NULL,
    rounds         INTEGER NOT NULL,
    round_minutes  INTEGER NOT NULL,
    mix            TEXT NOT NULL,
    seating        TEXT NOT NULL,
    video          TEXT NOT NULL
);

-- One row per person (or named guest of an organisation) and evening.
-- Leaving sets left_at; the row stays because seats refer to it.
CREATE TABLE lounge_checkins (
    id               INTEGER PRIMARY KEY,
    series_id        INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    on_date          TEXT NOT NULL,
    person_id        INTEGER REFERENCES persons (id) ON DELETE CASCADE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    -- the name folded (trimmed, lower case): a guest checked in twice is one row
    name_key         TEXT NOT NULL,
    checked_in_at    INTEGER NOT NULL,
    left_at          INTEGER
);
CREATE INDEX lounge_checkins_evening ON lounge_checkins (series_id, on_date);
-- Checking in twice changes nothing: one row per person, or per guest name
-- of an organisation, and evening.
CREATE UNIQUE INDEX lounge_checkins_person ON lounge_checkins (series_id, on_date, person_id)
    WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX lounge_checkins_guest ON lounge_checkins (series_id, on_date, organization_id, name_key)
    WHERE person_id IS NULL;

-- A round's number is unique per evening: two coordinators drawing at once
-- (or a double click) make one round, the other insert fails.
CREATE TABLE lounge_rounds (
    id         INTEGER PRIMARY KEY,
    series_id  INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    on_date    TEXT NOT NULL,
    number     INTEGER NOT NULL,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    UNIQUE (series_id, on_date, number)
);

-- token: the random part of the room's video name, so nobody can guess it.
CREATE TABLE lounge_rooms (
    round_id  INTEGER NOT NULL REFERENCES lounge_rounds (id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    token     TEXT NOT NULL,
    PRIMARY KEY (round_id, number)
);

-- Everyone sits in exactly one room per round (the primary key); late is
-- 1 for those placed after the draw.
CREATE TABLE lounge_seats (
    round_id    INTEGER NOT NULL REFERENCES lounge_rounds (id) ON DELETE CASCADE,
    checkin_id  INTEGER NOT NULL REFERENCES lounge_checkins (id) ON DELETE CASCADE,
    room        INTEGER NOT NULL,
    late        INTEGER NOT NULL,
    PRIMARY KEY (round_id, checkin_id)
);
CREATE INDEX lounge_seats_checkin ON lounge_seats (checkin_id);
