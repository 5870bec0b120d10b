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

-- Card transactions, per terminal and batch.
CREATE TABLE terminals.txn (
    transaction_id     VARCHAR(20) PRIMARY KEY,
    terminal_id        VARCHAR(64) NOT NULL,
    merchant_id        VARCHAR(64) NOT NULL,
    batch_id           VARCHAR(20) NOT NULL,
    transaction_number INT NOT NULL,
    reference_number   VARCHAR(20) NOT NULL UNIQUE,
    original_reference VARCHAR(20),
    transaction_type   VARCHAR(10) NOT NULL,
    tender_type        VARCHAR(10) NOT NULL,
    payment_status     VARCHAR(10) NOT NULL,
    amount             DECIMAL(12, 2) NOT NULL,
    amount_tip         DECIMAL(12, 2) NOT NULL,
    amount_request     DECIMAL(12, 2) NOT NULL,
    card_type          VARCHAR(20),
    card_number        VARCHAR(24),
    card_entry         VARCHAR(12),
    card_holder        VARCHAR(64),
    auth_code          VARCHAR(12),
    result_code        VARCHAR(4),
    invoice_number     VARCHAR(64),
    captured           BOOLEAN NOT NULL DEFAULT FALSE,
    voided             BOOLEAN NOT NULL DEFAULT FALSE,
    created            BIGINT NOT NULL
);
CREATE INDEX txn_by_terminal_batch ON terminals.txn (terminal_id, batch_id);

-- What each terminal printed (receipts and custom templates), readable through the control API.
CREATE TABLE terminals.printout (
    printout_id VARCHAR(20) PRIMARY KEY,
    terminal_id VARCHAR(64) NOT NULL,
    created     BIGINT NOT NULL,
    kind        VARCHAR(20) NOT NULL,
    text        CLOB NOT NULL
);
CREATE INDEX printout_by_terminal ON terminals.printout (terminal_id, created);
