package dev.chainlightning.fec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks the codec against one golden {@code case-*.json} file (format "rs-gf256-case/1", see
 * shared/rs-vectors/README.md): the parity rows, the parity from byte[] and from direct buffers,
 * every recoverable erasure pattern rebuilt bit for bit (erased shards first filled with garbage),
 * and every non-recoverable one refused. Shared by {@code chainlightning fec-vectors} and the tests.
 */
public final class VectorChecker {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    /** Direct buffers are used at this offset so absolute indexing is exercised. */
    private static final int BUFFER_OFFSET = 3;

    /** The checks of one file; no failures means it passed. Each failure names the check. */
    public record Outcome(Path file, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private VectorChecker() {
    }

    /** The case-*.json files of a directory, sorted by name. */
    public static List<Path> caseFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith("case-") && name.endsWith(".json");
            }).sorted().toList();
        }
    }

    public static Outcome check(Path file) {
        return check(file, ReedSolomon.DEFAULT_IMPL);
    }

    static Outcome check(Path file, ReedSolomon.Impl impl) {
        List<String> failures = new ArrayList<>();
        try {
            check(JSON.readTree(file.toFile()), impl, failures);
        } catch (JsonProcessingException e) {
            failures.add("malformed JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            failures.add("unreadable: " + oneLine(String.valueOf(e)));
        } catch (Malformed e) {
            failures.add("malformed: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            failures.add("error: " + oneLine(String.valueOf(e)));
        }
        return new Outcome(file, failures);
    }

    private static void check(JsonNode root, ReedSolomon.Impl impl, List<String> failures) {
        if (!"rs-gf256-case/1".equals(text(root, "format"))) {
            throw new Malformed("format is not rs-gf256-case/1");
        }
        int k = number(root, "dataShards");
        int m = number(root, "parityShards");
        int size = number(root, "shardSize");
        ReedSolomon codec;
        try {
            codec = ReedSolomon.create(k, m, impl);
        } catch (IllegalArgumentException e) {
            throw new Malformed("unsupported shard counts " + k + " + " + m);
        }
        byte[][] rows = hexList(root, "parityRows", m, k);
        byte[][] data = hexList(root, "data", k, size);
        byte[][] parity = hexList(root, "parity", m, size);
        byte[][] expected = new byte[k + m][];
        System.arraycopy(data, 0, expected, 0, k);
        System.arraycopy(parity, 0, expected, k, m);
        List<Erasure> erasures = erasures(root, k + m);

        byte[][] ours = codec.parityRows();
        for (int j = 0; j < m; j++) {
            if (!Arrays.equals(ours[j], rows[j])) {
                failures.add("parityRows: row " + (k + j) + " is " + HEX.formatHex(ours[j]) + ", expected "
                        + HEX.formatHex(rows[j]));
            }
        }
        byte[][] arrays = copies(expected);
        for (int j = k; j < k + m; j++) {
            Arrays.fill(arrays[j], (byte) 0xA5);
        }
        codec.encodeParity(arrays, 0, size);
        compare("parity (byte[])", arrays, expected, k, k + m, failures);
        boolean[] all = new boolean[k + m];
        Arrays.fill(all, true);
        ByteBuffer[] buffers = directCopies(expected, all);
        for (int j = k; j < k + m; j++) {
            fill(buffers[j], (byte) 0xA5);
        }
        codec.encodeParity(buffers, BUFFER_OFFSET, size);
        compare("parity (direct ByteBuffer)", contents(buffers, size), expected, k, k + m, failures);

        for (Erasure erasure : erasures) {
            checkErasure(codec, erasure, expected, size, failures);
        }
    }

    private static void checkErasure(ReedSolomon codec, Erasure erasure, byte[][] expected, int size,
            List<String> failures) {
        int total = expected.length;
        boolean[] present = new boolean[total];
        Arrays.fill(present, true);
        for (int s : erasure.erased) {
            present[s] = false;
        }
        String name = "erasure " + erasure.name;
        byte[][] arrays = copies(expected);
        for (int s : erasure.erased) {
            Arrays.fill(arrays[s], (byte) 0xEE);
        }
        ByteBuffer[] buffers = directCopies(expected, present);
        if (!erasure.recoverable) {
            refused(name + " (byte[])", () -> codec.reconstruct(arrays, present, 0, size), failures);
            refused(name + " (direct ByteBuffer)", () -> codec.reconstruct(buffers, present, BUFFER_OFFSET, size),
                    failures);
            refused(name + " (reconstructData)", () -> codec.reconstructData(arrays, present, 0, size), failures);
            return;
        }
        try {
            codec.reconstruct(arrays, present, 0, size);
            compare(name + " (byte[])", arrays, expected, 0, total, failures);
            codec.reconstruct(buffers, present, BUFFER_OFFSET, size);
            compare(name + " (direct ByteBuffer)", contents(buffers, size), expected, 0, total, failures);
            byte[][] dataOnly = copies(expected);
            for (int s : erasure.erased) {
                Arrays.fill(dataOnly[s], (byte) 0xEE);
            }
            codec.reconstructData(dataOnly, present, 0, size);
            compare(name + " (reconstructData)", dataOnly, expected, 0, codec.dataShards(), failures);
        } catch (NotEnoughShardsException | RuntimeException e) {
            failures.add(name + ": rebuilding failed: " + oneLine(String.valueOf(e)));
        }
    }

    private interface Rebuild {
        void run() throws NotEnoughShardsException;
    }

    private static void refused(String check, Rebuild rebuild, List<String> failures) {
        try {
            rebuild.run();
            failures.add(check + ": not recoverable, but reconstruct did not refuse");
        } catch (NotEnoughShardsException expected) {
            // the codec noticed
        } catch (RuntimeException e) {
            failures.add(check + ": expected NotEnoughShardsException, got " + oneLine(String.valueOf(e)));
        }
    }

    private static void compare(String check, byte[][] actual, byte[][] expected, int from, int to,
            List<String> failures) {
        for (int s = from; s < to; s++) {
            int at = Arrays.mismatch(actual[s], expected[s]);
            if (at >= 0) {
                failures.add(check + ": shard " + s + " differs at byte " + at);
            }
        }
    }

    /** The file does not follow the case format; the message says where. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private record Erasure(String name, int[] erased, boolean recoverable) {
    }

    private static List<Erasure> erasures(JsonNode root, int total) {
        JsonNode list = root.get("erasures");
        if (list == null || !list.isArray()) {
            throw new Malformed("'erasures' is not a list");
        }
        List<Erasure> erasures = new ArrayList<>();
        for (JsonNode entry : list) {
            String name = text(entry, "name");
            JsonNode erased = entry.get("erased");
            JsonNode recoverable = entry.get("recoverable");
            if (erased == null || !erased.isArray() || recoverable == null || !recoverable.isBoolean()) {
                throw new Malformed("erasure '" + name + "' needs 'erased' and 'recoverable'");
            }
            int[] indices = new int[erased.size()];
            for (int i = 0; i < indices.length; i++) {
                JsonNode index = erased.get(i);
                if (!index.canConvertToInt() || index.asInt() < 0 || index.asInt() >= total) {
                    throw new Malformed("erasure '" + name + "' has a bad shard index " + index);
                }
                indices[i] = index.asInt();
            }
            erasures.add(new Erasure(name, indices, recoverable.asBoolean()));
        }
        return erasures;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new Malformed("'" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static int number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isInt() || value.asInt() < 1) {
            throw new Malformed("'" + field + "' is missing or not a positive integer");
        }
        return value.asInt();
    }

    private static byte[][] hexList(JsonNode root, String field, int count, int bytes) {
        JsonNode list = root.get(field);
        if (list == null || !list.isArray() || list.size() != count) {
            throw new Malformed("'" + field + "' must be a list of " + count + " hex strings");
        }
        byte[][] rows = new byte[count][];
        for (int i = 0; i < count; i++) {
            String hex = list.get(i).asText("");
            if (hex.length() != 2 * bytes) {
                throw new Malformed("'" + field + "'[" + i + "] must be " + bytes + " bytes of hex");
            }
            try {
                rows[i] = HEX.parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new Malformed("'" + field + "'[" + i + "] is not hex");
            }
        }
        return rows;
    }

    private static byte[][] copies(byte[][] shards) {
        byte[][] copy = new byte[shards.length][];
        for (int s = 0; s < shards.length; s++) {
            copy[s] = shards[s].clone();
        }
        return copy;
    }

    /** Direct buffers with the shard at BUFFER_OFFSET, guard bytes around it, erased shards garbage. */
    private static ByteBuffer[] directCopies(byte[][] shards, boolean[] present) {
        ByteBuffer[] buffers = new ByteBuffer[shards.length];
        for (int s = 0; s < shards.length; s++) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_OFFSET + shards[s].length + 2);
            fill(buffer, (byte) 0x5A);
            if (present[s]) {
                buffer.put(BUFFER_OFFSET, shards[s]);
            } else {
                for (int b = 0; b < shards[s].length; b++) {
                    buffer.put(BUFFER_OFFSET + b, (byte) 0xEE);
                }
            }
            buffers[s] = buffer;
        }
        return buffers;
    }

    private static void fill(ByteBuffer buffer, byte value) {
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, value);
        }
    }

    private static byte[][] contents(ByteBuffer[] buffers, int size) {
        byte[][] shards = new byte[buffers.length][size];
        for (int s = 0; s < buffers.length; s++) {
            if (buffers[s].position() != 0 || buffers[s].limit() != buffers[s].capacity()) {
                throw new IllegalStateException("codec moved the position or limit of shard " + s);
            }
            buffers[s].get(BUFFER_OFFSET, shards[s]);
        }
        return shards;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
