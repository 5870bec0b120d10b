-- What several instances sharing one database (PostgreSQL) need to agree on beyond the state itself.
-- With H2 (one instance) these stay unused.

-- The version of each cached thing (e.g. one payor's payee list): a writer raises it after its change
-- committed; an instance answers from its in-memory cache only while the version it cached is current.
-- core.clock.data_version is raised in the same transaction: read with the clock before each request,
-- it tells an instance whether any version moved at all (when none did, no per-key read is needed).
CREATE TABLE core.cache_version (
    cache_name VARCHAR(64) NOT NULL,
    cache_key  VARCHAR(200) NOT NULL,
    version    BIGINT NOT NULL,
    PRIMARY KEY (cache_name, cache_key)
);

-- Raised by a reset or a scenario loaded or unloaded on any instance; read with the clock before each
-- request, so the others reload their scenarios and forget their caches.
ALTER TABLE core.clock ADD COLUMN generation BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE core.clock ADD COLUMN data_version BIGINT DEFAULT 0 NOT NULL;

-- How often each loaded rule matched and fired, counted atomically by every instance (a rule that
-- fires for the first match fires once across instances).
CREATE TABLE core.rule_count (
    scenario   VARCHAR(64) NOT NULL,
    rule_index INT NOT NULL,
    matched    BIGINT NOT NULL,
    fired      BIGINT NOT NULL,
    PRIMARY KEY (scenario, rule_index)
);
