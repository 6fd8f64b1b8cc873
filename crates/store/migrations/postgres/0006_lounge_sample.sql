-- Lounge evenings that are sample data (issue 12): the demo's invented
-- evenings, so that every page showing them, or encounters drawn from them,
-- can say so. Evenings are keyed by series and local date like everywhere
-- in the lounge; a row here marks the whole evening.
CREATE TABLE lounge_sample_evenings (
    series_id  BIGINT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    on_date    TEXT NOT NULL,
    PRIMARY KEY (series_id, on_date)
);
