-- A terminal's settled batches: the open batch is the configured one's first successor not settled
-- yet, so it survives an application restart (and a server restart with --data-dir), and a batch is
-- settled once only (the primary key).
CREATE TABLE terminals.settled_batch (
    terminal_id VARCHAR(64) NOT NULL,
    batch_id    VARCHAR(64) NOT NULL,
    settled     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (terminal_id, batch_id)
);
