package io.wolfpack.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;

/** Instants as JSON strings in the UTC form we write, read fast ({@link UtcInstants}); every other form as Jackson's Java-time module reads it. */
final class InstantReader extends StdScalarDeserializer<Instant> {
    InstantReader() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            Instant fast = UtcInstants.parse(p.getText());
            if (fast != null) return fast;
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
}
