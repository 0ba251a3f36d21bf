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
}
