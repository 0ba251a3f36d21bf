package org.mxsuite.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test class whose server is {@link MxSuiteServer#shared()}: run with the other such classes (SharedServerClassesFirst). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SharesTheServer {
}
