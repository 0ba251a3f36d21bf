package org.mxsuite.embedded.jpa;

import org.apache.james.core.Domain;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;

/**
 * James's JPA recipient rewrite table, remembering the mappings of each address it was asked for (most often none):
 * the RecipientRewriteTable mailet and the SMTP recipient check ask for every recipient. Any change forgets every
 * address, since a domain's mapping changes what its addresses resolve to. See {@link ExactCache}.
 */
public class CachedRecipientRewriteTable extends JPARecipientRewriteTable {
    private final ExactCache<String, Mappings> mappings = new ExactCache<>();

    @Override
    protected Mappings mapAddress(String user, Domain domain) throws RecipientRewriteTableException {
        return mappings.get(user + "@" + domain.asString(), address -> super.mapAddress(user, domain), any -> true);
    }

    @Override
    public void addMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        try {
            super.addMapping(source, mapping);
        } finally {
            mappings.forgetAll();
        }
    }

    @Override
    public void removeMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        try {
            super.removeMapping(source, mapping);
        } finally {
            mappings.forgetAll();
        }
    }
}
