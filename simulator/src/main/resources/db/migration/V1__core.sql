-- Core bookkeeping shared by every provider.
CREATE SCHEMA IF NOT EXISTS core;

-- Small key/value facts about this database (e.g. whether the scenarios' seed was applied,
-- how many times the server started on it).
CREATE TABLE core.meta (
    meta_key   VARCHAR(100) PRIMARY KEY,
    meta_value VARCHAR(1000) NOT NULL
);

-- Scenarios loaded at runtime (POST /_sim/scenarios), kept so that a server restarted on the same
-- data directory loads them again. Scenarios given on the command line are read from their files.
CREATE TABLE core.scenario (
    position   INT PRIMARY KEY,
    name       VARCHAR(64) NOT NULL UNIQUE,
    origin     VARCHAR(1000) NOT NULL,
    source     CLOB NOT NULL
);
