-- The hold queue is read oldest first per domain (claims, listings, expiry): an index in exactly that order, id last
-- for a stable order, lets both H2 and PostgreSQL read the first rows of a batch without sorting the whole queue.
DROP INDEX held_message_domain;
CREATE INDEX held_message_order ON held_message (domain, received_at, id);
