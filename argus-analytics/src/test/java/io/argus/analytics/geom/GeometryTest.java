package io.argus.analytics.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeometryTest {
    private static final Polygon L_SHAPE = new Polygon(List.of(new Point(0, 0), new Point(0.5, 0), new Point(0.5, 0.5),
            new Point(1, 0.5), new Point(1, 1), new Point(0, 1)));

    @Test
    void concavePolygonContainsOnlyItsInside() {
        assertThat(L_SHAPE.contains(0.25, 0.25)).isTrue();
        assertThat(L_SHAPE.contains(0.75, 0.75)).isTrue();
        assertThat(L_SHAPE.contains(0.75, 0.25)).isFalse();
        assertThat(L_SHAPE.area()).isEqualTo(0.75);
    }

    @Test
    void polygonsLieInTheFrame() {
        assertThatThrownBy(() -> new Polygon(List.of(new Point(0, 0), new Point(2, 0), new Point(0, 1))))
                .hasMessageContaining("0..1");
        assertThatThrownBy(() -> new Polygon(List.of(new Point(0, 0), new Point(1, 0))))
                .hasMessageContaining("at least 3");
    }

    @Test
    void iouOfEqualDisjointAndHalfOverlappingBoxes() {
        Box a = new Box(0, 0, 0.2, 0.2);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new Box(0.5, 0.5, 0.1, 0.1))).isZero();
        assertThat(a.iou(new Box(0.1, 0, 0.2, 0.2))).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    }
}
