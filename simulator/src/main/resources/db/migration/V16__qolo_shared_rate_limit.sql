-- Each Qolo token's rate-limit window on a database several instances share (PostgreSQL): the start
-- of its current fixed window on the virtual clock and the requests counted in it by any instance.
-- With H2 the windows stay in memory.
CREATE TABLE qolo.rate_window (
    token        VARCHAR(200) PRIMARY KEY,
    window_start BIGINT NOT NULL,
    requests     BIGINT NOT NULL
);
