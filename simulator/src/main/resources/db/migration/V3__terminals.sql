-- VelaPay card terminals. Every table carries its tenant: the terminal (and its merchant).
CREATE SCHEMA IF NOT EXISTS terminals;

-- The result of every request a terminal answered (system/log getList, get, clear).
CREATE TABLE terminals.request_log (
    log_id       VARCHAR(40) PRIMARY KEY,
    terminal_id  VARCHAR(64) NOT NULL,
    merchant_id  VARCHAR(64) NOT NULL,
    created      BIGINT NOT NULL,
    request_type VARCHAR(20),
    request      CLOB NOT NULL,
    response     CLOB NOT NULL
);
CREATE INDEX request_log_by_terminal ON terminals.request_log (terminal_id, created);
