-- bursa schema, version 14: saved searches and job alerts. A job seeker
-- keeps vacancy searches (the filters of the public list) and picks whether
-- a new vacancy that matches one is told at once, once a day, or not at all;
-- and opts in to the daily "Lowongan untuk Anda" digest from the matching
-- engine.

-- A saved search: the list's filters as typed (normalized by the vacancy
-- search's own rules). alert is '' (kept, not watched), 'instant' or
-- 'daily'. daily_mark is the publication time up to which the daily alert
-- has told this search's owner.
CREATE TABLE saved_searches (
    id         {{id}},
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    q          TEXT NOT NULL DEFAULT '',
    region     TEXT NOT NULL DEFAULT '',
    kbji       TEXT NOT NULL DEFAULT '',
    education  TEXT NOT NULL DEFAULT '',
    min_wage   BIGINT NOT NULL DEFAULT 0,
    contract   TEXT NOT NULL DEFAULT '',
    alert      TEXT NOT NULL DEFAULT '' CHECK (alert IN ('', 'instant', 'daily')),
    daily_mark {{ts}},
    created_at {{ts}} NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches(user_id, id);
CREATE INDEX saved_searches_alert ON saved_searches(alert);

-- High-water marks of the alert loops ('instant', 'digest'): every vacancy
-- published up to mark has been looked at. A loop locks its row, reads what
-- was published after the mark, queues the notices and moves the mark in one
-- transaction, so several serve processes never work the same window twice
-- and a crash leaves the mark where the notices stop.
CREATE TABLE alert_marks (
    name TEXT PRIMARY KEY,
    mark {{ts}} NOT NULL
);

-- Job seekers who asked for the daily "Lowongan untuk Anda" digest.
CREATE TABLE digest_optins (
    user_id    BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    created_at {{ts}} NOT NULL
);
