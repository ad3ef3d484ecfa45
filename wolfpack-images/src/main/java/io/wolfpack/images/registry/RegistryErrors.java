package io.wolfpack.images.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Renders a registry's error body ({@code {"errors":[{"code","message","detail"}]}}) as one line. */
final class RegistryErrors {
    private static final int MAX_TEXT = 300;

    private RegistryErrors() {
    }

    /** "CODE: message (detail)" per error, joined by "; "; a non-JSON body as its text, cut short; "" for none. */
    static String describe(byte[] body) {
        if (body == null || body.length == 0) return "";
        try {
            JsonNode errors = Manifest.MAPPER.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode e : errors) {
                    String part = e.path("code").asText("?") + ": " + e.path("message").asText("");
                    JsonNode detail = e.path("detail");
                    if (!detail.isMissingNode() && !detail.isNull()) part += " (" + (detail.isTextual() ? detail.asText() : detail.toString()) + ")";
                    parts.add(part);
                }
                return String.join("; ", parts);
            }
        } catch (IOException notJson) {
            // fall through to the text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
