package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartAssemblerTest {

    private static final int PART_SIZE = 10;

    @Test
    void cutsSourceIntoPartsOfPartSizeWithTheSummaryOnlyOnTheLast() {
        byte[] source = bytes(25);

        List<Part> parts = feed(new PartAssembler(PART_SIZE, null), source, 7);

        assertThat(parts).extracting(Part::number).containsExactly(1, 2, 3);
        assertThat(parts).extracting(Part::length).containsExactly(10, 10, 5);
        assertThat(parts).extracting(Part::last).containsExactly(false, false, true);
        assertThat(parts.get(2).summary().length()).isEqualTo(25);
        assertThat(concat(parts)).isEqualTo(source);
    }

    @Test
    void sourceNeedingMoreThanTenThousandPartsIsTooLarge() {
        PartAssembler assembler = new PartAssembler(1, null);
        assembler.accept(Unpooled.wrappedBuffer(bytes(PartAssembler.MAX_PARTS)));

        assertThat(assembler.finish()).singleElement().satisfies(part ->
                assertThat(part.number()).isEqualTo(PartAssembler.MAX_PARTS));
        PartAssembler larger = new PartAssembler(1, null);
        assertThatThrownBy(() -> larger.accept(Unpooled.wrappedBuffer(bytes(PartAssembler.MAX_PARTS + 1))))
                .isInstanceOf(TooLarge.class);
    }

    @Test
    void sourceThatIsAnExactMultipleOfThePartSizeEndsWithAFullLastPart() {
        byte[] source = bytes(30);

        List<Part> parts = feed(new PartAssembler(PART_SIZE, 30L), source, 4);

        assertThat(parts).extracting(Part::number).containsExactly(1, 2, 3);
        assertThat(parts).extracting(Part::length).containsExactly(10, 10, 10);
        assertThat(parts).extracting(Part::last).containsExactly(false, false, true);
        assertThat(concat(parts)).isEqualTo(source);
    }

    @Test
    void sourceSmallerThanOnePartIsOneLastPart() {
        byte[] source = bytes(4);

        List<Part> parts = feed(new PartAssembler(PART_SIZE, null), source, 3);

        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.number()).isEqualTo(1);
            assertThat(part.last()).isTrue();
            assertThat(copy(part)).isEqualTo(source);
            assertThat(part.summary().length()).isEqualTo(4);
        });
    }

    @Test
    void emptySourceIsOneEmptyLastPart() {
        for (Long declared : new Long[] {null, 0L}) {
            List<Part> parts = new PartAssembler(PART_SIZE, declared).finish();

            assertThat(parts).as("declared length %s", declared).singleElement().satisfies(part -> {
                assertThat(part.number()).isEqualTo(1);
                assertThat(part.length()).isZero();
                assertThat(part.buffer().remaining()).isZero();
                assertThat(part.summary()).isEqualTo(new Part.Summary(
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0));
            });
        }
    }

    @Test
    void summarySha256IsTheDigestOfTheWholeSource() throws Exception {
        byte[] source = new byte[5000];
        new Random(42).nextBytes(source);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source));

        List<Part> parts = feed(new PartAssembler(64, (long) source.length), source, 33);

        assertThat(parts.get(parts.size() - 1).summary()).isEqualTo(new Part.Summary(expected, 5000));
        assertThat(concat(parts)).isEqualTo(source);
    }

    @Test
    void chunksThatStraddlePartBoundariesAreSplitAcrossParts() {
        byte[] source = bytes(35);
        PartAssembler assembler = new PartAssembler(PART_SIZE, null);

        List<Part> first = assembler.accept(Unpooled.wrappedBuffer(source, 0, 8));
        List<Part> second = assembler.accept(Unpooled.wrappedBuffer(source, 8, 27));
        List<Part> rest = assembler.finish();

        assertThat(first).isEmpty();
        assertThat(second).extracting(Part::number).containsExactly(1, 2, 3);
        assertThat(copy(second.get(0))).isEqualTo(Arrays.copyOfRange(source, 0, 10));
        assertThat(copy(second.get(1))).isEqualTo(Arrays.copyOfRange(source, 10, 20));
        assertThat(copy(second.get(2))).isEqualTo(Arrays.copyOfRange(source, 20, 30));
        assertThat(rest).singleElement().satisfies(part -> {
            assertThat(part.number()).isEqualTo(4);
            assertThat(part.last()).isTrue();
            assertThat(copy(part)).isEqualTo(Arrays.copyOfRange(source, 30, 35));
        });
    }

    @Test
    void sourceShorterThanDeclaredIsAnIncompleteBody() {
        PartAssembler assembler = new PartAssembler(PART_SIZE, 20L);
        assembler.accept(Unpooled.wrappedBuffer(bytes(12)));

        assertThatThrownBy(assembler::finish).isInstanceOf(IncompleteBody.class)
                .hasMessage("source announced 20 bytes but sent 12");
    }

    @Test
    void sourceLongerThanDeclaredIsAnIncompleteBody() {
        PartAssembler assembler = new PartAssembler(PART_SIZE, 10L);
        assembler.accept(Unpooled.wrappedBuffer(bytes(12)));

        assertThatThrownBy(assembler::finish).isInstanceOf(IncompleteBody.class)
                .hasMessage("source announced 10 bytes but sent 12");
    }

    @Test
    void holdsAFullPartBackUntilLaterBytesArrive() {
        PartAssembler assembler = new PartAssembler(PART_SIZE, null);

        List<Part> afterFullPart = assembler.accept(Unpooled.wrappedBuffer(bytes(PART_SIZE)));
        List<Part> afterOneMoreByte = assembler.accept(Unpooled.wrappedBuffer(new byte[] {7}));
        List<Part> atEnd = assembler.finish();

        assertThat(afterFullPart).isEmpty();
        assertThat(afterOneMoreByte).singleElement().satisfies(part -> {
            assertThat(part.number()).isEqualTo(1);
            assertThat(part.length()).isEqualTo(PART_SIZE);
            assertThat(part.last()).isFalse();
        });
        assertThat(atEnd).singleElement().satisfies(part -> {
            assertThat(part.number()).isEqualTo(2);
            assertThat(copy(part)).containsExactly(7);
            assertThat(part.last()).isTrue();
        });
    }

    @Test
    void heldBackPartBecomesTheLastWhenTheSourceEndsThere() {
        PartAssembler assembler = new PartAssembler(PART_SIZE, (long) PART_SIZE);

        List<Part> accepted = assembler.accept(Unpooled.wrappedBuffer(bytes(PART_SIZE)));
        List<Part> atEnd = assembler.finish();

        assertThat(accepted).isEmpty();
        assertThat(atEnd).singleElement().satisfies(part -> {
            assertThat(part.number()).isEqualTo(1);
            assertThat(copy(part)).isEqualTo(bytes(PART_SIZE));
            assertThat(part.summary().length()).isEqualTo(PART_SIZE);
        });
    }

    @Test
    void readsTheCallersBufferAndCopiesItsBytes() {
        byte[] source = bytes(15);
        ByteBuf buf = Unpooled.wrappedBuffer(source);
        PartAssembler assembler = new PartAssembler(PART_SIZE, null);

        List<Part> parts = new ArrayList<>(assembler.accept(buf));
        Arrays.fill(source, (byte) 0);
        parts.addAll(assembler.finish());

        assertThat(buf.readerIndex()).isEqualTo(15);
        assertThat(buf.isReadable()).isFalse();
        assertThat(buf.refCnt()).as("the caller still owns the buffer").isEqualTo(1);
        assertThat(concat(parts)).as("parts keep the bytes as they were when accepted").isEqualTo(bytes(15));
    }

    /** Feeds the source in chunks, then finishes, and returns every part in the order it was handed on. */
    private static List<Part> feed(PartAssembler assembler, byte[] source, int chunk) {
        List<Part> parts = new ArrayList<>();
        for (int at = 0; at < source.length; at += chunk) {
            parts.addAll(assembler.accept(Unpooled.wrappedBuffer(source, at, Math.min(chunk, source.length - at))));
        }
        parts.addAll(assembler.finish());
        return parts;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i + 1);
        }
        return b;
    }

    private static byte[] copy(Part part) {
        return Arrays.copyOf(part.bytes(), part.length());
    }

    private static byte[] concat(List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(part -> out.write(part.bytes(), 0, part.length()));
        return out.toByteArray();
    }
}
