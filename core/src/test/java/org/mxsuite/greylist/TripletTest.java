package org.mxsuite.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mxsuite.domain.Cidr;

class TripletTest {
    @ParameterizedTest
    @CsvSource({
        "Alice@Sender.Example, alice@sender.example",
        "alice+newsletter-2026@sender.example, alice@sender.example",
        "prvs=1234abcdef=alice@sender.example, alice@sender.example",
        "SRS0=HHH=TT=orig.example=alice@forwarder.example, alice@orig.example",
        "SRS1=HHH=hop.example==HHH=TT=orig.example=alice@forwarder.example, alice@orig.example",
        "srs0=abcd=x1=orig.example=a=b@forwarder.example, a=b@orig.example",
    })
    void oneSenderIsOneKeyWhateverItsPerMessageTags(String sender, String key) throws Exception {
        assertThat(Triplet.normalizedSender(MaybeSender.of(new MailAddress(sender)))).isEqualTo(key);
    }

    @Test
    void theNullSenderIsAKeyOfItsOwn() {
        assertThat(Triplet.normalizedSender(MaybeSender.nullSender())).isEqualTo("<>");
    }

    @Test
    void clientsOfOneNetworkShareTheirTriplets() throws Exception {
        MailAddress recipient = new MailAddress("Bob@Hosted.Example");
        Triplet one = Triplet.of(InetAddress.getByName("192.0.2.10"), MaybeSender.of(new MailAddress("a@s.example")), recipient, 24, 64);
        Triplet other = Triplet.of(InetAddress.getByName("192.0.2.200"), MaybeSender.of(new MailAddress("a@s.example")), recipient, 24, 64);
        Triplet v6 = Triplet.of(InetAddress.getByName("2001:db8:1:2::99"), MaybeSender.of(new MailAddress("a@s.example")), recipient, 24, 64);

        assertThat(one).isEqualTo(other);
        assertThat(one.network()).isEqualTo(Cidr.parse("192.0.2.0/24"));
        assertThat(one.recipient()).isEqualTo("bob@hosted.example");
        assertThat(v6.network()).isEqualTo(Cidr.parse("2001:db8:1:2::/64"));
    }
}
