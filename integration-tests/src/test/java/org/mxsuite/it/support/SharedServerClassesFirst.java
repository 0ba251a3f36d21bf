package org.mxsuite.it.support;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Runs the test classes that share one server ({@link SharesTheServer}) one after the other, before the rest: the
 * shared server stops whenever a class boots a server of its own, and in the file system's order the sharing classes
 * were spread out, so that it booted six times instead of once (about 15 s a boot). The classes that must run alone
 * ({@link Isolated}, {@link Timing}) come last, once the classes launching servers beside the others are likely done:
 * earlier, the in-process classes would wait for them.
 */
public final class SharedServerClassesFirst implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
            .comparing((ClassDescriptor descriptor) -> descriptor.isAnnotated(Isolated.class))
            .thenComparing(descriptor -> !descriptor.isAnnotated(SharesTheServer.class)));
    }
}
