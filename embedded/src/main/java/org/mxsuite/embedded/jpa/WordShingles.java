package org.mxsuite.embedded.jpa;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Each word, then the runs of 2 to 4 words that start with it, joined by a space: the tokens Lucene's ShingleFilter
 * gives James's search analyzer for a stream without gaps, as whitespace words are. Lucene's filter copies every
 * attribute of every word for each run it takes part in, which was most of the indexing time; this keeps the words of
 * one window as characters.
 */
final class WordShingles extends TokenFilter {
    private static final int LONGEST = 4;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final PositionLengthAttribute length = addAttribute(PositionLengthAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);

    private final StringBuilder[] words = new StringBuilder[LONGEST];
    private final int[] starts = new int[LONGEST];
    private final int[] ends = new int[LONGEST];
    /** Words in the window, the first one at {@code first}. */
    private int count;
    private int first;
    /** Words in the next token taken from the window's first word; 0 before the first window. */
    private int next;
    private boolean exhausted;

    WordShingles(TokenStream words) {
        super(words);
        for (int i = 0; i < LONGEST; i++) {
            this.words[i] = new StringBuilder();
        }
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (next == 0 || next > count) {
            if (next != 0) {
                first = (first + 1) % LONGEST;
                count--;
            }
            fillWindow();
            if (count == 0) {
                return false;
            }
            next = 1;
        }
        clearAttributes();
        for (int i = 0; i < next; i++) {
            if (i > 0) {
                term.append(' ');
            }
            term.append(words[(first + i) % LONGEST]);
        }
        offset.setOffset(starts[first], ends[(first + next - 1) % LONGEST]);
        position.setPositionIncrement(next == 1 ? 1 : 0);
        length.setPositionLength(next);
        type.setType(next == 1 ? "word" : "shingle");
        next++;
        return true;
    }

    private void fillWindow() throws IOException {
        while (count < LONGEST && !exhausted) {
            if (!input.incrementToken()) {
                exhausted = true;
                return;
            }
            int slot = (first + count) % LONGEST;
            words[slot].setLength(0);
            words[slot].append(term.buffer(), 0, term.length());
            starts[slot] = offset.startOffset();
            ends[slot] = offset.endOffset();
            count++;
        }
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        count = 0;
        first = 0;
        next = 0;
        exhausted = false;
    }
}
