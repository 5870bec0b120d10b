-- VelaPay Cloud Payment API: card-not-present transactions and card tokens, per merchant (the tenant).
-- Merchants themselves are scenario declarations (API key and secret), not rows.
CREATE SCHEMA IF NOT EXISTS velapay_cloud;

-- Every processed sale, auth, capture, return and token request. A void marks the sale or return it
-- voids; a delete marks the auth it deletes (which is then unknown).
CREATE TABLE velapay_cloud.txn (
    merchant_id        VARCHAR(64) NOT NULL,
    reference_number   VARCHAR(64) NOT NULL,
    transaction_id     VARCHAR(48) NOT NULL,
    transaction_type   VARCHAR(10) NOT NULL,
    payment_status     VARCHAR(10) NOT NULL,
    message            VARCHAR(64) NOT NULL,
    result_code        VARCHAR(4) NOT NULL,
    auth_code          VARCHAR(12),
    original_reference VARCHAR(64),
    amount             DECIMAL(12, 2) NOT NULL,
    amount_requested   DECIMAL(12, 2) NOT NULL,
    captured           DECIMAL(12, 2) NOT NULL DEFAULT 0,
    returned           DECIMAL(12, 2) NOT NULL DEFAULT 0,
    partial_auth       BOOLEAN NOT NULL DEFAULT FALSE,
    voided             BOOLEAN NOT NULL DEFAULT FALSE,
    deleted            BOOLEAN NOT NULL DEFAULT FALSE,
    card_brand         VARCHAR(12),
    last4              VARCHAR(4),
    card_holder        VARCHAR(128),
    token              VARCHAR(19),
    invoice_number     VARCHAR(64),
    avs                VARCHAR(40),
    cvv                VARCHAR(24),
    created            BIGINT NOT NULL,
    PRIMARY KEY (merchant_id, reference_number)
);
CREATE INDEX txn_by_created ON velapay_cloud.txn (merchant_id, created);

-- Tokenised cards: the same card (number and expiry) tokenised again answers the same token.
CREATE TABLE velapay_cloud.card_token (
    merchant_id VARCHAR(64) NOT NULL,
    token       VARCHAR(19) NOT NULL,
    pan         VARCHAR(19) NOT NULL,
    expiry      VARCHAR(4) NOT NULL,
    brand       VARCHAR(12) NOT NULL,
    card_holder VARCHAR(128),
    zipcode     VARCHAR(16),
    created     BIGINT NOT NULL,
    PRIMARY KEY (merchant_id, token)
);
CREATE UNIQUE INDEX card_token_by_card ON velapay_cloud.card_token (merchant_id, pan, expiry);
