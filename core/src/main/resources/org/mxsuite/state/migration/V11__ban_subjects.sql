-- Failed logins and bans are kept per subject (BanSubject): a client address as before, an IPv6 /64 written as a
-- network (2001:db8:0:1:0:0:0:0/64), or a user name (user:alice@example.com, up to 320 characters).
ALTER TABLE login_failure ALTER COLUMN address SET DATA TYPE VARCHAR(330);
ALTER TABLE ban ALTER COLUMN address SET DATA TYPE VARCHAR(330);
