package io.wolfpack.cli.roles;

import picocli.CommandLine;

/** A {@code host:port} to bind to, from an option such as {@code --listen 127.0.0.1:7700}. */
public record Listen(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }

    /** Converts option text; a bare port means 127.0.0.1 (never all interfaces unless told). */
    public static final class Converter implements CommandLine.ITypeConverter<Listen> {
        @Override
        public Listen convert(String value) {
            String v = value.trim();
            int colon = v.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : v.substring(0, colon);
            String port = colon < 0 ? v : v.substring(colon + 1);
            try {
                int p = Integer.parseInt(port);
                if (p < 0 || p > 65535) throw new NumberFormatException();
                if (host.isEmpty()) throw new CommandLine.TypeConversionException("'" + value + "': give a host, e.g. 127.0.0.1:" + p);
                return new Listen(host, p);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not host:port with a port 0-65535, e.g. 127.0.0.1:7700");
            }
        }
    }
}
