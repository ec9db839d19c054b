package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartBuffersTest {

    private static final int PART_SIZE = 10;

    @Test
    void recycledBufferIsHandedOutAgain() {
        PartBuffers buffers = new PartBuffers(PART_SIZE, 2);
        byte[] first = buffers.take();

        buffers.recycle(first);

        assertThat(buffers.take()).isSameAs(first);
        assertThat(buffers.take()).isNotSameAs(first).hasSize(PART_SIZE);
    }

    @Test
    void keepsNoMoreIdleBuffersThanItsCapacity() {
        PartBuffers buffers = new PartBuffers(PART_SIZE, 2);
        List<byte[]> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(buffers.take());
        }

        taken.forEach(buffers::recycle);

        assertThat(buffers.idle()).isEqualTo(2);
    }

    @Test
    void withNoCapacityNothingIsKept() {
        PartBuffers buffers = new PartBuffers(PART_SIZE, 0);

        buffers.recycle(buffers.take());

        assertThat(buffers.idle()).isZero();
    }

    @Test
    void fullPartsOfAnAssemblerBorrowFromThePoolAndGoBackWhenRecycled() {
        PartBuffers buffers = new PartBuffers(PART_SIZE, 4);
        PartAssembler assembler = new PartAssembler(buffers, 25L);

        List<Part> parts = new ArrayList<>(assembler.accept(Unpooled.wrappedBuffer(new byte[25])));
        parts.addAll(assembler.finish());

        assertThat(parts).extracting(Part::length).containsExactly(10, 10, 5);
        assertThat(parts.get(0).pool()).isSameAs(buffers);
        assertThat(parts.get(2).pool()).as("a short last part has an exact array of its own").isNull();
        parts.forEach(Part::recycle);
        assertThat(buffers.idle()).isEqualTo(2);
        PartAssembler next = new PartAssembler(buffers, null);
        List<Part> reused = new ArrayList<>(next.accept(Unpooled.wrappedBuffer(new byte[11])));
        assertThat(reused).singleElement().satisfies(p -> assertThat(p.bytes()).isSameAs(parts.get(0).bytes()));
    }

    @Test
    void smallAnnouncedSourceNeverTakesAPooledBuffer() {
        PartBuffers buffers = new PartBuffers(PART_SIZE, 4);
        buffers.recycle(new byte[PART_SIZE]);

        List<Part> parts = new PartAssembler(buffers, 3L).accept(Unpooled.wrappedBuffer(new byte[3]));

        assertThat(parts).isEmpty();
        assertThat(buffers.idle()).isEqualTo(1);
    }
}
