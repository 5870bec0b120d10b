-- Vendreo account information: a consent, asked for by the merchant and given (or refused) by the shopper at a bank.
CREATE TABLE vendreo.ais_consent (
    consent_uuid     VARCHAR(36) PRIMARY KEY,
    application_key  VARCHAR(64) NOT NULL,
    authorization_id VARCHAR(20) NOT NULL,
    redirect_url     VARCHAR(2048),
    cancel_url       VARCHAR(2048),
    reference_id     VARCHAR(255),
    description      VARCHAR(255),
    institution      VARCHAR(64),
    status           VARCHAR(12) NOT NULL,
    expires_at       BIGINT,
    created          BIGINT NOT NULL,
    updated          BIGINT NOT NULL
);
