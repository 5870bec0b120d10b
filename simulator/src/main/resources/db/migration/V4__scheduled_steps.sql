-- Asynchronous steps that must survive a restart (a payout's validation, a payment's next step, a
-- payee batch, an ACH funding's credit): stored in the same transaction as the state they belong to,
-- loaded back into the scheduler at start and run at their due virtual time, then deleted.
CREATE TABLE core.scheduled_step (
    step_id  BIGINT PRIMARY KEY,
    owner    VARCHAR(64) NOT NULL,
    kind     VARCHAR(64) NOT NULL,
    subject  VARCHAR(200) NOT NULL,
    name     VARCHAR(300) NOT NULL,
    due_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX scheduled_step_by_owner ON core.scheduled_step (owner);

-- The order payouts were submitted in, whatever their timestamps: when two payouts carry the same
-- payorPaymentId, the one submitted first keeps it.
CREATE SEQUENCE velo.payout_submission START WITH 1;
ALTER TABLE velo.payout ADD COLUMN submission BIGINT NOT NULL DEFAULT 0;
