package org.mxsuite.deliver.tls.mtasts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The {@code _mta-sts.<domain>} TXT record (RFC 8461 section 3.1): {@code v=STSv1; id=20260101T000000;}. */
final class MtaStsRecord {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");

    private MtaStsRecord() {
    }

    /**
     * The policy id of the one record that starts with {@code v=STSv1}; empty when there is none, more than one (the
     * RFC says: no policy), or it has no valid id. Other TXT records at the name are not MTA-STS's.
     */
    static Optional<String> policyId(List<String> texts) {
        List<String> records = texts.stream().filter(text -> text.startsWith("v=STSv1")).collect(Collectors.toList());
        if (records.size() != 1) {
            return Optional.empty();
        }
        String[] fields = records.get(0).split(";");
        if (!fields[0].strip().equals("v=STSv1")) {
            return Optional.empty();
        }
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].strip();
            if (field.startsWith("id=")) {
                String id = field.substring("id=".length());
                return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
