-- The instances serving a database several of them share (PostgreSQL), for what the control API
-- gathers from all of them (the request journal each keeps): each instance's row says where its control
-- API is and when it was last seen alive (the database's own time); rows not seen for a while are ignored.
CREATE TABLE core.instance (
    instance_id BIGINT PRIMARY KEY,
    control_url VARCHAR(400) NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
