package org.mxsuite.it.support;

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes that share one server ({@link SharesTheServer}) one after the other, before the rest: the
 * shared server stops whenever a class boots a server of its own, and in the file system's order the sharing classes
 * were spread out, so that it booted six times instead of once (about 15 s a boot).
 */
public final class SharedServerClassesFirst implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(descriptor -> !descriptor.isAnnotated(SharesTheServer.class)));
    }
}
