package org.mxsuite.dnsbl;

import java.util.ArrayList;
import java.util.List;

/** A list of sites as written in {@code dnsbl.sites} / {@code rhsbl.sites}: separated by commas or white space. */
public final class BlocklistSites {
    private BlocklistSites() {
    }

    public static List<BlocklistSite> parse(String text) {
        List<BlocklistSite> sites = new ArrayList<>();
        if (text == null) {
            return sites;
        }
        for (String item : text.split("[,\\s]+")) {
            if (!item.isBlank()) {
                sites.add(BlocklistSite.parse(item));
            }
        }
        return List.copyOf(sites);
    }
}
