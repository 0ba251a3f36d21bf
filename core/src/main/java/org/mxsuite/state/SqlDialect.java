package org.mxsuite.state;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The few statements H2 and PostgreSQL write differently; everything else is plain SQL shared by both. */
public enum SqlDialect {
    H2 {
        @Override
        public String upsert(String table, List<String> keyColumns, List<String> columns) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keyColumns)
                + ") VALUES (" + placeholders(columns.size()) + ")";
        }
    },
    POSTGRESQL {
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

    /** Insert or replace one row identified by its key columns, with one {@code ?} per column in order. */
    public abstract String upsert(String table, List<String> keyColumns, List<String> columns);

    private static String placeholders(int count) {
        String[] marks = new String[count];
        Arrays.fill(marks, "?");
        return String.join(", ", marks);
    }
}
