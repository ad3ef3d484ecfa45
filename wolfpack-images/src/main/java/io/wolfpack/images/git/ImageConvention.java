package io.wolfpack.images.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.wolfpack.core.spec.ImageReference;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The repository convention, as pure decisions: every directory holding a {@code Dockerfile} is an
 * image; an optional {@code image.yaml} beside it sets {@code name} and {@code tag}; otherwise the
 * name is the directory's path in the repository and the tag is "latest".
 */
public final class ImageConvention {
    public static final String DOCKERFILE = "Dockerfile";
    public static final String IMAGE_FILE = "image.yaml";
    public static final String DEFAULT_TAG = "latest";
    private static final Set<String> FIELDS = Set.of("name", "tag");
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Name and tag of one image. */
    public record Identity(String name, String tag) {
    }

    private ImageConvention() {
    }

    /** The directory of a path in the repository ("" for the root). */
    public static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The path of a file in a directory of the repository. */
    public static String pathIn(String dir, String file) {
        return dir.isEmpty() ? file : dir + "/" + file;
    }

    /**
     * Name and tag of the image in {@code dir}; {@code imageYaml} is the text of its image.yaml, or
     * null when there is none. Errors name the file and the field.
     */
    public static Identity identify(String dir, String imageYaml) {
        String file = pathIn(dir, IMAGE_FILE);
        String name = dir;
        String tag = DEFAULT_TAG;
        boolean nameInFile = false;
        if (imageYaml != null && !imageYaml.isBlank()) {
            JsonNode root;
            try {
                root = YAML.readTree(imageYaml);
            } catch (JsonProcessingException e) {
                throw new RepositoryException(file + " is not valid YAML: " + e.getOriginalMessage());
            }
            if (root != null && !root.isNull() && !root.isMissingNode()) {
                if (!root.isObject()) throw new RepositoryException(file + " must be a mapping with the fields name and tag");
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                    var field = it.next();
                    if (!FIELDS.contains(field.getKey())) {
                        throw new RepositoryException(file + ": unknown field '" + field.getKey() + "'; allowed: name, tag");
                    }
                    if (!field.getValue().isTextual()) {
                        throw new RepositoryException(file + ": field '" + field.getKey() + "' must be text, found "
                                + field.getValue() + "; quote it, e.g. " + field.getKey() + ": \"" + field.getValue().asText() + "\"");
                    }
                }
                if (root.has("name")) {
                    name = root.get("name").asText();
                    nameInFile = true;
                }
                if (root.has("tag")) tag = root.get("tag").asText();
            }
        }
        checkName(name, dir, file, nameInFile);
        checkTag(tag, file);
        return new Identity(name, tag);
    }

    private static void checkName(String name, String dir, String file, boolean fromFile) {
        String where = fromFile ? file + ": field 'name'" : "the image in directory '" + (dir.isEmpty() ? "/" : dir) + "'";
        if (name.isEmpty()) {
            throw new RepositoryException(where + " has no name: the Dockerfile at the repository root needs an "
                    + IMAGE_FILE + " with name: NAME");
        }
        ImageReference ref;
        try {
            ref = ImageReference.parse(name);
        } catch (IllegalArgumentException e) {
            throw new RepositoryException(where + ": '" + name + "' is not a valid image name: " + e.getMessage()
                    + (fromFile ? "" : "; rename the directory or set name: in " + file));
        }
        if (ref.registry() != null || ref.tag() != null || ref.digest() != null) {
            throw new RepositoryException(where + ": '" + name + "' must be a bare repository name such as apps/web,"
                    + " without registry host, tag or digest");
        }
    }

    private static void checkTag(String tag, String file) {
        try {
            ImageReference.parse("x:" + tag);
        } catch (IllegalArgumentException e) {
            throw new RepositoryException(file + ": field 'tag' '" + tag + "' is not a valid tag: " + e.getMessage());
        }
    }
}
