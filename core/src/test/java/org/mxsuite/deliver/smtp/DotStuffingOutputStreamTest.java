package org.mxsuite.deliver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DotStuffingOutputStreamTest {
    private static String stuff(String content) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(wire);
        data.write(content.getBytes(StandardCharsets.UTF_8));
        data.finish();
        return wire.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLeadingDotIsDoubled() throws IOException {
        assertThat(stuff(".hidden\r\nnot.a.dot\r\n..two\r\n")).isEqualTo("..hidden\r\nnot.a.dot\r\n...two\r\n.\r\n");
    }

    @Test
    void contentWithoutAFinalLineEndGetsOne() throws IOException {
        assertThat(stuff("last line")).isEqualTo("last line\r\n.\r\n");
    }

    @Test
    void bareLineFeedsAndCarriageReturnsBecomeCrLf() throws IOException {
        assertThat(stuff("a\nb\rc\r\n.d\n")).isEqualTo("a\r\nb\r\nc\r\n..d\r\n.\r\n");
    }

    @Test
    void aLoneDotLineCannotEndTheDataEarly() throws IOException {
        assertThat(stuff("before\r\n.\r\nafter\r\n")).isEqualTo("before\r\n..\r\nafter\r\n.\r\n");
    }

    @Test
    void emptyContentIsJustTheTerminator() throws IOException {
        assertThat(stuff("")).isEqualTo(".\r\n");
    }

    /** The bulk path copies runs of plain bytes: whatever the chunking, the wire is the same as byte by byte. */
    @Test
    void anyChunkingGivesTheSameWireAsByteByByte() throws IOException {
        java.util.Random random = new java.util.Random(42);
        byte[] alphabet = {'a', 'b', '.', '\r', '\n', ' '};
        for (int round = 0; round < 500; round++) {
            byte[] content = new byte[random.nextInt(60)];
            for (int i = 0; i < content.length; i++) {
                content[i] = alphabet[random.nextInt(alphabet.length)];
            }
            ByteArrayOutputStream single = new ByteArrayOutputStream();
            DotStuffingOutputStream bytes = new DotStuffingOutputStream(single);
            for (byte b : content) {
                bytes.write(b);
            }
            bytes.finish();
            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            DotStuffingOutputStream chunks = new DotStuffingOutputStream(chunked);
            for (int at = 0; at < content.length; ) {
                int length = Math.min(content.length - at, 1 + random.nextInt(7));
                chunks.write(content, at, length);
                at += length;
            }
            chunks.finish();
            assertThat(chunked.toString(StandardCharsets.ISO_8859_1)).as("round %d", round)
                .isEqualTo(single.toString(StandardCharsets.ISO_8859_1));
        }
    }
}
