package dev.ferry.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Deterministic test content: the bytes of (seed, size) are the same wherever they are generated. */
public final class Content {

    public static final int CHUNK = 64 * 1024;

    private Content() {
    }

    /** Chunk {@code index} (of {@link #CHUNK} bytes, the last one shorter) of the content of this seed and size. */
    public static byte[] chunk(long seed, long size, long index) {
        long start = index * CHUNK;
        int length = (int) Math.min(CHUNK, size - start);
        byte[] bytes = new byte[length];
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        for (int i = 0; i < length; i += 8) {
            long word = random.nextLong();
            for (int b = 0; b < 8 && i + b < length; b++) {
                bytes[i + b] = (byte) (word >>> (8 * b));
            }
        }
        return bytes;
    }

    public static long chunks(long size) {
        return (size + CHUNK - 1) / CHUNK;
    }

    public static String sha256(long seed, long size) {
        MessageDigest digest = digest();
        for (long i = 0; i < chunks(size); i++) {
            digest.update(chunk(seed, size, i));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
