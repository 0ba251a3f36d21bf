package org.mxsuite.it.support;

/**
 * Why a class runs alone ({@code @Isolated}): it asserts how long something takes (a scan, a DNS timeout, a delivery
 * within seconds), which a launched server booting beside it on a 2-core machine would lengthen.
 */
public final class Timing {
    public static final String REASON = "asserts durations: no launched server boots beside it";

    private Timing() {
    }
}
