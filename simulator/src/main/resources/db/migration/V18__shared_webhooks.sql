-- The webhook deliveries of a database several instances share (PostgreSQL): the log every instance
-- lists, and what any instance needs to make the next attempt (each attempt is a stored step, claimed
-- like the providers' lifecycle steps). Headers include the provider's signature. With H2 the log stays
-- in memory.
CREATE TABLE core.webhook_delivery (
    delivery_id     BIGINT PRIMARY KEY,
    provider        VARCHAR(64) NOT NULL,
    event_name      VARCHAR(200) NOT NULL,
    url             VARCHAR(4000) NOT NULL,
    headers         CLOB NOT NULL,
    body            CLOB NOT NULL,
    ack_timeout_ms  BIGINT NOT NULL,
    retry_delays_ms VARCHAR(1000) NOT NULL,
    state           VARCHAR(16) NOT NULL,
    failed_in_row   INT NOT NULL,
    attempts        CLOB NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_delivery_by_created ON core.webhook_delivery (created_at);
