-- bursa schema, version 16: every event reaches its person (issue 12,
-- part 4). Follows of training programs, the sealed contact a complainant
-- may leave for news, and the high-water marks of the reminder loop.

-- A person follows a program to be told when a round including it opens.
CREATE TABLE program_follows (
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    created_at {{ts}} NOT NULL,
    PRIMARY KEY (user_id, program_id)
);
CREATE INDEX program_follows_program ON program_follows(program_id);

-- The contact a complainant chose to leave at filing, to be told that
-- there is news (never what the news is): sealed with its own context and
-- read only by the code that sends the message, never by an officer's view.
-- NULL: no contact left.
ALTER TABLE complaints ADD COLUMN news_contact_enc {{blob}};

-- How far the reminder loop has gone for a digest that covers a span of
-- time (an employer's new applicants since the last digest): name is the
-- digest and its person ("applicants:<user>"), until the end of the span
-- already told.
CREATE TABLE remind_marks (
    name  TEXT PRIMARY KEY,
    until {{ts}} NOT NULL
);
