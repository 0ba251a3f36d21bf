package org.mxsuite.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as administrators write them: {@code 1073741824}, {@code 500MiB}, {@code 10MB}, {@code 1GiB}. */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB)?");

    private ByteSizes() {
    }

    /** The count {@code raw} stands for; {@code name} (a field or key) names it in the error. */
    public static long parse(String name, String raw) {
        Matcher matcher = SIZE.matcher(raw == null ? "" : raw.trim());
        if (!matcher.matches()) {
            throw new InvalidSettingException(name + " must be a byte count such as 1073741824 or \"1GiB\"");
        }
        long number = Long.parseLong(matcher.group(1));
        long unit = unit(matcher.group(2));
        long bytes = number * unit;
        if (bytes < 0 || bytes / unit != number) {
            throw new InvalidSettingException(name + " is too large");
        }
        return bytes;
    }

    private static long unit(String unit) {
        if (unit == null) {
            return 1;
        }
        switch (unit) {
            case "KB": return 1000L;
            case "KiB": return 1L << 10;
            case "MB": return 1000L * 1000;
            case "MiB": return 1L << 20;
            case "GB": return 1000L * 1000 * 1000;
            case "GiB": return 1L << 30;
            case "TB": return 1000L * 1000 * 1000 * 1000;
            case "TiB": return 1L << 40;
            default: return 1;
        }
    }
}
