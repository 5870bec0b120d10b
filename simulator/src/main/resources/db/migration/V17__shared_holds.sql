-- Lifecycle steps and answers a rule holds, on a database several instances share (PostgreSQL): the
-- held work stays in the memory of the instance that holds it; its row lets any instance list it and
-- release it (released = TRUE, which the holding instance sees at its next scheduler poll).
-- With H2 holds stay in memory.
CREATE TABLE core.hold (
    hold_id     BIGINT PRIMARY KEY,
    provider    VARCHAR(64) NOT NULL,
    event_name  VARCHAR(200) NOT NULL,
    description VARCHAR(1000) NOT NULL,
    rule_name   VARCHAR(200) NOT NULL,
    scenario    VARCHAR(64) NOT NULL,
    released    BOOLEAN DEFAULT FALSE NOT NULL
);
