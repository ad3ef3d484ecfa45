package io.wolfpack.images.registry;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTest {
    private static byte[] bytes(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesASchema2ManifestAndDigestsItsBytes() {
        byte[] raw = bytes("{'schemaVersion':2,'mediaType':'" + MediaTypes.DOCKER_MANIFEST + "','config':{'mediaType':'"
                + MediaTypes.DOCKER_CONFIG + "','digest':'" + TestImages.digest("c") + "','size':7},'layers':[{'mediaType':'"
                + MediaTypes.DOCKER_LAYER + "','digest':'" + TestImages.layer("a") + "','size':9}]}");
        Manifest m = Manifest.parse(raw, null, null);
        assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(m.config()).isEqualTo(new Descriptor(MediaTypes.DOCKER_CONFIG, TestImages.digest("c"), 7));
        assertThat(m.layers()).containsExactly(new Descriptor(MediaTypes.DOCKER_LAYER, TestImages.layer("a"), 9));
        assertThat(m.digest()).isEqualTo(Manifest.sha256(raw));
        assertThat(m.raw()).isEqualTo(raw);
    }

    @Test
    void anOciManifestWithoutAMediaTypeFieldTakesTheContentType() {
        byte[] raw = bytes("{'schemaVersion':2,'config':{'mediaType':'" + MediaTypes.OCI_CONFIG + "','digest':'"
                + TestImages.digest("c") + "','size':7},'layers':[]}");
        assertThat(Manifest.parse(raw, MediaTypes.OCI_MANIFEST + "; charset=utf-8", null).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void anIndexIsRefusedAsUnsupported() {
        byte[] raw = bytes("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_INDEX + "','manifests':[{},{}]}");
        assertThatThrownBy(() -> Manifest.parse(raw, null, null))
                .isInstanceOf(UnsupportedManifestException.class)
                .hasMessage("is a multi-platform index (" + MediaTypes.OCI_INDEX + ") of 2 manifests; only single-platform manifests ("
                        + MediaTypes.DOCKER_MANIFEST + ", " + MediaTypes.OCI_MANIFEST + ") are supported");
    }

    @Test
    void aMalformedDescriptorIsNamed() {
        byte[] raw = bytes("{'schemaVersion':2,'mediaType':'" + MediaTypes.DOCKER_MANIFEST + "','config':{'mediaType':'x','digest':'"
                + TestImages.digest("c") + "','size':1},'layers':[{'mediaType':'x','digest':'md5:00','size':1}]}");
        assertThatThrownBy(() -> Manifest.parse(raw, null, null))
                .hasMessage("manifest field 'layers[0]': descriptor digest 'md5:00' must be sha256: followed by 64 lower-case hex digits");
    }
}
