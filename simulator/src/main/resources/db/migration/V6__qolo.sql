-- Qolo card issuing. Every row carries its tenant: the program. Money is DECIMAL(14,2).
CREATE SCHEMA IF NOT EXISTS qolo;

CREATE TABLE qolo.person (
    person_guid         VARCHAR(36) PRIMARY KEY,
    program_guid        VARCHAR(36) NOT NULL,
    details             CLOB NOT NULL,
    person_status       VARCHAR(12) NOT NULL,
    client_reference_id VARCHAR(64),
    created             BIGINT NOT NULL,
    updated             BIGINT NOT NULL
);
CREATE INDEX person_by_program ON qolo.person (program_guid, created);

CREATE TABLE qolo.wallet (
    wallet_guid  VARCHAR(36) PRIMARY KEY,
    program_guid VARCHAR(36) NOT NULL,
    person_guid  VARCHAR(36) NOT NULL REFERENCES qolo.person (person_guid),
    created      BIGINT NOT NULL
);

CREATE TABLE qolo.account (
    account_guid      VARCHAR(36) PRIMARY KEY,
    program_guid      VARCHAR(36) NOT NULL,
    wallet_guid       VARCHAR(36),
    person_guid       VARCHAR(36),
    account_name      VARCHAR(128),
    account_type      VARCHAR(32) NOT NULL,
    currency          VARCHAR(3) NOT NULL,
    ledger_balance    DECIMAL(14, 2) NOT NULL,
    available_balance DECIMAL(14, 2) NOT NULL,
    suspense_balance  DECIMAL(14, 2) NOT NULL,
    account_status    VARCHAR(12) NOT NULL,
    created           BIGINT NOT NULL,
    updated           BIGINT NOT NULL
);
CREATE INDEX account_by_program ON qolo.account (program_guid, created);

CREATE TABLE qolo.card (
    card_proxy         VARCHAR(20) PRIMARY KEY,
    program_guid       VARCHAR(36) NOT NULL,
    person_guid        VARCHAR(36) NOT NULL,
    wallet_guid        VARCHAR(36) NOT NULL,
    account_guid       VARCHAR(36) NOT NULL,
    pan                VARCHAR(19) NOT NULL,
    cvv                VARCHAR(4) NOT NULL,
    expiration_date    VARCHAR(4) NOT NULL,
    card_status        VARCHAR(10) NOT NULL,
    reason_code        VARCHAR(32),
    reason_description VARCHAR(255),
    replaced_by        VARCHAR(20),
    replaces           VARCHAR(20),
    created            BIGINT NOT NULL,
    updated            BIGINT NOT NULL
);
CREATE INDEX card_by_program ON qolo.card (program_guid, created);

-- Transfers, keyed per program by the client's reference.
CREATE TABLE qolo.transfer (
    transfer_guid       VARCHAR(36) PRIMARY KEY,
    program_guid        VARCHAR(36) NOT NULL,
    client_reference_id VARCHAR(64) NOT NULL,
    transfer_type       VARCHAR(24) NOT NULL,
    amount              DECIMAL(14, 2) NOT NULL,
    currency            VARCHAR(3) NOT NULL,
    source              CLOB NOT NULL,
    destination         CLOB NOT NULL,
    status              VARCHAR(12) NOT NULL,
    failure_reason      VARCHAR(128),
    created             BIGINT NOT NULL,
    CONSTRAINT transfer_reference UNIQUE (program_guid, client_reference_id)
);

-- Card authorisations: approved ones hold money in suspense until cleared, reversed or expired.
CREATE TABLE qolo.card_auth (
    auth_guid       VARCHAR(36) PRIMARY KEY,
    program_guid    VARCHAR(36) NOT NULL,
    card_proxy      VARCHAR(20) NOT NULL,
    account_guid    VARCHAR(36) NOT NULL,
    amount          DECIMAL(14, 2) NOT NULL,
    currency        VARCHAR(3) NOT NULL,
    cleared_amount  DECIMAL(14, 2) NOT NULL,
    refunded_amount DECIMAL(14, 2) NOT NULL,
    merchant_name   VARCHAR(128),
    status          VARCHAR(20) NOT NULL,
    decline_reason  VARCHAR(64),
    created         BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL
);

-- Every balance movement of an account (the searchable transactions); external = money entering or
-- leaving the program (bank loads, partner funding, unloads, merchant clearing, refunds).
CREATE TABLE qolo.ledger_entry (
    entry_guid    VARCHAR(36) PRIMARY KEY,
    program_guid  VARCHAR(36) NOT NULL,
    account_guid  VARCHAR(36) NOT NULL,
    card_proxy    VARCHAR(20),
    transfer_guid VARCHAR(36),
    auth_guid     VARCHAR(36),
    entry_type    VARCHAR(24) NOT NULL,
    amount        DECIMAL(14, 2) NOT NULL,
    external      BOOLEAN NOT NULL,
    status        VARCHAR(12) NOT NULL,
    created       BIGINT NOT NULL
);
CREATE INDEX ledger_by_account ON qolo.ledger_entry (program_guid, account_guid, created);

CREATE TABLE qolo.webhook_subscription (
    subscription_guid VARCHAR(36) PRIMARY KEY,
    program_guid      VARCHAR(36) NOT NULL,
    url               VARCHAR(2048) NOT NULL,
    headers           CLOB NOT NULL,
    secret            VARCHAR(256) NOT NULL,
    active            BOOLEAN NOT NULL,
    event_types       CLOB NOT NULL,
    created           BIGINT NOT NULL,
    updated           BIGINT NOT NULL
);
