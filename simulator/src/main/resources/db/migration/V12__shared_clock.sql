-- The virtual clock of a database several instances share (PostgreSQL): one row. Its offset (what was
-- advanced) is changed in a transaction by whichever instance advances it, and read by every instance
-- before each request; anchor_at is a manual clock's start, the same for every instance.
CREATE TABLE core.clock (
    clock_id     INT PRIMARY KEY,
    anchor_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    offset_nanos BIGINT NOT NULL
);
