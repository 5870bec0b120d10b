-- Access tokens of a database several instances share (PostgreSQL): a token issued by one instance is
-- accepted by every other until it expires on the shared virtual clock. With H2 they stay in memory.
CREATE TABLE core.access_token (
    token      VARCHAR(200) PRIMARY KEY,
    store      VARCHAR(64) NOT NULL,
    principal  CLOB NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX access_token_by_expiry ON core.access_token (expires_at);
