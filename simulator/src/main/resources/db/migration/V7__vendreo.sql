-- Vendreo open banking. Every row carries its tenant: the application key. Amounts are minor units.
CREATE SCHEMA IF NOT EXISTS vendreo;

-- Payment requests of every kind: a payment (SINGLE or PERIODIC), a subscription, a payment link,
-- an outgoing payment, a headless payment.
CREATE TABLE vendreo.payment (
    payment_uuid          VARCHAR(36) PRIMARY KEY,
    application_key       VARCHAR(64) NOT NULL,
    request_id            VARCHAR(20) NOT NULL,
    kind                  VARCHAR(12) NOT NULL,
    payment_type          VARCHAR(10) NOT NULL,
    amount                BIGINT NOT NULL,
    recurring_amount      BIGINT,
    currency              VARCHAR(3) NOT NULL,
    description           VARCHAR(255),
    reference_id          VARCHAR(255),
    redirect_url          VARCHAR(2048),
    failed_url            VARCHAR(2048),
    options               CLOB,
    basket_items          CLOB,
    status                VARCHAR(10) NOT NULL,
    payment_reference     VARCHAR(12) NOT NULL,
    institution           VARCHAR(64),
    subscription_id       VARCHAR(20),
    first_payment_date    VARCHAR(10),
    frequency             VARCHAR(12),
    number_of_payments    INT,
    original_payment_uuid VARCHAR(36),
    refunded_amount       BIGINT NOT NULL DEFAULT 0,
    sort_code             VARCHAR(6),
    account_number        VARCHAR(8),
    account_name          VARCHAR(128),
    authorised            BOOLEAN NOT NULL DEFAULT FALSE,
    created               BIGINT NOT NULL,
    updated               BIGINT NOT NULL
);
CREATE INDEX payment_by_application ON vendreo.payment (application_key, created);

-- Money that moved for a payment (one per collection).
CREATE TABLE vendreo.txn (
    txn_id         VARCHAR(36) PRIMARY KEY,
    payment_uuid   VARCHAR(36) NOT NULL REFERENCES vendreo.payment (payment_uuid),
    amount         BIGINT NOT NULL,
    currency       VARCHAR(3) NOT NULL,
    cross_checked  BOOLEAN NOT NULL,
    completed      BOOLEAN NOT NULL,
    date_completed BIGINT,
    date_estimated BIGINT NOT NULL,
    created        BIGINT NOT NULL
);

-- The instalments of a PERIODIC payment or a subscription.
CREATE TABLE vendreo.instalment (
    payment_uuid   VARCHAR(36) NOT NULL REFERENCES vendreo.payment (payment_uuid),
    seq            INT NOT NULL,
    amount         BIGINT NOT NULL,
    currency       VARCHAR(3) NOT NULL,
    date_scheduled BIGINT NOT NULL,
    status         VARCHAR(10) NOT NULL,
    PRIMARY KEY (payment_uuid, seq)
);
