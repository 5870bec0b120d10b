-- Vendreo card payments, their tokens for rebilling, and the application's bans.
CREATE TABLE vendreo.card_payment (
    payment_uuid       VARCHAR(36) PRIMARY KEY,
    application_key    VARCHAR(64) NOT NULL,
    request_id         VARCHAR(20) NOT NULL,
    request_token      VARCHAR(36) NOT NULL UNIQUE,
    amount             BIGINT NOT NULL,
    currency           VARCHAR(3) NOT NULL,
    description        VARCHAR(255),
    reference_id       VARCHAR(255),
    redirect_url       VARCHAR(2048),
    failed_url         VARCHAR(2048),
    flags              CLOB NOT NULL,
    customer           CLOB NOT NULL,
    ip_address         VARCHAR(45),
    status             VARCHAR(12) NOT NULL,
    state              VARCHAR(16) NOT NULL,
    decline_reason     VARCHAR(32),
    card_scheme        VARCHAR(16),
    card_type          VARCHAR(24),
    last_4             VARCHAR(4),
    card_expiry        VARCHAR(5),
    card_hash          VARCHAR(64),
    three_ds           VARCHAR(16),
    token_uuid         VARCHAR(36),
    amount_authorised  BIGINT NOT NULL DEFAULT 0,
    amount_captured    BIGINT NOT NULL DEFAULT 0,
    amount_refunded    BIGINT NOT NULL DEFAULT 0,
    settled            BOOLEAN NOT NULL DEFAULT FALSE,
    transaction_id     VARCHAR(12),
    cross_reference    VARCHAR(20),
    created            BIGINT NOT NULL,
    updated            BIGINT NOT NULL
);
CREATE INDEX card_payment_by_application ON vendreo.card_payment (application_key, created);

CREATE TABLE vendreo.card_token (
    token_uuid      VARCHAR(36) PRIMARY KEY,
    application_key VARCHAR(64) NOT NULL,
    pan             VARCHAR(19) NOT NULL,
    card_expiry     VARCHAR(5) NOT NULL,
    card_hash       VARCHAR(64) NOT NULL,
    created         BIGINT NOT NULL
);

CREATE TABLE vendreo.card_refund (
    refund_uuid  VARCHAR(36) PRIMARY KEY,
    payment_uuid VARCHAR(36) NOT NULL REFERENCES vendreo.card_payment (payment_uuid),
    amount       BIGINT NOT NULL,
    reason       VARCHAR(32),
    created      BIGINT NOT NULL
);

CREATE TABLE vendreo.card_ban (
    ban_id          BIGINT PRIMARY KEY,
    application_key VARCHAR(64) NOT NULL,
    ban_type        VARCHAR(12) NOT NULL,
    reference       VARCHAR(128) NOT NULL,
    expires_at      BIGINT,
    created         BIGINT NOT NULL
);
