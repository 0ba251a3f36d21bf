package org.mxsuite.embedded.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mailbox.lucene.search.LenientImapSearchAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;

class SearchTermAnalyzerTest {
    private static final List<String> FIELDS = List.of(
        "Quarterly report: revenue up 12% in Q3",
        "alice@shop.example, \"Bob Builder\" <bob@builders.example>",
        "",
        "one",
        "two words",
        "three short words",
        "  leading and trailing spaces  ",
        "a much longer body with\ttabs and\r\nline breaks, Ümlaut, ÉCOLE and repeated repeated repeated words "
            + "x".repeat(300) + " end",
        randomWords(new java.util.Random(7), 2000));

    @Test
    void givesJamesAnalyzersTermsWhileReusingItsChain() throws IOException {
        Analyzer james = new LenientImapSearchAnalyzer();
        Analyzer reused = new SearchTermAnalyzer();
        // twice over, so that the second round runs on chains left over from the first
        for (int round = 0; round < 2; round++) {
            for (String field : FIELDS) {
                assertThat(terms(reused.reusableTokenStream("body", new StringReader(field))))
                    .as(field)
                    .isEqualTo(terms(james.tokenStream("body", new StringReader(field))));
            }
        }
    }

    @Test
    void reusesOneChainPerThread() throws IOException {
        Analyzer reused = new SearchTermAnalyzer();
        TokenStream first = reused.reusableTokenStream("subject", new StringReader("a b"));
        terms(first);
        assertThat(reused.reusableTokenStream("body", new StringReader("c d"))).isSameAs(first);
    }

    private static List<String> terms(TokenStream stream) throws IOException {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute position = stream.addAttribute(PositionIncrementAttribute.class);
        OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
        TypeAttribute type = stream.addAttribute(TypeAttribute.class);
        PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
        List<String> terms = new ArrayList<>();
        stream.reset();
        while (stream.incrementToken()) {
            terms.add(term + "+" + position.getPositionIncrement() + "@" + offset.startOffset() + "-" + offset.endOffset()
                + " " + type.type() + "/" + length.getPositionLength());
        }
        stream.end();
        terms.add("end at " + offset.endOffset());
        return terms;
    }

    private static String randomWords(java.util.Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("abcdefghij".substring(0, 1 + random.nextInt(10))).append(random.nextInt(5) == 0 ? "\r\n" : " ");
        }
        return text.toString();
    }
}
