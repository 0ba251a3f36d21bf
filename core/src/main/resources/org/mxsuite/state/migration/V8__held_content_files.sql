-- With H2, held messages' content is kept in files next to the database (HeldContentFiles): the column is NULL
-- then. PostgreSQL keeps filling it; rows held before this version keep their content in the column.
ALTER TABLE held_message ALTER COLUMN content DROP NOT NULL;
