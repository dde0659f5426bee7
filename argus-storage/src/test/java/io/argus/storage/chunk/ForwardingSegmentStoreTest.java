package io.argus.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.storage.tier.TieredSegmentStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The store interfaces cannot be forwarded wrongly: the forwarding bases override every method of the interfaces
 * they implement, and no interface method has a default a decorator would inherit instead of forwarding (how a
 * decorator once skipped recovery and a node could not start).
 */
class ForwardingSegmentStoreTest {

    /** Every instance method of {@code type} and its superinterfaces, including {@link AutoCloseable#close()}. */
    private static List<Method> methods(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers())).toList();
    }

    private static List<String> notDeclared(Class<?> iface, Class<?>... implementations) {
        return methods(iface).stream()
                .filter(m -> Stream.of(implementations).noneMatch(c -> declares(c, m)))
                .map(Method::toString)
                .toList();
    }

    private static boolean declares(Class<?> c, Method m) {
        try {
            return !c.getDeclaredMethod(m.getName(), m.getParameterTypes()).isSynthetic();
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void forwardingSegmentStoreForwardsEverySegmentStoreMethod() {
        assertThat(notDeclared(SegmentStore.class, ForwardingSegmentStore.class)).isEmpty();
    }

    @Test
    void forwardingVolumeStoreForwardsEveryVolumeStoreMethod() {
        assertThat(notDeclared(VolumeStore.class, ForwardingVolumeStore.class, ForwardingSegmentStore.class))
                .isEmpty();
    }

    /** The router decides for every method where it goes; nothing reaches it by inheritance. */
    @Test
    void tieredStoreRoutesEveryMethodItself() {
        assertThat(notDeclared(VolumeStore.class, TieredSegmentStore.class)).isEmpty();
    }

    @Test
    void theStoreInterfacesHaveNoDefaultMethods() {
        assertThat(Stream.of(SegmentStore.class, VolumeStore.class).flatMap(i -> methods(i).stream())
                .filter(Method::isDefault).map(Method::toString)).isEmpty();
    }

    @Test
    void theForwardingBasesAreAbstractAndLeaveNothingAbstract() {
        for (Class<?> base : List.of(ForwardingSegmentStore.class, ForwardingVolumeStore.class)) {
            assertThat(Modifier.isAbstract(base.getModifiers())).as(base + " is a base only").isTrue();
            assertThat(Arrays.stream(base.getDeclaredMethods()).filter(m -> Modifier.isAbstract(m.getModifiers())))
                    .as(base + " declares nothing abstract").isEmpty();
        }
    }
}
