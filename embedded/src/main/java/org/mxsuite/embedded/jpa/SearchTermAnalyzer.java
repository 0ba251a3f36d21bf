package org.mxsuite.embedded.jpa;

import java.io.Reader;

import org.apache.james.mailbox.lucene.search.LenientImapSearchAnalyzer;
import org.apache.james.mailbox.lucene.search.UpperCaseFilter;
import org.apache.lucene.analysis.ReusableAnalyzerBase;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.WhitespaceTokenizer;
import org.apache.lucene.util.Version;

/**
 * The terms of James's {@link LenientImapSearchAnalyzer} (whitespace, upper case, runs of 2 to 4 words:
 * {@link WordShingles}), from one chain per thread that is reset for each field. James's analyzer builds a new chain
 * for every field of every message, and its tokenizer's buffer alone was a quarter of all the memory the server
 * allocated while delivering.
 */
final class SearchTermAnalyzer extends ReusableAnalyzerBase {
    @Override
    protected TokenStreamComponents createComponents(String field, Reader reader) {
        Tokenizer words = new WhitespaceTokenizer(Version.LUCENE_31, reader);
        return new TokenStreamComponents(words, new WordShingles(new UpperCaseFilter(words)));
    }
}
