package org.mxsuite.state;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The few statements H2 and PostgreSQL write differently; everything else is plain SQL shared by both. */
public enum SqlDialect {
    H2("BINARY LARGE OBJECT") {
        @Override
        public String upsert(String table, List<String> keyColumns, List<String> columns) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keyColumns)
                + ") VALUES (" + placeholders(columns.size()) + ")";
        }
    },
    POSTGRESQL("BYTEA") {
        @Override
        public String upsert(String table, List<String> keyColumns, List<String> columns) {
            String updates = columns.stream()
                .filter(column -> !keyColumns.contains(column))
                .map(column -> column + " = EXCLUDED." + column)
                .collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns.size())
                + ") ON CONFLICT (" + String.join(", ", keyColumns) + ") DO UPDATE SET " + updates;
        }
    };

    private final String blobType;

    SqlDialect(String blobType) {
        this.blobType = blobType;
    }

    /** The column type of large binary content, streamed in and out. */
    public String blobType() {
        return blobType;
    }

    /** Insert or replace one row identified by its key columns, with one {@code ?} per column in order. */
    public abstract String upsert(String table, List<String> keyColumns, List<String> columns);

    private static String placeholders(int count) {
        String[] marks = new String[count];
        Arrays.fill(marks, "?");
        return String.join(", ", marks);
    }
}
