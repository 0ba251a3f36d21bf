package org.mxsuite.panel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The charts are well-formed SVG whose shapes say what the figures say. */
class SvgChartTest {
    private static final List<String> FOUR = List.of("h0", "h1", "h2", "h3");

    @Test
    void barsAreProportionalToTheirValuesAndZeroesDrawNothing() throws Exception {
        Document svg = parse(SvgChart.of("c", "Title", "Description", FOUR).series("delivered", "#2a9d8f", new long[] {10, 0, 40, 25}).bars());

        List<Element> bars = elements(svg, "//*[local-name()='rect' and @class='bar']");
        assertThat(bars).hasSize(3);
        double ten = height(bars.get(0));
        assertThat(height(bars.get(1)) / ten).isCloseTo(4.0, offset(0.01));
        assertThat(height(bars.get(2)) / ten).isCloseTo(2.5, offset(0.01));
        // the axis goes to 50, the round number above 40: 40 is 4/5 of the plot's height
        assertThat(height(bars.get(1))).isCloseTo(SvgChart.PLOT_HEIGHT * 0.8, offset(0.01));
        assertThat(bars.get(1).getTextContent()).isEqualTo("h2: 40 delivered");
    }

    @Test
    void theSeriesOfASlotStandSideBySide() throws Exception {
        Document svg = parse(SvgChart.of("c", "T", "D", FOUR).series("delivered", "#2a9d8f", new long[] {1, 2, 3, 4})
            .series("deferred", "#e9c46a", new long[] {4, 3, 2, 1}).bars());

        List<Element> bars = elements(svg, "//*[local-name()='rect' and @class='bar']");
        assertThat(bars).hasSize(8);
        assertThat(bars).extracting(bar -> bar.getAttribute("fill")).containsOnly("#2a9d8f", "#e9c46a");
        // the first slot's two bars: next to each other, within the slot
        assertThat(x(bars.get(4))).isGreaterThan(x(bars.get(0)));
        assertThat(x(bars.get(4))).isLessThan(x(bars.get(1)));
    }

    @Test
    void theLimitIsADashedLineWithinTheAxis() throws Exception {
        SvgChart chart = SvgChart.of("c", "T", "D", FOUR).series("relayed", "#457b9d", new long[] {10, 20, 30, 40}).limit(200);
        Document svg = parse(chart.bars());

        assertThat(chart.axisMaximum()).isEqualTo(200);
        Element limit = elements(svg, "//*[local-name()='line' and @class='limit']").get(0);
        assertThat(limit.getAttribute("stroke-dasharray")).isNotEmpty();
        assertThat(elements(svg, "//*[local-name()='text' and @class='limit-label']").get(0).getTextContent()).isEqualTo("limit 200");
        assertThat(height(elements(svg, "//*[local-name()='rect' and @class='bar']").get(3))).isCloseTo(SvgChart.PLOT_HEIGHT * 0.2,
            offset(0.01));
    }

    @Test
    void labelsAndTitlesAreEscaped() throws Exception {
        String markup = SvgChart.of("c", "<b>title</b> & co", "\"quoted\" <desc>", List.of("<slot>"))
            .series("<script>alert(1)</script>", "\"/><script>", new long[] {3}).tick(0, "<tick>").bars();
        Document svg = parse(markup);

        assertThat(markup).doesNotContain("<script>", "<b>", "<tick>", "<slot>");
        assertThat(elements(svg, "//*[local-name()='title' and @id='c-title']").get(0).getTextContent()).isEqualTo("<b>title</b> & co");
        assertThat(elements(svg, "//*[local-name()='desc']").get(0).getTextContent()).isEqualTo("\"quoted\" <desc>");
        assertThat(elements(svg, "//*[local-name()='text' and @class='x-label']").get(0).getTextContent()).isEqualTo("<tick>");
        assertThat(elements(svg, "//*[local-name()='script']")).isEmpty();
    }

    @Test
    void anEmptyOrSilentSeriesDrawsTheAxisAndSaysSo() throws Exception {
        Document empty = parse(SvgChart.of("c", "T", "D", List.of()).series("held", "#1d3557", new long[0]).line());
        Document silent = parse(SvgChart.of("c", "T", "D", FOUR).series("delivered", "#2a9d8f", new long[4]).bars());

        for (Document svg : List.of(empty, silent)) {
            assertThat(elements(svg, "//*[local-name()='rect' and @class='bar']")).isEmpty();
            assertThat(elements(svg, "//*[local-name()='text' and @class='empty']")).hasSize(1);
            assertThat(elements(svg, "//*[local-name()='text' and @class='y-label']")).extracting(Element::getTextContent).containsExactly("0", "1");
        }
        assertThatThrownBy(() -> SvgChart.of("c", "T", "D", FOUR).series("x", "#000", new long[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineGoesThroughEverySlotAtItsValue() throws Exception {
        Document svg = parse(SvgChart.of("c", "T", "D", FOUR).series("held", "#1d3557", new long[] {0, 5, 10, 5}).line());

        String[] points = elements(svg, "//*[local-name()='polyline']").get(0).getAttribute("points").split(" ");
        assertThat(points).hasSize(4);
        double bottom = Double.parseDouble(points[0].split(",")[1]);
        double five = Double.parseDouble(points[1].split(",")[1]);
        double ten = Double.parseDouble(points[2].split(",")[1]);
        assertThat(bottom - ten).isCloseTo(2 * (bottom - five), offset(0.02));
        assertThat(bottom - ten).isCloseTo(SvgChart.PLOT_HEIGHT, offset(0.02));
    }

    @Test
    void theChartIsAnImageNamedByItsTitleAndDescription() throws Exception {
        Element root = parse(SvgChart.of("held-chart", "T", "D", FOUR).series("held", "#1d3557", new long[4]).line()).getDocumentElement();

        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-labelledby")).isEqualTo("held-chart-title held-chart-desc");
        assertThat(root.hasAttribute("style")).isFalse();
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static List<Element> elements(Document document, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static double height(Element bar) {
        return Double.parseDouble(bar.getAttribute("height"));
    }

    private static double x(Element bar) {
        return Double.parseDouble(bar.getAttribute("x"));
    }
}
