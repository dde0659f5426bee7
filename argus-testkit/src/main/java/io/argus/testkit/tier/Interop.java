package io.argus.testkit.tier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/** Marks a test class of the {@link Tier#INTEROP} tier: a third-party peer (ffmpeg, ffprobe, GStreamer) as a child process. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Tiers.INTEROP)
public @interface Interop {
}
