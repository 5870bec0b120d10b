-- The sandboxes created through the control API when several instances share a database (PostgreSQL):
-- one row each, with what it was made from (scenarios with their credentials, clock, seed, limits), so
-- that any instance can open a sandbox another one created, and when it was last used (the database's
-- own time, written by each instance using it), so that one instance removes it once it is idle
-- everywhere. Its state lives in schemas of its own (sb<n>_core, sb<n>_velo, ...), not here.
CREATE TABLE core.sandbox (
    sandbox_id    VARCHAR(64) PRIMARY KEY,
    name          VARCHAR(64) NOT NULL,
    spec          CLOB NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
