-- Messages that carry no records (issue 12, part 4). Portable SQL: runs unchanged on H2 and PostgreSQL.
-- A variable's message filter is one JSON text column (null: none). array_records says whether an array
-- at the record path is one record (fields /0, /1, ...): on the variable null means "as the service says".
-- field_names holds the display names people give response fields, by path, as JSON.
ALTER TABLE socket_variable ADD COLUMN message_filter VARCHAR(1048576);
ALTER TABLE socket_variable ADD COLUMN array_records BOOLEAN;
ALTER TABLE socket_service ADD COLUMN array_records BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE socket_service ADD COLUMN field_names VARCHAR(1048576) DEFAULT '{}' NOT NULL;
