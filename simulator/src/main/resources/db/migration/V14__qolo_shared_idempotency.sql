-- Qolo's idempotency keys on a database several instances share (PostgreSQL): the first request with a
-- key inserts its row and, once answered, stores the answer; a retry on any instance gets that answer.
-- With H2 they stay in memory.
CREATE TABLE qolo.idempotency (
    program_guid VARCHAR(64) NOT NULL,
    idem_key     VARCHAR(255) NOT NULL,
    request      CLOB NOT NULL,
    status       INT,
    body         CLOB,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (program_guid, idem_key)
);
