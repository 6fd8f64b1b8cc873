-- An event of a network may come from a cooperation (a workshop that two
-- partners hold for the network); the partners' pages list it.
ALTER TABLE events ADD COLUMN cooperation_id BIGINT REFERENCES cooperations (id) ON DELETE SET NULL;
CREATE INDEX events_cooperation ON events (cooperation_id);
