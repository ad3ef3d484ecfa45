package io.wolfpack.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.wolfpack.core.json.Json;

import java.util.regex.Pattern;

/**
 * The canonical text of a spec, every default written out: JSON as used on the wire and in
 * ZooKeeper, or YAML for people. Both parse back with {@link SpecParser} to an equal spec.
 */
public final class SpecWriter {
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new Quoting()).build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private SpecWriter() {
    }

    public static String json(ServiceSpec spec) {
        return Json.text(spec);
    }

    public static String yaml(ServiceSpec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec '" + spec.name() + "' as YAML", e);
        }
    }

    /**
     * Jackson's default leaves text such as 0x1F, 1e3 or .inf bare, which YAML then reads as a
     * number; quote every value that does not start with a letter, '/' or '_', except the unit
     * forms this writer itself produces (64Mi, 500ms).
     */
    private static final class Quoting extends StringQuotingChecker.Default {
        private static final Pattern UNIT = Pattern.compile("[0-9]+(ms|s|m|h|Ki|Mi|Gi|Ti)");

        @Override
        public boolean needToQuoteValue(String value) {
            if (value.isEmpty() || super.needToQuoteValue(value)) return true;
            char first = value.charAt(0);
            boolean plainStart = Character.isLetter(first) || first == '/' || first == '_';
            return !plainStart && !UNIT.matcher(value).matches();
        }
    }
}
