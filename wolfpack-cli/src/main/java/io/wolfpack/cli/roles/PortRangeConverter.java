package io.wolfpack.cli.roles;

import io.wolfpack.core.schedule.PortRange;
import picocli.CommandLine;

/** Converts {@code --port-range 20000-29999}. */
public final class PortRangeConverter implements CommandLine.ITypeConverter<PortRange> {
    @Override
    public PortRange convert(String value) {
        String[] parts = value.trim().split("-");
        try {
            if (parts.length != 2) throw new IllegalArgumentException("use FIRST-LAST");
            return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a port range FIRST-LAST within 1-65535, e.g. 20000-29999"
                    + (e instanceof NumberFormatException ? "" : " (" + e.getMessage() + ")"));
        }
    }
}
