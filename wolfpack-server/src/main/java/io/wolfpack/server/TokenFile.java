package io.wolfpack.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A secret in the data directory: created at the first start with 256 random bits, readable by
 * its owner only (0600), and read back on every later start. Two exist: {@code token}, the
 * cluster token that every API call may use, and {@code join-token}, which agents and routers use
 * and which opens only their feeds.
 */
public final class TokenFile {
    public static final String NAME = "token";
    public static final String JOIN_NAME = "join-token";

    private TokenFile() {
    }

    /** The cluster token, {@code DATA_DIR/token}. */
    public static String loadOrCreate(Path dataDir) throws IOException {
        return loadOrCreate(dataDir, NAME);
    }

    public static String loadOrCreate(Path dataDir, String name) throws IOException {
        Path file = dataDir.resolve(name);
        if (Files.exists(file)) return read(file);
        Files.createDirectories(dataDir);
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        return token;
    }

    private static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) throw new IOException("the token file " + file + " is empty; delete it to make a new token");
        return token;
    }
}
